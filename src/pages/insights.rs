//! `/insights`: anonymised adoption statistics for HR, with the privacy rules explained.

use crate::api::insights::get_insights;
use crate::components::loaded::Loaded;
use crate::model::insights::{Insights, Shown, Table};
use leptos::prelude::*;
use leptos_meta::Title;

/// The HR statistics page.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let insights = Resource::new(|| (), |_| get_insights());
    view! {
        <Title text="Insights" />
        <h1>"Recovery plans: adoption and effect"</h1>
        <Loaded data=insights show=|insights| view! { <Report insights /> } />
    }
}

#[component]
fn Report(insights: Insights) -> impl IntoView {
    let k = insights.k;
    let monthly = insights.tables.first().cloned();
    view! {
        <p class="lead">{format!("Calendar months {} to {}. Download the same figures, one row each: ", insights.first_month, insights.last_month)}<a href="/insights.csv" rel="external" download="rebound-insights.csv">"CSV"</a></p>
        <section class="card privacy-rules" aria-labelledby="rules-heading">
            <h2 id="rules-heading">"How these numbers protect people"</h2>
            <ul>
                <li>"Even knowing that someone has a recovery plan says something about a setback, so nothing here names, counts or describes a person."</li>
                <li>{format!("Any number based on fewer than {k} different people shows as \u{201c}hidden (fewer than {k} people)\u{201d}.")}</li>
                <li>"Some other numbers show as \u{201c}hidden (protects another figure)\u{201d}: they may be large, but showing them would let a small one be worked out from totals, other tables or one month and the next."</li>
                <li>"The figures cover completed months and are published once a month, when the month is over; until the next month ends every visit shows the same figures, so they never change with one person\u{2019}s plan."</li>
                <li>{format!("Departments with fewer than {k} people are combined into \u{201c}Other departments\u{201d}.")}</li>
                <li>"The groupings are fixed: there are no filters that could narrow a group down to one person."</li>
            </ul>
        </section>
        {monthly.as_ref().filter(|table| !shows_any_count(table)).map(|_| view! {
            <p class="notice" role="status">{format!(
                "No count can be shown yet: each figure needs at least {k} different people behind it. Numbers appear as more plans are used; each month's figures are published once the month is over."
            )}</p>
        })}
        {monthly.map(|table| view! { <MonthlyChart table k /> })}
        {insights.tables.into_iter().map(|table| view! { <StatsTable table k /> }).collect_view()}
    }
}

/// True when a table shows at least one count above zero.
fn shows_any_count(table: &Table) -> bool {
    table.rows.iter().flat_map(|row| &row.cells).any(|cell| matches!(cell, Shown::Count(count) if *count > 0))
}

#[component]
fn StatsTable(table: Table, k: i64) -> impl IntoView {
    view! {
        <section class="card" aria-label=table.title.clone()>
            <table class="data stats">
                <caption>{table.title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{table.row_header.clone()}</th>
                        {table.columns.iter().map(|column| view! { <th scope="col">{column.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {table.rows.into_iter().map(|row| view! {
                        <tr class:total=row.is_total>
                            <th scope="row">{row.label}</th>
                            {row.cells.into_iter().zip(table.columns.clone()).map(|(cell, column)| view! {
                                <td data-label=column class:suppressed=matches!(cell, Shown::Suppressed | Shown::Hidden)>{cell.text(k)}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Plans started per month as bars; hidden months are drawn as outlined placeholders.
#[component]
fn MonthlyChart(table: Table, k: i64) -> impl IntoView {
    let months: Vec<(String, Shown)> = table.rows.iter().filter(|row| !row.is_total).map(|row| (row.label.clone(), row.cells[0])).collect();
    // The scale comes from the counts shown; a hidden month is a short outlined stub, never a bar
    // as tall as a guess.
    let highest = months.iter().filter_map(|(_, cell)| if let Shown::Count(c) = cell { Some(*c) } else { None }).max().unwrap_or(0).max(1);
    let (width, height, left, bottom) = (640.0_f64, 200.0_f64, 36.0_f64, 28.0_f64);
    let slot = (width - left - 8.0) / months.len().max(1) as f64;
    let bar_height = |count: i64| (count as f64 / highest as f64) * (height - bottom - 12.0);
    view! {
        <figure class="card chart">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="started-title" xmlns="http://www.w3.org/2000/svg">
                <title id="started-title">"Plans started per month (the table below has the same numbers)"</title>
                {months.into_iter().enumerate().map(|(index, (label, cell))| {
                    let x = left + index as f64 * slot + slot * 0.15;
                    let w = slot * 0.7;
                    let base = height - bottom;
                    let (h, class, tip) = match cell {
                        Shown::Count(count) => (bar_height(count), "bar", format!("{label}: {count} started")),
                        _ => (6.0, "bar hidden", format!("{label}: {}", cell.text(k))),
                    };
                    view! {
                        <rect x=x y=base - h width=w height=h class=class><title>{tip}</title></rect>
                        <text x=x + w / 2.0 y=height - 10.0 text-anchor="middle" class="axis">{label[5..].to_owned()}</text>
                    }
                }).collect_view()}
                <line x1=left x2=width - 8.0 y1=height - bottom y2=height - bottom class="grid" />
            </svg>
            <figcaption class="legend">{format!("Plans started per month. A short outlined mark: hidden (fewer than {k} people, or to protect another figure).")}</figcaption>
        </figure>
    }
}
