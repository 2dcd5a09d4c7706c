//! Progress over time, drawn on the server as SVG (so it shows without JavaScript), with a table
//! alternative for screen readers and anyone who prefers numbers.

use crate::components::coordinates::{point_list, push_tenths};
use crate::model::{CheckInRatings, Milestone, SmallWin, rating_label};
use chrono::NaiveDate;
use leptos::prelude::*;

/// The drawing of one chart size: the wide one for desktop, the narrow one for phones (each
/// shown by CSS at its width, so labels keep a readable size on both).
#[derive(Clone, Copy)]
struct Layout {
    /// Suffix of the ids inside the drawing, unique per layout on the page.
    name: &'static str,
    width: f64,
    /// The rating area's top and bottom.
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
    /// How many dates the axis labels at most.
    ticks: usize,
}

const WIDE: Layout = Layout { name: "wide", width: 720.0, top: 14.0, bottom: 214.0, left: 64.0, right: 20.0, ticks: 6 };
const NARROW: Layout = Layout { name: "narrow", width: 340.0, top: 14.0, bottom: 200.0, left: 56.0, right: 14.0, ticks: 3 };

/// Below the rating area: the date axis, then the lane where events are marked.
const AXIS_HEIGHT: f64 = 24.0;
const LANE_HEIGHT: f64 = 30.0;

impl Layout {
    fn height(&self) -> f64 {
        self.bottom + AXIS_HEIGHT + LANE_HEIGHT
    }

    fn lane_middle(&self) -> f64 {
        self.bottom + AXIS_HEIGHT + LANE_HEIGHT / 2.0
    }

    fn y(&self, rating: u8) -> f64 {
        self.top + (5.0 - f64::from(rating)) / 4.0 * (self.bottom - self.top)
    }
}

/// Maps dates onto the drawing area's width.
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

    fn x(&self, layout: &Layout, date: NaiveDate) -> f64 {
        layout.left + (date - self.first).num_days() as f64 / self.span_days * (layout.width - layout.left - layout.right)
    }

    /// Up to `count` dates spread evenly from the first to the last, without repeats.
    fn ticks(&self, count: usize) -> Vec<NaiveDate> {
        let steps = (count.max(2) - 1) as f64;
        let mut dates: Vec<NaiveDate> = (0..count.max(2)).map(|i| self.first + chrono::Duration::days((self.span_days * i as f64 / steps).round() as i64)).collect();
        dates.dedup();
        dates
    }
}

/// A rating series as polyline points. Where both ratings of a day are equal, `nudge` moves this
/// series' point a little (up for one, down for the other), so both lines stay visible. A lone
/// point is listed twice: a polyline of one point has no vertex to carry its dot marker.
fn points(layout: &Layout, scale: &Scale, series: &[(NaiveDate, u8)], other: &[(NaiveDate, u8)], nudge: f64) -> String {
    let lone = (series.len() == 1).then(|| series[0]);
    point_list(series.iter().chain(lone.iter()).map(|(date, rating)| {
        let shared = other.iter().any(|(d, r)| d == date && r == rating);
        (scale.x(layout, *date), layout.y(*rating) + if shared { nudge } else { 0.0 })
    }))
}

/// What a chart draws: both rating series and the dated events.
struct Series {
    confidence: Vec<(NaiveDate, u8)>,
    readiness: Vec<(NaiveDate, u8)>,
    wins: Vec<(NaiveDate, String)>,
    reached: Vec<(NaiveDate, String)>,
}

