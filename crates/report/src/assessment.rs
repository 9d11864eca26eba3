//! Per-incident assessment, pure: is the leak reportable to the PPC under the Act on the
//! Protection of Personal Information (個人情報保護法 第26条 / 施行規則 第7条, with the 速報 /
//! 確報 deadlines), and an estimated damages figure by the JNSA JO model (Simple-EP). Every
//! input the estimate assumed is listed with why; the figure is labelled an estimate.

use crate::format::{thousands, yen};
use crate::sector::{infer_sector, Sector};
use crate::Lang;
use chrono::{Duration, NaiveDate};
use leakwatch_model::{Cause, DataType, Incident, IncidentId};
use serde::{Deserialize, Serialize};

/// The assessment of one incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub incident_id: IncidentId,
    pub organization: String,
    pub ppc: PpcAssessment,
    pub damages: DamageEstimate,
}

/// PPC reportability (漏えい等報告) and deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PpcAssessment {
    /// True when at least one statutory trigger applies (a possible leak — おそれ — counts).
    pub reportable: bool,
    pub triggers: Vec<PpcTrigger>,
    /// The date deadlines are counted from: the detected date, when known.
    pub counted_from: Option<NaiveDate>,
    /// `from detection (2025-09-03)` or `from detection (date unknown)`.
    pub basis: String,
    /// 速報: promptly (about 3–5 days). None when not reportable.
    pub preliminary: Option<Deadline>,
    /// 確報: 30 days, 60 days when 不正の目的. None when not reportable.
    #[serde(rename = "final")]
    pub final_report: Option<Deadline>,
    /// The date a source says the PPC was notified, if any.
    pub reported_ppc: Option<NaiveDate>,
}

/// One statutory trigger that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PpcTrigger {
    /// `sensitive_data` | `property_damage` | `unlawful_purpose` | `over_1000_persons`
    pub code: String,
    /// 要配慮個人情報 / 財産的被害のおそれ / 不正の目的 / 1,000人超
    pub label_ja: String,
    pub label_en: String,
    /// What in the incident triggered it.
    pub reason: String,
}

/// A reporting deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// `promptly (about 3–5 days)`, `30 days`, `60 days`.
    pub within: String,
    pub days: u32,
    /// `counted_from + days` when the detected date is known.
    pub due: Option<NaiveDate>,
}

/// The JNSA JO-model estimate (all figures in yen). An estimate, not a stated figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DamageEstimate {
    /// Always `estimate (JNSA JO model)`.
    pub label: String,
    /// 基礎情報価値 (500).
    pub base_value: u64,
    /// x: 経済的損失 level 1..3.
    pub economic_level: u8,
    /// y: 精神的苦痛 level 1..3.
    pub distress_level: u8,
    /// 機微情報度 = 10^(x-1) + 5^(y-1).
    pub sensitivity: u64,
    /// 本人特定容易度: 6, 3 or 1.
    pub identifiability: u64,
    /// 社会的責任度: 2 or 1.
    pub social_responsibility: u64,
    /// 事後対応評価: 1 (default) or 2 (poor response).
    pub response: u64,
    pub per_person_jpy: u64,
    /// The affected count the total is multiplied by (None: no count stated).
    pub persons: Option<u64>,
    pub total_jpy: Option<u64>,
    /// Every assumption, in words.
    pub inputs: Vec<AssumedInput>,
}

/// One input of the estimate and why it has that value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssumedInput {
    pub name: String,
    pub value: String,
    pub reason: String,
}

/// 基礎情報価値 of the JNSA model.
pub const BASE_VALUE_JPY: u64 = 500;

/// JNSA Simple-EP levels of each data type that is above the basic level (1, 1):
/// (data type, x = 経済的損失 level, y = 精神的苦痛 level). Every other type — name, address,
/// phone, email, birth date, gender, customer/partner info — is basic information (1, 1).
///
/// - card number / expiry / CVV: direct financial loss (x = 3);
/// - bank account (without PIN): x = 2;
/// - password and My Number: account or identity takeover (x = 2); My Number also y = 2;
/// - health (病歴・診療情報, 要配慮個人情報): y = 3;
/// - employee info (人事・評価): y = 2.
pub const SENSITIVITY_LEVELS: &[(DataType, u8, u8)] = &[
    (DataType::CardNumber, 3, 1),
    (DataType::CardExpiry, 3, 1),
    (DataType::CardCvv, 3, 1),
    (DataType::BankAccount, 2, 1),
    (DataType::Password, 2, 1),
    (DataType::MyNumber, 2, 2),
    (DataType::Health, 1, 3),
    (DataType::EmployeeInfo, 1, 2),
];

