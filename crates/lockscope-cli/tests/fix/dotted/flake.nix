{
  description = "Dotted inputs";
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  inputs.home-manager.url = "github:nix-community/home-manager";
  inputs.hyprland.url = "github:hyprwm/Hyprland";   # compositor
  inputs.hyprland.inputs.hyprlang.url = "github:hyprwm/hyprlang";

  outputs = inputs: { };
}
