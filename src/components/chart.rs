//! Progress over time, drawn on the server as SVG (so it shows without JavaScript), with a table
//! alternative for screen readers and anyone who prefers numbers.

use crate::model::{CheckInRatings, Milestone, SmallWin, rating_label};
use chrono::NaiveDate;
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// Maps dates and 1-5 ratings onto the drawing area.
struct Scale {
    first: NaiveDate,
    span_days: f64,
}

impl Scale {
    fn new(dates: impl Iterator<Item = NaiveDate>) -> Option<Self> {
        let dates: Vec<NaiveDate> = dates.collect();
        let first = *dates.iter().min()?;
        let last = *dates.iter().max()?;
        Some(Self { first, span_days: ((last - first).num_days() as f64).max(1.0) })
    }

    fn x(&self, date: NaiveDate) -> f64 {
        LEFT + (date - self.first).num_days() as f64 / self.span_days * (WIDTH - LEFT - RIGHT)
    }

    fn y(rating: u8) -> f64 {
        TOP + (5.0 - f64::from(rating)) / 4.0 * (HEIGHT - TOP - BOTTOM)
    }
}

/// The series as polyline points. A lone point is listed twice: a polyline of one point has no
/// vertex to carry its dot marker.
fn points(scale: &Scale, series: &[(NaiveDate, u8)]) -> String {
    let lone = (series.len() == 1).then(|| series[0]);
    point_list(series.iter().chain(lone.iter()).map(|(date, rating)| (scale.x(*date), Scale::y(*rating))))
}

/// SVG `points`: "x,y x,y ...", written into one string (lists draw hundreds of points per page).
fn point_list(coordinates: impl Iterator<Item = (f64, f64)>) -> String {
    let mut list = String::new();
    for (x, y) in coordinates {
        if !list.is_empty() {
            list.push(' ');
        }
        push_tenths(&mut list, x);
        list.push(',');
        push_tenths(&mut list, y);
    }
    list
}

