//! Calendar feeds: each person's secret address (`/calendar/{token}.ics`) lists the dated items of
//! the plans they may see, and one check-in can be downloaded as an invitation.
//!
//! A feed ends up on a calendar provider's servers and in calendars other people can read, so it
//! carries dates and neutral words only: "1:1 with Sam Rivera" for a check-in, "Follow-up due" for
//! everything else, a link to Rebound's start page (never to a plan, whose id would tell that a
//! plan exists), and an opaque UID. No plan title, no item title, no plan text.
//!
//! What a feed published is remembered per person (`db::calendar`): a moved date keeps its UID
//! and raises SEQUENCE; an item that no longer needs anyone (done, removed, its plan closed or
//! handed to another manager) is published as cancelled for four weeks, then dropped.
//! Fetching a feed is not a plan read: it shows no part of a plan beyond these dates.

use crate::model::{AppError, DueItem, DueKind, Viewer};
use crate::server::AppState;
use crate::server::auth::session::{hash_token, new_token};
use crate::server::db::calendar::PublishedEntry;
use crate::server::db::{self, Conn};
use crate::server::plans::access::{Intent, authorise, not_found};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use sha2::{Digest, Sha256};

/// How far ahead a feed looks.
const FEED_DAYS_AHEAD: i64 = 366;
/// How long a cancelled event stays in the feed, so every subscribed calendar sees it go.
const CANCELLED_KEPT_DAYS: i64 = 28;
/// How often calendars are asked to fetch the feed again.
const REFRESH_MINUTES: i64 = 60;

/// Gives the viewer a new feed address, replacing (and so ending) the one they had. Returns the
/// new token: shown once, kept only as its hash.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id))]
pub async fn reset(state: &AppState, viewer: &Viewer) -> Result<String, AppError> {
    let (token, hash) = new_token();
    let mut tx = state.pool.begin_write().await?;
    db::calendar::set_feed(&mut tx, viewer.id, &hash, state.now()).await?;
    db::audit::record(&mut tx, state.now(), db::audit::AuditEvent::new(Some(viewer.id), crate::model::AuditAction::CalendarFeedReset)).await?;
    tx.commit().await?;
    Ok(token)
}

/// Turns the viewer's feed off: its address stops working at once.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id))]
pub async fn turn_off(state: &AppState, viewer: &Viewer) -> Result<(), AppError> {
    let mut tx = state.pool.begin_write().await?;
    if db::calendar::remove_feed(&mut tx, viewer.id).await? {
        db::audit::record(&mut tx, state.now(), db::audit::AuditEvent::new(Some(viewer.id), crate::model::AuditAction::CalendarFeedTurnedOff)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The iCalendar text of the feed whose token is `token`, or `None` for a token nobody active
/// holds. `origin` is the address the calendar fetched it at, for the link back.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn feed(state: &AppState, token: &str, origin: &str) -> Result<Option<String>, AppError> {
    let hash = hash_token(token);
    let now = state.now();
    // Most fetches find nothing changed and write nothing; a change is worked out again inside a
    // write, so two fetches at once cannot raise a SEQUENCE twice.
    let mut conn = state.pool.acquire().await?;
    let Some(owner) = db::calendar::feed_owner(&mut conn, &hash).await? else { return Ok(None) };
    let (mut published, changes) = planned(&mut conn, owner, now).await?;
    drop(conn);
    if !changes.is_empty() {
        let mut tx = state.pool.begin_write().await?;
        if db::calendar::feed_owner(&mut tx, &hash).await? != Some(owner) {
            return Ok(None);
        }
        let (current, changes) = planned(&mut tx, owner, now).await?;
        for change in &changes {
            match change {
                Change::Put(entry) => db::calendar::put_entry(&mut tx, owner, entry).await?,
                Change::Drop(uid) => db::calendar::drop_entry(&mut tx, owner, uid).await?,
            }
        }
        tx.commit().await?;
        published = applied(current, changes);
    }
    let events = published.iter().map(|entry| event(entry, origin)).collect::<Vec<_>>();
    Ok(Some(calendar("Rebound", events, false)))
}

/// The next check-in of plan `plan_id` as a one-event calendar file for the viewer, with the
/// same UID their feed gives it. Refused as "not found" when they may not read the plan, and
/// when it has no next check-in.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id, plan_id = plan_id))]
pub async fn check_in_invitation(state: &AppState, viewer: &Viewer, plan_id: i64, origin: &str) -> Result<String, AppError> {
    let mut conn = state.pool.acquire().await?;
    let facts = db::plans::access_facts(&mut conn, plan_id).await?.ok_or_else(not_found)?;
    authorise(viewer.id, &facts, Intent::Read)?;
    let today = state.now().date_naive();
    let items = db::agenda::due_items(&mut conn, viewer.id, today + Duration::days(FEED_DAYS_AHEAD)).await?;
    let item = items
        .into_iter()
        .find(|item| item.plan_id == plan_id && item.kind == DueKind::CheckIn)
        .ok_or_else(|| AppError::NotFound("This plan has no next check-in to add to a calendar.".into()))?;
    let uid = uid_for(viewer.id, &item);
    let sequence = db::calendar::entries(&mut conn, viewer.id).await?.into_iter().find(|entry| entry.uid == uid).map_or(0, |entry| entry.sequence);
    drop(conn);
    state.plan_reads.record(state.now(), viewer.id, plan_id).await?;
    let entry = PublishedEntry { uid, summary: summary_for(&item), starts_on: item.due, sequence, cancelled_at: None };
    Ok(calendar("Rebound check-in", vec![event(&entry, origin)], true))
}

/// What a feed publishes now, and the changes from what it published before.
async fn planned(conn: &mut Conn, owner: i64, now: DateTime<Utc>) -> Result<(Vec<PublishedEntry>, Vec<Change>), AppError> {
    let items = db::agenda::due_items(conn, owner, now.date_naive() + Duration::days(FEED_DAYS_AHEAD)).await?;
    let wanted = items.iter().map(|item| Wanted { uid: uid_for(owner, item), summary: summary_for(item), starts_on: item.due }).collect::<Vec<_>>();
    let published = db::calendar::entries(conn, owner).await?;
    let changes = reconcile(&published, &wanted, now);
    Ok((published, changes))
}

/// An event a feed should publish now.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wanted {
    uid: String,
    summary: String,
    starts_on: NaiveDate,
}

/// A change to what a feed publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Put(PublishedEntry),
    Drop(String),
}

