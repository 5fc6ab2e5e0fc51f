{
  description = "Lockscope: look inside a Nix flake.lock, in the browser or on the command line";

  # crane's trunk example, at the pins crane's own CI builds it with (see flake.lock).
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixpkgs-unstable";

    crane.url = "github:ipetkov/crane";

    flake-parts = {
      url = "github:hercules-ci/flake-parts";
      inputs.nixpkgs-lib.follows = "nixpkgs";
    };

    rust-overlay = {
      url = "github:oxalica/rust-overlay";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs =
    inputs@{ flake-parts, ... }:
    flake-parts.lib.mkFlake { inherit inputs; } (
      { withSystem, ... }:
      {
        # `nixpkgs.overlays = [ lockscope.overlays.default ]` adds `pkgs.lockscope`: the CLI as
        # this flake builds it (its toolchain, its nixpkgs), whatever nixpkgs the user has.
        flake.overlays.default =
          final: _prev:
          withSystem final.stdenv.hostPlatform.system (
            { config, ... }:
            {
              inherit (config.packages) lockscope;
            }
          );

        systems = [
          "x86_64-linux"
          "aarch64-linux"
          "x86_64-darwin"
          "aarch64-darwin"
        ];

        perSystem =
          {
            config,
            lib,
            pkgs,
            system,
            ...
          }:
          let
            # One toolchain for everyone: rustup reads the same file (with the wasm32 target).
            craneLib = (inputs.crane.mkLib pkgs).overrideToolchain (
              p: p.rust-bin.fromRustupToolchainFile ./rust-toolchain.toml
            );

            # wasm-bindgen-cli must be exactly the wasm-bindgen that Cargo.lock locks, so the
            # version is read from there rather than repeated.
            wasmBindgenVersion =
              let
                cargoLock = builtins.fromTOML (builtins.readFile ./Cargo.lock);
                missing = throw "Cargo.lock locks no wasm-bindgen";
              in
              (lib.findFirst (p: p.name == "wasm-bindgen") missing cargoLock.package).version;
            wasmBindgenAttr =
              "wasm-bindgen-cli_" + lib.replaceStrings [ "." ] [ "_" ] wasmBindgenVersion;
            wasm-bindgen-cli =
              pkgs.${wasmBindgenAttr} or (throw ''
                Cargo.lock locks wasm-bindgen ${wasmBindgenVersion}, but this nixpkgs has no
                pkgs.${wasmBindgenAttr}, and the wasm-bindgen CLI must be exactly the crate's version.
                Pin wasm-bindgen in Cargo.toml (`wasm-bindgen = "=X.Y.Z"`) to a version that this
                nixpkgs packages as wasm-bindgen-cli_X_Y_Z, or update the nixpkgs input.
              '');

            # Rust sources, plus whatever else git tracks under crates/ (test data, included docs).
            cargoSources = lib.fileset.unions [
              (craneLib.fileset.commonCargoSources ./.)
              ./crates
            ];
            cargoSrc = lib.fileset.toSource {
              root = ./.;
              fileset = cargoSources;
            };
            # What trunk reads besides Rust: the page, its config, styles, assets, and the
            # flake.lock that index.html copies into the site as the app's default lock.
            siteSrc = lib.fileset.toSource {
              root = ./.;
              fileset = lib.fileset.unions [
                cargoSources
                ./index.html
                ./Trunk.toml
                ./flake.lock
                (lib.fileset.maybeMissing ./style)
                (lib.fileset.maybeMissing ./public)
              ];
            };

            commonArgs = {
              strictDeps = true;

              buildInputs = lib.optionals pkgs.stdenv.isDarwin [
                pkgs.libiconv
              ];
            };

            # The browser side, built for wasm32: the app (the root package) and the fixer's
            # worker, the one crate with the engine's flake.nix editor (rnix), so that its
            # dependencies are built once here and linted with the rest.
            wasmArgs = commonArgs // {
              src = siteSrc;
              cargoExtraArgs = "--locked --package=lockscope-app --package=lockscope-fix-worker";
              CARGO_BUILD_TARGET = "wasm32-unknown-unknown";
            };
            wasmArtifacts = craneLib.buildDepsOnly (
              wasmArgs
              // {
                # You cannot run cargo test on a wasm build
                doCheck = false;
              }
            );
            # The static site: a directory to copy to any web server.
            site = craneLib.buildTrunkPackage (
              wasmArgs
              // {
                cargoArtifacts = wasmArtifacts;
                inherit wasm-bindgen-cli;
              }
            );

            # The native side: the engine and the CLI, never the app (leptos is for the browser).
            nativeArgs = commonArgs // {
              src = cargoSrc;
              pname = "lockscope";
              cargoExtraArgs = "--locked --package=lockscope-core --package=lockscope-cli";
            };
            nativeArtifacts = craneLib.buildDepsOnly nativeArgs;
            # The CLI is built for speed: Cargo.toml's `cli` profile (`release` is the wasm's,
            # built for size), its dependencies too. The checks keep `release`.
            cliArgs = nativeArgs // {
              CARGO_PROFILE = "cli";
            };
            lockscope = craneLib.buildPackage (
              cliArgs
              // {
                cargoArtifacts = craneLib.buildDepsOnly cliArgs;
                # The tests run once, in checks.lockscope-test.
                doCheck = false;
                meta.mainProgram = "lockscope";
              }
            );

            # `nix run .#serve` runs scripts/serve-site, with the repository's server config.
            serve-site = pkgs.writeShellApplication {
              name = "serve-site";
              runtimeInputs = [ pkgs.static-web-server ];
              text = builtins.readFile ./scripts/serve-site;
            };
            serve = pkgs.writeShellApplication {
              name = "lockscope-serve";
              runtimeInputs = [ serve-site ];
              text = ''
                LOCKSCOPE_SERVER_CONFIG=${./scripts/static-web-server.toml} exec serve-site ${site} "$@"
              '';
            };

            nixFiles = lib.fileset.toSource {
              root = ./.;
              fileset = lib.fileset.fileFilter (file: file.hasExt "nix") ./.;
            };
          in
          {
            _module.args.pkgs = import inputs.nixpkgs {
              inherit system;
              overlays = [ (import inputs.rust-overlay) ];
            };

            packages = {
              inherit site lockscope;
              default = site;
            };

            # `nix fmt`: the formatter checks.nix-fmt holds every .nix file to.
            formatter = pkgs.nixfmt;

            apps = {
              serve = {
                program = serve;
                meta.description = "Serve the site locally with static-web-server";
              };
              default = config.apps.serve;
            };

            checks = {
              inherit site lockscope;

              site-clippy = craneLib.cargoClippy (
                wasmArgs
                // {
                  cargoArtifacts = wasmArtifacts;
                  cargoClippyExtraArgs = "--all-targets -- --deny warnings";
                }
              );

              lockscope-clippy = craneLib.cargoClippy (
                nativeArgs
                // {
                  cargoArtifacts = nativeArtifacts;
                  cargoClippyExtraArgs = "--all-targets -- --deny warnings";
                }
              );

              lockscope-test = craneLib.cargoTest (
                nativeArgs
                // {
                  cargoArtifacts = nativeArtifacts;
                  # The corpus of real locks (../shared/fixtures) is outside the sandbox: its
                  # tests say that they skip; every other test runs.
                  LOCKSCOPE_FIXTURES = "skip";
                  # The CLI's network tests answer themselves on 127.0.0.1, which Darwin's
                  # sandbox allows only when asked (Linux's has its own loopback); with none,
                  # they say that they skip.
                  __darwinAllowLocalNetworking = true;
                }
              );

              # The engine's and the CLI's API docs, with rustdoc's warnings (broken links, and the
              # engine's missing docs) denied.
              doc = craneLib.cargoDoc (
                nativeArgs
                // {
                  cargoArtifacts = nativeArtifacts;
                  env.RUSTDOCFLAGS = "--deny warnings";
                }
              );

              fmt = craneLib.cargoFmt { src = cargoSrc; };

              nix-fmt =
                pkgs.runCommand "lockscope-nix-fmt" { nativeBuildInputs = [ pkgs.nixfmt ]; }
                  ''
                    find ${nixFiles} -name '*.nix' -exec nixfmt --check {} +
                    touch $out
                  '';
            };

            devShells.default = craneLib.devShell {
              # Everything the checks build with: toolchain, trunk, wasm-bindgen-cli, binaryen...
              checks = config.checks;

              packages = [
                pkgs.trunk
                wasm-bindgen-cli
                pkgs.binaryen
                pkgs.static-web-server
                # scripts/precompress and scripts/size-report
                pkgs.brotli
                pkgs.nodejs
                pkgs.nixfmt
                pkgs.python3Minimal
              ];

              # trunk takes a tool from PATH only when it has the version trunk wants (else it
              # downloads one): tell it the versions at hand, as buildTrunkPackage does.
              shellHook = ''
                TRUNK_TOOLS_WASM_BINDGEN=$(wasm-bindgen --version | cut -d' ' -f2)
                TRUNK_TOOLS_WASM_OPT="version_$(wasm-opt --version | cut -d' ' -f3)"
                export TRUNK_TOOLS_WASM_BINDGEN TRUNK_TOOLS_WASM_OPT
              '';
            };
          };
      }
    );
}
