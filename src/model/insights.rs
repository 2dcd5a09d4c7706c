//! Anonymised adoption statistics as HR sees them. Built only from suppressed aggregates: no
//! names, ids, emails, free text or per-person rows can be represented here.

use serde::{Deserialize, Serialize};

/// The default minimum group size.
pub const DEFAULT_K: i64 = 5;
/// The smallest minimum group size an admin may set.
pub const MIN_K: i64 = 3;
/// The largest minimum group size an admin may set.
pub const MAX_K: i64 = 50;

/// One displayed value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Shown {
    /// A count of plans.
    Count(i64),
    /// A share, from 0 to 1.
    Share(f64),
    /// A median number of days.
    Days(f64),
    /// Computed from fewer than k distinct employees.
    Suppressed,
    /// Hidden so that another hidden value cannot be worked out (it may well come from k or more).
    Hidden,
    /// Nothing to compute (no plans of that kind yet).
    NoData,
}

impl Shown {
    /// The value as the page and the CSV write it.
    pub fn text(self, k: i64) -> String {
        match self {
            Shown::Count(count) => count.to_string(),
            Shown::Share(share) => format!("{:.0}%", share * 100.0),
            Shown::Days(days) => format!("{days:.0} days"),
            Shown::Suppressed => format!("hidden (fewer than {k} people)"),
            Shown::Hidden => "hidden (protects another figure)".to_owned(),
            Shown::NoData => "—".to_owned(),
        }
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub label: String,
    pub cells: Vec<Shown>,
    pub is_total: bool,
}

/// One table of statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub title: String,
    pub row_header: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
}

/// Everything on the insights page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    /// The minimum number of distinct employees behind any shown value.
    pub k: i64,
    /// The months covered, oldest first ("2026-01").
    pub first_month: String,
    pub last_month: String,
    pub tables: Vec<Table>,
}

/// The CSV download in tidy long form: one row per table, period, group and measure, with the
/// value as a plain number (a share as a fraction, days as days) and a hidden flag, so a
/// spreadsheet or a data frame reads it without cleaning. The same figures as the page.
pub fn to_csv(insights: &Insights) -> String {
    let mut out = String::new();
    push_line(&mut out, &["table", "period", "group", "measure", "unit", "value", "hidden", "reason"].map(str::to_owned));
    let whole_period = format!("{} to {}", insights.first_month, insights.last_month);
    for table in &insights.tables {
        let by_month = table.row_header == "Month";
        for row in &table.rows {
            let (period, group) = if by_month && !row.is_total {
                (row.label.clone(), "All departments".to_owned())
            } else if by_month {
                (whole_period.clone(), "All departments".to_owned())
            } else {
                (whole_period.clone(), row.label.clone())
            };
            for (measure, cell) in table.columns.iter().zip(&row.cells) {
                let (unit, value, hidden, reason) = match cell {
                    Shown::Count(count) => ("count", count.to_string(), false, String::new()),
                    Shown::Share(share) => ("share", format!("{share:.4}"), false, String::new()),
                    Shown::Days(days) => ("days", format!("{days:.1}"), false, String::new()),
                    Shown::Suppressed => ("", String::new(), true, format!("fewer than {} people", insights.k)),
                    Shown::Hidden => ("", String::new(), true, "protects another figure".to_owned()),
                    Shown::NoData => continue,
                };
                push_line(&mut out, &[table.title.clone(), period.clone(), group.clone(), measure.clone(), unit.to_owned(), value, hidden.to_string(), reason]);
            }
        }
    }
    out
}

fn push_line(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields.iter().map(|field| if field.contains([',', '"', '\n']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { field.clone() }).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_values_say_why_and_the_csv_is_one_row_per_figure() {
        assert_eq!(Shown::Suppressed.text(5), "hidden (fewer than 5 people)");
        assert_eq!(Shown::Hidden.text(5), "hidden (protects another figure)", "a cell hidden to protect another does not claim to be small");
        assert_eq!(Shown::Share(0.426).text(5), "43%");
        assert_eq!(Shown::Days(6.5).text(5), "6 days");
        let insights = Insights {
            k: 5,
            first_month: "2026-01".into(),
            last_month: "2026-12".into(),
            tables: vec![
                Table {
                    title: "Plans by month".into(),
                    row_header: "Month".into(),
                    columns: vec!["Started".into(), "Active at month end".into()],
                    rows: vec![
                        TableRow { label: "2026-01".into(), cells: vec![Shown::Count(7), Shown::Suppressed], is_total: false },
                        TableRow { label: "All 12 months".into(), cells: vec![Shown::Hidden, Shown::NoData], is_total: true },
                    ],
                },
                Table {
                    title: "Plans, by department".into(),
                    row_header: "Department".into(),
                    columns: vec!["Tasks completed".into(), "Median plan duration".into()],
                    rows: vec![TableRow { label: "Sales, North".into(), cells: vec![Shown::Share(0.5), Shown::Days(12.0)], is_total: false }],
                },
            ],
        };
        assert_eq!(
            to_csv(&insights),
            "table,period,group,measure,unit,value,hidden,reason\r\n\
             Plans by month,2026-01,All departments,Started,count,7,false,\r\n\
             Plans by month,2026-01,All departments,Active at month end,,,true,fewer than 5 people\r\n\
             Plans by month,2026-01 to 2026-12,All departments,Started,,,true,protects another figure\r\n\
             \"Plans, by department\",2026-01 to 2026-12,\"Sales, North\",Tasks completed,share,0.5000,false,\r\n\
             \"Plans, by department\",2026-01 to 2026-12,\"Sales, North\",Median plan duration,days,12.0,false,\r\n"
        );
    }
}
