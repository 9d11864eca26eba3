//! Alert use cases: evaluate incidents just created or merged against the watchlists (recording
//! the supply-chain links they state), record each alert once, and deliver pending alerts to
//! the configured notifiers. Must not decide matching or playbooks (the watch crate does) nor
//! write SQL (the store does).

use crate::AppError;
use leakwatch_model::hygiene::redact_text;
use leakwatch_model::IncidentId;
use leakwatch_store::watch::{LinkRow, WatchRow, WatchStore};
use leakwatch_store::StoreError;
use leakwatch_watch::{
    build_alert, is_escalation, match_incident, Alert, AlertDraft, LinkKind, Notifier, PlaybookSet,
    SupplyLink, WatchEntry, WatchKind,
};
use serde::Serialize;

/// Deliveries are attempted at most this many times per alert and notifier.
pub const MAX_DELIVERY_ATTEMPTS: u32 = 5;

/// A delivery that failed (it is retried on the next run, up to `MAX_DELIVERY_ATTEMPTS`).
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryFailure {
    pub alert_id: i64,
    pub notifier: String,
    pub reason: String,
}

/// What an alert run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AlertRunSummary {
    pub incidents_evaluated: usize,
    /// Alerts recorded by this run.
    pub created: Vec<i64>,
    pub delivered: usize,
    pub failed: Vec<DeliveryFailure>,
    /// Deliveries left for a later run because their notifier failed earlier in this one.
    pub deferred: usize,
}

fn corrupt(message: String) -> AppError {
    AppError::Store(StoreError::Corrupt { message })
}

/// Stored watch rows as watch entries.
pub fn watch_entries(store: &dyn WatchStore) -> Result<Vec<WatchEntry>, AppError> {
    store
        .watches()?
        .into_iter()
        .map(|r: WatchRow| {
            let kind: WatchKind = r
                .kind
                .parse()
                .map_err(|e| corrupt(format!("watch entry {}: {e}", r.id)))?;
            Ok(WatchEntry {
                id: r.id,
                name: r.name,
                aliases: r.aliases,
                domains: r.domains,
                kind,
                list: r.list,
            })
        })
        .collect()
}

/// Decodes a stored alert row.
pub fn alert_from_row(row: &leakwatch_store::watch::AlertRow) -> Result<Alert, AppError> {
    let draft: AlertDraft = serde_json::from_str(&row.payload)
        .map_err(|e| corrupt(format!("alert {}: {e}", row.id)))?;
    Ok(Alert {
        id: row.id,
        created_at: row.created_at.clone(),
        read: row.read,
        draft,
    })
}

fn supply_link(r: LinkRow) -> Option<SupplyLink> {
    let kind = match r.kind.as_str() {
        "processor" => LinkKind::Processor,
        "subsidiary" => LinkKind::Subsidiary,
        _ => return None,
    };
    Some(SupplyLink {
        from: r.from_name,
        kind,
        to: r.to_name,
        incident: r.incident_id.map(IncidentId),
    })
}

/// Evaluates `incidents` (created or merged by an ingest or poll) against every watchlist
/// entry and records new alerts, each with a pending delivery per notifier in `notifiers`.
/// An incident already alerted in the same state, or in a state that is no worse, adds nothing.
pub fn evaluate_alerts(
    store: &mut dyn WatchStore,
    incidents: &[IncidentId],
    playbooks: &PlaybookSet,
    notifiers: &[&str],
) -> Result<AlertRunSummary, AppError> {
    let mut summary = AlertRunSummary::default();
    let mut ids: Vec<IncidentId> = incidents.to_vec();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(summary);
    }
    // Without watchlist entries nothing can match: the incidents are not even read.
    let entries = watch_entries(store)?;
    if entries.is_empty() {
        return Ok(summary);
    }
    let mut loaded = Vec::with_capacity(ids.len());
    for id in ids {
        let incident = match store.incident(id) {
            Ok(i) => i,
            // Merged away meanwhile: nothing to alert about.
            Err(StoreError::NotFound { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        loaded.push(incident);
    }
    let known: Vec<SupplyLink> = store.links()?.into_iter().filter_map(supply_link).collect();
    for incident in &loaded {
        summary.incidents_evaluated += 1;
        for m in match_incident(incident, &entries, &known) {
            let draft = build_alert(incident, &m, playbooks);
            if let Some(prev) = store.latest_alert(incident.id.0, m.entry.id)? {
                let prev = alert_from_row(&prev)?;
                if !is_escalation(&prev.draft, &draft) {
                    continue;
                }
            }
            let payload = serde_json::to_string(&draft)
                .map_err(|e| corrupt(format!("cannot encode alert: {e}")))?;
            if let Some(row) = store.insert_alert(
                incident.id.0,
                m.entry.id,
                &draft.state_hash,
                &payload,
                notifiers,
            )? {
                summary.created.push(row.id);
            }
        }
    }
    Ok(summary)
}

/// How deliveries are made: a bounded number at once, each bounded in time by its notifier
/// (the `[notify]` timeout), a failure retried on a schedule stored in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryPolicy {
    /// Attempts per alert and notifier before giving up.
    pub max_attempts: u32,
    /// Deliveries in flight at once.
    pub parallel: usize,
    /// A failed delivery is due again after this, multiplied by 4 per further attempt…
    pub retry_base: std::time::Duration,
    /// …but never later than this.
    pub retry_max: std::time::Duration,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        DeliveryPolicy {
            max_attempts: MAX_DELIVERY_ATTEMPTS,
            parallel: 4,
            retry_base: std::time::Duration::from_secs(60),
            retry_max: std::time::Duration::from_secs(6 * 3600),
        }
    }
}

