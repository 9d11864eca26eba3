//! Quick statistics tables (`leakwatch stats --by cause|month|data-type|sector`): counts and
//! percentages of incidents per cause, first-report month, exposed data type or inferred
//! sector. Pure: takes incidents, returns rows.

use crate::sector::{infer_sector, Sector};
use crate::taxonomy::{cause_label, percent_tenths};
use crate::{Lang, ReportError};
use chrono::Datelike;
use leakwatch_model::{Cause, DataType, Incident};
use serde::{Deserialize, Serialize};

/// What to group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatsBy {
    Cause,
    Month,
    DataType,
    Sector,
}

impl std::str::FromStr for StatsBy {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "cause" => Ok(StatsBy::Cause),
            "month" => Ok(StatsBy::Month),
            "data-type" | "data_type" => Ok(StatsBy::DataType),
            "sector" => Ok(StatsBy::Sector),
            _ => Err(ReportError::UnknownOption {
                kind: "grouping",
                value: s.to_string(),
                expected: "cause, month, data-type, sector".to_string(),
            }),
        }
    }
}

/// One row of a statistics table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatRow {
    /// Stable key: the cause / data type / sector label, or `YYYY-MM` (`undated`).
    pub key: String,
    pub label: String,
    pub count: u64,
    /// Share of all incidents, one decimal. For cause, month and sector the rows partition
    /// the incidents and the percentages add up to 100.0; for data types an incident counts
    /// once per type, so they do not.
    pub percent: f64,
}

/// The statistics table of `incidents` grouped `by`.
pub fn stats(incidents: &[Incident], by: StatsBy, lang: Lang) -> Vec<StatRow> {
    let total = incidents.len() as u64;
    let mut rows: Vec<(String, String, u64)> = Vec::new();
    let mut bump = |key: String, label: String| match rows.iter_mut().find(|r| r.0 == key) {
        Some(r) => r.2 += 1,
        None => rows.push((key, label, 1)),
    };
    for i in incidents {
        match by {
            StatsBy::Cause => bump(
                i.cause.as_str().to_string(),
                cause_label(i.cause, lang).to_string(),
            ),
            StatsBy::Month => {
                let key = i.reported_on.map_or_else(
                    || "undated".to_string(),
                    |d| format!("{:04}-{:02}", d.year(), d.month()),
                );
                bump(key.clone(), key);
            }
            StatsBy::DataType => {
                for d in &i.data_types {
                    bump(d.as_str().to_string(), d.as_str().to_string());
                }
            }
            StatsBy::Sector => {
                let s = infer_sector(&i.organization, &i.aliases);
                bump(s.as_str().to_string(), s.label(lang).to_string());
            }
        }
    }
    match by {
        StatsBy::Month => {
            rows.sort_by(|a, b| (a.0 == "undated", &a.0).cmp(&(b.0 == "undated", &b.0)))
        }
        StatsBy::Cause => rows.sort_by(|a, b| {
            let pos = |k: &str| Cause::ALL.iter().position(|c| c.as_str() == k);
            b.2.cmp(&a.2).then(pos(&a.0).cmp(&pos(&b.0)))
        }),
        StatsBy::DataType => rows.sort_by(|a, b| {
            let pos = |k: &str| DataType::ALL.iter().position(|c| c.as_str() == k);
            b.2.cmp(&a.2).then(pos(&a.0).cmp(&pos(&b.0)))
        }),
        StatsBy::Sector => rows.sort_by(|a, b| {
            let pos = |k: &str| Sector::ALL.iter().position(|c| c.as_str() == k);
            b.2.cmp(&a.2).then(pos(&a.0).cmp(&pos(&b.0)))
        }),
    }
    let percents: Vec<f64> = if by == StatsBy::DataType {
        rows.iter()
            .map(|r| {
                if total == 0 {
                    0.0
                } else {
                    (r.2 as f64 * 1000.0 / total as f64).round() / 10.0
                }
            })
            .collect()
    } else {
        percent_tenths(&rows.iter().map(|r| r.2).collect::<Vec<_>>())
            .into_iter()
            .map(|t| t as f64 / 10.0)
            .collect()
    };
    rows.into_iter()
        .zip(percents)
        .map(|((key, label, count), percent)| StatRow {
            key,
            label,
            count,
            percent,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use leakwatch_model::{DatesRecord, IncidentId};

    fn inc(id: i64, org: &str, cause: Cause, types: &[DataType], month: Option<u32>) -> Incident {
        Incident {
            id: IncidentId(id),
            organization: org.to_string(),
            aliases: vec![],
            related: vec![],
            cause,
            affected: None,
            data_volume: None,
            data_types: types.to_vec(),
            card_data: false,
            confirmed: false,
            dates: DatesRecord::default(),
            attacker: None,
            regulator_action: None,
            financial_impact_jpy: None,
            reported_on: month.and_then(|m| NaiveDate::from_ymd_opt(2025, m, 1)),
            evidence: vec![],
            sources: vec![],
        }
    }

    #[test]
    fn tables() {
        let incs = vec![
            inc(1, "青葉市", Cause::Misdelivery, &[DataType::Email], Some(9)),
            inc(
                2,
                "株式会社みなと銀行",
                Cause::UnauthorizedAccess,
                &[DataType::Name, DataType::Email],
                Some(8),
            ),
            inc(
                3,
                "株式会社みなと物流",
                Cause::UnauthorizedAccess,
                &[],
                None,
            ),
        ];
        let by_cause = stats(&incs, StatsBy::Cause, Lang::Ja);
        assert_eq!(by_cause[0].key, "unauthorized_access");
        assert_eq!(by_cause[0].count, 2);
        assert_eq!(by_cause[0].percent + by_cause[1].percent, 100.0);
        let by_month = stats(&incs, StatsBy::Month, Lang::En);
        let keys: Vec<&str> = by_month.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, vec!["2025-08", "2025-09", "undated"]);
        let by_type = stats(&incs, StatsBy::DataType, Lang::En);
        assert_eq!(by_type[0].key, "email");
        assert_eq!(by_type[0].percent, 66.7);
        let by_sector = stats(&incs, StatsBy::Sector, Lang::Ja);
        let labels: Vec<&str> = by_sector.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, vec!["自治体", "金融", "その他"]);
        assert!(stats(&[], StatsBy::Cause, Lang::Ja).is_empty());
        assert_eq!("data-type".parse::<StatsBy>().unwrap(), StatsBy::DataType);
    }
}
