//! What the engine's health checks found: outdated or unsupported Nixpkgs, old inputs,
//! registry inputs, insecure urls, duplicated sources, ...

use crate::analysis::Finding;
use crate::boxed::{handler, redrawn};
use crate::state::AppState;
use crate::tree::row::go_to_row;
use leptos::prelude::*;

#[component]
pub fn FindingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let content = redrawn(move || {
        let Some(analysis) = state.analysis.get() else {
            return view! { <p class="hint">"Checking…"</p> }.into_any();
        };
        if let Some(why) = &analysis.failure {
            return view! { <p class="error" role="alert">{why.clone()}</p> }.into_any();
        }
        let findings = &analysis.findings;
        if findings.is_empty() {
            return view! { <p>"Nothing to report: every check passed."</p> }.into_any();
        }
        let items = findings
            .iter()
            .map(|finding| view! { <FindingItem finding=finding.clone() /> })
            .collect_view();
        view! { <ul class="findings">{items}</ul> }.into_any()
    });
    view! {
        <section class="findings-panel" aria-labelledby="findings-title" data-testid="findings">
            <h2 id="findings-title">"Findings"</h2>
            {content}
        </section>
    }
}

#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let state = expect_context::<AppState>();
    let row = state.row_on_screen(&finding.path, finding.node.as_deref());
    let path = finding.path.join("/");
    let class = format!("finding {}", finding.level);
    view! {
        <li class=class>
            <span class="level">{finding.level}</span>
            " "
            <span class="message">{finding.message}</span>
            {row.map(|row| view! {
                " "
                <button type="button" class="show-in-tree" on:click=handler(move |_| go_to_row(state, row))>
                    "Show " {path} " in the tree"
                </button>
            })}
        </li>
    }
}