/// The changes that make `published` publish `wanted` at `now`: new events start at SEQUENCE 0; a
/// changed date or summary, a cancellation and a return each raise it by one; a cancellation
/// older than [`CANCELLED_KEPT_DAYS`] is dropped.
fn reconcile(published: &[PublishedEntry], wanted: &[Wanted], now: DateTime<Utc>) -> Vec<Change> {
    let mut changes = Vec::new();
    for event in wanted {
        let before = published.iter().find(|entry| entry.uid == event.uid);
        let unchanged = before.is_some_and(|entry| entry.cancelled_at.is_none() && entry.summary == event.summary && entry.starts_on == event.starts_on);
        if !unchanged {
            let sequence = before.map_or(0, |entry| entry.sequence + 1);
            changes.push(Change::Put(PublishedEntry { uid: event.uid.clone(), summary: event.summary.clone(), starts_on: event.starts_on, sequence, cancelled_at: None }));
        }
    }
    for entry in published.iter().filter(|entry| !wanted.iter().any(|event| event.uid == entry.uid)) {
        match entry.cancelled_at {
            None => changes.push(Change::Put(PublishedEntry { sequence: entry.sequence + 1, cancelled_at: Some(now), ..entry.clone() })),
            Some(cancelled) if cancelled < now - Duration::days(CANCELLED_KEPT_DAYS) => changes.push(Change::Drop(entry.uid.clone())),
            Some(_) => {}
        }
    }
    changes
}

/// `published` with `changes` made, by uid.
fn applied(mut published: Vec<PublishedEntry>, changes: Vec<Change>) -> Vec<PublishedEntry> {
    for change in changes {
        match change {
            Change::Put(entry) => match published.iter_mut().find(|before| before.uid == entry.uid) {
                Some(before) => *before = entry,
                None => published.push(entry),
            },
            Change::Drop(uid) => published.retain(|entry| entry.uid != uid),
        }
    }
    published.sort_by(|a, b| a.uid.cmp(&b.uid));
    published
}

/// A UID that stays the same for the same item in the same person's calendar and says nothing
/// about the plan: a hash of who, what kind and which item.
fn uid_for(owner: i64, item: &DueItem) -> String {
    let digest = Sha256::digest(format!("rebound-calendar:{owner}:{}:{}", item.kind.as_str(), item.item_id).as_bytes());
    format!("{}@rebound", &hex::encode(digest)[..32])
}

