//! The engine's JSON reader and serde_json, the reference, compared on one text: the same
//! accept or reject, the same values. Shared by the tests (`json_reader.rs`) and the
//! `json_reader` fuzz target.

use lockscope_core::json::{self, Json, Number};
use serde_json::Value;

/// A value written out canonically: objects' keys sorted, integers exact, other numbers `#`.
pub fn ours(value: Json) -> String {
    match value {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(Number::Unsigned(n)) => n.to_string(),
        Json::Number(Number::Negative(n)) => n.to_string(),
        Json::Number(Number::Other) => "#".into(),
        Json::String(s) => format!("{s:?}"),
        Json::Array(items) => {
            let items: Vec<String> = items.into_iter().map(ours).collect();
            format!("[{}]", items.join(","))
        }
        Json::Object(object) => {
            let members: Vec<String> = object
                .into_members()
                .map(|(key, value)| format!("{key:?}:{}", ours(value)))
                .collect();
            format!("{{{}}}", members.join(","))
        }
    }
}

pub fn reference(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(n), _) => n.to_string(),
            (None, Some(n)) => n.to_string(),
            _ => "#".into(),
        },
        Value::String(s) => format!("{s:?}"),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(reference).collect();
            format!("[{}]", items.join(","))
        }
        Value::Object(map) => {
            let members: Vec<String> = map
                .iter()
                .map(|(key, value)| format!("{key:?}:{}", reference(value)))
                .collect();
            format!("{{{}}}", members.join(","))
        }
    }
}

/// Both readers agree on `text`; returns whether it is JSON.
pub fn agree(text: &str) -> bool {
    let expected = serde_json::from_str::<Value>(text).map(|v| reference(&v));
    let found = json::parse(text).map(ours);
    match (&expected, &found) {
        (Ok(expected), Ok(found)) => assert_eq!(found, expected, "read differently: {text:?}"),
        (Err(_), Err(_)) => {}
        // The one difference by design: a number too big for a float is an error to
        // serde_json and a number (not an integer) to a lock, as wrong as any other.
        (Err(e), Ok(_)) if e.to_string().starts_with("number out of range") => {}
        _ => panic!("serde_json: {expected:?}, ours: {found:?}, for {text:?}"),
    }
    expected.is_ok()
}
