let
  sources = {
    home-manager.url = "github:nix-community/home-manager";
  };
in
{
  inputs = {
    inherit (sources) home-manager;
    nixpkgs.url = "github:NixOS/nixpkgs";
    hyprland.url = "github:hyprwm/Hyprland";
  };
  outputs = _: { };
}
