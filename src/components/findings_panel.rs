//! What the engine's health checks found (outdated or unsupported Nixpkgs, old inputs,
//! registry inputs, insecure urls, duplicated sources, ...), grouped by kind, worst first:
//! a heading per kind over a compact table, and the whole report as Markdown to copy.

use leptos::prelude::*;
use lockscope_core::text::count;

use crate::analysis::Finding;
use crate::boxed::{handler, redrawn};
use crate::components::copy_button::CopyButton;
use crate::state::AppState;
use crate::tree::row::go_to_row;

/// The id of the panel's heading, which the overview links to.
pub const FINDINGS_ID: &str = "findings-title";

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
        if analysis.findings.is_empty() {
            return view! { <p>"Nothing to report: every check passed."</p> }.into_any();
        }
        let groups = analysis
            .by_code()
            .into_iter()
            .map(|(_, findings)| {
                let findings: Vec<Finding> = findings.into_iter().cloned().collect();
                view! { <FindingGroup findings /> }
            })
            .collect_view();
        view! {
            <CopyButton text=analysis.markdown.clone() label="Copy as Markdown" />
            {groups}
        }
        .into_any()
    });
    view! {
        <section class="findings-panel" aria-labelledby=FINDINGS_ID data-testid="findings">
            <h2 id=FINDINGS_ID>"Findings"</h2>
            {content}
        </section>
    }
}

/// The findings of one code: its kind and worst level as a heading, then one row each: the
/// input, what was found, when the input last changed, what to do.
#[component]
fn FindingGroup(findings: Vec<Finding>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Worst first: the first finding's level is the group's worst.
    let level = findings[0].level.clone();
    let heading = format!(
        "{} ({})",
        findings[0].kind,
        count(findings.len(), "finding")
    );
    let rows = findings
        .into_iter()
        .map(|finding| {
            let row = state.row_on_screen(&finding.path, finding.node.as_deref());
            let path = finding.location;
            let label = format!("Show {path} in the tree");
            let input = match row {
                Some(row) => view! {
                    <button
                        type="button"
                        class="show-in-tree"
                        aria-label=label
                        on:click=handler(move |_| go_to_row(state, row))
                    >
                        {path}
                    </button>
                }
                .into_any(),
                None => view! { <span>{path}</span> }.into_any(),
            };
            let other_level = (finding.level != level).then(|| {
                let class = format!("level {}", finding.level);
                view! { <span class=class>{finding.level.clone()}</span> " " }
            });
            let class = format!("finding {}", finding.level);
            view! {
                <tr class=class>
                    <td>{input}</td>
                    <td>{other_level} {finding.message}</td>
                    <td class="since">{finding.since}</td>
                    <td class="action">{finding.action}</td>
                </tr>
            }
        })
        .collect_view();
    let level_class = format!("level {level}");
    view! {
        <section class="finding-group">
            <h3>
                <span class=level_class>{level}</span> " " {heading}
            </h3>
            <table class="findings-table">
                <thead>
                    <tr>
                        <th scope="col">"Input"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"Last changed"</th>
                        <th scope="col">"What to do"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