/// Causes the PPC rules treat as 不正の目的 (a leak caused by someone acting with intent).
pub const UNLAWFUL_PURPOSE_CAUSES: &[Cause] = &[
    Cause::UnauthorizedAccess,
    Cause::Ransomware,
    Cause::Malware,
    Cause::Phishing,
    Cause::Insider,
    Cause::Theft,
];

/// Units that count persons or their records (as opposed to e.g. 社, companies).
fn counts_persons(unit: &str) -> bool {
    !matches!(unit.trim(), "社" | "団体" | "法人" | "companies")
}

/// Assesses one incident.
pub fn assess(incident: &Incident) -> Assessment {
    Assessment {
        incident_id: incident.id,
        organization: incident.organization.clone(),
        ppc: ppc(incident),
        damages: damages(incident),
    }
}

fn trigger(code: &str, ja: &str, en: &str, reason: String) -> PpcTrigger {
    PpcTrigger {
        code: code.to_string(),
        label_ja: ja.to_string(),
        label_en: en.to_string(),
        reason,
    }
}

fn ppc(i: &Incident) -> PpcAssessment {
    let mut triggers = Vec::new();
    if i.data_types.contains(&DataType::Health) {
        triggers.push(trigger(
            "sensitive_data",
            "要配慮個人情報",
            "sensitive personal information",
            "data types include health".to_string(),
        ));
    }
    let money: Vec<&str> = i
        .data_types
        .iter()
        .filter(|d| d.is_card() || **d == DataType::BankAccount)
        .map(|d| d.as_str())
        .collect();
    if i.card_data || !money.is_empty() {
        let what = if money.is_empty() {
            "card data flagged".to_string()
        } else {
            format!("data types include {}", money.join(", "))
        };
        triggers.push(trigger(
            "property_damage",
            "財産的被害のおそれ",
            "risk of financial damage",
            what,
        ));
    }
    let unlawful = UNLAWFUL_PURPOSE_CAUSES.contains(&i.cause);
    if unlawful {
        triggers.push(trigger(
            "unlawful_purpose",
            "不正の目的",
            "caused with unlawful intent",
            format!("cause is {}", i.cause),
        ));
    }
    if let Some(a) = &i.affected {
        if a.value > 1000 && counts_persons(&a.unit) {
            triggers.push(trigger(
                "over_1000_persons",
                "1,000人超",
                "more than 1,000 persons",
                format!("affected count {} {}", thousands(a.value), a.unit),
            ));
        }
    }
    let reportable = !triggers.is_empty();
    let from = i.dates.detected;
    let basis = match from {
        Some(d) => format!("from detection ({d})"),
        None => "from detection (date unknown)".to_string(),
    };
    let deadline = |within: &str, days: u32| Deadline {
        within: within.to_string(),
        days,
        due: from.map(|d| d + Duration::days(i64::from(days))),
    };
    let (preliminary, final_report) = if reportable {
        let final_days = if unlawful { 60 } else { 30 };
        (
            Some(deadline("promptly (about 3–5 days)", 5)),
            Some(deadline(&format!("{final_days} days"), final_days)),
        )
    } else {
        (None, None)
    };
    PpcAssessment {
        reportable,
        triggers,
        counted_from: from,
        basis,
        preliminary,
        final_report,
        reported_ppc: i.dates.reported_ppc,
    }
}

fn input(name: &str, value: impl ToString, reason: impl Into<String>) -> AssumedInput {
    AssumedInput {
        name: name.to_string(),
        value: value.to_string(),
        reason: reason.into(),
    }
}