impl DeliveryPolicy {
    /// The default policy with the retry schedule of the `[notify]` table.
    pub fn from_config(cfg: &leakwatch_watch::NotifyConfig) -> DeliveryPolicy {
        DeliveryPolicy {
            retry_base: cfg.retry_base(),
            ..DeliveryPolicy::default()
        }
    }

    /// When a delivery that failed for the `attempts`-th time is due again (None: never).
    pub fn retry_in(&self, attempts: u32) -> Option<std::time::Duration> {
        if attempts >= self.max_attempts {
            return None;
        }
        let factor = 4u32.saturating_pow(attempts.saturating_sub(1).min(8));
        Some(self.retry_base.saturating_mul(factor).min(self.retry_max))
    }
}

/// Delivers every pending alert that is due to the notifiers that are configured now, with
/// the default [`DeliveryPolicy`]. A failure is recorded with its next try; it never stops
/// the run, and never blocks it for longer than the notifier's own deadline.
pub fn deliver_pending(
    store: &mut dyn WatchStore,
    notifiers: &[Box<dyn Notifier>],
    summary: &mut AlertRunSummary,
) -> Result<(), AppError> {
    deliver_pending_with(store, notifiers, summary, &DeliveryPolicy::default())
}

/// What a delivery worker reports back.
enum Outcome {
    Delivered,
    Failed(String),
    /// Not tried: its notifier already failed in this run (it stays due).
    Skipped,
}

