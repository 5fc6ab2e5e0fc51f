//! Nix hashes as Nix prints them in a flake reference: SRI (`sha256-<base64>`).

const NIX32: &[u8] = b"0123456789abcdfghijklmnpqrsvwxyz";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The SRI form of a `narHash` value as Nix's `Hash::parseSRI` + `to_string(SRI)` print it.
/// Nix reads an empty narHash as the all-zero SHA-256; old `sha256:<nix32|hex>` forms are
/// converted; anything else is returned unchanged.
pub fn sri(nar_hash: &str) -> String {
    if nar_hash.is_empty() {
        return format!("sha256-{}", base64(&[0; 32]));
    }
    let Some(digest) = nar_hash.strip_prefix("sha256:") else {
        return nar_hash.to_string();
    };
    let bytes = match digest.len() {
        52 => decode_nix32(digest),
        64 => decode_hex(digest),
        _ => None,
    };
    bytes.map_or_else(
        || nar_hash.to_string(),
        |b| format!("sha256-{}", base64(&b)),
    )
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Nix's base-32: least significant digit last, 5 bits per character, 32 bytes for SHA-256.
fn decode_nix32(s: &str) -> Option<Vec<u8>> {
    let mut out = vec![0u8; 32];
    for (n, c) in s.bytes().rev().enumerate() {
        let digit = NIX32.iter().position(|&d| d == c)? as u16;
        let bit = n * 5;
        let (i, j) = (bit / 8, bit % 8);
        out[i] |= (digit << j) as u8;
        let carry = digit >> (8 - j);
        if i + 1 < 32 {
            out[i + 1] |= carry as u8;
        } else if carry != 0 {
            return None;
        }
    }
    Some(out)
}

fn base64(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sri_is_kept() {
        let h = "sha256-D740uKsMbgsfK2oaDenJLLPIZfq7W0/g4KN/Fls8eKs=";
        assert_eq!(sri(h), h);
    }

    #[test]
    fn empty_is_the_zero_hash() {
        assert_eq!(
            sri(""),
            "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        );
    }

    #[test]
    fn old_forms_convert() {
        // The same digest (sha256 of the empty string) in hex and in Nix's base-32.
        let expected = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        assert_eq!(
            sri("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            expected
        );
        assert_eq!(
            sri("sha256:0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"),
            expected
        );
    }
}