/// Self-rated confidence against observed readiness across check-ins, with the small win and
/// reached milestones marked.
#[component]
pub fn ProgressChart(ratings: Vec<CheckInRatings>, small_wins: Vec<SmallWin>, milestones: Vec<Milestone>) -> impl IntoView {
    let confidence: Vec<(NaiveDate, u8)> = ratings.iter().filter_map(|c| c.self_confidence.map(|r| (c.held_on, r))).collect();
    let readiness: Vec<(NaiveDate, u8)> = ratings.iter().filter_map(|c| c.observed_readiness.map(|r| (c.held_on, r))).collect();
    let wins: Vec<(NaiveDate, String)> = small_wins.iter().filter_map(|w| w.done_on.map(|d| (d, w.title.clone()))).collect();
    let reached: Vec<(NaiveDate, String)> = milestones.iter().filter_map(|m| m.reached_on.map(|d| (d, m.title.clone()))).collect();
    let dates = confidence.iter().chain(readiness.iter()).map(|(d, _)| *d).chain(wins.iter().chain(reached.iter()).map(|(d, _)| *d));
    let Some(scale) = Scale::new(dates) else {
        return view! { <p class="muted">"The chart appears after the first check-in with a rating."</p> }.into_any();
    };
    let marker_top = TOP;
    let marker_bottom = HEIGHT - BOTTOM;
    let grid = (1..=5u8)
        .map(|rating| {
            let y = Scale::y(rating);
            view! {
                <line x1=LEFT x2=WIDTH - RIGHT y1=y y2=y class="grid" />
                <text x=LEFT - 8.0 y=y + 4.0 text-anchor="end" class="axis">{rating}</text>
            }
        })
        .collect_view();
    let win_marks = wins
        .iter()
        .map(|(date, title)| {
            let x = scale.x(*date);
            view! {
                <line x1=x x2=x y1=marker_top y2=marker_bottom class="win-line" />
                <text x=x y=marker_top + 10.0 text-anchor="middle" class="win-mark"><title>{format!("Small win done: {title}")}</title>"★"</text>
            }
        })
        .collect_view();
    let milestone_marks = reached
        .iter()
        .map(|(date, title)| {
            let x = scale.x(*date);
            let y = marker_bottom;
            view! {
                <path d=format!("M{},{} l6,6 l-6,6 l-6,-6 z", tenths(x), tenths(y - 6.0)) class="milestone-mark"><title>{format!("Milestone reached: {title}")}</title></path>
            }
        })
        .collect_view();
    let first_label = scale.first.format("%-d %b").to_string();
    let last_date = scale.first + chrono::Duration::days(scale.span_days as i64);
    let last_label = last_date.format("%-d %b").to_string();
    let rows = table_rows(&ratings, &wins, &reached);
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
                <title id="chart-title">"Confidence and readiness over time"</title>
                <desc id="chart-desc">
                    {format!("{} self-ratings and {} readiness observations on a 1 to 5 scale; {} small win(s) done and {} milestone(s) reached are marked. The same data follows as a table.", confidence.len(), readiness.len(), wins.len(), reached.len())}
                </desc>
                {grid}
                <text x=LEFT y=HEIGHT - 12.0 class="axis">{first_label}</text>
                <text x=WIDTH - RIGHT y=HEIGHT - 12.0 text-anchor="end" class="axis">{last_label}</text>
                {win_marks}
                {milestone_marks}
                // Each rating's dot is a marker on its line's vertices: two definitions instead of
                // one element per check-in, on a page that charts months of them.
                <defs>
                    <marker id="dot-readiness" viewBox="-6 -6 12 12" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse">
                        <circle r="4.5" class="dot readiness" />
                    </marker>
                    <marker id="dot-confidence" viewBox="-6 -6 12 12" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse">
                        <circle r="4.5" class="dot confidence" />
                    </marker>
                </defs>
                <polyline points=points(&scale, &readiness) class="line readiness" marker-start="url(#dot-readiness)" marker-mid="url(#dot-readiness)" marker-end="url(#dot-readiness)" />
                <polyline points=points(&scale, &confidence) class="line confidence" marker-start="url(#dot-confidence)" marker-mid="url(#dot-confidence)" marker-end="url(#dot-confidence)" />
            </svg>
            <figcaption class="legend">
                <span class="key confidence">"Self-rated confidence"</span>
                <span class="key readiness">"Observed readiness"</span>
                <span class="key win">"★ Small win done"</span>
                <span class="key milestone">"◆ Milestone reached"</span>
            </figcaption>
            <details class="chart-table">
                <summary>"Show the numbers as a table"</summary>
                <table class="data">
                    <caption>"Progress by date"</caption>
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"What"</th><th scope="col">"Confidence (self)"</th><th scope="col">"Readiness (observed)"</th></tr></thead>
                    <tbody inner_html=table_rows_html(&rows)></tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}

/// One row of the chart's table: the date, what happened, and the two ratings (empty for marks).
type TableRow = (NaiveDate, String, &'static str, &'static str);

fn table_rows(ratings: &[CheckInRatings], wins: &[(NaiveDate, String)], reached: &[(NaiveDate, String)]) -> Vec<TableRow> {
    let mut rows: Vec<TableRow> = ratings
        .iter()
        .filter(|c| c.self_confidence.is_some() || c.observed_readiness.is_some())
        .map(|c| (c.held_on, "Check-in".to_owned(), rating_label(c.self_confidence), rating_label(c.observed_readiness)))
        .chain(wins.iter().map(|(d, t)| (*d, format!("Small win done: {t}"), "", "")))
        .chain(reached.iter().map(|(d, t)| (*d, format!("Milestone reached: {t}"), "", "")))
        .collect();
    rows.sort_by_key(|row| row.0);
    rows
}