/// [`deliver_pending`] with an explicit policy. Deliveries run on up to `policy.parallel`
/// threads; results are written by this thread as they come. Once a notifier fails, its other
/// deliveries wait for the next run instead of each waiting for the same dead endpoint.
pub fn deliver_pending_with(
    store: &mut dyn WatchStore,
    notifiers: &[Box<dyn Notifier>],
    summary: &mut AlertRunSummary,
    policy: &DeliveryPolicy,
) -> Result<(), AppError> {
    use std::collections::VecDeque;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Mutex};

    let names: Vec<&str> = notifiers.iter().map(|n| n.name()).collect();
    let mut jobs = Vec::new();
    for pending in store.pending_deliveries(&names, policy.max_attempts)? {
        let Some(index) = notifiers.iter().position(|n| n.name() == pending.notifier) else {
            continue;
        };
        jobs.push((index, pending.attempts, alert_from_row(&pending.alert)?));
    }
    if jobs.is_empty() {
        return Ok(());
    }
    let queue: Mutex<VecDeque<usize>> = Mutex::new((0..jobs.len()).collect());
    let broken: Vec<AtomicBool> = notifiers.iter().map(|_| AtomicBool::new(false)).collect();
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let workers = policy.parallel.clamp(1, jobs.len());
    std::thread::scope(|scope| -> Result<(), AppError> {
        for _ in 0..workers {
            let tx = tx.clone();
            let (queue, jobs, broken) = (&queue, &jobs, &broken);
            scope.spawn(move || loop {
                let next = match queue.lock() {
                    Ok(mut q) => q.pop_front(),
                    Err(p) => p.into_inner().pop_front(),
                };
                let Some(job) = next else { break };
                let (index, _, alert) = &jobs[job];
                let outcome = if broken[*index].load(Ordering::SeqCst) {
                    Outcome::Skipped
                } else {
                    match notifiers[*index].deliver(alert) {
                        Ok(()) => Outcome::Delivered,
                        Err(e) => {
                            broken[*index].store(true, Ordering::SeqCst);
                            Outcome::Failed(redact_text(&e.to_string()).into_owned())
                        }
                    }
                };
                if tx.send((job, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (job, outcome) in rx {
            let (index, attempts, alert) = &jobs[job];
            let name = notifiers[*index].name();
            match outcome {
                Outcome::Delivered => {
                    store.record_delivery(alert.id, name, None, None)?;
                    summary.delivered += 1;
                }
                Outcome::Failed(reason) => {
                    let retry_in = policy.retry_in(attempts.saturating_add(1));
                    store.record_delivery(alert.id, name, Some(&reason), retry_in)?;
                    summary.failed.push(DeliveryFailure {
                        alert_id: alert.id,
                        notifier: name.to_string(),
                        reason,
                    });
                }
                Outcome::Skipped => summary.deferred += 1,
            }
        }
        Ok(())
    })
}

/// Evaluate then deliver: what `ingest` and `poll` call after storing documents.
pub fn alert_on(
    store: &mut dyn WatchStore,
    incidents: &[IncidentId],
    playbooks: &PlaybookSet,
    notifiers: &[Box<dyn Notifier>],
    policy: &DeliveryPolicy,
) -> Result<AlertRunSummary, AppError> {
    let names: Vec<&str> = notifiers.iter().map(|n| n.name()).collect();
    let mut summary = evaluate_alerts(store, incidents, playbooks, &names)?;
    deliver_pending_with(store, notifiers, &mut summary, policy)?;
    Ok(summary)
}

/// Evaluates the incidents of every document stored since the last evaluation (by `ingest` or
/// `poll`), then delivers pending alerts. Re-running without new documents delivers nothing
/// new (failed deliveries are retried).
pub fn alert_on_new_documents(
    store: &mut dyn WatchStore,
    playbooks: &PlaybookSet,
    notifiers: &[Box<dyn Notifier>],
    policy: &DeliveryPolicy,
) -> Result<AlertRunSummary, AppError> {
    let after = store.alert_watermark()?;
    let (ids, newest) = store.incidents_from_documents_after(after)?;
    let ids: Vec<IncidentId> = ids.into_iter().map(IncidentId).collect();
    let names: Vec<&str> = notifiers.iter().map(|n| n.name()).collect();
    let mut summary = evaluate_alerts(store, &ids, playbooks, &names)?;
    store.set_alert_watermark(newest)?;
    deliver_pending_with(store, notifiers, &mut summary, policy)?;
    Ok(summary)
}

/// Evaluates every stored incident against the watchlists (after adding entries to a database
/// that already holds incidents), records the alerts not yet raised and delivers them.
pub fn scan_all(
    store: &mut dyn WatchStore,
    playbooks: &PlaybookSet,
    notifiers: &[Box<dyn Notifier>],
    policy: &DeliveryPolicy,
) -> Result<AlertRunSummary, AppError> {
    let ids: Vec<IncidentId> = store
        .list_incidents(&leakwatch_model::IncidentFilter::default())?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let names: Vec<&str> = notifiers.iter().map(|n| n.name()).collect();
    let mut summary = evaluate_alerts(store, &ids, playbooks, &names)?;
    deliver_pending_with(store, notifiers, &mut summary, policy)?;
    Ok(summary)
}

/// The checklist for a stored incident: the playbooks for its data types and cause, and, when
/// it concerns a watched organisation, for that entry's kind.
pub fn incident_checklist(
    store: &dyn WatchStore,
    id: IncidentId,
    playbooks: &PlaybookSet,
) -> Result<Vec<AlertDraft>, AppError> {
    let incident = store.incident(id)?;
    let entries = watch_entries(store)?;
    let known: Vec<SupplyLink> = store.links()?.into_iter().filter_map(supply_link).collect();
    let matches = match_incident(&incident, &entries, &known);
    if matches.is_empty() {
        // Not watched: a generic draft for an unnamed watcher (no kind).
        let m = leakwatch_watch::WatchMatch {
            entry: WatchEntry {
                id: 0,
                name: incident.organization.clone(),
                aliases: vec![],
                domains: vec![],
                kind: WatchKind::Service,
                list: String::new(),
            },
            exposure: leakwatch_watch::Exposure::Direct,
            matched_on: "incident".into(),
            path: vec![],
        };
        let mut draft = build_alert(&incident, &m, playbooks);
        // Kind-specific playbooks do not apply without a watcher: recompute without a kind.
        let query = leakwatch_watch::PlaybookQuery {
            data_types: draft.data_types.clone(),
            card_data: draft.card_data,
            cause: Some(incident.cause),
            kind: None,
        };
        let (ids, checklist) = playbooks.checklist(&query);
        draft.playbooks = ids;
        draft.checklist = checklist;
        return Ok(vec![draft]);
    }
    Ok(matches
        .iter()
        .map(|m| build_alert(&incident, m, playbooks))
        .collect())
}
