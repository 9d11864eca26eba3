//! leakwatch's Japanese extractor: `Document` → `Extraction` (one candidate incident per named
//! victim, every field with its rule, confidence and evidence, plus a trace of why).
//!
//! Owns the pipeline: one scan of the text (layout, markers, lexicon hits, dates, organisation
//! mentions), victim selection, segmentation into per-victim blocks, then one extractor per
//! field. Must not touch: I/O, storage, other documents. English documents go to a small
//! English extractor (`english`).

pub mod actors;
pub mod cause;
pub mod context;
pub mod count;
pub mod datatypes;
pub mod dates;
pub mod english;
pub mod learn;
pub mod lexicon;
pub mod org;
pub mod scan;
pub mod segment;
pub mod text;
pub mod victims;

use crate::actors::{find_attacker, find_related, AmountFinder};
use crate::context::VictimContext;
use crate::count::{choose_affected_count, CountFinder};
use crate::learn::models::Models;
use crate::lexicon::Lexicons;
use crate::org::{OrgFinder, OrgKind};
use crate::scan::DocScan;
use leakwatch_model::{
    CandidateIncident, Document, Evidence, Extraction, Field, Language, RelatedOrg, RelationRole,
    Span, TraceNote,
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
    english: english::EnglishExtractor,
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
            english: english::EnglishExtractor::new(),
        }
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
        let parts: Vec<String> = self
            .models
            .victim
            .contributions(&choice.features[ei], k)
            .into_iter()
            .take(6)
            .map(|c| format!("{} {:+.2}", c.feature, c.amount))
            .collect();
        format!("features: {}", parts.join(", "))
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
        let scan = DocScan::new(&doc.text, &self.lex, &self.orgs);
        if victims::impersonation_warning(&scan) {
            trace.push(TraceNote {
                incident: None,
                field: "organizations".into(),
                message: "a warning about sites or mails impersonating the issuer, which states its own systems and data were not breached: no incident".into(),
            });
            return (Vec::new(), trace);
        }
        let mut entities = victims::group_entities(&scan);
        victims::prepare_entities(&scan, &mut entities);
        let choice = victims::select::choose_victims(&scan, &mut entities, &self.models);
        let victim_ids = choice.victims.clone();
        let note = |incident: Option<usize>, field: &str, message: String| TraceNote {
            incident,
            field: field.to_string(),
            message,
        };
        trace.push(note(
            None,
            "organizations",
            format!(
                "{} mentions in {} entities; victims: {}",
                scan.mentions.len(),
                entities.len(),
                if victim_ids.is_empty() {
                    "none".to_string()
                } else {
                    victim_ids
                        .iter()
                        .map(|&i| {
                            format!(
                                "{} ({:.2})",
                                entities[i].canonical_name(&scan).0,
                                choice.victim_probability[i]
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
        ));
        for (i, e) in entities.iter().enumerate() {
            if !victim_ids.contains(&i) && !e.mentions.is_empty() {
                trace.push(note(
                    None,
                    "organizations",
                    format!(
                        "not a victim: {} (p(victim) {:.2} < {:.2}); {}",
                        e.canonical_name(&scan).0,
                        choice.victim_probability[i],
                        self.models.thresholds.victim,
                        self.explain_entity(&choice, i)
                    ),
                ));
            }
        }
        let seg = segment::segment(&scan, &entities, &victim_ids);
        trace.push(note(
            None,
            "segmentation",
            format!(
                "{} sentences, {} lines; {}",
                scan.layout.sentences.len(),
                scan.layout.lines.len(),
                seg.note
            ),
        ));
        let counts = self.counts.find(&scan);
        let (resolved_dates, doc_year, year_how) = dates::resolve_dates(&scan, doc.published);
        let date_kinds = dates::DateKinds::new(&scan);
        trace.push(note(
            None,
            "dates",
            match doc_year {
                Some(y) => {
                    format!("document year {y} ({year_how}) for dates written without a year")
                }
                None => "no document year: dates written without a year stay unresolved".into(),
            },
        ));
        let title_line = scan.title_line();
        let mut incidents = Vec::new();
        let mut jobs: Vec<(usize, segment::Block, bool)> = Vec::new();
        for (vi, &ei) in victim_ids.iter().enumerate() {
            let (primary, secondary) = segment::split_secondary(&scan, &seg.blocks[vi]);
            jobs.push((ei, primary, false));
            jobs.extend(secondary.into_iter().map(|b| (ei, b, true)));
        }
        for (ei, block, secondary) in &jobs {
            let ei = *ei;
            let ent = &entities[ei];
            if *secondary {
                trace.push(note(
                    Some(incidents.len()),
                    "segmentation",
                    "second incident of the same victim (もう1件 / 重ねてお詫び): its own block"
                        .into(),
                ));
            }
            let ctx = VictimContext {
                scan: &scan,
                block,
                doc_id: &doc.id,
                title_line,
            };
            let idx = incidents.len();
            let (name, kind) = ent.canonical_name(&scan);
            let first = ent
                .mentions
                .iter()
                .map(|&m| &scan.mentions[m])
                .find(|m| m.name == name)
                .or_else(|| ent.mentions.first().map(|&m| &scan.mentions[m]));
            let evidence = first.map(|m| Evidence {
                doc_id: doc.id.clone(),
                span: Span::new(m.start, m.end),
                sentence: scan
                    .sentence_text(scan.layout.sentence_at(m.start).unwrap_or(0))
                    .to_string(),
            });
            let org_rule = format!("org.{}", kind.as_str());
            let conf = choice.victim_probability[ei].clamp(0.05, 0.99);
            let mut inc =
                CandidateIncident::new(Field::new(name.clone(), conf, org_rule, evidence));
            trace.push(note(
                Some(idx),
                "organization",
                format!(
                    "{name}: p(victim) {:.2}; {}{}",
                    choice.victim_probability[ei],
                    self.explain_entity(&choice, ei),
                    if ent.reasons.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", ent.reasons.join("; "))
                    }
                ),
            ));
            for (alias, akind) in &ent.names {
                if *alias != name {
                    let m = ent
                        .mentions
                        .iter()
                        .map(|&m| &scan.mentions[m])
                        .find(|m| &m.name == alias);
                    let ev = m.map(|m| {
                        ctx.evidence(
                            m.start,
                            m.end,
                            scan.layout.sentence_at(m.start).unwrap_or(0),
                        )
                    });
                    let rule = if *akind == OrgKind::Brand {
                        "alias.brand_or_service"
                    } else {
                        "alias.same_entity_name"
                    };
                    inc.aliases.push(Field::new(alias.clone(), 0.7, rule, ev));
                }
            }
            let (cause, msg) = cause::infer_cause(&ctx);
            trace.push(note(Some(idx), "cause", msg));
            let (count, msg) = choose_affected_count(&ctx, &counts);
            trace.push(note(Some(idx), "affected_count", msg));
            let count_sentence = count
                .as_ref()
                .and_then(|c| c.evidence.as_ref())
                .and_then(|e| scan.layout.sentence_at(e.span.start));
            let data_sents = datatypes::data_sentences(&ctx, count_sentence);
            let (types, msg) = datatypes::find_data_types(&ctx, &data_sents);
            trace.push(note(Some(idx), "data_types", msg));
            inc.card_data = datatypes::find_card_data(&ctx, &types, &data_sents);
            let (confirmed, msg) = datatypes::find_confirmed(&ctx, cause.as_ref());
            trace.push(note(Some(idx), "confirmed", msg));
            let (mut dates, msg) =
                dates::find_dates(&ctx, &resolved_dates, &date_kinds, doc.published);
            // A roundup item's own article: a linked URL with /YYYY/MM/DD/ dates its report.
            if let Some((date, a, b, si)) = block.sentences.iter().find_map(|&si| {
                let st = scan.layout.sentences.get(si)?;
                let (date, a, b) = dates::url_path_date(scan.sentence_text(si))?;
                Some((date, st.start + a, st.start + b, si))
            }) {
                dates.push(Field::new(
                    leakwatch_model::DatedEvent {
                        kind: leakwatch_model::DateKind::Reported,
                        date,
                    },
                    0.6,
                    "date.url_path_reported",
                    Some(ctx.evidence(a, b, si)),
                ));
            }
            // The issuer's own release: its header date is the day the incident was reported.
            // It is not recorded as `disclosed` (analysts record a disclosure date only when the
            // text dates an announcement), but it places the incident in time.
            if ent.issuer && !*secondary {
                if let Some((date, a, b, si)) = dates::header_release_date(&scan, &resolved_dates) {
                    dates.push(Field::new(
                        leakwatch_model::DatedEvent {
                            kind: leakwatch_model::DateKind::Reported,
                            date,
                        },
                        0.6,
                        "date.release_header",
                        Some(ctx.evidence(a, b, si)),
                    ));
                }
            }
            trace.push(note(Some(idx), "dates", msg));
            let attacker = find_attacker(&ctx);
            let (mut related, insider_attacker) = find_related(
                &ctx,
                &entities,
                ei,
                &victim_ids,
                cause.as_ref().map(|c| c.value),
            );
            if let Some(a) = &attacker {
                related.push(Field::new(
                    RelatedOrg {
                        name: a.value.clone(),
                        role: RelationRole::Attacker,
                    },
                    a.confidence,
                    "related.threat_actor",
                    a.evidence.clone(),
                ));
            }
            inc.attacker = attacker.or(insider_attacker);
            trace.push(note(
                Some(idx),
                "attacker",
                match &inc.attacker {
                    Some(a) => format!("{} ({})", a.value, a.rule),
                    None => "no threat actor or arrested party named near the victim".into(),
                },
            ));
            inc.related = related;
            inc.cause = cause;
            inc.affected = count;
            inc.data_types = types;
            inc.confirmed = confirmed;
            inc.dates = dates;
            inc.data_volume = self.amounts.data_volume(&ctx);
            inc.regulator_action = self.amounts.regulator_action(&ctx);
            inc.financial_impact_jpy = self.amounts.financial_impact(&ctx);
            incidents.push(inc);
        }
        drop_empty_parents(&mut incidents, &mut trace);
        (incidents, trace)
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
        if empty(i) {
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
