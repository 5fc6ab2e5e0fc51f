let
  owner = "hyprwm";
in
{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs";
    home-manager = import ./home-manager-input.nix;
    hyprland.url = "github:${owner}/Hyprland";
  };
  outputs = _: { };
}
