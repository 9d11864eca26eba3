//! Alerts: what a watcher is told when an incident concerns a watched organisation — the
//! match, the incident's alert-worthy state (hashed, so the same state is never alerted twice),
//! the checklist from the playbooks, and the message text.

use crate::entry::WatchKind;
use crate::matching::{Exposure, WatchMatch};
use crate::playbook::{render_checklist, ChecklistItem, Lang, PlaybookQuery, PlaybookSet};
use chrono::NaiveDate;
use leakwatch_model::{Cause, DataType, Incident, IncidentId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// An alert before it is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertDraft {
    pub incident_id: IncidentId,
    pub entry_id: i64,
    pub entry_name: String,
    pub list: String,
    pub kind: WatchKind,
    pub exposure: Exposure,
    pub matched_on: String,
    /// For indirect exposure: the supply-chain path in words.
    pub link: Option<String>,
    pub organization: String,
    pub cause: Cause,
    /// As displayed (`最大 12000 件`).
    pub affected: Option<String>,
    pub affected_count: Option<u64>,
    pub data_types: Vec<DataType>,
    pub card_data: bool,
    pub reported_on: Option<NaiveDate>,
    /// Paths or URLs of the incident's sources.
    pub sources: Vec<String>,
    pub playbooks: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
    /// Hex SHA-256 of the alert-worthy state; (incident, entry, state_hash) is unique.
    pub state_hash: String,
}

/// A stored alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub id: i64,
    /// RFC 3339.
    pub created_at: String,
    pub read: bool,
    #[serde(flatten)]
    pub draft: AlertDraft,
}

#[derive(Serialize)]
struct WorthyState<'a> {
    incident: i64,
    entry: i64,
    exposure: Exposure,
    cause: Cause,
    affected: Option<u64>,
    data_types: &'a [DataType],
    card: bool,
}

/// Builds the alert for one match, with the checklist chosen for the incident's data types,
/// cause and the entry's kind.
pub fn build_alert(incident: &Incident, m: &WatchMatch, playbooks: &PlaybookSet) -> AlertDraft {
    let mut data_types = incident.data_types.clone();
    data_types.sort();
    data_types.dedup();
    let query = PlaybookQuery {
        data_types: data_types.clone(),
        card_data: incident.card_data || data_types.iter().any(|d| d.is_card()),
        cause: Some(incident.cause),
        kind: Some(m.entry.kind),
    };
    let (ids, checklist) = playbooks.checklist(&query);
    let affected_count = incident.affected.as_ref().map(|a| a.value);
    let worthy = WorthyState {
        incident: incident.id.0,
        entry: m.entry.id,
        exposure: m.exposure,
        cause: incident.cause,
        affected: affected_count,
        data_types: &data_types,
        card: query.card_data,
    };
    let state_hash = hex::encode(Sha256::digest(
        serde_json::to_vec(&worthy).unwrap_or_default(),
    ));
    AlertDraft {
        incident_id: incident.id,
        entry_id: m.entry.id,
        entry_name: m.entry.name.clone(),
        list: m.entry.list.clone(),
        kind: m.entry.kind,
        exposure: m.exposure,
        matched_on: m.matched_on.clone(),
        link: m.link_text(),
        organization: incident.organization.clone(),
        cause: incident.cause,
        affected: incident.affected.as_ref().map(|a| a.to_string()),
        affected_count,
        data_types,
        card_data: query.card_data,
        reported_on: incident.reported_on,
        sources: incident.sources.iter().map(|s| s.origin.clone()).collect(),
        playbooks: ids,
        checklist,
        state_hash,
    }
}

/// Is `new` worth alerting again after `previous` (same incident and entry)? Only when the
/// incident got worse or clearer: more records, new data types, card data, direct exposure, or
/// a cause where there was none.
pub fn is_escalation(previous: &AlertDraft, new: &AlertDraft) -> bool {
    if previous.state_hash == new.state_hash {
        return false;
    }
    let more_records = match (previous.affected_count, new.affected_count) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    let new_types = new
        .data_types
        .iter()
        .any(|d| !previous.data_types.contains(d));
    let card = new.card_data && !previous.card_data;
    let closer = new.exposure == Exposure::Direct && previous.exposure == Exposure::Indirect;
    let cause = matches!(previous.cause, Cause::Unknown | Cause::Other)
        && !matches!(new.cause, Cause::Unknown | Cause::Other);
    more_records || new_types || card || closer || cause
}

