//! The timeline as text: one block per event, sorted by date.

use crate::Event;
use std::fmt::Write;

pub fn render(events: &[Event]) -> String {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| (a.date.as_deref().unwrap_or("~"), &a.id).cmp(&(b.date.as_deref().unwrap_or("~"), &b.id)));
    let mut out = String::new();
    for e in sorted {
        let who: Vec<String> = e.participants.iter().map(|p| format!("{} ({})", p.name, p.role)).collect();
        let _ = writeln!(out, "{}  {}  {}", e.date.as_deref().unwrap_or("undated"), e.location.as_deref().unwrap_or("place unknown"), e.kind);
        let _ = writeln!(out, "    {}", who.join(", "));
        let srcs: Vec<&str> = e.sources.iter().map(|s| s.document.as_str()).collect();
        let _ = writeln!(out, "    sources: {}", srcs.join(", "));
    }
    out
}
