//! Owns the stages of extracting one Japanese document after the scan: the analysis every
//! decision reads (scan, entities, count candidates, resolved dates), the jobs (one block of
//! sentences per victim, plus a second incident of the same victim), and assembling each job
//! into a candidate incident field by field. Training runs the same analysis and jobs with the
//! gold victims, so the models learn from exactly what extraction computes.

use crate::actors::{find_attacker, find_related};
use crate::context::VictimContext;
use crate::count::{choose_affected_count, CountCandidate};
use crate::dates::{self, DateKinds};
use crate::org::OrgKind;
use crate::scan::DocScan;
use crate::segment::{self, Block};
use crate::victims::select::VictimChoice;
use crate::victims::{self, Entity};
use crate::{cause, datatypes, note, Extractor};
use chrono::NaiveDate;
use leakwatch_model::{
    CandidateIncident, DateKind, DatedEvent, Document, Evidence, Field, RelatedOrg, RelationRole,
    Span, TraceNote,
};

/// What every decision about one document reads.
pub struct Analysis<'a> {
    pub scan: DocScan<'a>,
    pub entities: Vec<Entity>,
    pub counts: Vec<CountCandidate>,
    pub resolved_dates: Vec<Option<NaiveDate>>,
    pub doc_year: Option<i32>,
    pub year_how: &'static str,
    pub date_kinds: DateKinds,
    pub title_line: Option<usize>,
    pub published: Option<NaiveDate>,
}

/// One incident to assemble: a victim entity and the sentences that speak of it.
pub struct Job {
    pub entity: usize,
    pub block: Block,
    /// A second incident of the same victim (`もう1件は…`).
    pub secondary: bool,
}