/// The neutral words an item shows in a calendar.
fn summary_for(item: &DueItem) -> String {
    match (item.kind, &item.person) {
        (DueKind::CheckIn, Some(person)) => format!("1:1 with {person}"),
        (DueKind::CheckIn, None) => "1:1 check-in".to_owned(),
        _ => "Follow-up due".to_owned(),
    }
}

/// One all-day event.
fn event(entry: &PublishedEntry, origin: &str) -> Event {
    let mut event = Event::new();
    event
        .uid(&entry.uid)
        .summary(&entry.summary)
        .description("Open Rebound for the details.")
        .url(&format!("{origin}/"))
        .all_day(entry.starts_on)
        .sequence(u32::try_from(entry.sequence).unwrap_or(0))
        .status(if entry.cancelled_at.is_some() { EventStatus::Cancelled } else { EventStatus::Confirmed });
    event.done()
}

/// A calendar of `events`: a feed to subscribe to, or (`invitation`) a file to import.
fn calendar(name: &str, events: Vec<Event>, invitation: bool) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name).append_property(icalendar::Property::new("METHOD", "PUBLISH"));
    if !invitation {
        calendar.ttl(&Duration::minutes(REFRESH_MINUTES));
    }
    for event in events {
        calendar.push(event);
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn wanted(uid: &str, starts_on: NaiveDate) -> Wanted {
        Wanted { uid: uid.into(), summary: "Follow-up due".into(), starts_on }
    }

    #[test]
    fn moved_dates_raise_the_sequence_and_gone_items_are_cancelled_then_dropped() {
        let now = Utc::now();
        let first = applied(vec![], reconcile(&[], &[wanted("a", day(3)), wanted("b", day(4))], now));
        assert_eq!(first.iter().map(|entry| entry.sequence).collect::<Vec<_>>(), vec![0, 0]);
        assert!(reconcile(&first, &[wanted("a", day(3)), wanted("b", day(4))], now).is_empty(), "nothing changed, nothing written");
        let moved = applied(first.clone(), reconcile(&first, &[wanted("a", day(5))], now));
        assert_eq!((moved[0].starts_on, moved[0].sequence, moved[0].cancelled_at), (day(5), 1, None));
        assert_eq!((moved[1].sequence, moved[1].cancelled_at), (1, Some(now)), "b went: cancelled");
        assert!(reconcile(&moved, &[wanted("a", day(5))], now + Duration::days(1)).is_empty(), "a cancellation is published once");
        let back = applied(moved.clone(), reconcile(&moved, &[wanted("a", day(5)), wanted("b", day(4))], now));
        assert_eq!((back[1].sequence, back[1].cancelled_at), (2, None), "a cancelled item that returns is confirmed again");
        let later = now + Duration::days(CANCELLED_KEPT_DAYS + 1);
        assert_eq!(reconcile(&moved, &[wanted("a", day(5))], later), vec![Change::Drop("b".into())]);
    }

    #[test]
    fn calendar_words_are_neutral_and_uids_opaque() {
        let item = DueItem { plan_id: 4, item_id: 11, kind: DueKind::Task, title: "Rehearse the failed demo".into(), due: day(3), person: Some("Sam Rivera".into()), own: false };
        assert_eq!(summary_for(&item), "Follow-up due");
        assert_eq!(summary_for(&DueItem { kind: DueKind::CheckIn, ..item.clone() }), "1:1 with Sam Rivera");
        assert_eq!(summary_for(&DueItem { kind: DueKind::CheckIn, person: None, ..item.clone() }), "1:1 check-in");
        let uid = uid_for(7, &item);
        let (hash, host) = uid.split_once('@').unwrap();
        assert!(host == "rebound" && hash.len() == 32 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{uid}");
        assert_eq!(uid, uid_for(7, &item), "stable");
        assert_ne!(uid, uid_for(8, &item), "each person's calendar has its own");
        let entry = PublishedEntry { uid, summary: summary_for(&item), starts_on: item.due, sequence: 2, cancelled_at: None };
        let text = calendar("Rebound", vec![event(&entry, "http://127.0.0.1:3000")], false);
        assert!(text.contains("DTSTART;VALUE=DATE:20261203") && text.contains("SEQUENCE:2") && text.contains("REFRESH-INTERVAL"), "{text}");
        assert!(!text.contains("Rehearse") && !text.contains("plans/"), "{text}");
    }
}
