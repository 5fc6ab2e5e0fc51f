//! "Download SVG": the picture as a file of its own, whole (none of the page's pan and
//! zoom) and self-contained: the page's rules for it, which all name `.graph-svg`, go in
//! with it, so that it looks as it does in the page, light or dark.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, CssStyleSheet, Element, HtmlElement, Url, XmlSerializer};

use leptos::prelude::*;

use super::picture::SVG_NS;

/// The file's name.
const FILE_NAME: &str = "dependency-graph.svg";

/// Saves the picture in `svg`, a drawing of this size, as a file.
pub fn download(svg: &Element, (width, height): (u64, u64)) {
    let _ = save(svg, width, height);
}

fn save(svg: &Element, width: u64, height: u64) -> Option<()> {
    let file = svg
        .clone_node_with_deep(true)
        .ok()?
        .dyn_into::<Element>()
        .ok()?;
    file.query_selector(".camera")
        .ok()??
        .remove_attribute("transform")
        .ok()?;
    for (name, value) in [
        ("width", width.to_string()),
        ("height", height.to_string()),
        ("viewBox", format!("0 0 {width} {height}")),
    ] {
        file.set_attribute(name, &value).ok()?;
    }
    let style = document().create_element_ns(Some(SVG_NS), "style").ok()?;
    style.set_text_content(Some(&rules()));
    file.prepend_with_node_1(&style).ok()?;
    let text = XmlSerializer::new().ok()?.serialize_to_string(&file).ok()?;

    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = web_sys::js_sys::Array::of1(&text.into());
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let link = document()
        .create_element("a")
        .ok()?
        .dyn_into::<HtmlElement>()
        .ok()?;
    link.set_attribute("href", &url).ok()?;
    link.set_attribute("download", FILE_NAME).ok()?;
    link.click();
    Url::revoke_object_url(&url).ok()
}

/// The page's style rules for the picture: those that name `.graph-svg`.
fn rules() -> String {
    let sheets = document().style_sheets();
    let mut out = String::new();
    for index in 0..sheets.length() {
        let Some(sheet) = sheets
            .item(index)
            .and_then(|s| s.dyn_into::<CssStyleSheet>().ok())
        else {
            continue;
        };
        let Ok(list) = sheet.css_rules() else {
            continue;
        };
        for rule in (0..list.length()).filter_map(|i| list.item(i)) {
            let text = rule.css_text();
            if text.contains(".graph-svg") {
                out += &text;
                out.push('\n');
            }
        }
    }
    out
}
