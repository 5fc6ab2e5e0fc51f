{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs";
  inputs.home-manager.url = "github:nix-community/home-manager";
  inputs.hyprland = {
    url = "github:hyprwm/Hyprland";
  };
  inputs.hyprland = {
    inputs.hyprlang.url = "github:hyprwm/hyprlang";
  };
  outputs = _: { };
}
