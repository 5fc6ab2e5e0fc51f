//! Pan and zoom: where the drawing sits in its `<svg>` (a shift and a scale, the transform
//! of the group that holds it), and how the wheel, a drag, the buttons and the keys move it.
//! Each move changes that one attribute: nothing else in the picture is drawn again.

use leptos::prelude::*;
use web_sys::Element;

use super::drawing::Drawing;
use super::geometry::BOX_HEIGHT;

/// How much one step of the buttons, the keys or the wheel zooms.
const STEP: f64 = 1.25;
/// The smallest and largest scale: a whole big graph at a glance, a box read up close.
const SCALES: (f64, f64) = (0.05, 3.0);
/// Below this scale a fitted drawing's labels cannot be read: it starts at its top left
/// instead, at this scale.
const READABLE: f64 = 0.6;

/// Where the drawing is: shifted by (x, y) pixels, then scaled.
#[derive(Clone, Copy)]
pub struct Camera {
    at: RwSignal<(f64, f64, f64)>,
    /// Where a drag last was, while the pointer is down; whether it moved.
    drag: StoredValue<Option<(f64, f64, bool)>>,
    /// Whether the drawing is where the last fit put it: a resized window fits it again,
    /// while a drawing the reader moved stays where they put it.
    fitted: StoredValue<bool>,
}

impl Camera {
    /// At rest, unscaled.
    pub fn new() -> Self {
        Camera {
            at: RwSignal::new((0.0, 0.0, 1.0)),
            drag: StoredValue::new(None),
            fitted: StoredValue::new(false),
        }
    }

    /// The transform of the group that holds the drawing.
    pub fn transform(&self) -> String {
        let (x, y, scale) = self.at.get();
        format!("translate({x:.1} {y:.1}) scale({scale:.4})")
    }

    /// Moves the drawing to `at`.
    fn set(&self, at: (f64, f64, f64)) {
        self.at.set(at);
        self.fitted.set_value(false);
    }

    /// Shows a drawing of this size in `frame`: all of it when its labels stay readable,
    /// else its start (the root's column), at a scale they can be read at, with the point
    /// `focus` (in the drawing) at mid-height.
    pub fn fit(&self, frame: &Element, (width, height): (f64, f64), focus: f64) {
        let (fw, fh) = size(frame);
        let scale = (fw / width).min(fh / height).min(1.0);
        self.set(match scale >= READABLE {
            true => (
                (fw - width * scale) / 2.0,
                (fh - height * scale) / 2.0,
                scale,
            ),
            false => (0.0, fh / 2.0 - focus * READABLE, READABLE),
        });
        self.fitted.set_value(true);
    }

    /// Shows a drawing in `frame`, as [`Camera::fit`] does, its root at mid-height.
    pub fn fit_drawing(&self, frame: &Element, drawing: &Drawing) {
        let root = drawing.blocks.first().map_or(0, |b| b.y);
        let size = (drawing.width as f64, drawing.height as f64);
        self.fit(frame, size, root as f64);
    }

    /// Fits a drawing again after its frame changed size, unless the reader moved it.
    pub fn refit(&self, frame: &Element, drawing: &Drawing) {
        if self.fitted.get_value() {
            self.fit_drawing(frame, drawing);
        }
    }

    /// Zooms by `factor` around the point (x, y) of the frame.
    fn zoom(&self, factor: f64, (x, y): (f64, f64)) {
        let (ox, oy, scale) = self.at.get_untracked();
        let to = (scale * factor).clamp(SCALES.0, SCALES.1);
        let k = to / scale;
        self.set((x - (x - ox) * k, y - (y - oy) * k, to));
    }

    /// Zooms in one step, or out, around the middle of the frame.
    pub fn zoom_step(&self, frame: &Element, closer: bool) {
        let (width, height) = size(frame);
        let factor = if closer { STEP } else { 1.0 / STEP };
        self.zoom(factor, (width / 2.0, height / 2.0));
    }

    /// Brings box `block` of a drawing into the frame, when it is not all in it already, by
    /// moving its middle to the frame's.
    pub fn show(&self, frame: &Element, drawing: &Drawing, block: usize) {
        let Some(b) = drawing.blocks.get(block) else {
            return;
        };
        let (x, y, width, height) = (b.x as f64, b.y as f64, b.width as f64, BOX_HEIGHT as f64);
        let (fw, fh) = size(frame);
        let (ox, oy, scale) = self.at.get_untracked();
        let (left, top) = (ox + x * scale, oy + y * scale);
        let inside =
            left >= 0.0 && top >= 0.0 && left + width * scale <= fw && top + height * scale <= fh;
        if !inside {
            let middle = (x + width / 2.0, y + height / 2.0);
            let at = (
                fw / 2.0 - middle.0 * scale,
                fh / 2.0 - middle.1 * scale,
                scale,
            );
            self.set(at);
        }
    }

    /// The wheel zooms around the pointer.
    pub fn on_wheel(&self, frame: &Element, event: leptos::ev::WheelEvent) {
        event.prevent_default();
        let corner = frame.get_bounding_client_rect();
        let at = (
            event.client_x() as f64 - corner.left(),
            event.client_y() as f64 - corner.top(),
        );
        let factor = if event.delta_y() < 0.0 {
            STEP
        } else {
            1.0 / STEP
        };
        self.zoom(factor, at);
    }

    /// A pointer pressed: a drag may start.
    pub fn on_pointer_down(&self, event: leptos::ev::PointerEvent) {
        self.drag.set_value(Some((
            event.client_x() as f64,
            event.client_y() as f64,
            false,
        )));
    }

    /// A pointer moved: a drag pans the drawing, while a button is down.
    pub fn on_pointer_move(&self, event: leptos::ev::PointerEvent) {
        let Some((x, y, _)) = self.drag.get_value() else {
            return;
        };
        if event.buttons() == 0 {
            return self.drag.set_value(None);
        }
        let (to_x, to_y) = (event.client_x() as f64, event.client_y() as f64);
        let (dx, dy) = (to_x - x, to_y - y);
        // A few pixels of a click's jitter are no drag.
        let moved = self.drag.get_value().is_some_and(|d| d.2) || dx.abs() + dy.abs() > 4.0;
        if moved {
            let (ox, oy, scale) = self.at.get_untracked();
            self.set((ox + dx, oy + dy, scale));
            self.drag.set_value(Some((to_x, to_y, true)));
        }
    }

    /// The click that ends a press: returns whether the press was a drag, which makes it no
    /// click.
    pub fn end_drag(&self) -> bool {
        self.drag
            .try_update_value(|drag| drag.take().is_some_and(|d| d.2))
            .unwrap_or(false)
    }
}

/// An element's size on screen.
fn size(frame: &Element) -> (f64, f64) {
    (frame.client_width() as f64, frame.client_height() as f64)
}
