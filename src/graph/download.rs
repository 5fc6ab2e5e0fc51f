//! "Download SVG": the picture as a file of its own, whole (none of the page's pan, zoom or
//! highlight) and self-contained: a copy of the `<svg>`, serialized as XML, with the graph's
//! style rules, which all name `.graph-svg`, so that it looks as it does in the page, light
//! or dark.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, CssStyleSheet, Element, HtmlElement, Url, XmlSerializer};

use super::drawing::Drawing;

/// The file's name.
const FILE_NAME: &str = "dependency-graph.svg";

/// Saves the picture in `svg`, a drawing of `drawing`, as a file.
pub fn download(svg: &Element, drawing: &Drawing) {
    let _ = whole(svg, drawing).and_then(|text| save(&text));
}

/// The picture's markup, whole and with its styles.
fn whole(svg: &Element, drawing: &Drawing) -> Option<String> {
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let (width, height) = (drawing.width.to_string(), drawing.height.to_string());
    copy.set_attribute("width", &width).ok()?;
    copy.set_attribute("height", &height).ok()?;
    copy.set_attribute("viewBox", &format!("0 0 {width} {height}"))
        .ok()?;
    copy.remove_attribute("aria-label").ok()?;
    let camera = copy.query_selector("g.camera").ok()??;
    camera.remove_attribute("transform").ok()?;
    let lit = copy.query_selector_all(".lit, [aria-current]").ok()?;
    for element in (0..lit.length()).filter_map(|i| lit.item(i)) {
        let element: Element = element.dyn_into().ok()?;
        element.class_list().remove_1("lit").ok()?;
        element.remove_attribute("aria-current").ok()?;
    }
    let style = document()
        .create_element_ns(copy.namespace_uri().as_deref(), "style")
        .ok()?;
    style.set_text_content(Some(&rules()));
    copy.prepend_with_node_1(&style).ok()?;
    XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()
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