/// The table's rows as HTML, every text escaped. A plan charts months of check-ins at five
/// elements a row, and writing the rows straight into one string costs a fraction of rendering
/// each element on its own (the table was half of a long plan's page).
fn table_rows_html(rows: &[TableRow]) -> String {
    let mut html = String::with_capacity(rows.len() * 96);
    for (date, what, confidence, readiness) in rows {
        html.push_str("<tr><th scope=\"row\">");
        html_escape::encode_text_to_string(date.to_string(), &mut html);
        html.push_str("</th>");
        for cell in [what.as_str(), confidence, readiness] {
            html.push_str("<td>");
            html_escape::encode_text_to_string(cell, &mut html);
            html.push_str("</td>");
        }
        html.push_str("</tr>");
    }
    html
}

/// An SVG coordinate to one decimal place. Rounds through an integer because formatting a float
/// with a precision is slow, and pages draw hundreds of points.
fn tenths(value: f64) -> String {
    let mut text = String::new();
    push_tenths(&mut text, value);
    text
}

/// Appends [`tenths`] of `value` to `text`. Digits are written without `format!`, which took
/// most of the time of drawing a team page's sparklines.
fn push_tenths(text: &mut String, value: f64) {
    let tenths = (value * 10.0).round() as i64;
    if tenths < 0 {
        text.push('-');
    }
    let tenths = tenths.unsigned_abs();
    text.push_str(itoa::Buffer::new().format(tenths / 10));
    text.push('.');
    text.push(char::from(b'0' + (tenths % 10) as u8));
}

/// A tiny line of self-rated confidence for lists. Decorative; the list states the latest value.
#[component]
pub fn Sparkline(values: Vec<u8>) -> impl IntoView {
    if values.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    let step = if values.len() > 1 { 80.0 / (values.len() - 1) as f64 } else { 0.0 };
    let points = point_list(values.iter().enumerate().map(|(index, value)| (2.0 + index as f64 * step, 2.0 + (5.0 - f64::from(*value)) / 4.0 * 16.0)));
    let latest = values.last().copied().unwrap_or_default();
    view! {
        <span class="sparkline">
            <svg viewBox="0 0 84 20" width="84" height="20" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">
                <polyline points=points />
            </svg>
            <span class="visually-hidden">{format!("Latest self-rated confidence {latest} of 5, trend over the last {} ratings", values.len())}</span>
            <span class="spark-latest" aria-hidden="true">{latest}</span>
        </span>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{point_list, table_rows_html, tenths};
    use chrono::NaiveDate;

    #[test]
    fn coordinates_round_to_one_decimal_place() {
        assert_eq!(tenths(2.0), "2.0");
        assert_eq!(tenths(14.04), "14.0");
        assert_eq!(tenths(14.06), "14.1");
        assert_eq!(tenths(-0.35), "-0.4");
        assert_eq!(tenths(-6.0), "-6.0");
        assert_eq!(tenths(-0.04), "0.0");
        assert_eq!(tenths(1234.56), "1234.6");
        assert_eq!(tenths(82.0 / 3.0), "27.3");
    }

    #[test]
    fn table_rows_escape_every_text() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let rows = vec![(day, "Check-in".to_owned(), "3 of 5", "—"), (day, "Small win done: <script>alert(1)</script> & \"more\"".to_owned(), "", "")];
        assert_eq!(
            table_rows_html(&rows),
            "<tr><th scope=\"row\">2026-11-20</th><td>Check-in</td><td>3 of 5</td><td>—</td></tr>\
             <tr><th scope=\"row\">2026-11-20</th><td>Small win done: &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"more\"</td><td></td><td></td></tr>"
        );
    }

    #[test]
    fn point_lists_separate_pairs_with_spaces() {
        assert_eq!(point_list([(2.0, 18.0), (42.0, 2.04), (-1.25, 0.0)].into_iter()), "2.0,18.0 42.0,2.0 -1.3,0.0");
        assert_eq!(point_list(std::iter::empty()), "");
    }
}
