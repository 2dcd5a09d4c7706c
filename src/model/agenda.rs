//! What needs a person now and this week (the Today page, the count in the navigation, the
//! calendar feed): the dated items of the active plans they may see, worked out on the server.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

word_enum! {
    /// The kind of dated item on a plan that someone has to act on.
    DueKind {
        CheckIn = "check_in": "One-on-one check-in",
        SmallWin = "small_win": "Small win due",
        Task = "task": "Task due",
        Milestone = "milestone": "Milestone target",
    }
}

/// One dated item of an active plan the viewer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    pub plan_id: i64,
    /// The check-in's plan, the small win, the task or the milestone.
    pub item_id: i64,
    pub kind: DueKind,
    /// The item's title as the plan shows it (empty for a check-in).
    pub title: String,
    pub due: NaiveDate,
    /// Who the item is with: the employee, on a report's plan; the manager, on the viewer's own
    /// plan (`None` when nobody manages them right now).
    pub person: Option<String>,
    /// On the viewer's own plan rather than a report's.
    pub own: bool,
}

/// An active plan of a report whose last check-in (or, without one, whose start) is at least
/// [`QUIET_DAYS`] ago.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietPlan {
    pub plan_id: i64,
    pub person: String,
    pub last_check_in: Option<NaiveDate>,
}

/// Three weeks without a check-in: the playbook's point at which a quiet plan needs a nudge.
pub const QUIET_DAYS: i64 = 21;

/// The Today page: the viewer's items, sorted by date, split by when they are due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Today {
    /// The viewer's date, in their time zone, so both sides judge "overdue" alike.
    pub today: Option<NaiveDate>,
    pub overdue: Vec<DueItem>,
    pub due_today: Vec<DueItem>,
    /// Due in the six days after today.
    pub this_week: Vec<DueItem>,
    pub quiet: Vec<QuietPlan>,
}

impl Today {
    /// Sorts `items` (any order) into the page's groups for `today`; later items are left out.
    pub fn new(today: NaiveDate, items: Vec<DueItem>, quiet: Vec<QuietPlan>) -> Self {
        let mut page = Today { today: Some(today), quiet, ..Today::default() };
        let week_end = today + chrono::Duration::days(6);
        for item in items {
            if item.due < today {
                page.overdue.push(item);
            } else if item.due == today {
                page.due_today.push(item);
            } else if item.due <= week_end {
                page.this_week.push(item);
            }
        }
        for group in [&mut page.overdue, &mut page.due_today, &mut page.this_week] {
            group.sort_by(|a, b| a.due.cmp(&b.due).then(a.person.cmp(&b.person)).then(a.kind.as_str().cmp(b.kind.as_str())).then(a.item_id.cmp(&b.item_id)));
        }
        page
    }

    /// What needs the viewer now: overdue, due today and quiet plans (the navigation's count).
    pub fn needs_now(&self) -> usize {
        self.overdue.len() + self.due_today.len() + self.quiet.len()
    }

    /// Nothing at all this week.
    pub fn is_empty(&self) -> bool {
        self.needs_now() == 0 && self.this_week.is_empty()
    }
}

/// The account page's view of a person's calendar feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CalendarFeed {
    /// When the current address was made; `None` while the feed is off.
    pub made_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The address just made, shown this once (it is kept only as a hash).
    pub new_address: Option<String>,
}

/// The emails a person gets; each can be switched off on the account page or from the email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChoices {
    /// A check-in tomorrow, a small win due today, something overdue.
    pub reminders: bool,
    /// A plan was shared with them.
    pub shared: bool,
    /// Monday's summary of the week.
    pub digest: bool,
}

impl Default for EmailChoices {
    fn default() -> Self {
        EmailChoices { reminders: true, shared: true, digest: true }
    }
}

/// The account page: calendar feed, emails and time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AccountSettings {
    pub feed: CalendarFeed,
    pub email: EmailChoices,
    /// Whether this server sends email at all (an SMTP server is configured).
    pub email_on: bool,
    /// The person's own time zone, if they chose one.
    pub time_zone: Option<String>,
    /// The organisation's, which applies otherwise.
    pub organisation_time_zone: String,
    /// Every time zone a person may choose, by name.
    pub zones: Vec<String>,
}

/// Email as the settings page shows it to an admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EmailStatus {
    /// "smtp.example.org:587 (starttls)"; `None` when no SMTP server is configured.
    pub server: Option<String>,
    pub user: Option<String>,
    pub from: Option<String>,
    /// Where links in emails point.
    pub public_url: String,
    /// The organisation's time zone.
    pub time_zone: String,
    /// Emails waiting to be sent.
    pub waiting: i64,
    /// Why the latest failed attempt failed, while emails wait.
    pub last_error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, due: NaiveDate) -> DueItem {
        DueItem { plan_id: 1, item_id: id, kind: DueKind::Task, title: format!("task {id}"), due, person: Some("Sam".into()), own: false }
    }

    #[test]
    fn items_fall_into_overdue_today_and_this_week() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let day = |offset: i64| today + chrono::Duration::days(offset);
        let page = Today::new(today, vec![item(1, day(6)), item(2, day(-30)), item(3, day(0)), item(4, day(7)), item(5, day(-1))], vec![]);
        assert_eq!(page.overdue.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![2, 5], "oldest first");
        assert_eq!(page.due_today.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![3]);
        assert_eq!(page.this_week.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![1], "a week from today is next week");
        assert_eq!(page.needs_now(), 3);
        let quiet = QuietPlan { plan_id: 9, person: "Lena".into(), last_check_in: None };
        assert_eq!(Today::new(today, vec![], vec![quiet]).needs_now(), 1);
        assert!(Today::new(today, vec![item(4, day(7))], vec![]).is_empty());
    }
}
