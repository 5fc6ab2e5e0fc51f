{
	description = "Bare strings and one-line sets, indented with tabs";

	inputs.nixpkgs.url = "github:NixOS/nixpkgs";
	inputs.home-manager = "github:nix-community/home-manager"; # bare
	inputs.hyprland = { url = "github:hyprwm/Hyprland"; };

	outputs = { self, ... }: { };
}