/// Subject and body of an alert message.
pub fn render_alert(alert: &AlertDraft, lang: Lang) -> (String, String) {
    let types = if alert.data_types.is_empty() {
        "-".to_string()
    } else {
        alert
            .data_types
            .iter()
            .map(|d| d.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let affected = alert.affected.clone().unwrap_or_else(|| "-".into());
    let (subject, mut body) = match lang {
        Lang::Ja => {
            let exposure = match alert.exposure {
                Exposure::Direct => "直接",
                Exposure::Indirect => "間接(サプライチェーン経由)",
            };
            (
                format!(
                    "[leakwatch] {}: {} の情報漏えい ({})",
                    alert.entry_name, alert.organization, exposure
                ),
                format!(
                    "ウォッチ対象: {} ({}, リスト: {})\n影響: {}\n組織: {}\n原因: {}\n件数: {}\nデータ種別: {}\nカード情報: {}\n公表日: {}\n",
                    alert.entry_name,
                    alert.kind.label_ja(),
                    alert.list,
                    exposure,
                    alert.organization,
                    alert.cause,
                    affected,
                    types,
                    if alert.card_data { "あり" } else { "なし" },
                    alert.reported_on.map_or("-".into(), |d| d.to_string()),
                ),
            )
        }
        Lang::En => (
            format!(
                "[leakwatch] {}: data leak at {} ({} exposure)",
                alert.entry_name,
                alert.organization,
                alert.exposure.as_str()
            ),
            format!(
                "Watched: {} ({}, list {})\nExposure: {} (matched on {})\nOrganisation: {}\nCause: {}\nAffected: {}\nData types: {}\nCard data: {}\nReported: {}\n",
                alert.entry_name,
                alert.kind,
                alert.list,
                alert.exposure.as_str(),
                alert.matched_on,
                alert.organization,
                alert.cause,
                affected,
                types,
                if alert.card_data { "yes" } else { "no" },
                alert.reported_on.map_or("-".into(), |d| d.to_string()),
            ),
        ),
    };
    if let Some(link) = &alert.link {
        body.push_str(match lang {
            Lang::Ja => "経路: ",
            Lang::En => "Link: ",
        });
        body.push_str(link);
        body.push('\n');
    }
    let (incident_label, source_label) = match lang {
        Lang::Ja => ("インシデント", "出典"),
        Lang::En => ("Incident", "Source"),
    };
    body.push_str(&format!("{incident_label}: #{}\n", alert.incident_id));
    for s in &alert.sources {
        body.push_str(&format!("{source_label}: {s}\n"));
    }
    body.push_str(match lang {
        Lang::Ja => "\nチェックリスト:\n",
        Lang::En => "\nChecklist:\n",
    });
    body.push_str(&render_checklist(&alert.checklist, lang));
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::WatchEntry;
    use crate::matching::match_incident;
    use leakwatch_model::{AffectedCount, CountQualifier, DatesRecord};

    fn incident(count: u64, types: &[DataType]) -> Incident {
        Incident {
            id: IncidentId(4),
            organization: "株式会社みなとリテール".into(),
            aliases: vec![],
            related: vec![],
            cause: Cause::UnauthorizedAccess,
            affected: Some(AffectedCount {
                value: count,
                qualifier: CountQualifier::Max,
                unit: "件".into(),
            }),
            data_volume: None,
            data_types: types.to_vec(),
            card_data: types.iter().any(|d| d.is_card()),
            confirmed: false,
            dates: DatesRecord::default(),
            attacker: None,
            regulator_action: None,
            financial_impact_jpy: None,
            reported_on: None,
            evidence: vec![],
            sources: vec![],
        }
    }

    fn draft(inc: &Incident) -> AlertDraft {
        let e = WatchEntry {
            id: 1,
            name: "みなとリテール".into(),
            aliases: vec![],
            domains: vec![],
            kind: WatchKind::Service,
            list: "default".into(),
        };
        let m = match_incident(inc, &[e], &[]).remove(0);
        build_alert(inc, &m, &PlaybookSet::shipped().unwrap())
    }

    #[test]
    fn same_state_same_hash_and_escalations_detected() {
        let a = draft(&incident(100, &[DataType::CardNumber]));
        let b = draft(&incident(100, &[DataType::CardNumber]));
        assert_eq!(a.state_hash, b.state_hash);
        assert!(!is_escalation(&a, &b));
        let more = draft(&incident(500, &[DataType::CardNumber]));
        assert!(is_escalation(&a, &more));
        let fewer = draft(&incident(50, &[DataType::CardNumber]));
        assert!(!is_escalation(&a, &fewer));
        let wider = draft(&incident(100, &[DataType::CardNumber, DataType::Email]));
        assert!(is_escalation(&a, &wider));
    }

    #[test]
    fn message_carries_the_checklist() {
        let a = draft(&incident(100, &[DataType::CardNumber]));
        assert_eq!(a.playbooks, ["card"]);
        let (subject, body) = render_alert(&a, Lang::Ja);
        assert!(subject.contains("みなとリテール"));
        assert!(body.contains("3〜6ヶ月"), "{body}");
        let (_, en) = render_alert(&a, Lang::En);
        assert!(en.contains("Checklist:"), "{en}");
    }
}
