//! Sending what the outbox holds, one email at a time, on the instance that holds the "email"
//! job lease.
//!
//! Each email is claimed before it is sent, and marked sent once the SMTP server has accepted
//! it. A server that fails or is away leaves the email queued, to be tried again with backoff
//! (30 s, 1, 2, 4 ... minutes, at most an hour apart), so nothing is lost while it is down. A
//! server that dies mid-message never accepted it, so the retry is its only copy. Only a sender
//! that dies in the moment between the server's acceptance and its own record could send one
//! twice; the stable Message-ID lets mail systems drop such a copy.

use crate::server::AppState;
use crate::server::db::{self, DbError, email::QueuedEmail};
use crate::server::email::EmailConfig;
use crate::server::email::reminders::EmailKind;
use chrono::{DateTime, Duration, Utc};
use lettre::AsyncTransport as _;
use lettre::message::header::{HeaderName, HeaderValue};
use sha2::{Digest, Sha256};

/// Emails sent per run, so one run cannot hold the sender for long.
const BATCH: usize = 50;
/// How long a claim on an email lasts: longer than the SMTP timeout.
const CLAIM_SECONDS: i64 = 120;
/// Finished emails are kept this long (their unsubscribe links keep working), then dropped.
pub const KEPT_DAYS: i64 = 90;

/// When to try again after `attempts` failed attempts.
pub fn retry_after(attempts: i64, now: DateTime<Utc>) -> DateTime<Utc> {
    let seconds = 30i64.saturating_mul(1 << attempts.clamp(0, 7)).min(3600);
    now + Duration::seconds(seconds)
}

/// Sends the emails due now. Returns how many were sent.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn deliver(state: &AppState, config: &EmailConfig) -> Result<usize, DbError> {
    let mut sent = 0;
    for _ in 0..BATCH {
        let now = state.now();
        let mut tx = state.pool.begin_write().await?;
        let claimed = db::email::claim_next(&mut tx, now, now + Duration::seconds(CLAIM_SECONDS)).await?;
        tx.commit().await?;
        let Some(email) = claimed else { break };
        // A person who switched this kind off after it was queued gets nothing.
        let choices = db::email::choices(&mut state.pool.acquire().await?, email.user_id).await?;
        let wanted = EmailKind::parse(&email.kind).is_some_and(|kind| kind.wanted(choices));
        let result = if wanted { send(config, &email, &state.config.public_url).await.map(|()| "sent") } else { Ok("skipped") };
        let mut tx = state.pool.begin_write().await?;
        match result {
            Ok(outcome) => {
                db::email::finish(&mut tx, email.id, outcome, state.now()).await?;
                sent += usize::from(outcome == "sent");
            }
            Err(error) => {
                tracing::warn!(email_id = email.id, attempts = email.attempts + 1, %error, "email not sent; it will be tried again");
                db::email::failed(&mut tx, email.id, retry_after(email.attempts, state.now()), &error).await?;
            }
        }
        tx.commit().await?;
    }
    let mut tx = state.pool.begin_write().await?;
    db::email::drop_finished(&mut tx, state.now() - Duration::days(KEPT_DAYS)).await?;
    tx.commit().await?;
    Ok(sent)
}

/// Hands one email to the SMTP server.
async fn send(config: &EmailConfig, email: &QueuedEmail, public_url: &str) -> Result<(), String> {
    let header = |name: &str, value: String| HeaderName::new_from_ascii(name.to_owned()).map(|name| HeaderValue::new(name, value)).map_err(|error| error.to_string());
    let message_id = hex::encode(&Sha256::digest(email.idempotency_key.as_bytes())[..16]);
    let unsubscribe = format!("<{public_url}/unsubscribe/{}>", email.unsubscribe_token);
    let message = lettre::Message::builder()
        .from(config.from.parse().map_err(|_| "the sender address is not valid".to_owned())?)
        .to(email.recipient.parse().map_err(|_| "the recipient address is not valid".to_owned())?)
        .subject(&email.subject)
        .message_id(Some(format!("<{message_id}@rebound>")))
        .raw_header(header("List-Unsubscribe", unsubscribe)?)
        .raw_header(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into())?)
        .raw_header(header("Auto-Submitted", "auto-generated".into())?)
        .body(email.body.clone())
        .map_err(|error| error.to_string())?;
    let transport = config.transport().map_err(|error| error.to_string())?;
    transport.send(message).await.map(|_| ()).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_at_most_an_hour() {
        let now = Utc::now();
        let waits: Vec<i64> = (0..10).map(|attempts| (retry_after(attempts, now) - now).num_seconds()).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    }
}
