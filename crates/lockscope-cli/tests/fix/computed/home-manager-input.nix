{ url = "github:nix-community/home-manager"; }
