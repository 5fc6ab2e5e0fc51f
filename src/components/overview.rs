//! The lock at a glance, above its tree: inputs and nodes, the oldest root input, the
//! copies of Nixpkgs and the worst branch status, the duplicated sources and the nodes their
//! follows lines save, the findings by level. Each is a link to the part of the page that
//! explains it. What the tree alone knows shows at once; the rest fills its place when the
//! analyses come, in boxes of the same size, so nothing moves.

use std::sync::Arc;

use leptos::prelude::*;
use lockscope_core::text::count;
use lockscope_core::time::age_in_words;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::analysis::OverviewFigure;
use crate::boxed::{handler, redrawn};
use crate::components::findings_panel::FINDINGS_ID;
use crate::dom::now;
use crate::model::LockView;
use crate::state::{AppState, TREE_PANEL_ID};
use crate::tree::row::go_to_row;

/// The overview of the lock on screen.
#[component]
pub fn Overview() -> impl IntoView {
    let state = expect_context::<AppState>();
    redrawn(move || {
        state
            .on_screen
            .get()
            .map(|view| view! { <LockOverview view /> }.into_any())
    })
}

#[component]
fn LockOverview(view: Arc<LockView>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let inputs = view.lock.root().inputs.len();
    let nodes = view.lock.nodes().count();
    // The root input that changed longest ago, and its line.
    let oldest = (view.rows.iter().enumerate())
        .filter(|(_, row)| row.line.depth == 0)
        .filter_map(|(index, row)| {
            let secs = view
                .lock
                .node(row.node()?)?
                .locked
                .as_ref()?
                .last_modified()?;
            Some((secs, index, row.line.name.clone()))
        })
        .min();
    let oldest = match oldest {
        Some((secs, row, name)) => {
            let age = age_in_words(now().saturating_sub(secs as i64));
            view! {
                <li>
                    <a href=format!("#row-{row}") on:click=handler(move |event: leptos::ev::MouseEvent| {
                        event.prevent_default();
                        go_to_row(state, row);
                    })>
                        <span class="figure">{age} " old"</span>
                        " "
                        <span class="words">{name} ", the oldest root input"</span>
                    </a>
                </li>
            }
            .into_any()
        }
        None => ().into_any(),
    };
    let from_analysis = move |which: OverviewFigure| {
        Signal::derive(move || match state.analysis.get() {
            Some(analysis) if analysis.failure.is_none() => analysis
                .overview
                .get(which as usize)
                .cloned()
                .unwrap_or_default(),
            Some(_) => ("–".to_owned(), "the checks did not run".to_owned()),
            None => ("…".to_owned(), "checking".to_owned()),
        })
    };
    let sizes = Signal::stored((
        count(inputs, "input"),
        format!("at the root, {} in the lock", count(nodes, "node")),
    ));
    view! {
        <nav class="overview" aria-label="Overview" data-testid="overview">
            <ul>
                <Item target=TREE_PANEL_ID figure=sizes />
                {oldest}
                <Item target="nixpkgs-title" figure=from_analysis(OverviewFigure::Nixpkgs) />
                <Item target="duplicates-title" figure=from_analysis(OverviewFigure::Duplicates) />
                <Item target=FINDINGS_ID figure=from_analysis(OverviewFigure::Findings) />
            </ul>
        </nav>
    }
}

/// One figure and its words, a link to the part of the page with `target` as id. The link
/// scrolls there and leaves the address alone: its fragment names the lock on screen.
#[component]
fn Item(target: &'static str, figure: Signal<(String, String)>) -> impl IntoView {
    let go = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if let Some(element) = document().get_element_by_id(target) {
            element.scroll_into_view();
            focus(&element);
        }
    };
    view! {
        <li>
            <a href=format!("#{target}") on:click=handler(go)>
                <span class="figure">{move || figure.get().0}</span>
                " "
                <span class="words">{move || figure.get().1}</span>
            </a>
        </li>
    }
}

/// Moves the keyboard focus to a heading or panel reached by a link, as following an
/// in-page link does.
fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        if !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}
