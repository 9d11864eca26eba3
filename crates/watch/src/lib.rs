//! leakwatch watchlists: the organisations a user cares about, matching incidents against them
//! (names and aliases with resolution's normalisation, domains, supply-chain links), playbooks
//! as data files, alerts with their checklist, and notifiers (stdout, signed JSON webhook, SMTP).
//!
//! Owns: matching, playbook selection, alert content and de-duplication keys, delivery. Must
//! not touch: the database (the store persists entries, links and alerts; the app wires), or
//! extraction and resolution logic beyond calling `normalize_org_name`.

pub mod alert;
pub mod entry;
pub mod matching;
pub mod notify;
pub mod playbook;

pub use alert::{build_alert, is_escalation, render_alert, Alert, AlertDraft};
pub use entry::{
    normalize_domain, read_csv, write_csv, NewWatchEntry, WatchEntry, WatchKind, DEFAULT_LIST,
};
pub use matching::{
    links_from_incident, match_incident, Exposure, Hop, LinkKind, SupplyLink, WatchMatch,
};
pub use notify::{
    notifiers_from_config, sign, Notifier, NotifyConfig, SmtpNotifier, SmtpSecurity,
    StdoutNotifier, WebhookNotifier, WebhookPayload,
};
pub use playbook::{
    render_checklist, render_playbooks, Audience, ChecklistItem, Lang, Playbook, PlaybookQuery,
    PlaybookSet,
};

/// Errors of the watch crate; each names what was wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("{0}")]
    Invalid(String),
    #[error("CSV: {0}")]
    Csv(String),
    #[error("playbook: {0}")]
    Playbook(String),
    #[error("{notifier} notifier: {message}")]
    Notify {
        notifier: &'static str,
        message: String,
    },
}
