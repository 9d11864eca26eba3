//! Notifiers: where alerts go. Standard output, a JSON webhook (POST, retried, signed with
//! `X-Leakwatch-Signature: sha256=<hex HMAC-SHA256 of the body>`), and e-mail over SMTP
//! (lettre, rustls; STARTTLS/TLS for real relays, plain for a local sink). Configured by the
//! `[notify]` table of the config file.

use crate::alert::{render_alert, Alert};
use crate::playbook::Lang;
use crate::WatchError;
use hmac::{Hmac, Mac};
use leakwatch_sources::{Fetcher, HttpConfig};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

/// The `[notify]` table of the config file. Unknown keys are an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyConfig {
    /// Print alerts on standard output (default true).
    pub stdout: Option<bool>,
    /// Language of messages: `ja` (default) or `en`.
    pub lang: Option<String>,
    /// POST each alert as JSON here.
    pub webhook_url: Option<String>,
    /// Key for the `X-Leakwatch-Signature` HMAC (also `$LEAKWATCH_WEBHOOK_SECRET`).
    pub webhook_secret: Option<String>,
    pub smtp_host: Option<String>,
    /// Default 587 (STARTTLS), 465 for `tls`, 25 for `none`.
    pub smtp_port: Option<u16>,
    /// `starttls` (default), `tls`, or `none` (only sensible for a local relay).
    pub smtp_security: Option<String>,
    pub smtp_username: Option<String>,
    /// Also `$LEAKWATCH_SMTP_PASSWORD`.
    pub smtp_password: Option<String>,
    pub smtp_from: Option<String>,
    /// One address or several.
    #[serde(default)]
    pub smtp_to: Vec<String>,
    /// Deadline of one delivery (connect, send, answer), in seconds; default 10. A failed
    /// delivery is retried on a later run, on a schedule kept in the database.
    pub timeout_secs: Option<u64>,
    /// Wait before retrying a failed delivery, in seconds (default 60; ×4 per further
    /// attempt, at most 6 hours; 0 retries on the next run).
    pub retry_secs: Option<u64>,
}

/// Default deadline of one delivery.
pub const DEFAULT_DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

impl NotifyConfig {
    /// Checks what can be checked without delivering: the webhook URL is http(s) with a host
    /// (anything else could never be delivered), the timeout is positive.
    pub fn validate(&self) -> Result<(), WatchError> {
        if let Some(url) = self.webhook_url.as_deref().filter(|u| !u.trim().is_empty()) {
            leakwatch_sources::validate_url(url).map_err(|_| {
                WatchError::Invalid(format!(
                    "notify.webhook_url must be an http:// or https:// URL with a host, got '{}'",
                    leakwatch_model::hygiene::redact_url(url)
                ))
            })?;
        }
        if self.timeout_secs == Some(0) {
            return Err(WatchError::Invalid(
                "notify.timeout_secs must be at least 1".into(),
            ));
        }
        Ok(())
    }

    /// Wait before the first retry of a failed delivery.
    pub fn retry_base(&self) -> Duration {
        Duration::from_secs(self.retry_secs.unwrap_or(60))
    }

    /// The deadline of one delivery.
    pub fn deadline(&self) -> Duration {
        self.timeout_secs
            .map_or(DEFAULT_DELIVERY_TIMEOUT, Duration::from_secs)
    }
}

/// A place alerts are delivered to. Deliveries run on several threads at once, and each must
/// end within the notifier's deadline (`[notify] timeout_secs`).
pub trait Notifier: Send + Sync {
    /// Stable name, recorded with each delivery (`stdout`, `webhook`, `smtp`).
    fn name(&self) -> &'static str;
    fn deliver(&self, alert: &Alert) -> Result<(), WatchError>;
}

/// Prints the alert text.
pub struct StdoutNotifier {
    lang: Lang,
    out: Mutex<Box<dyn Write + Send>>,
}

impl StdoutNotifier {
    pub fn new(lang: Lang) -> StdoutNotifier {
        StdoutNotifier::to_writer(lang, Box::new(std::io::stdout()))
    }

    /// Writes to any writer (stderr when stdout carries JSON; a buffer in tests).
    pub fn to_writer(lang: Lang, out: Box<dyn Write + Send>) -> StdoutNotifier {
        StdoutNotifier {
            lang,
            out: Mutex::new(out),
        }
    }
}

