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
            Shown::Suppressed => format!("fewer than {k}"),
            Shown::Hidden => "hidden".to_owned(),
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

/// The CSV download: exactly the tables on the page, in order, with the same texts.
pub fn to_csv(insights: &Insights) -> String {
    let mut out = String::new();
    for table in &insights.tables {
        let header: Vec<String> = ["table".to_owned(), table.row_header.clone()].into_iter().chain(table.columns.iter().cloned()).collect();
        push_line(&mut out, &header);
        for row in &table.rows {
            let line: Vec<String> = [table.title.clone(), row.label.clone()].into_iter().chain(row.cells.iter().map(|cell| cell.text(insights.k))).collect();
            push_line(&mut out, &line);
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
    fn values_read_the_same_on_the_page_and_in_the_csv() {
        assert_eq!(Shown::Suppressed.text(5), "fewer than 5");
        assert_eq!(Shown::Hidden.text(5), "hidden", "a cell hidden to protect another does not claim to be small");
        assert_eq!(Shown::Share(0.426).text(5), "43%");
        assert_eq!(Shown::Days(6.5).text(5), "6 days");
        let insights = Insights {
            k: 5,
            first_month: "2026-01".into(),
            last_month: "2026-12".into(),
            tables: vec![Table {
                title: "Plans, by department".into(),
                row_header: "Department".into(),
                columns: vec!["Started".into()],
                rows: vec![TableRow { label: "Sales, North".into(), cells: vec![Shown::Count(7)], is_total: false }],
            }],
        };
        assert_eq!(to_csv(&insights), "table,Department,Started\r\n\"Plans, by department\",\"Sales, North\",7\r\n");
    }
}
