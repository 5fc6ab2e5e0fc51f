//! What a sent form holds, read by its fields' names as Leptos' `form_data_from_event` reads
//! it: scoped to the form, so nothing elsewhere on the page changes what it reads, and a
//! field missing from the markup is an error in words, never an empty text.

use leptos::ev::SubmitEvent;
use leptos::form::form_data_from_event;
use web_sys::FormData;

/// The fields of a form as it was sent.
pub struct Sent(FormData);

impl Sent {
    /// The form that `event` sends.
    pub fn of(event: &SubmitEvent) -> Result<Sent, String> {
        form_data_from_event(event)
            .map(Sent)
            .map_err(|error| format!("The page could not read the form: {error}"))
    }

    /// The text in the field named `name`.
    pub fn text(&self, name: &str) -> Result<String, String> {
        self.0
            .get(name)
            .as_string()
            .ok_or_else(|| format!("The page is broken: its form has no field named “{name}”."))
    }
}