impl Notifier for StdoutNotifier {
    fn name(&self) -> &'static str {
        "stdout"
    }

    fn deliver(&self, alert: &Alert) -> Result<(), WatchError> {
        let (subject, body) = render_alert(&alert.draft, self.lang);
        // Names and origins come from documents: no control characters reach the terminal.
        let subject = leakwatch_model::hygiene::terminal_safe(&subject, false);
        let body = leakwatch_model::hygiene::terminal_safe(&body, true);
        let mut out = match self.out.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        writeln!(out, "== ALERT #{}: {subject}\n{body}", alert.id)
            .and_then(|_| out.flush())
            .map_err(|e| WatchError::Notify {
                notifier: "stdout",
                message: e.to_string(),
            })
    }
}

/// The JSON a webhook receives.
#[derive(Debug, Serialize, Deserialize)]
pub struct WebhookPayload {
    /// Always `leakwatch.alert`.
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    pub text: String,
    pub alert: Alert,
}

/// Hex HMAC-SHA256 of `body` under `secret`, as sent in `X-Leakwatch-Signature: sha256=…`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// POSTs alerts as JSON, retried with backoff on 5xx and connection failures.
pub struct WebhookNotifier {
    url: String,
    secret: Option<String>,
    lang: Lang,
    fetcher: Fetcher,
}

impl WebhookNotifier {
    pub fn new(url: String, secret: Option<String>, lang: Lang, http: HttpConfig) -> Self {
        WebhookNotifier {
            url,
            secret,
            lang,
            fetcher: Fetcher::new(http),
        }
    }
}

impl Notifier for WebhookNotifier {
    fn name(&self) -> &'static str {
        "webhook"
    }

    fn deliver(&self, alert: &Alert) -> Result<(), WatchError> {
        let (subject, text) = render_alert(&alert.draft, self.lang);
        let payload = WebhookPayload {
            kind: "leakwatch.alert".into(),
            subject,
            text,
            alert: alert.clone(),
        };
        let body = serde_json::to_vec(&payload).map_err(|e| WatchError::Notify {
            notifier: "webhook",
            message: e.to_string(),
        })?;
        let mut headers = vec![("X-Leakwatch-Event", "alert".to_string())];
        if let Some(secret) = &self.secret {
            headers.push((
                "X-Leakwatch-Signature",
                format!("sha256={}", sign(secret.as_bytes(), &body)),
            ));
        }
        self.fetcher
            .post(&self.url, "application/json", &headers, &body)
            .map(|_| ())
            .map_err(|e| WatchError::Notify {
                notifier: "webhook",
                message: e.to_string(),
            })
    }
}

/// How to talk to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    StartTls,
    Tls,
    None,
}

/// Sends alerts by e-mail.
pub struct SmtpNotifier {
    transport: SmtpTransport,
    from: Mailbox,
    to: Vec<Mailbox>,
    lang: Lang,
    /// The whole delivery (connect, greeting, send) ends within this.
    deadline: Duration,
}

impl SmtpNotifier {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        host: &str,
        port: Option<u16>,
        security: SmtpSecurity,
        credentials: Option<(String, String)>,
        from: &str,
        to: &[String],
        lang: Lang,
        deadline: Duration,
    ) -> Result<SmtpNotifier, WatchError> {
        let bad = |m: String| WatchError::Invalid(format!("notify.smtp: {m}"));
        let from: Mailbox = from
            .parse()
            .map_err(|e| bad(format!("smtp_from '{from}' is not an address: {e}")))?;
        let to: Vec<Mailbox> = to
            .iter()
            .map(|t| {
                t.parse()
                    .map_err(|e| bad(format!("smtp_to '{t}' is not an address: {e}")))
            })
            .collect::<Result<_, _>>()?;
        if to.is_empty() {
            return Err(bad("smtp_to lists no recipient".into()));
        }
        let builder = match security {
            SmtpSecurity::None => SmtpTransport::builder_dangerous(host),
            SmtpSecurity::StartTls => SmtpTransport::starttls_relay(host)
                .map_err(|e| bad(format!("cannot set up STARTTLS to {host}: {e}")))?,
            SmtpSecurity::Tls => SmtpTransport::relay(host)
                .map_err(|e| bad(format!("cannot set up TLS to {host}: {e}")))?,
        };
        let port = port.unwrap_or(match security {
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        });
        let mut builder = builder.port(port).timeout(Some(deadline));
        if let Some((user, pass)) = credentials {
            builder = builder.credentials(Credentials::new(user, pass));
        }
        Ok(SmtpNotifier {
            transport: builder.build(),
            from,
            to,
            lang,
            deadline,
        })
    }
}

