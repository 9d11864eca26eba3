//! The vocabularies of the public datasets mapped to leakwatch's causes and data types, both
//! ways. The tables are data (`data/taxonomy.toml`, `data/veris-1.4-varieties.json`); this module
//! only loads them and answers lookups. Every table has unit tests below.

use leakwatch_model::{Cause, DataType};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const TAXONOMY_TOML: &str = include_str!("../data/taxonomy.toml");
const VERIS_VARIETIES_JSON: &str = include_str!("../data/veris-1.4-varieties.json");

/// How a leakwatch cause is written in VERIS.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct VerisAction {
    /// `hacking`, `malware`, `social`, `error`, `misuse`, `physical`, `unknown`.
    pub action: String,
    /// A VERIS 1.4 variety of that action; empty for `unknown`.
    pub variety: String,
    /// `external`, `internal` or `unknown`.
    pub actor: String,
}

/// What a PRC "Type of breach" means.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct PrcType {
    pub cause: Cause,
    pub data_types: Vec<DataType>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Veris {
    action_variety: BTreeMap<String, Cause>,
    action: BTreeMap<String, Cause>,
    data_variety: BTreeMap<String, Vec<DataType>>,
    from_cause: BTreeMap<Cause, VerisAction>,
    from_data_type: BTreeMap<DataType, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hibp {
    data_class: BTreeMap<String, Vec<DataType>>,
    from_data_type: BTreeMap<DataType, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Prc {
    breach_type: BTreeMap<String, PrcType>,
    from_cause: BTreeMap<Cause, String>,
}

/// The VERIS 1.4 enumerations the export may emit.
#[derive(Debug, Deserialize)]
pub struct VerisVarieties {
    /// Action kind → its varieties.
    pub action: BTreeMap<String, Vec<String>>,
    /// Actor kind → its varieties.
    pub actor: BTreeMap<String, Vec<String>>,
    /// Data varieties.
    pub data: Vec<String>,
}

/// Every mapping table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    veris: Veris,
    hibp: Hibp,
    prc: Prc,
    #[serde(skip)]
    varieties: Option<VerisVarieties>,
}

static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();

/// Errors in the embedded tables (caught by the unit tests, never by users).
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("data/taxonomy.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("data/veris-1.4-varieties.json: {0}")]
    Json(#[from] serde_json::Error),
}

impl Taxonomy {
    /// Parses the embedded tables.
    pub fn parse() -> Result<Taxonomy, TaxonomyError> {
        let mut t: Taxonomy = toml::from_str(TAXONOMY_TOML)?;
        t.varieties = Some(serde_json::from_str(VERIS_VARIETIES_JSON)?);
        Ok(t)
    }

    /// The embedded tables, parsed once.
    pub fn get() -> &'static Taxonomy {
        TAXONOMY.get_or_init(|| {
            // The tables are compiled in and parsed by a unit test: a failure here is a build
            // defect, not an input error.
            Taxonomy::parse().expect("embedded taxonomy tables are valid (see unit tests)")
        })
    }

    /// The cause of one VERIS action kind with its varieties (most specific of them).
    pub fn cause_of_veris_action(&self, action: &str, varieties: &[String]) -> Cause {
        let mut best: Option<Cause> = None;
        for v in varieties {
            if let Some(c) = self.veris.action_variety.get(&format!("{action}.{v}")) {
                best = Some(more_specific(best, *c));
            }
        }
        best.or_else(|| self.veris.action.get(action).copied())
            .unwrap_or(Cause::Unknown)
    }

    /// Data types of a VERIS data variety (`Personal`, `Payment`, …); unknown varieties: none.
    pub fn data_types_of_veris(&self, variety: &str) -> &[DataType] {
        self.veris
            .data_variety
            .get(variety)
            .map_or(&[], |v| v.as_slice())
    }

    /// How a cause is written in VERIS.
    pub fn veris_of_cause(&self, cause: Cause) -> Option<&VerisAction> {
        self.veris.from_cause.get(&cause)
    }

    /// The VERIS data variety of a data type.
    pub fn veris_of_data_type(&self, data_type: DataType) -> &str {
        self.veris
            .from_data_type
            .get(&data_type)
            .map_or("Other", |s| s.as_str())
    }

    /// Data types of one HIBP data class; a class not in the table is `other`.
    pub fn data_types_of_hibp(&self, class: &str) -> Vec<DataType> {
        self.hibp
            .data_class
            .get(class)
            .cloned()
            .unwrap_or_else(|| vec![DataType::Other])
    }

    /// The HIBP data class a data type is written as.
    pub fn hibp_of_data_type(&self, data_type: DataType) -> &str {
        self.hibp
            .from_data_type
            .get(&data_type)
            .map_or("Other", |s| s.as_str())
    }

    /// What a PRC type of breach means; None for a code not in the table.
    pub fn prc_type(&self, code: &str) -> Option<&PrcType> {
        self.prc.breach_type.get(code)
    }

    /// The PRC type of breach of a cause.
    pub fn prc_of_cause(&self, cause: Cause) -> &str {
        self.prc
            .from_cause
            .get(&cause)
            .map_or("UNKN", |s| s.as_str())
    }

    /// The VERIS 1.4 enumerations.
    pub fn veris_varieties(&self) -> Option<&VerisVarieties> {
        self.varieties.as_ref()
    }

    /// True when `variety` is a VERIS 1.4 variety of the action (or actor) `kind`.
    pub fn is_veris_action_variety(&self, kind: &str, variety: &str) -> bool {
        self.varieties
            .as_ref()
            .and_then(|v| v.action.get(kind))
            .is_some_and(|list| list.iter().any(|x| x == variety))
    }

    /// True when `variety` is a VERIS 1.4 variety of the actor kind `kind`.
    pub fn is_veris_actor_variety(&self, kind: &str, variety: &str) -> bool {
        self.varieties
            .as_ref()
            .and_then(|v| v.actor.get(kind))
            .is_some_and(|list| list.iter().any(|x| x == variety))
    }

    /// True when `variety` is a VERIS 1.4 data variety.
    pub fn is_veris_data_variety(&self, variety: &str) -> bool {
        self.varieties
            .as_ref()
            .is_some_and(|v| v.data.iter().any(|x| x == variety))
    }
}

fn more_specific(a: Option<Cause>, b: Cause) -> Cause {
    match a {
        Some(a) if a.specificity() >= b.specificity() => a,
        _ => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Taxonomy {
        Taxonomy::parse().unwrap()
    }

    #[test]
    fn tables_parse() {
        let t = t();
        assert!(t.veris_varieties().is_some());
    }

    #[test]
    fn veris_action_to_cause() {
        let t = t();
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            t.cause_of_veris_action("malware", &v(&["Ransomware"])),
            Cause::Ransomware
        );
        assert_eq!(
            t.cause_of_veris_action("malware", &v(&["Spyware/Keylogger"])),
            Cause::Malware
        );
        assert_eq!(
            t.cause_of_veris_action("hacking", &v(&["SQLi"])),
            Cause::UnauthorizedAccess
        );
        assert_eq!(
            t.cause_of_veris_action("error", &v(&["Misdelivery"])),
            Cause::Misdelivery
        );
        assert_eq!(
            t.cause_of_veris_action("error", &v(&["Publishing error"])),
            Cause::Misdisclosure
        );
        assert_eq!(t.cause_of_veris_action("error", &v(&["Loss"])), Cause::Loss);
        assert_eq!(
            t.cause_of_veris_action("error", &v(&["Programming error"])),
            Cause::Other
        );
        assert_eq!(
            t.cause_of_veris_action("physical", &v(&["Theft"])),
            Cause::Theft
        );
        assert_eq!(
            t.cause_of_veris_action("misuse", &v(&["Privilege abuse"])),
            Cause::Insider
        );
        assert_eq!(
            t.cause_of_veris_action("social", &v(&["Phishing"])),
            Cause::Phishing
        );
        assert_eq!(t.cause_of_veris_action("unknown", &[]), Cause::Unknown);
        assert_eq!(t.cause_of_veris_action("nonsense", &[]), Cause::Unknown);
    }

    #[test]
    fn veris_data_varieties_to_data_types() {
        let t = t();
        assert_eq!(t.data_types_of_veris("Payment"), &[DataType::CardNumber]);
        assert_eq!(t.data_types_of_veris("Medical"), &[DataType::Health]);
        assert_eq!(
            t.data_types_of_veris("Credentials"),
            &[DataType::LoginId, DataType::Password]
        );
        assert_eq!(t.data_types_of_veris("Personal"), &[DataType::CustomerInfo]);
        assert!(t.data_types_of_veris("Unknown").is_empty());
        // Every mapped variety is a VERIS 1.4 variety.
        for v in t.veris.data_variety.keys() {
            assert!(t.is_veris_data_variety(v), "{v}");
        }
    }

    #[test]
    fn every_cause_and_data_type_has_a_valid_veris_form() {
        let t = t();
        for c in Cause::ALL {
            let a = t.veris_of_cause(*c).unwrap();
            if a.action != "unknown" {
                assert!(
                    t.is_veris_action_variety(&a.action, &a.variety),
                    "{c}: {a:?}"
                );
            }
            // Writing a cause to VERIS and reading it back gives the cause (or, for the
            // catch-alls, unknown).
            let back = t.cause_of_veris_action(&a.action, std::slice::from_ref(&a.variety));
            match c {
                Cause::Other => assert_eq!(back, Cause::Unknown),
                Cause::Vulnerability => assert_eq!(back, Cause::UnauthorizedAccess),
                _ => assert_eq!(back, *c, "{c}"),
            }
        }
        for d in DataType::ALL {
            let v = t.veris_of_data_type(*d);
            assert!(t.is_veris_data_variety(v), "{d}: {v}");
        }
        assert_eq!(t.veris_of_data_type(DataType::CardCvv), "Payment");
    }

    #[test]
    fn hibp_classes_to_data_types_and_back() {
        let t = t();
        assert_eq!(
            t.data_types_of_hibp("Email addresses"),
            vec![DataType::Email]
        );
        assert_eq!(t.data_types_of_hibp("Passwords"), vec![DataType::Password]);
        assert_eq!(
            t.data_types_of_hibp("Credit cards"),
            vec![DataType::CardNumber, DataType::CardExpiry]
        );
        assert_eq!(
            t.data_types_of_hibp("Astrological signs"),
            vec![DataType::Other]
        );
        for d in DataType::ALL {
            let class = t.hibp_of_data_type(*d);
            if *d != DataType::Other {
                assert!(
                    t.data_types_of_hibp(class).contains(d),
                    "{d} -> {class} does not map back"
                );
            }
        }
    }

    #[test]
    fn prc_types_to_causes_and_back() {
        let t = t();
        assert_eq!(t.prc_type("HACK").unwrap().cause, Cause::UnauthorizedAccess);
        assert_eq!(
            t.prc_type("CARD").unwrap().data_types,
            vec![DataType::CardNumber]
        );
        assert_eq!(t.prc_type("INSD").unwrap().cause, Cause::Insider);
        assert_eq!(t.prc_type("PHYS").unwrap().cause, Cause::Loss);
        assert_eq!(t.prc_type("PORT").unwrap().cause, Cause::Theft);
        assert_eq!(t.prc_type("DISC").unwrap().cause, Cause::Misdisclosure);
        assert_eq!(t.prc_type("UNKN").unwrap().cause, Cause::Unknown);
        assert!(t.prc_type("XXXX").is_none());
        for c in Cause::ALL {
            let code = t.prc_of_cause(*c);
            assert!(t.prc_type(code).is_some(), "{c} -> {code}");
        }
        assert_eq!(t.prc_of_cause(Cause::Ransomware), "HACK");
        assert_eq!(t.prc_of_cause(Cause::Misdelivery), "DISC");
    }
}
