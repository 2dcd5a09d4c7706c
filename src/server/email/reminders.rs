//! Working out which emails are due and queueing them: at 09:00 in each person's time zone, a
//! check-in tomorrow, a small win due today, anything that became overdue in the past week, and on
//! Mondays the week's digest; "a plan was shared with you" as soon as it is. Each is queued under
//! an idempotency key naming the person, the item and its date, so it is queued once.

use crate::model::{DueItem, DueKind, EmailChoices};
use crate::server::AppState;
use crate::server::auth::session::new_token;
use crate::server::db::{self, DbError, email::NewEmail};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Tz;

/// The local hour reminders go out at.
pub const SEND_HOUR: u32 = 9;
/// How long after its date an overdue item is still worth one email.
const OVERDUE_WINDOW_DAYS: i64 = 7;
/// How long after sharing a plan the employee may still be told of it.
const SHARED_WINDOW_DAYS: i64 = 7;

/// A kind of email, and the choice that switches it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailKind {
    CheckInTomorrow,
    SmallWinDue,
    Overdue,
    Shared,
    Digest,
}

impl EmailKind {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::CheckInTomorrow => "check_in_tomorrow",
            EmailKind::SmallWinDue => "small_win_due",
            EmailKind::Overdue => "overdue",
            EmailKind::Shared => "shared",
            EmailKind::Digest => "digest",
        }
    }

    /// Parses the stored word.
    pub fn parse(word: &str) -> Option<Self> {
        [EmailKind::CheckInTomorrow, EmailKind::SmallWinDue, EmailKind::Overdue, EmailKind::Shared, EmailKind::Digest].into_iter().find(|kind| kind.as_str() == word)
    }

    /// Whether a person with `choices` gets this kind.
    pub fn wanted(self, choices: EmailChoices) -> bool {
        match self {
            EmailKind::CheckInTomorrow | EmailKind::SmallWinDue | EmailKind::Overdue => choices.reminders,
            EmailKind::Shared => choices.shared,
            EmailKind::Digest => choices.digest,
        }
    }

    /// `choices` with this kind's choice switched off.
    pub fn switched_off(self, choices: EmailChoices) -> EmailChoices {
        match self {
            EmailKind::CheckInTomorrow | EmailKind::SmallWinDue | EmailKind::Overdue => EmailChoices { reminders: false, ..choices },
            EmailKind::Shared => EmailChoices { shared: false, ..choices },
            EmailKind::Digest => EmailChoices { digest: false, ..choices },
        }
    }

    /// What the person is told they switched off.
    pub fn group_label(self) -> &'static str {
        match self {
            EmailKind::CheckInTomorrow | EmailKind::SmallWinDue | EmailKind::Overdue => "reminder emails",
            EmailKind::Shared => "emails when something is shared with you",
            EmailKind::Digest => "the weekly summary",
        }
    }
}

/// One email a person is due, before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub kind: EmailKind,
    /// What makes it this email and no other: the item and its date, or the week.
    pub key: String,
    pub subject: String,
    pub sentence: String,
}

/// The emails due at local time `local` to a person with `choices`, given the dated items of the
/// plans they may see and the plans of their own shared since a week (with when).
pub fn due_emails(local: DateTime<Tz>, choices: EmailChoices, items: &[DueItem], shared: &[(i64, DateTime<Utc>)], now: DateTime<Utc>) -> Vec<Due> {
    let mut due = Vec::new();
    let day = local.date_naive();
    let shown = |date: NaiveDate| date.format(crate::model::DAY_FORMAT).to_string();
    for (plan_id, at) in shared.iter().filter(|(_, at)| *at >= now - Duration::days(SHARED_WINDOW_DAYS)) {
        due.push(Due {
            kind: EmailKind::Shared,
            key: format!("{plan_id}:{}", at.timestamp()),
            subject: "Something was shared with you in Rebound".into(),
            sentence: "Your manager shared something with you in Rebound. It is yours to read and work on.".into(),
        });
    }
    if local.hour() >= SEND_HOUR {
        for item in items {
            let key = format!("{}:{}:{}", item.kind.as_str(), item.item_id, item.due);
            if item.kind == DueKind::CheckIn && item.due == day + Duration::days(1) {
                due.push(Due {
                    kind: EmailKind::CheckInTomorrow,
                    key,
                    subject: "A check-in tomorrow".into(),
                    sentence: format!("You have a one-on-one check-in tomorrow, {}.", shown(item.due)),
                });
            } else if item.kind != DueKind::CheckIn && item.due == day {
                due.push(Due {
                    kind: EmailKind::SmallWinDue,
                    key,
                    subject: "A follow-up is due today".into(),
                    sentence: format!("A follow-up is due today, {}.", shown(item.due)),
                });
            } else if item.due < day && item.due >= day - Duration::days(OVERDUE_WINDOW_DAYS) {
                due.push(Due {
                    kind: EmailKind::Overdue,
                    key,
                    subject: "A follow-up is overdue".into(),
                    sentence: format!("A follow-up was due on {} and is still open.", shown(item.due)),
                });
            }
        }
        if local.weekday() == Weekday::Mon {
            let this_week = items.iter().filter(|item| item.due >= day && item.due <= day + Duration::days(6)).count();
            let overdue = items.iter().filter(|item| item.due < day).count();
            if this_week + overdue > 0 {
                let week = day.iso_week();
                due.push(Due {
                    kind: EmailKind::Digest,
                    key: format!("{}-W{:02}", week.year(), week.week()),
                    subject: "Your week in Rebound".into(),
                    sentence: format!("This week {this_week} date(s) need you, and {overdue} item(s) are overdue."),
                });
            }
        }
    }
    due.retain(|email| email.kind.wanted(choices));
    due
}