impl Notifier for SmtpNotifier {
    fn name(&self) -> &'static str {
        "smtp"
    }

    fn deliver(&self, alert: &Alert) -> Result<(), WatchError> {
        let err = |message: String| WatchError::Notify {
            notifier: "smtp",
            message,
        };
        let (subject, body) = render_alert(&alert.draft, self.lang);
        let mut builder = Message::builder()
            .from(self.from.clone())
            .subject(subject)
            .header(ContentType::TEXT_PLAIN);
        for to in &self.to {
            builder = builder.to(to.clone());
        }
        let message = builder
            .body(body)
            .map_err(|e| err(format!("cannot build message: {e}")))?;
        // One try within the deadline: lettre's timeout bounds each socket operation, so the
        // send runs on its own thread and the delivery ends at the deadline whatever the
        // server does (a retry is scheduled by the caller).
        let (tx, rx) = std::sync::mpsc::channel();
        let transport = self.transport.clone();
        std::thread::spawn(move || {
            let _ = tx.send(transport.send(&message).map_err(|e| e.to_string()));
        });
        match rx.recv_timeout(self.deadline) {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(err(e)),
            Err(_) => Err(err(format!(
                "no answer within {} s",
                self.deadline.as_secs_f32()
            ))),
        }
    }
}

/// Builds the configured notifiers. `stdout_writer` replaces standard output (e.g. stderr
/// when stdout carries JSON).
pub fn notifiers_from_config(
    cfg: &NotifyConfig,
    stdout_writer: Option<Box<dyn Write + Send>>,
) -> Result<Vec<Box<dyn Notifier>>, WatchError> {
    cfg.validate()?;
    let lang: Lang = cfg.lang.as_deref().unwrap_or("ja").parse()?;
    let mut out: Vec<Box<dyn Notifier>> = Vec::new();
    if cfg.stdout.unwrap_or(true) {
        out.push(Box::new(match stdout_writer {
            Some(w) => StdoutNotifier::to_writer(lang, w),
            None => StdoutNotifier::new(lang),
        }));
    }
    if let Some(url) = cfg.webhook_url.as_deref().filter(|u| !u.trim().is_empty()) {
        let secret = cfg
            .webhook_secret
            .clone()
            .or_else(|| std::env::var("LEAKWATCH_WEBHOOK_SECRET").ok())
            .filter(|s| !s.is_empty());
        // One attempt within the deadline; retries are scheduled by the caller, not slept on.
        let http = HttpConfig {
            host_delay: Duration::ZERO,
            retries: 0,
            timeout: cfg.deadline(),
            connect_timeout: cfg.deadline(),
            ..HttpConfig::default()
        };
        out.push(Box::new(WebhookNotifier::new(
            url.to_string(),
            secret,
            lang,
            http,
        )));
    }
    if let Some(host) = cfg.smtp_host.as_deref().filter(|h| !h.trim().is_empty()) {
        let security = match cfg.smtp_security.as_deref().unwrap_or("starttls") {
            "starttls" => SmtpSecurity::StartTls,
            "tls" => SmtpSecurity::Tls,
            "none" => SmtpSecurity::None,
            other => {
                return Err(WatchError::Invalid(format!(
                    "notify.smtp_security '{other}' (expected starttls, tls or none)"
                )))
            }
        };
        let from = cfg.smtp_from.as_deref().ok_or_else(|| {
            WatchError::Invalid("notify.smtp_host is set but smtp_from is missing".into())
        })?;
        let password = cfg
            .smtp_password
            .clone()
            .or_else(|| std::env::var("LEAKWATCH_SMTP_PASSWORD").ok());
        let credentials = cfg.smtp_username.clone().zip(password);
        out.push(Box::new(SmtpNotifier::new(
            host,
            cfg.smtp_port,
            security,
            credentials,
            from,
            &cfg.smtp_to,
            lang,
            cfg.deadline(),
        )?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_the_rfc_4231_vector() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn config_builds_notifiers_and_rejects_bad_values() {
        let cfg: NotifyConfig = toml::from_str(
            "stdout = true\nwebhook_url = 'http://127.0.0.1:1/hook'\nsmtp_host = '127.0.0.1'\n\
             smtp_security = 'none'\nsmtp_from = 'leakwatch@example.invalid'\nsmtp_to = ['a@example.invalid']\n",
        )
        .unwrap();
        let names: Vec<_> = notifiers_from_config(&cfg, None)
            .unwrap()
            .iter()
            .map(|n| n.name())
            .collect();
        assert_eq!(names, ["stdout", "webhook", "smtp"]);
        assert!(toml::from_str::<NotifyConfig>("webhok_url = 'x'").is_err());
        let bad = NotifyConfig {
            smtp_host: Some("127.0.0.1".into()),
            smtp_from: Some("not an address".into()),
            smtp_to: vec!["a@example.invalid".into()],
            smtp_security: Some("none".into()),
            ..NotifyConfig::default()
        };
        let err = notifiers_from_config(&bad, None).err().unwrap().to_string();
        assert!(err.contains("smtp_from"), "{err}");
    }
}
