//! leakwatch's Japanese extractor: `Document` → `Extraction` (one candidate incident per named
//! victim, every field with its rule, confidence and evidence, plus a trace of why).
//!
//! Owns the pipeline: one scan of the text (layout, markers, lexicon hits, dates, organisation
//! mentions), victim selection, segmentation into per-victim blocks, then one extractor per
//! field. Must not touch: I/O, storage, other documents. English documents go to the
//! English extractor (`en`).

pub mod actors;
pub mod cause;
pub mod context;
pub mod count;
pub mod datatypes;
pub mod dates;
pub mod en;
pub mod learn;
pub mod lexicon;
pub mod lists;
pub mod org;
pub mod pipeline;
pub mod scan;
pub mod segment;
pub mod shared_facts;
pub mod text;
pub mod victims;

use crate::actors::AmountFinder;
use crate::count::CountFinder;
use crate::learn::models::Models;
use crate::lexicon::Lexicons;
use crate::org::OrgFinder;
use leakwatch_model::{
    CandidateIncident, Document, Extraction, Field, Language, RelatedOrg, RelationRole, TraceNote,
};

/// Identifies this extractor build in stored extractions.
pub const EXTRACTOR_VERSION: &str = "ja-0.6.0";

/// The Japanese extractor: dictionaries, automata and regexes built once.
pub struct Extractor {
    models: Models,
    lex: Lexicons,
    orgs: OrgFinder,
    counts: CountFinder,
    amounts: AmountFinder,
    english: en::EnglishExtractor,
    /// Whether to explain each entity's decision in `Extraction::trace` (only `extract
    /// --explain` reads it; nothing stores it).
    trace: bool,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// The extractor with the models shipped in this build.
    pub fn new() -> Extractor {
        Extractor::with_models(Models::embedded())
    }

    /// The extractor with other models (`extract --models FILE`, cross-validation).
    pub fn with_models(models: Models) -> Extractor {
        Extractor {
            models,
            lex: Lexicons::new(),
            orgs: OrgFinder::new(),
            counts: CountFinder::new(),
            amounts: AmountFinder::new(),
            english: en::EnglishExtractor::new(),
            trace: true,
        }
    }

    /// The same extractor without the per-entity explanations in `Extraction::trace`, for
    /// callers that never read them (ingest, polling, `extract` without `--explain`): the
    /// incidents are the same, extraction is a few percent faster.
    pub fn without_trace(mut self) -> Extractor {
        self.trace = false;
        self
    }

    pub fn models(&self) -> &Models {
        &self.models
    }

    /// The version recorded with each extraction: the rules and the weights they ran with.
    pub fn version(&self) -> String {
        format!("{EXTRACTOR_VERSION}+{}", self.models.version)
    }

    /// The features that weighed most in entity `ei`'s victim probability.
    fn explain_entity(&self, choice: &victims::select::VictimChoice, ei: usize) -> String {
        let Some(k) = self.models.victim.class_index("victim") else {
            return String::new();
        };
        // The three strongest for and against (contributions come strongest first): a
        // rejected candidate is explained by what weighed against it.
        let all = self.models.victim.contributions(&choice.features[ei], k);
        let strongest = |sign: f32| {
            all.iter()
                .filter(|c| c.amount * sign > 0.0)
                .take(3)
                .map(|c| format!("{} {:+.2}", c.feature, c.amount))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!("features: {}; against: {}", strongest(1.0), strongest(-1.0))
    }

    /// Extracts the incidents of one document. Never panics.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let mut ex = Extraction {
            doc_id: doc.id.clone(),
            language: doc.language,
            published: doc.published,
            extractor_version: self.version(),
            incidents: Vec::new(),
            trace: Vec::new(),
        };
        if doc.language == Language::En {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.english.extract(doc)
            }));
            match result {
                Ok((incidents, trace)) => {
                    ex.incidents = incidents;
                    ex.trace = trace;
                }
                Err(_) => ex.trace.push(TraceNote {
                    incident: None,
                    field: "document".into(),
                    message: "internal error while extracting English; no incidents reported"
                        .into(),
                }),
            }
            return ex;
        }
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.extract_japanese(doc)));
        match result {
            Ok((incidents, trace)) => {
                ex.incidents = incidents;
                ex.trace = trace;
            }
            Err(_) => ex.trace.push(TraceNote {
                incident: None,
                field: "document".into(),
                message: "internal error while extracting; no incidents reported".into(),
            }),
        }
        ex
    }

    fn extract_japanese(&self, doc: &Document) -> (Vec<CandidateIncident>, Vec<TraceNote>) {
        let mut trace = Vec::new();
        let mut an = self.analyze(doc);
        if victims::impersonation_warning(&an.scan) {
            trace.push(note(
                None,
                "organizations",
                "a warning about sites or mails impersonating the issuer, which states its own systems and data were not breached: no incident".into(),
            ));
            return (Vec::new(), trace);
        }
        let choice = victims::select::choose_victims(&an.scan, &mut an.entities, &self.models);
        if self.trace {
            self.trace_victims(&an, &choice, &mut trace);
        }
        let jobs = self.jobs(&an, &choice.victims, &mut trace);
        let mut incidents = Vec::new();
        for job in &jobs {
            let inc = self.assemble(doc, &an, job, &choice, incidents.len(), &mut trace);
            incidents.push(inc);
        }
        drop_empty_parents(&mut incidents, &mut trace);
        shared_facts::share_processor_facts(&mut incidents, &mut trace);
        (incidents, trace)
    }
}

pub(crate) fn note(incident: Option<usize>, field: &str, message: String) -> TraceNote {
    TraceNote {
        incident,
        field: field.to_string(),
        message,
    }
}

/// A release by a parent company about its subsidiary's incident names both; the parent, with
/// no cause, count or data of its own, is not a second incident but the victim's parent.
fn drop_empty_parents(incidents: &mut Vec<CandidateIncident>, trace: &mut Vec<TraceNote>) {
    if incidents.len() < 2 {
        return;
    }
    let empty = |i: &CandidateIncident| {
        i.cause.is_none() && i.affected.is_none() && i.data_types.is_empty()
    };
    let subsidiary_of = |i: &CandidateIncident| {
        i.organization.evidence.as_ref().is_some_and(|e| {
            ["子会社", "グループ会社", "関連会社", "傘下"]
                .iter()
                .any(|w| e.sentence.contains(w))
        })
    };
    if !incidents.iter().any(|i| !empty(i) && subsidiary_of(i)) {
        return;
    }
    let mut parents = Vec::new();
    incidents.retain(|i| {
        // (One named as a subsidiary itself is no parent, however little its block says.)
        if empty(i) && !subsidiary_of(i) {
            parents.push(i.organization.clone());
            false
        } else {
            true
        }
    });
    for p in parents {
        trace.push(TraceNote {
            incident: None,
            field: "organizations".into(),
            message: format!(
                "{}: no incident of its own; parent of the subsidiary that reports one",
                p.value
            ),
        });
        for inc in incidents.iter_mut().filter(|i| subsidiary_of(i)) {
            if !inc.related.iter().any(|r| r.value.name == p.value) {
                inc.related.push(Field::new(
                    RelatedOrg {
                        name: p.value.clone(),
                        role: RelationRole::Parent,
                    },
                    0.6,
                    "related.parent_of_reporting_subsidiary",
                    p.evidence.clone(),
                ));
            }
        }
    }
}