/// The body of an email: the sentence, the link to Rebound and the ways to stop it.
fn body(sentence: &str, public_url: &str, unsubscribe_token: &str, kind: EmailKind) -> String {
    format!(
        "{sentence}\n\nOpen Rebound: {public_url}/\n\n--\nYou get this because {what} are on in your Rebound account.\nStop them: {public_url}/unsubscribe/{unsubscribe_token}\nChoose what you get: {public_url}/account#email\n",
        what = kind.group_label()
    )
}

/// The time zone a person's reminders follow: their own, else the organisation's.
pub fn zone_of(own: Option<&str>, organisation: Tz) -> Tz {
    own.and_then(|name| name.parse().ok()).unwrap_or(organisation)
}

/// Queues every email due now to everyone on an active plan. Returns how many were queued now
/// (those queued before are not queued again).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn schedule(state: &AppState) -> Result<usize, DbError> {
    let now = state.now();
    let mut conn = state.pool.acquire().await?;
    let recipients = db::email::recipients(&mut conn).await?;
    let mut queued = 0;
    for recipient in recipients {
        let choices = recipient.choices();
        if !(choices.reminders || choices.shared || choices.digest) {
            continue;
        }
        let local = now.with_timezone(&zone_of(recipient.time_zone.as_deref(), state.config.time_zone));
        let items = db::agenda::due_items(&mut conn, recipient.user_id, local.date_naive() + Duration::days(6)).await?;
        let shared = db::email::shared_plans(&mut conn, recipient.user_id).await?;
        let due = due_emails(local, choices, &items, &shared, now);
        if due.is_empty() {
            continue;
        }
        let mut tx = state.pool.begin_write().await?;
        for email in due {
            let (token, hash) = new_token();
            let new = NewEmail {
                idempotency_key: format!("{}:{}:{}", email.kind.as_str(), recipient.user_id, email.key),
                user_id: recipient.user_id,
                kind: email.kind.as_str(),
                recipient: recipient.email.clone(),
                subject: email.subject,
                body: body(&email.sentence, &state.config.public_url, &token, email.kind),
                unsubscribe_hash: hash,
                unsubscribe_token: token,
            };
            if db::email::enqueue(&mut tx, &new, now).await? {
                queued += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn item(kind: DueKind, id: i64, due: NaiveDate) -> DueItem {
        DueItem { plan_id: 1, item_id: id, kind, title: "MARKER plan text".into(), due, person: Some("Sam Rivera".into()), own: false }
    }

    #[test]
    fn reminders_wait_for_nine_in_the_persons_own_zone_and_say_nothing_of_the_plan() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // Tuesday 1 Dec 2026, 07:30 UTC: 08:30 in Berlin, 02:30 in New York.
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 7, 30, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let items = [
            item(DueKind::CheckIn, 1, day + Duration::days(1)),
            item(DueKind::SmallWin, 2, day),
            item(DueKind::Task, 3, day - Duration::days(2)),
            item(DueKind::Milestone, 4, day - Duration::days(30)),
        ];
        assert!(due_emails(now.with_timezone(&berlin), EmailChoices::default(), &items, &[], now).is_empty(), "08:30 in Berlin: not yet");
        let later = now + Duration::minutes(30);
        let due = due_emails(later.with_timezone(&berlin), EmailChoices::default(), &items, &[], later);
        let kinds: Vec<EmailKind> = due.iter().map(|email| email.kind).collect();
        assert_eq!(kinds, vec![EmailKind::CheckInTomorrow, EmailKind::SmallWinDue, EmailKind::Overdue], "the month-old milestone is past the overdue window");
        assert!(due.iter().all(|email| !email.subject.contains("MARKER") && !email.sentence.contains("MARKER") && !email.sentence.contains("Sam")));
        let new_york: Tz = "America/New_York".parse().unwrap();
        assert!(due_emails(later.with_timezone(&new_york), EmailChoices::default(), &items, &[], later).is_empty(), "03:00 in New York");
        let off = EmailChoices { reminders: false, ..EmailChoices::default() };
        assert!(due_emails(later.with_timezone(&berlin), off, &items, &[], later).is_empty());
    }

    #[test]
    fn monday_brings_the_digest_and_sharing_is_told_at_once() {
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap();
        let utc: Tz = "UTC".parse().unwrap();
        let day = now.date_naive();
        let items = [item(DueKind::Task, 3, day + Duration::days(3))];
        let due = due_emails(now.with_timezone(&utc), EmailChoices::default(), &items, &[(7, now - Duration::hours(1))], now);
        assert_eq!(due.iter().map(|email| email.kind).collect::<Vec<_>>(), vec![EmailKind::Shared, EmailKind::Digest]);
        assert_eq!(due[1].key, "2026-W49");
        let early = Utc.with_ymd_and_hms(2026, 11, 30, 3, 0, 0).unwrap();
        let shared = due_emails(early.with_timezone(&utc), EmailChoices::default(), &[], &[(7, early)], early);
        assert_eq!(shared.len(), 1, "sharing does not wait for nine");
        assert!(due_emails(now.with_timezone(&utc), EmailChoices::default(), &[], &[(7, now - Duration::days(8))], now).is_empty(), "a week later, not any more");
    }

    #[test]
    fn an_unknown_zone_falls_back_to_the_organisations() {
        let utc: Tz = "UTC".parse().unwrap();
        assert_eq!(zone_of(Some("Mars/Olympus"), utc), utc);
        assert_eq!(zone_of(Some("Asia/Tokyo"), utc).name(), "Asia/Tokyo");
        assert_eq!(zone_of(None, utc), utc);
    }
}
