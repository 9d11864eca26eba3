//! Owns the bundle of learned models the extractor runs with, and its file: one JSON document
//! (`crates/extract/data/models.json`, embedded in the binary; another can be given at run
//! time) holding every model's weights and the decision thresholds, all written by
//! `leakwatch train`.

use super::linear::LinearModel;
use serde::{Deserialize, Serialize};

/// The thresholds that turn probabilities into decisions (chosen by the trainer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// An entity at or above this victim probability is a victim.
    pub victim: f32,
    /// The entity the ranker puts first is a victim from this victim probability on (a document
    /// that reports an incident has a victim even when no entity reaches `victim`).
    pub single_victim: f32,
    /// A date mention takes a role (occurred, detected…) from this probability on.
    pub date_role: f32,
    /// Which entity is a document's main victim: the ranker's first (`rank`) or the most
    /// probable victim (`probability`), whichever did better in cross-validation.
    #[serde(default)]
    pub primary: Primary,
    /// An entity in parallel with a victim (one coordinated list, the items of one list) is a
    /// victim from this probability on; none when propagation did not help in cross-validation.
    #[serde(default)]
    pub parallel: Option<f32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Primary {
    #[default]
    Rank,
    Probability,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            victim: 0.5,
            single_victim: 0.2,
            date_role: 0.5,
            primary: Primary::Rank,
            parallel: None,
        }
    }
}

/// Every learned model of the extractor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Models {
    /// Identifies the weights in stored extractions (`ja-learned-…`).
    pub version: String,
    /// What the models were trained on (gold directories and document counts).
    pub trained_on: Vec<String>,
    /// Entity roles: victim / processor / parent / reporter / bystander.
    pub victim: LinearModel,
    /// A score per entity whose highest value is a document's main victim (conditional logit).
    pub victim_rank: LinearModel,
    /// Incident cause.
    pub cause: LinearModel,
    /// A score per count value of a victim's block, and one for "no count" (conditional
    /// logit, `count::count_choices`); files written before it existed load untrained.
    #[serde(default = "untrained_count")]
    pub count: LinearModel,
    /// Date mention roles, one yes/no model per schema kind in `DateKind::SCHEMA` order
    /// (occurred, detected, disclosed, reported_police, reported_ppc): a mention may be several.
    pub date_roles: Vec<LinearModel>,
    pub thresholds: Thresholds,
}

/// The count ranker before training: every candidate scores alike.
fn untrained_count() -> LinearModel {
    LinearModel::new(vec!["count".into()], vec![0.0], Default::default())
}

/// Labels of the victim model's classes.
pub const ENTITY_CLASSES: &[&str] = &["bystander", "victim", "processor", "parent", "reporter"];
/// Labels of each date role model's classes.
pub const DATE_ROLE_CLASSES: &[&str] = &["no", "yes"];

#[derive(Debug, thiserror::Error)]
pub enum ModelsError {
    #[error("models file is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("models file: {0}")]
    Invalid(String),
}

const EMBEDDED: &str = include_str!("../../data/models.json");

impl Models {
    /// Parses and checks a models file.
    pub fn from_json(json: &str) -> Result<Models, ModelsError> {
        let mut m: Models = serde_json::from_str(json)?;
        if m.date_roles.len() != 5 {
            return Err(ModelsError::Invalid(format!(
                "date_roles has {} models, one per schema date kind (5) expected",
                m.date_roles.len()
            )));
        }
        let roles = m.date_roles.iter_mut().map(|r| ("date_roles", r));
        for (name, model) in [
            ("victim", &mut m.victim),
            ("victim_rank", &mut m.victim_rank),
            ("cause", &mut m.cause),
            ("count", &mut m.count),
        ]
        .into_iter()
        .chain(roles)
        {
            model.build_index();
            model
                .validate()
                .map_err(|e| ModelsError::Invalid(format!("{name}: {e}")))?;
        }
        if m.victim.class_index("victim").is_none() {
            return Err(ModelsError::Invalid(
                "victim model has no class `victim`".into(),
            ));
        }
        Ok(m)
    }

    /// The models shipped with this build.
    pub fn embedded() -> Models {
        Models::from_json(EMBEDDED).expect("the embedded models file is valid")
    }

    /// The models as the file stores them: pretty JSON with each feature's weights on one line,
    /// so that a retrained file diffs feature by feature.
    pub fn to_json(&self) -> String {
        let value = serde_json::to_value(self).unwrap_or_default();
        let mut out = String::new();
        write_json(&value, 0, &mut out);
        out.push('\n');
        out
    }
}

/// Pretty JSON with arrays of numbers and strings kept on one line.
fn write_json(v: &serde_json::Value, indent: usize, out: &mut String) {
    use serde_json::Value;
    let pad = |n: usize| " ".repeat(n);
    match v {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (k, x)) in map.iter().enumerate() {
                out.push_str(&pad(indent + 2));
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_json(x, indent + 2, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
        Value::Array(items) if items.iter().any(|x| x.is_object() || x.is_array()) => {
            out.push_str("[\n");
            for (i, x) in items.iter().enumerate() {
                out.push_str(&pad(indent + 2));
                write_json(x, indent + 2, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(scalar).collect();
            out.push('[');
            out.push_str(&parts.join(", "));
            out.push(']');
        }
        other => out.push_str(&scalar(other)),
    }
}

/// A scalar as JSON; numbers with at most six decimals (weights are stored rounded to six, and
/// an f32 widened to f64 would otherwise print its binary noise).
fn scalar(v: &serde_json::Value) -> String {
    match v.as_f64() {
        Some(f) if v.is_f64() => {
            let s = format!("{f:.6}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" {
                "0".to_string()
            } else {
                s.to_string()
            }
        }
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_models_load_and_round_trip() {
        let m = Models::embedded();
        let back = Models::from_json(&m.to_json()).expect("written file loads");
        assert_eq!(back, m);
        assert_eq!(m.date_roles.len(), 5);
        assert!(m.victim.class_index("victim").is_some());
    }

    #[test]
    fn a_file_with_the_wrong_number_of_date_models_is_refused() {
        let mut v: serde_json::Value = serde_json::from_str(&Models::embedded().to_json()).unwrap();
        v["date_roles"].as_array_mut().unwrap().pop();
        let err = Models::from_json(&v.to_string()).unwrap_err();
        assert!(err.to_string().contains("date_roles"), "{err}");
    }
}
