//! "Download SVG": the picture as a file of its own, whole (none of the page's pan, zoom or
//! highlight) and self-contained: the worker's markup, with the page's rules for it, which
//! all name `.graph-svg`, so that it looks as it does in the page, light or dark.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, CssStyleSheet, HtmlElement, Url};

use super::drawing::Drawing;
use super::picture::SVG_NS;

/// The file's name.
const FILE_NAME: &str = "dependency-graph.svg";

/// Saves a drawing as a file.
pub fn download(drawing: &Drawing) {
    let (width, height) = (drawing.width, drawing.height);
    let text = format!(
        r#"<svg xmlns="{SVG_NS}" class="graph-svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"><style><![CDATA[{}]]></style>{}</svg>"#,
        rules(),
        drawing.svg
    );
    let _ = save(&text);
}

fn save(text: &str) -> Option<()> {
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = web_sys::js_sys::Array::of1(&text.into());
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let link: HtmlElement = document().create_element("a").ok()?.dyn_into().ok()?;
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