fn damages(i: &Incident) -> DamageEstimate {
    let mut inputs = vec![input(
        "基礎情報価値 (base value)",
        BASE_VALUE_JPY,
        "JNSA JO model constant",
    )];
    let (mut x, mut y) = (1u8, 1u8);
    let (mut x_from, mut y_from) = (Vec::new(), Vec::new());
    for d in &i.data_types {
        if let Some((_, lx, ly)) = SENSITIVITY_LEVELS.iter().find(|(t, _, _)| t == d) {
            if *lx > 1 {
                x_from.push(d.as_str());
            }
            if *ly > 1 {
                y_from.push(d.as_str());
            }
            x = x.max(*lx);
            y = y.max(*ly);
        }
    }
    if i.card_data && x < 3 {
        x = 3;
        x_from.push("card_data");
    }
    let level_reason = |from: &[&str]| {
        if from.is_empty() {
            if i.data_types.is_empty() {
                "no data types stated: basic information assumed".to_string()
            } else {
                "only basic information stated".to_string()
            }
        } else {
            format!("from {}", from.join(", "))
        }
    };
    inputs.push(input("経済的損失 level x", x, level_reason(&x_from)));
    inputs.push(input("精神的苦痛 level y", y, level_reason(&y_from)));
    let sensitivity = 10u64.pow(u32::from(x) - 1) + 5u64.pow(u32::from(y) - 1);
    inputs.push(input(
        "機微情報度 (sensitivity)",
        sensitivity,
        format!("10^({x}-1) + 5^({y}-1)"),
    ));

    let has = |d: DataType| i.data_types.contains(&d);
    let (identifiability, why) =
        if has(DataType::Name) && (has(DataType::Address) || has(DataType::Phone)) {
            (6, "name with address or phone")
        } else if has(DataType::Name) || has(DataType::Address) {
            (3, "name or address")
        } else {
            (1, "neither name nor address stated")
        };
    inputs.push(input(
        "本人特定容易度 (identifiability)",
        identifiability,
        why,
    ));

    let sector = infer_sector(&i.organization, &i.aliases);
    let social = if sector.high_social_responsibility() {
        2
    } else {
        1
    };
    inputs.push(input(
        "社会的責任度 (social responsibility)",
        social,
        if sector == Sector::Other {
            "sector not recognised from the name: ordinary".to_string()
        } else {
            format!("sector inferred from the name: {}", sector.label(Lang::En))
        },
    ));
    let response = 1;
    inputs.push(input(
        "事後対応評価 (response)",
        response,
        "assumed adequate (default; 2 only when the response is judged poor)",
    ));

    let per_person = BASE_VALUE_JPY * sensitivity * identifiability * social * response;
    let persons = i
        .affected
        .as_ref()
        .filter(|a| counts_persons(&a.unit))
        .map(|a| a.value);
    let total = persons.map(|n| n.saturating_mul(per_person));
    inputs.push(match &i.affected {
        Some(a) if persons.is_some() => input(
            "persons",
            thousands(a.value),
            format!(
                "headline affected count, taken as persons ({} {})",
                a.qualifier, a.unit
            ),
        ),
        Some(a) => input(
            "persons",
            "-",
            format!("the count is in {} (not persons): no total", a.unit),
        ),
        None => input("persons", "-", "no count stated: no total"),
    });
    if let Some(t) = total {
        inputs.push(input("total", yen(t, Lang::Ja), "per person × persons"));
    }
    DamageEstimate {
        label: "estimate (JNSA JO model)".to_string(),
        base_value: BASE_VALUE_JPY,
        economic_level: x,
        distress_level: y,
        sensitivity,
        identifiability,
        social_responsibility: social,
        response,
        per_person_jpy: per_person,
        persons,
        total_jpy: total,
        inputs,
    }
}

