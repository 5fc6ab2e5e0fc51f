# shellcheck shell=bash disable=SC2034 # read by the scripts that source this
# The one place that pins the web tools the scripts install. The flake takes
# nixpkgs' builds instead, and scripts/check-pins fails when the two disagree.
# Not here on purpose: Rust (rust-toolchain.toml) and wasm-bindgen (Cargo.lock),
# whose versions the scripts read from those files.
# Plain NAME=VALUE lines: sourced by bash, read by scripts/check-pins.

TRUNK_VERSION=0.21.14
# npm's binaryen package; its wasm-opt reports `version_132`.
BINARYEN_VERSION=132.0.0
STATIC_WEB_SERVER_VERSION=2.44.1
# cargo-fuzz for scripts/fuzz (the fuzz targets of fuzz/, run by scripts/check).
CARGO_FUZZ_VERSION=0.13.2
