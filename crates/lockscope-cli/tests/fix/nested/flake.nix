{
  description = "Inputs nested in one set";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

    # Home Manager, for the user's dotfiles.
    home-manager = {
      url = "github:nix-community/home-manager";
    };

    hyprland = {
      url = "github:hyprwm/Hyprland"; # the compositor
      inputs = {
        hyprlang.url = "github:hyprwm/hyprlang";
      };
    };
  };

  outputs = { self, nixpkgs, ... }@inputs: {
    packages = { };
  };
}