/// Self-rated confidence against observed readiness across check-ins on a dated axis, with the
/// small wins and reached milestones on a lane of their own, and the same data as a table.
#[component]
pub fn ProgressChart(ratings: Vec<CheckInRatings>, small_wins: Vec<SmallWin>, milestones: Vec<Milestone>) -> impl IntoView {
    let series = Series {
        confidence: ratings.iter().filter_map(|c| c.self_confidence.map(|r| (c.held_on, r))).collect(),
        readiness: ratings.iter().filter_map(|c| c.observed_readiness.map(|r| (c.held_on, r))).collect(),
        wins: small_wins.iter().filter_map(|w| w.done_on.map(|d| (d, w.title.clone()))).collect(),
        reached: milestones.iter().filter_map(|m| m.reached_on.map(|d| (d, m.title.clone()))).collect(),
    };
    let dates = series.confidence.iter().chain(series.readiness.iter()).map(|(d, _)| *d).chain(series.wins.iter().chain(series.reached.iter()).map(|(d, _)| *d));
    let Some(scale) = Scale::new(dates) else {
        return view! { <p class="muted">"The chart appears after the first check-in with a rating."</p> }.into_any();
    };
    let rows = table_rows(&ratings, &series.wins, &series.reached);
    view! {
        <figure class="chart">
            <div class="chart-drawings" inner_html=drawing(WIDE, &scale, &series) + &drawing(NARROW, &scale, &series)></div>
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

/// One size of the chart, as SVG markup written into one string: a long plan draws hundreds of
/// points, ticks and marks, and rendering each as an element of its own was a seventh of the plan
/// page's work. Every text from a person (an event's title) is escaped.
fn drawing(layout: Layout, scale: &Scale, series: &Series) -> String {
    let name = layout.name;
    let mut svg = String::with_capacity(4096);
    let number = |svg: &mut String, value: f64| push_tenths(svg, value);
    svg.push_str("<svg class=\"chart-");
    svg.push_str(name);
    svg.push_str("\" viewBox=\"0 0 ");
    number(&mut svg, layout.width);
    svg.push(' ');
    number(&mut svg, layout.height());
    svg.push_str(&format!("\" role=\"img\" aria-labelledby=\"chart-title-{name} chart-desc-{name}\" xmlns=\"http://www.w3.org/2000/svg\">"));
    svg.push_str(&format!("<title id=\"chart-title-{name}\">Confidence and readiness over time</title><desc id=\"chart-desc-{name}\">"));
    let description = format!(
        "{} self-ratings and {} readiness observations on a 1 to 5 scale from {} to {}; {} small win(s) done and {} milestone(s) reached are marked below. The same data follows as a table.",
        series.confidence.len(),
        series.readiness.len(),
        crate::components::format::day(scale.first),
        crate::components::format::day(scale.first + chrono::Duration::days(scale.span_days as i64)),
        series.wins.len(),
        series.reached.len()
    );
    html_escape::encode_text_to_string(&description, &mut svg);
    svg.push_str("</desc>");
    for rating in 1..=5u8 {
        let y = layout.y(rating);
        svg.push_str("<line x1=\"");
        number(&mut svg, layout.left);
        svg.push_str("\" x2=\"");
        number(&mut svg, layout.width - layout.right);
        svg.push_str("\" y1=\"");
        number(&mut svg, y);
        svg.push_str("\" y2=\"");
        number(&mut svg, y);
        svg.push_str("\" class=\"grid\"></line><text x=\"");
        number(&mut svg, layout.left - 8.0);
        svg.push_str("\" y=\"");
        number(&mut svg, y + 4.0);
        svg.push_str("\" text-anchor=\"end\" class=\"axis\">");
        svg.push(char::from(b'0' + rating));
        svg.push_str("</text>");
    }
    let middle = (layout.top + layout.bottom) / 2.0;
    svg.push_str("<text x=\"8.0\" y=\"");
    number(&mut svg, middle);
    svg.push_str("\" class=\"axis lane-label\" transform=\"rotate(-90 8 ");
    number(&mut svg, middle);
    svg.push_str(")\" text-anchor=\"middle\" dominant-baseline=\"hanging\">Rating</text>");
    for (index, date) in scale.ticks(layout.ticks).into_iter().enumerate() {
        let x = scale.x(&layout, date);
        let anchor = if index == 0 {
            "start"
        } else if x > layout.width - layout.right - 30.0 {
            "end"
        } else {
            "middle"
        };
        svg.push_str("<line x1=\"");
        number(&mut svg, x);
        svg.push_str("\" x2=\"");
        number(&mut svg, x);
        svg.push_str("\" y1=\"");
        number(&mut svg, layout.bottom);
        svg.push_str("\" y2=\"");
        number(&mut svg, layout.bottom + 5.0);
        svg.push_str("\" class=\"tick\"></line><text x=\"");
        number(&mut svg, x);
        svg.push_str("\" y=\"");
        number(&mut svg, layout.bottom + 18.0);
        svg.push_str("\" text-anchor=\"");
        svg.push_str(anchor);
        svg.push_str("\" class=\"axis\">");
        svg.push_str(&date.format("%-d %b").to_string());
        svg.push_str("</text>");
    }
    let lane = layout.lane_middle();
    svg.push_str("<line x1=\"");
    number(&mut svg, layout.left);
    svg.push_str("\" x2=\"");
    number(&mut svg, layout.width - layout.right);
    svg.push_str("\" y1=\"");
    number(&mut svg, lane);
    svg.push_str("\" y2=\"");
    number(&mut svg, lane);
    svg.push_str("\" class=\"lane\"></line><text x=\"");
    number(&mut svg, layout.left - 8.0);
    svg.push_str("\" y=\"");
    number(&mut svg, lane + 4.0);
    svg.push_str("\" text-anchor=\"end\" class=\"axis\">Events</text>");
    let marks = series
        .wins
        .iter()
        .map(|(date, title)| (*date, "★", "win-mark", "Small win done", title))
        .chain(series.reached.iter().map(|(date, title)| (*date, "◆", "milestone-mark", "Milestone reached", title)));
    for (date, symbol, class, what, title) in marks {
        svg.push_str("<text x=\"");
        number(&mut svg, scale.x(&layout, date));
        svg.push_str("\" y=\"");
        number(&mut svg, lane + 5.0);
        svg.push_str("\" text-anchor=\"middle\" class=\"");
        svg.push_str(class);
        svg.push_str("\"><title>");
        svg.push_str(what);
        svg.push_str(": ");
        html_escape::encode_text_to_string(title, &mut svg);
        svg.push_str(" (");
        svg.push_str(&crate::components::format::day(date));
        svg.push_str(")</title>");
        svg.push_str(symbol);
        svg.push_str("</text>");
    }
    // Each rating's dot is a marker on its line's vertices: two definitions instead of one
    // element per check-in, on a page that charts months of them.
    svg.push_str("<defs>");
    for kind in ["readiness", "confidence"] {
        svg.push_str(&format!(
            "<marker id=\"dot-{kind}-{name}\" viewBox=\"-6 -6 12 12\" markerWidth=\"12\" markerHeight=\"12\" markerUnits=\"userSpaceOnUse\"><circle r=\"4.5\" class=\"dot {kind}\"></circle></marker>"
        ));
    }
    svg.push_str("</defs>");
    for (kind, line, other, nudge) in [("readiness", &series.readiness, &series.confidence, 3.0), ("confidence", &series.confidence, &series.readiness, -3.0)] {
        let dot = format!("url(#dot-{kind}-{name})");
        svg.push_str("<polyline points=\"");
        svg.push_str(&points(&layout, scale, line, other, nudge));
        svg.push_str(&format!("\" class=\"line {kind}\" marker-start=\"{dot}\" marker-mid=\"{dot}\" marker-end=\"{dot}\"></polyline>"));
    }
    svg.push_str("</svg>");
    svg
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
        html_escape::encode_text_to_string(crate::components::format::day(*date), &mut html);
        html.push_str("</th>");
        for (label, cell) in [("What", what.as_str()), ("Confidence (self)", confidence), ("Readiness (observed)", readiness)] {
            html.push_str("<td data-label=\"");
            html.push_str(label);
            html.push_str("\">");
            html_escape::encode_text_to_string(cell, &mut html);
            html.push_str("</td>");
        }
        html.push_str("</tr>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::table_rows_html;
    use chrono::NaiveDate;

    #[test]
    fn the_drawing_escapes_event_titles_and_draws_both_lines() {
        use super::{NARROW, Scale, Series, WIDE, drawing};
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let series = Series {
            confidence: vec![(day(1), 2), (day(8), 3)],
            readiness: vec![(day(1), 3), (day(8), 3)],
            wins: vec![(day(5), "</title><script>alert(1)</script>".into())],
            reached: vec![],
        };
        let scale = Scale::new([day(1), day(8)].into_iter()).unwrap();
        for layout in [WIDE, NARROW] {
            let svg = drawing(layout, &scale, &series);
            assert!(!svg.contains("<script>") && svg.contains("&lt;/title&gt;&lt;script&gt;"), "{svg}");
            assert_eq!(svg.matches("<polyline ").count(), 2);
            assert_eq!(svg.matches("class=\"grid\"").count(), 5);
            assert!(svg.starts_with(&format!("<svg class=\"chart-{}\"", layout.name)) && svg.ends_with("</svg>"));
        }
    }

    #[test]
    fn table_rows_escape_every_text() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let rows = vec![(day, "Check-in".to_owned(), "3 of 5", "—"), (day, "Small win done: <script>alert(1)</script> & \"more\"".to_owned(), "", "")];
        assert_eq!(
            table_rows_html(&rows),
            "<tr><th scope=\"row\">20 Nov 2026</th><td data-label=\"What\">Check-in</td><td data-label=\"Confidence (self)\">3 of 5</td><td data-label=\"Readiness (observed)\">—</td></tr>\
             <tr><th scope=\"row\">20 Nov 2026</th><td data-label=\"What\">Small win done: &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"more\"</td><td data-label=\"Confidence (self)\"></td><td data-label=\"Readiness (observed)\"></td></tr>"
        );
    }
}

#[cfg(test)]
mod drawing_tests {
    use super::*;
    use crate::components::coordinates::tenths;

    #[test]
    fn equal_ratings_draw_two_lines_apart() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let later = day + chrono::Duration::days(7);
        let scale = Scale::new([day, later].into_iter()).unwrap();
        let confidence = [(day, 3), (later, 4)];
        let readiness = [(day, 3), (later, 2)];
        let confidence_points = points(&WIDE, &scale, &confidence, &readiness, -3.0);
        let readiness_points = points(&WIDE, &scale, &readiness, &confidence, 3.0);
        let first = |list: &str| list.split(' ').next().unwrap().to_owned();
        assert_ne!(first(&confidence_points), first(&readiness_points), "the equal first ratings are drawn apart");
        assert!(readiness_points.ends_with(&tenths(WIDE.y(2))), "a rating that differs is drawn where it is: {readiness_points}");
    }

    #[test]
    fn the_axis_labels_dates_across_the_whole_span() {
        let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let scale = Scale::new([first, first + chrono::Duration::days(30)].into_iter()).unwrap();
        let ticks = scale.ticks(WIDE.ticks);
        assert_eq!(ticks.len(), 6);
        assert_eq!((ticks[0], ticks[5]), (first, first + chrono::Duration::days(30)));
        let one_day = Scale::new([first].into_iter()).unwrap();
        assert_eq!(one_day.ticks(NARROW.ticks), vec![first, first + chrono::Duration::days(1)], "a single day still spans one day, without repeats");
    }
}
