//! What the whole page shares: the lock or comparison on screen, the selected line, the
//! last error, the fetch under way, today's branch statuses, the update checks. Data only:
//! the components put it into words.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use lockscope_core::health::BranchTable;

use crate::analysis::{Analyser, Analysis};
use crate::comparison::Comparison;
use crate::dom::{bring_into_view, now};
use crate::fetch::Abort;
use crate::live::{self, LiveError};
use crate::model::LockView;
use crate::route::{Place, Route};
use crate::updates::Updates;

/// The page's shared state, given to every component as a context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The lock on screen (behind a comparison, while one is shown). A lock that fails to
    /// load never replaces it.
    pub on_screen: RwSignal<Option<Arc<LockView>>>,
    /// The tree line whose details are open.
    pub selected: RwSignal<Option<usize>>,
    /// Why the last attempt to load a lock failed, in words.
    pub error: RwSignal<Option<String>>,
    /// The fetch under way, if any.
    pub fetching: RwSignal<Option<Fetching>>,
    /// Stops the fetches under way.
    pub abort: StoredValue<Option<Abort>, LocalStorage>,
    /// The engine's analyses of the lock on screen, once worked out.
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    /// Works the analyses out, in a worker of its own.
    analyser: Analyser,
    /// Two locks compared; while there is one, it replaces the single lock's panels.
    pub comparison: RwSignal<Option<Arc<Comparison>>>,
    /// The address that names what is on screen; `None` when a pasted or dropped lock is in
    /// it, which no address can name.
    pub shared_as: RwSignal<Option<Route>>,
    /// Today's branch statuses from status.nixos.org, which the analyses use once they came.
    pub live: RwSignal<Live>,
    /// The update checks of the lock on screen.
    pub updates: Updates,
}

/// Where the question to status.nixos.org stands; asked once per visit.
pub enum Live {
    /// Not yet: the first tree's analyses ask, so that no tree waits for it.
    NotAsked,
    Asking,
    Answered(BranchTable),
    /// The bundled table and the calendar decide.
    Failed(LiveError),
}

/// A fetch under way.
#[derive(Clone)]
pub struct Fetching {
    /// The lock it fetches.
    pub place: Place,
    /// Which lock of a comparison it is, when it is one.
    pub side: Option<Side>,
    /// How many bytes have arrived. Not out of how many: a server's Content-Length counts
    /// the bytes it sends, compressed or not, and the page reads them uncompressed.
    pub received: usize,
}

/// One of the two locks of a comparison.
#[derive(Clone, Copy)]
pub enum Side {
    /// The lock compared from.
    Old,
    /// The lock compared to.
    New,
}

impl AppState {
    /// Nothing on screen yet.
    pub fn new() -> Self {
        AppState {
            on_screen: RwSignal::new(None),
            selected: RwSignal::new(None),
            error: RwSignal::new(None),
            fetching: RwSignal::new(None),
            abort: StoredValue::new_local(None),
            analysis: RwSignal::new(None),
            analyser: Analyser::default(),
            comparison: RwSignal::new(None),
            shared_as: RwSignal::new(None),
            live: RwSignal::new(Live::NotAsked),
            updates: Updates::new(),
        }
    }

    /// Whether this very lock is (still) the one on screen.
    pub fn is_on_screen(&self, view: &Arc<LockView>) -> bool {
        self.on_screen
            .with_untracked(|on_screen| on_screen.as_ref().is_some_and(|v| Arc::ptr_eq(v, view)))
    }

    /// The tree line that shows an input path of the lock on screen, or else the first that
    /// shows the node.
    pub fn row_on_screen(&self, path: &[String], node: Option<&str>) -> Option<usize> {
        self.on_screen
            .with_untracked(|on_screen| on_screen.as_ref()?.row_for(path, node))
    }

    /// Show a pasted or dropped lock's text, or say why it can't be shown and keep what is
    /// on screen. Returns whether it is shown.
    pub fn show_text(&self, text: &str, source: String) -> bool {
        match LockView::parse(text, source.clone()) {
            Ok(view) => {
                self.error.set(None);
                self.show(Arc::new(view), None);
                true
            }
            Err(error) => {
                self.fail(format!("Could not show {source}: {error}"));
                false
            }
        }
    }

    /// Put a lock on screen, in place of the lock or comparison there. (A load clears the
    /// last error when it starts, so that one found on the way, such as a bad link, stays.)
    /// Its tree works out its analyses once it is drawn (`tree::lines::schedule`).
    pub fn show(&self, view: Arc<LockView>, shared_as: Option<Route>) {
        self.comparison.set(None);
        self.shared_as.set(shared_as);
        if self.is_on_screen(&view) {
            // Back from a comparison to the lock it left: the tree is as it was.
            return;
        }
        self.selected.set(None);
        self.analysis.set(None);
        self.updates.forget();
        self.on_screen.set(Some(view));
        bring_into_view(TREE_PANEL_ID);
    }

    /// Ask for the analyses of a lock, unless another lock took its place meanwhile.
    pub fn analyse(&self, view: &Arc<LockView>) {
        if self.is_on_screen(view) {
            self.live.with_untracked(|live| {
                let table = match live {
                    Live::Answered(table) => Some(table),
                    _ => None,
                };
                self.analyser.ask(view, now(), table, self.analysis);
            });
        }
    }

    /// Ask status.nixos.org for today's branch statuses, unless the page has asked already.
    /// With the answer, the lock on screen is analysed again. (Were its tree not drawn yet,
    /// its schedule asks once more: the analyser answers the last question.)
    pub fn ask_live_statuses(&self) {
        if !self
            .live
            .with_untracked(|live| matches!(live, Live::NotAsked))
        {
            return;
        }
        self.live.set(Live::Asking);
        let state = *self;
        spawn_local(async move {
            match live::statuses().await {
                Ok(table) => {
                    state.live.set(Live::Answered(table));
                    if let Some(view) = state.on_screen.get_untracked() {
                        state.analyse(&view);
                    }
                }
                Err(why) => state.live.set(Live::Failed(why)),
            }
        });
    }

    /// Put a comparison on screen; the single lock stays behind it, to come back to.
    pub fn show_comparison(&self, comparison: Comparison, shared_as: Option<Route>) {
        self.shared_as.set(shared_as);
        self.comparison.set(Some(Arc::new(comparison)));
        bring_into_view(COMPARISON_ID);
    }

    /// Say why something failed, keeping what is on screen.
    pub fn fail(&self, message: String) {
        self.error.set(Some(message));
        bring_into_view(ERROR_REGION_ID);
    }
}

/// The id of the tree's panel, which a newly shown lock scrolls into sight.
pub const TREE_PANEL_ID: &str = "tree-panel";
/// The id of the region that says why a load failed.
pub const ERROR_REGION_ID: &str = "error-region";
/// The id of a comparison on screen.
pub const COMPARISON_ID: &str = "comparison";
