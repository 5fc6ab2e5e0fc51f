//! Flake references printed as Nix prints them, their sources and forge links, and URL
//! parsing and percent-encoding, on references no lock check filtered.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use lockscope_core::flakeref::ForgePage;
use lockscope_core::url::{decode_query, percent_decode, percent_encode, ParsedUrl};
use lockscope_fuzz::ArbitraryRef;

#[derive(Arbitrary, Debug)]
struct Input {
    reference: ArbitraryRef,
    text: String,
    /// Which characters `percent_encode` keeps: the sets the engine passes.
    keep: u8,
    page: (String, String),
}

fuzz_target!(|input: Input| {
    let reference = input.reference.flake_ref();
    let _ = reference.to_url();
    let _ = reference.source();
    let _ = reference.forge_host();
    let links = reference.forge_link().into_iter().chain(
        reference
            .forge_repo()
            .map(|repo| {
                let (a, b) = input.page.clone();
                [
                    ForgePage::Home,
                    ForgePage::Commit(a.clone()),
                    ForgePage::Tree(b.clone()),
                    ForgePage::Compare(a, b),
                ]
                .map(|page| repo.page_url(page))
            })
            .into_iter()
            .flatten(),
    );
    for link in links {
        // A front shows it as a link as it is: https, and nothing that could leave an
        // attribute or a Markdown link.
        let link = link.as_str();
        assert!(link.starts_with("https://"), "{link}");
        assert!(
            link.chars()
                .all(|c| c.is_ascii_graphic() && !"\"'<>\\`()[]{}|^".contains(c)),
            "{link}"
        );
    }

    let keep = ["", ":@", ":@/?", "~", "/"][usize::from(input.keep % 5)];
    let encoded = percent_encode(&input.text, keep);
    assert!(encoded.is_ascii(), "{encoded}");
    assert_eq!(percent_decode(&encoded), input.text);
    let _ = percent_decode(&input.text);
    let _ = decode_query(&input.text);
    if let Some(url) = ParsedUrl::parse(&input.text) {
        let _ = url.host();
        let _ = url.segments();
        let printed = url.to_string();
        // Printed once, a URL prints the same again.
        let again = ParsedUrl::parse(&printed).expect("a printed URL parses");
        assert_eq!(again.to_string(), printed);
    }
});
