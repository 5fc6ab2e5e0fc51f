//! The engine's JSON reader against serde_json, the reference: on every corpus file, on
//! each of them cut short and mangled, and on the corners of the grammar, both accept the
//! same texts and read the same values.

mod json_compare;

use json_compare::{agree, ours};
use lockscope_core::json::{self, MAX_DEPTH};
use serde_json::Value;

#[test]
fn the_corners_of_the_grammar_read_as_serde_json_reads_them() {
    let cases = [
        "",
        " ",
        "null",
        "true",
        "false",
        "nul",
        "tru",
        "falsey",
        "0",
        "-0",
        "01",
        "-",
        "1.",
        ".5",
        "1.5",
        "1e5",
        "1E+5",
        "1e-5",
        "1e",
        "-1",
        "12345678901234567890",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
        "\"\\u00e9\\u20AC\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ud83dx\"",
        "\"\\ude00\"",
        "\"\\ud83d\\u0041\"",
        "\"\\u12\"",
        "\"\\uzzzz\"",
        "\"\\x\"",
        "\"tab\there\"",
        "\"nl\nhere\"",
        "\"\u{7f}\u{e9}\u{1f600}\"",
        "\"open",
        "[]",
        "[ ]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "[1,2",
        "[",
        "]",
        "{}",
        "{ }",
        "{\"a\":1}",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":}",
        "{\"a\":1 \"b\":2}",
        "{\"b\":1,\"a\":2,\"b\":3}",
        "{\"\":0}",
        "{\"a\":{\"b\":[{},[]]}}",
        "1 2",
        "{} x",
        "\u{feff}{}",
        " \t\r\n[1]\n ",
        "[1]\u{a0}",
        "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}",
        "[-]",
        "[-1.5e-3]",
        "[0.0]",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "[\"\\",
        "[\"\\u",
        "[\"\\ud800\\",
    ];
    let accepted = cases.iter().filter(|text| agree(text)).count();
    assert!(
        accepted > 20 && accepted < cases.len(),
        "{accepted} accepted"
    );
}

#[test]
fn a_string_ends_or_escapes_wherever_the_eight_byte_scan_meets_it() {
    // The reader scans strings eight bytes at a time: a quote, a backslash or a control
    // character at each place of a word, after text of bytes close to those (space, `!`,
    // `[`, `]`, DEL) and of characters of two and four bytes.
    for filler in ["a", "é", " !", "[]\u{7f}", "\u{1f600}"] {
        for len in 0..20 {
            let plain = filler.repeat(len);
            for stop in ["\"", "\\n", "\\\"", "\u{1f}", "\t", "\\u00e9"] {
                agree(&format!("[\"{plain}{stop}{plain}\", \"{plain}\"]"));
            }
        }
    }
}

#[test]
fn numbers_beyond_a_float_are_numbers_still() {
    // serde_json refuses them; to a lock they are as wrong as any number but an integer.
    assert!(serde_json::from_str::<Value>("1e999").is_err());
    assert_eq!(
        json::parse("[1e999, -1e999]").map(ours),
        Ok("[#,#]".to_string())
    );
}

#[test]
fn nesting_is_refused_past_the_same_depth() {
    for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
        agree(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        agree(&format!(
            "{}1{}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        ));
    }
    assert!(!agree(&"[".repeat(100_000)));
}

#[test]
fn corpus_files_cut_short_and_mangled_read_as_serde_json_reads_them() {
    let Some(corpus) = lockscope_fixtures::corpus(
        "json_reader::corpus_files_cut_short_and_mangled_read_as_serde_json_reads_them",
    ) else {
        return;
    };
    let mut checked = 0;
    for (index, case) in lockscope_fixtures::cases(&corpus).into_iter().enumerate() {
        let text = case.read_lock();
        assert!(agree(&text), "{}", case.name);
        // Cut at, and characters replaced around, places spread over every fourth file.
        if index % 4 != 0 {
            continue;
        }
        let places: Vec<usize> = (1..20)
            .map(|k| text.len() * k / 20)
            .filter(|&at| text.is_char_boundary(at))
            .collect();
        for &at in &places {
            agree(&text[..at]);
            let rest = &text[at..];
            let next = rest.chars().next().map_or(0, char::len_utf8);
            for replacement in ["", "\"", "\\", "{", "]", ",", ":", "0", "-", "\u{1}", "é"] {
                agree(&format!("{}{replacement}{}", &text[..at], &rest[next..]));
            }
            checked += 12;
        }
    }
    println!("{checked} cut or mangled corpus files read as serde_json reads them");
    assert!(checked > 1000);
}
