# A flake that mixes every style.
{
  description = "Mixed";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    systems.url = "github:nix-systems/default";


    "home-manager" = {
      url = "github:nix-community/home-manager";
      /* flake = true; */
    };
  };

  # The compositor, written dotted.
  inputs.hyprland.url = "github:hyprwm/Hyprland";
  inputs.hyprland.inputs.hyprlang = {
    url = "github:hyprwm/hyprlang";
  };

  outputs =
    { self, nixpkgs, ... }:
    {
      formatter = nixpkgs;
    };
}
