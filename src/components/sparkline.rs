//! The small confidence line shown in lists of plans.

use crate::components::coordinates::point_list;
use leptos::prelude::*;

/// A tiny line of self-rated confidence for lists. Decorative; the list states the latest value.
#[component]
pub fn Sparkline(values: Vec<u8>) -> impl IntoView {
    let mut html = String::new();
    push_sparkline(&mut html, &values);
    view! { <span inner_html=html></span> }
}

/// Appends a [`Sparkline`]'s markup to `html` (tables of many rows write their rows as one
/// string, see `pages/team.rs`). Nothing in it comes from a person.
pub fn push_sparkline(html: &mut String, values: &[u8]) {
    let Some(latest) = values.last().copied() else {
        html.push_str("<span class=\"muted\">—</span>");
        return;
    };
    let step = if values.len() > 1 { 80.0 / (values.len() - 1) as f64 } else { 0.0 };
    let points = point_list(values.iter().enumerate().map(|(index, value)| (2.0 + index as f64 * step, 2.0 + (5.0 - f64::from(*value)) / 4.0 * 16.0)));
    let count = itoa::Buffer::new().format(values.len()).to_owned();
    let latest = itoa::Buffer::new().format(latest).to_owned();
    html.push_str("<span class=\"sparkline\"><svg viewBox=\"0 0 84 20\" width=\"84\" height=\"20\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\"><polyline points=\"");
    html.push_str(&points);
    html.push_str("\"></polyline></svg><span class=\"visually-hidden\">Latest self-rated confidence ");
    html.push_str(&latest);
    html.push_str(" of 5, trend over the last ");
    html.push_str(&count);
    html.push_str(" ratings</span><span class=\"spark-latest\" aria-hidden=\"true\">");
    html.push_str(&latest);
    html.push_str("</span></span>");
}