impl Extractor {
    /// Scans the document, groups organisation mentions into entities with their relations,
    /// and reads the count and date candidates.
    pub fn analyze<'a>(&self, doc: &'a Document) -> Analysis<'a> {
        let scan = DocScan::new(&doc.text, &self.lex, &self.orgs);
        let mut entities = victims::group_entities(&scan);
        victims::prepare_entities(&scan, &mut entities);
        let counts = self.counts.find(&scan);
        let (resolved_dates, doc_year, year_how) = dates::resolve_dates(&scan, doc.published);
        let date_kinds = DateKinds::new(&scan);
        let title_line = scan.title_line();
        Analysis {
            scan,
            entities,
            counts,
            resolved_dates,
            doc_year,
            year_how,
            date_kinds,
            title_line,
            published: doc.published,
        }
    }

    /// The jobs for the chosen victims: the document cut into per-victim blocks, and each
    /// block's second incident split off.
    pub fn jobs(&self, an: &Analysis, victims: &[usize], trace: &mut Vec<TraceNote>) -> Vec<Job> {
        let seg = segment::segment(&an.scan, &an.entities, victims);
        trace.push(note(
            None,
            "segmentation",
            format!(
                "{} sentences, {} lines; {}",
                an.scan.layout.sentences.len(),
                an.scan.layout.lines.len(),
                seg.note
            ),
        ));
        trace.push(note(
            None,
            "dates",
            match an.doc_year {
                Some(y) => format!(
                    "document year {y} ({}) for dates written without a year",
                    an.year_how
                ),
                None => "no document year: dates written without a year stay unresolved".into(),
            },
        ));
        let mut jobs = Vec::new();
        for (vi, &ei) in victims.iter().enumerate() {
            let (primary, secondary) = segment::split_secondary(&an.scan, &seg.blocks[vi]);
            jobs.push(Job {
                entity: ei,
                block: primary,
                secondary: false,
            });
            jobs.extend(secondary.into_iter().map(|block| Job {
                entity: ei,
                block,
                secondary: true,
            }));
        }
        jobs
    }

    pub(crate) fn context<'s, 'a>(
        &self,
        an: &'s Analysis<'a>,
        doc_id: &'s leakwatch_model::DocId,
        job: &'s Job,
    ) -> VictimContext<'s, 'a> {
        VictimContext {
            scan: &an.scan,
            block: &job.block,
            doc_id,
            title_line: an.title_line,
        }
    }

    /// The trace lines of victim selection.
    pub(crate) fn trace_victims(
        &self,
        an: &Analysis,
        choice: &VictimChoice,
        trace: &mut Vec<TraceNote>,
    ) {
        let scan = &an.scan;
        let live = an
            .entities
            .iter()
            .filter(|e| !e.mentions.is_empty())
            .count();
        let chosen: Vec<String> = choice
            .victims
            .iter()
            .map(|&i| {
                format!(
                    "{} ({:.2})",
                    an.entities[i].canonical_name(scan).0,
                    choice.victim_probability[i]
                )
            })
            .collect();
        trace.push(note(
            None,
            "organizations",
            format!(
                "{} mentions in {live} entities; victims: {}",
                scan.mentions.len(),
                if chosen.is_empty() {
                    "none".to_string()
                } else {
                    chosen.join(", ")
                }
            ),
        ));
        for (i, e) in an.entities.iter().enumerate() {
            if !choice.victims.contains(&i) && !e.mentions.is_empty() {
                trace.push(note(
                    None,
                    "organizations",
                    format!(
                        "not a victim: {} (p(victim) {:.2}, rank {:.2}); {}",
                        e.canonical_name(scan).0,
                        choice.victim_probability[i],
                        choice.rank[i],
                        self.explain_entity(choice, i)
                    ),
                ));
            }
        }
    }

    /// Every field of one job's incident, each with its evidence and a trace line.
    pub(crate) fn assemble(
        &self,
        doc: &Document,
        an: &Analysis,
        job: &Job,
        choice: &VictimChoice,
        idx: usize,
        trace: &mut Vec<TraceNote>,
    ) -> CandidateIncident {
        let scan = &an.scan;
        let ei = job.entity;
        let ent = &an.entities[ei];
        if job.secondary {
            trace.push(note(
                Some(idx),
                "segmentation",
                "second incident of the same victim (もう1件 / 重ねてお詫び): its own block".into(),
            ));
        }
        let ctx = self.context(an, &doc.id, job);
        let (name, kind) = ent.canonical_name(scan);
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
        let mut inc = CandidateIncident::new(Field::new(name.clone(), conf, org_rule, evidence));
        if self.trace {
            trace.push(note(
                Some(idx),
                "organization",
                format!(
                    "{name}: p(victim) {:.2}, rank {:.2}; {}{}",
                    choice.victim_probability[ei],
                    choice.rank[ei],
                    self.explain_entity(choice, ei),
                    if ent.reasons.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", ent.reasons.join("; "))
                    }
                ),
            ));
        }
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
        let (cause, msg) = cause::infer_cause(&ctx, &self.models.cause);
        trace.push(note(Some(idx), "cause", msg));
        let (count, msg) =
            choose_affected_count(&ctx, &an.counts, &ent.mentions, &self.models.count);
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
        let (mut dates, msg) = dates::find_dates(
            &ctx,
            &an.resolved_dates,
            &an.date_kinds,
            an.published,
            &self.models.date_roles,
            self.models.thresholds.date_role,
        );
        // A roundup item's own article: a linked URL with /YYYY/MM/DD/ dates its report.
        if let Some((date, a, b, si)) = job.block.sentences.iter().find_map(|&si| {
            let st = scan.layout.sentences.get(si)?;
            let (date, a, b) = dates::url_path_date(scan.sentence_text(si))?;
            Some((date, st.start + a, st.start + b, si))
        }) {
            dates.push(Field::new(
                DatedEvent {
                    kind: DateKind::Reported,
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
        if ent.issuer && !job.secondary {
            if let Some((date, a, b, si)) = dates::header_release_date(scan, &an.resolved_dates) {
                dates.push(Field::new(
                    DatedEvent {
                        kind: DateKind::Reported,
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
        let victim_ids: Vec<usize> = choice.victims.clone();
        let (mut related, insider_attacker) = find_related(
            &ctx,
            &an.entities,
            ei,
            &victim_ids,
            cause.as_ref().map(|c| c.value),
        );
        // Relations the structural pass found between a contractor hit and the client whose
        // data it held hold across blocks (each may be its own incident).
        for (o, other) in an.entities.iter().enumerate() {
            if o == ei || other.mentions.is_empty() {
                continue;
            }
            let role = if ent.contractor_named && other.relation_hint == Some("委託元") {
                Some(RelationRole::DataOwner)
            } else if ent.relation_hint == Some("委託元") && other.contractor_named {
                Some(RelationRole::Processor)
            } else {
                None
            };
            let Some(role) = role else { continue };
            let (oname, _) = other.canonical_name(scan);
            // The structure outranks the words around one mention.
            if let Some(r) = related.iter_mut().find(|r| r.value.name == oname) {
                r.value.role = role;
                continue;
            }
            let m = &scan.mentions[other.mentions[0]];
            let si = scan.layout.sentence_at(m.start).unwrap_or(0);
            related.push(Field::new(
                RelatedOrg { name: oname, role },
                0.6,
                format!("related.structure_{}", role.as_str()),
                Some(ctx.evidence(m.start, m.end, si)),
            ));
        }
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
        inc
    }
}