/// The assessment as plain text lines (for `leakwatch show`), clearly marked as estimates.
pub fn render_text(a: &Assessment) -> String {
    let mut out = String::from("Assessment (estimate — not legal advice):\n");
    let ppc = &a.ppc;
    if ppc.reportable {
        let triggers: Vec<String> = ppc
            .triggers
            .iter()
            .map(|t| format!("{} ({})", t.label_ja, t.reason))
            .collect();
        out.push_str(&format!(
            "  PPC report           required: {}\n",
            triggers.join("; ")
        ));
        for (name, d) in [
            ("速報 preliminary", &ppc.preliminary),
            ("確報 final", &ppc.final_report),
        ] {
            if let Some(d) = d {
                let due = d.due.map_or(String::new(), |due| format!(" → due {due}"));
                out.push_str(&format!("  {name:<20} {} {}{due}\n", d.within, ppc.basis));
            }
        }
    } else {
        out.push_str("  PPC report           no statutory trigger found in the recorded fields\n");
    }
    if let Some(d) = ppc.reported_ppc {
        out.push_str(&format!("  reported to PPC      {d}\n"));
    }
    let dmg = &a.damages;
    let total = dmg
        .total_jpy
        .map_or_else(|| "no total (no count)".to_string(), |t| yen(t, Lang::Ja));
    out.push_str(&format!(
        "  damages ({})  {} per person, {total}\n",
        dmg.label,
        yen(dmg.per_person_jpy, Lang::Ja)
    ));
    for i in &dmg.inputs {
        out.push_str(&format!(
            "    {:<36} {:<14} {}\n",
            i.name, i.value, i.reason
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use leakwatch_model::{AffectedCount, CountQualifier, DatesRecord};

    fn incident(org: &str, cause: Cause, types: &[DataType], count: Option<u64>) -> Incident {
        Incident {
            id: IncidentId(1),
            organization: org.to_string(),
            aliases: vec![],
            related: vec![],
            cause,
            affected: count.map(|value| AffectedCount {
                value,
                qualifier: CountQualifier::Exact,
                unit: "名".to_string(),
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

    #[test]
    fn card_leak_by_attack_is_reportable_with_sixty_days() {
        let mut i = incident(
            "株式会社みなと通販",
            Cause::UnauthorizedAccess,
            &[DataType::Name, DataType::CardNumber],
            Some(500),
        );
        i.dates.detected = NaiveDate::from_ymd_opt(2025, 9, 3);
        let a = assess(&i);
        assert!(a.ppc.reportable);
        let codes: Vec<&str> = a.ppc.triggers.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, vec!["property_damage", "unlawful_purpose"]);
        let fin = a.ppc.final_report.clone().unwrap();
        assert_eq!(fin.days, 60);
        assert_eq!(fin.due, NaiveDate::from_ymd_opt(2025, 11, 2));
        assert_eq!(a.ppc.basis, "from detection (2025-09-03)");
        // x = 3 (card), y = 1 → 101; name only → 3; retail → 1.
        assert_eq!(a.damages.sensitivity, 101);
        assert_eq!(a.damages.identifiability, 3);
        assert_eq!(a.damages.per_person_jpy, 500 * 101 * 3);
        assert_eq!(a.damages.total_jpy, Some(500 * 101 * 3 * 500));
        assert_eq!(a.damages.label, "estimate (JNSA JO model)");
        let text = render_text(&a);
        assert!(text.contains("estimate"));
        assert!(text.contains("due 2025-11-02"));
        assert!(text.contains("財産的被害のおそれ"));
    }

    #[test]
    fn misdelivery_of_few_emails_is_not_reportable() {
        let a = assess(&incident(
            "青葉市",
            Cause::Misdelivery,
            &[DataType::Email],
            Some(40),
        ));
        assert!(!a.ppc.reportable);
        assert!(a.ppc.final_report.is_none());
        assert_eq!(a.ppc.basis, "from detection (date unknown)");
        // public body → 社会的責任度 2; basic info, no name → 500 × 2 × 1 × 2 × 1.
        assert_eq!(a.damages.social_responsibility, 2);
        assert_eq!(a.damages.per_person_jpy, 2000);
        assert_eq!(a.damages.total_jpy, Some(80_000));
    }

    #[test]
    fn health_data_and_large_counts_trigger_thirty_days() {
        let a = assess(&incident(
            "青葉市立病院",
            Cause::Misdelivery,
            &[DataType::Name, DataType::Address, DataType::Health],
            Some(1001),
        ));
        let codes: Vec<&str> = a.ppc.triggers.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, vec!["sensitive_data", "over_1000_persons"]);
        assert_eq!(a.ppc.final_report.as_ref().map(|d| d.days), Some(30));
        assert!(a.ppc.final_report.unwrap().due.is_none());
        // y = 3 → 1 + 25 = 26; name + address → 6; hospital → 2.
        assert_eq!(a.damages.sensitivity, 26);
        assert_eq!(a.damages.per_person_jpy, 500 * 26 * 6 * 2);
        let exactly_1000 = assess(&incident(
            "株式会社みなと物流",
            Cause::Loss,
            &[],
            Some(1000),
        ));
        assert!(!exactly_1000.ppc.reportable);
    }

    #[test]
    fn no_count_means_no_total_but_inputs_are_listed() {
        let a = assess(&incident(
            "株式会社みなと物流",
            Cause::Ransomware,
            &[],
            None,
        ));
        assert!(a.ppc.reportable);
        assert_eq!(a.damages.total_jpy, None);
        assert_eq!(a.damages.per_person_jpy, 1000);
        assert!(a
            .damages
            .inputs
            .iter()
            .any(|i| i.reason.contains("no count stated")));
        assert!(a
            .damages
            .inputs
            .iter()
            .any(|i| i.name.contains("事後対応評価")));
    }
}
