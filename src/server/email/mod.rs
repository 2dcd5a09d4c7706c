//! Email over SMTP: reminders (a check-in tomorrow, a small win due, something overdue), "a plan
//! was shared with you" and Monday's digest, each of which a person can switch off.
//!
//! Every email goes through the outbox (`db::email`): `reminders` works out what is due for each
//! person at 09:00 in their time zone and queues it under an idempotency key, so the same
//! reminder is queued once however often, and on however many instances, it is worked out;
//! `outbox` sends what is queued, on the one instance that holds the "email" job lease, retrying
//! with backoff while the SMTP server is away.
//!
//! An email may land in a shared inbox, so it carries no plan content: a neutral sentence, a link
//! to Rebound, and a one-click unsubscribe link (RFC 8058).

pub mod outbox;
pub mod preferences;
pub mod reminders;

use crate::server::error::CliError;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same machine or network.
    None,
    /// Upgraded with STARTTLS (port 587), required.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl SmtpTls {
    fn parse(word: &str) -> Option<Self> {
        match word.trim().to_ascii_lowercase().as_str() {
            "none" | "off" => Some(SmtpTls::None),
            "starttls" => Some(SmtpTls::StartTls),
            "tls" => Some(SmtpTls::Tls),
            _ => None,
        }
    }

    /// The word the settings page shows.
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpTls::None => "none",
            SmtpTls::StartTls => "starttls",
            SmtpTls::Tls => "tls",
        }
    }
}

/// Where email goes out, from `REBOUND_SMTP_*`. The password is read from a file, so it is in
/// neither the environment of every child process nor the command line.
#[derive(Clone)]
pub struct EmailConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub user: Option<String>,
    password: Option<String>,
    /// The sender, "Rebound <rebound@example.org>".
    pub from: String,
}

impl std::fmt::Debug for EmailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.user)
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl EmailConfig {
    /// A configuration for an SMTP server at `host:port`, sending as `from`.
    pub fn new(host: &str, port: u16, tls: SmtpTls, from: &str) -> Self {
        EmailConfig { host: host.to_owned(), port, tls, user: None, password: None, from: from.to_owned() }
    }

    /// From the environment: `None` when `REBOUND_SMTP_HOST` is not set (email is off).
    pub fn from_environment() -> Result<Option<Self>, CliError> {
        let Ok(host) = std::env::var("REBOUND_SMTP_HOST") else { return Ok(None) };
        let refused = |message: String| CliError::Refused(message);
        let tls = match std::env::var("REBOUND_SMTP_TLS") {
            Ok(word) => SmtpTls::parse(&word).ok_or_else(|| refused(format!("REBOUND_SMTP_TLS must be none, starttls or tls, not {word:?}")))?,
            Err(_) => SmtpTls::StartTls,
        };
        let default_port = match tls {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        };
        let port = match std::env::var("REBOUND_SMTP_PORT") {
            Ok(port) => port.trim().parse().map_err(|_| refused(format!("REBOUND_SMTP_PORT must be a port number, not {port:?}")))?,
            Err(_) => default_port,
        };
        let user = std::env::var("REBOUND_SMTP_USER").ok().filter(|user| !user.is_empty());
        let password = match std::env::var("REBOUND_SMTP_PASSWORD_FILE") {
            Ok(path) => Some(
                std::fs::read_to_string(&path)
                    .map_err(|error| refused(format!("cannot read REBOUND_SMTP_PASSWORD_FILE {path:?}: {error}")))?
                    .trim_end_matches(['\r', '\n'])
                    .to_owned(),
            ),
            Err(_) => None,
        };
        if user.is_some() != password.is_some() {
            return Err(refused("set both REBOUND_SMTP_USER and REBOUND_SMTP_PASSWORD_FILE, or neither".into()));
        }
        let from = std::env::var("REBOUND_EMAIL_FROM").unwrap_or_else(|_| format!("Rebound <rebound@{host}>"));
        from.parse::<lettre::message::Mailbox>().map_err(|_| refused(format!("REBOUND_EMAIL_FROM is not an email address: {from:?}")))?;
        Ok(Some(EmailConfig { host: host.trim().to_owned(), port, tls, user, password, from }))
    }

    /// The transport to the server: connections time out rather than hang a sender.
    pub fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
        let builder = match self.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host),
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.host)?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&self.host)?,
        };
        let builder = builder.port(self.port).timeout(Some(std::time::Duration::from_secs(20)));
        let builder = match (&self.user, &self.password) {
            (Some(user), Some(password)) => builder.credentials(Credentials::new(user.clone(), password.clone())),
            _ => builder,
        };
        Ok(builder.build())
    }
}

/// Sends a test email to `to` now, outside the outbox: the admin's "send a test email" button.
pub async fn send_test(config: &EmailConfig, to: &str, public_url: &str) -> Result<(), String> {
    use lettre::AsyncTransport as _;
    let message = lettre::Message::builder()
        .from(config.from.parse().map_err(|_| "The sender address is not valid.".to_owned())?)
        .to(to.parse().map_err(|_| format!("{to} is not an address the SMTP server would take."))?)
        .subject("Rebound test email")
        .body(format!("This is a test email from Rebound at {public_url}/. Email works.\n"))
        .map_err(|error| error.to_string())?;
    let transport = config.transport().map_err(|error| error.to_string())?;
    transport.send(message).await.map(|_| ()).map_err(|error| error.to_string())
}
