{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs";
    home-manager = "github:nix-community/home-manager";
    hyprland.url = "github:hyprwm/Hyprland";
  };
  outputs = _: { };
}
