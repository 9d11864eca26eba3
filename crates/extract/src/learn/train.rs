//! Owns training: turning gold-labelled documents into examples for each model (every entity
//! labelled by matching its names to the gold incidents and related organisations the way the
//! scorer does), fitting the models, and choosing the decision thresholds on out-of-fold
//! predictions. Deterministic: the same documents in the same order give the same file.

use super::align::{best_similarity, match_names, MATCH_THRESHOLD};
use super::linear::{train, train_ranker, Example, Features, Group, LinearModel, TrainOptions};
use super::models::{Models, Primary, Thresholds, ENTITY_CLASSES};
use crate::cause::cause_evidence;
use crate::count::count_choices;
use crate::dates;
use crate::pipeline::Analysis;
use crate::victims::features::{entity_features, is_media_name, none_features, DocContext};
use crate::Extractor;
use chrono::NaiveDate;
use leakwatch_model::{
    CandidateIncident, Cause, Document, DocumentRecord, Language, RelationRole, TraceNote,
};

/// A document with its gold label.
pub struct GoldDocument {
    pub document: Document,
    pub gold: DocumentRecord,
    /// Where it came from (the gold directory), for the provenance line.
    pub set: String,
    /// How much its examples count (real documents may count more than written ones).
    pub weight: f32,
}

/// Trainer settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainSettings {
    pub options: TrainOptions,
    /// Folds for the out-of-fold predictions thresholds are chosen on.
    pub folds: usize,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            options: TrainOptions::default(),
            folds: 5,
        }
    }
}

/// One entity of one document as a training example: its features and its label, or no label
/// when it names a victim that another entity already stands for.
struct EntityExample {
    doc: usize,
    /// Its index among the document's entities.
    entity: usize,
    features: Features,
    label: Option<usize>,
}

/// A cause example: the cause features of a gold victim's block and its gold cause.
struct CauseExample {
    doc: usize,
    features: Features,
    label: usize,
}

/// The date mentions of one gold incident's block: each mention's features and date, and the
/// gold date of every schema kind.
struct DateGroup {
    doc: usize,
    mentions: Vec<(Features, NaiveDate)>,
    gold: [Option<NaiveDate>; 5],
}

impl DateGroup {
    /// Whether mention `mi` is schema role `r`'s gold day (1) or not (0), or None to leave it
    /// out of the role's ranking groups. Gold gives a day, not a mention: when several mentions
    /// write the gold day, the ones whose clause states the role are the event (else any but
    /// the document's own date), and the others (the header's date, a restatement) are taught
    /// neither way.
    fn role_label(&self, r: usize, mi: usize) -> Option<usize> {
        let has = |i: usize, name: &str| self.mentions[i].0 .0.iter().any(|(n, _)| *n == name);
        let gold = self.gold.get(r).copied().flatten();
        if gold != Some(self.mentions[mi].1) {
            return Some(0);
        }
        let same: Vec<usize> = (0..self.mentions.len())
            .filter(|&i| Some(self.mentions[i].1) == gold)
            .collect();
        let rule = dates::ROLE_RULES.get(r).copied().unwrap_or("");
        if same.iter().any(|&i| has(i, rule)) {
            return has(mi, rule).then_some(1);
        }
        if same.iter().any(|&i| !has(i, "document_date")) {
            return (!has(mi, "document_date")).then_some(1);
        }
        Some(1)
    }
}

/// Everything the documents hold for training.
struct TrainingData {
    entities: Vec<EntityExample>,
    /// Per document: the features of "no victim" (empty for a document not in Japanese).
    none: Vec<Features>,
    /// Per document: groups of entities in parallel (entity indices of the document).
    parallel: Vec<Vec<Vec<usize>>>,
    causes: Vec<CauseExample>,
    /// Per gold victim's block, its count choices (`count::count_choices`: its values, then
    /// "no count") with the one gold states as target; blocks where gold's count is not among
    /// the values are left out (no choice would be right).
    counts: Vec<Group>,
    dates: Vec<DateGroup>,
    /// Per document: gold incidents.
    gold_incidents: Vec<usize>,
}

/// The live entities of a document matched to its gold incidents the way the scorer matches.
pub struct GoldAlignment {
    /// Entities with mentions (indices into `Analysis::entities`).
    pub live: Vec<usize>,
    /// Per live entity, its similarity to each gold incident.
    pub sim: Vec<Vec<f32>>,
    /// (index into `live`, gold incident, similarity), one-to-one.
    pub matched: Vec<(usize, usize, f32)>,
}

pub fn align_gold(an: &Analysis, gold: &DocumentRecord) -> GoldAlignment {
    let ents = &an.entities;
    let live: Vec<usize> = (0..ents.len())
        .filter(|&i| !ents[i].mentions.is_empty() && !ents[i].only_class_nouns())
        .collect();
    let gold_names: Vec<Vec<&str>> = gold
        .incidents
        .iter()
        .map(|g| {
            std::iter::once(g.organization.as_str())
                .chain(g.aliases.iter().map(String::as_str))
                .collect()
        })
        .collect();
    let sim: Vec<Vec<f32>> = live
        .iter()
        .map(|&ei| {
            gold_names
                .iter()
                .map(|g| {
                    best_similarity(
                        ents[ei].names.iter().map(|(n, _)| n.as_str()),
                        g.iter().copied(),
                    )
                })
                .collect()
        })
        .collect();
    let matched = if gold_names.is_empty() || live.is_empty() {
        Vec::new()
    } else {
        match_names(&sim)
    };
    GoldAlignment { live, sim, matched }
}

/// The matched entities as (entity, gold incident), in order of first mention.
fn gold_victims(
    an: &Analysis,
    live: &[usize],
    matched: &[(usize, usize, f32)],
) -> Vec<(usize, usize)> {
    let mut victims: Vec<(usize, usize)> =
        matched.iter().map(|&(li, gi, _)| (live[li], gi)).collect();
    victims.sort_by_key(|&(ei, _)| {
        an.entities[ei]
            .mentions
            .iter()
            .map(|&m| an.scan.mentions[m].start)
            .min()
    });
    victims
}

impl Extractor {
    /// Extraction with the gold victims instead of the model's (for measuring the field
    /// models alone): the incidents of the gold victims that have an entity, each named as
    /// gold names it.
    pub fn extract_gold_victims(
        &self,
        doc: &Document,
        gold: &DocumentRecord,
    ) -> Vec<CandidateIncident> {
        self.extract_gold_victims_traced(doc, gold).0
    }

    /// `extract_gold_victims` with the trace of every field decision (for `--explain`-like
    /// debugging of the field models).
    pub fn extract_gold_victims_traced(
        &self,
        doc: &Document,
        gold: &DocumentRecord,
    ) -> (Vec<CandidateIncident>, Vec<TraceNote>) {
        let mut an = self.analyze(doc);
        let al = align_gold(&an, gold);
        let victims = gold_victims(&an, &al.live, &al.matched);
        let ids: Vec<usize> = victims.iter().map(|&(ei, _)| ei).collect();
        let mut choice =
            crate::victims::select::choose_victims(&an.scan, &mut an.entities, &self.models);
        choice.victims = ids.clone();
        let mut trace = Vec::new();
        let jobs = self.jobs(&an, &ids, &mut trace);
        let mut out = Vec::new();
        for job in jobs.iter().filter(|j| !j.secondary) {
            let mut inc = self.assemble(doc, &an, job, &choice, out.len(), &mut trace);
            if let Some(&(_, gi)) = victims.iter().find(|(ei, _)| *ei == job.entity) {
                inc.organization.value = gold.incidents[gi].organization.clone();
            }
            out.push(inc);
        }
        (out, trace)
    }
}

fn entity_class(label: &str) -> usize {
    ENTITY_CLASSES.iter().position(|c| *c == label).unwrap_or(0)
}

fn cause_class(c: Cause) -> usize {
    Cause::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(Cause::ALL.len() - 1)
}

impl Extractor {
    fn training_data(&self, docs: &[GoldDocument]) -> TrainingData {
        let mut data = TrainingData {
            none: Vec::new(),
            parallel: Vec::new(),
            entities: Vec::new(),
            causes: Vec::new(),
            counts: Vec::new(),
            dates: Vec::new(),
            gold_incidents: Vec::new(),
        };
        for (di, gd) in docs.iter().enumerate() {
            data.gold_incidents.push(gd.gold.incidents.len());
            data.none.push(Features::new());
            data.parallel.push(Vec::new());
            if gd.document.language != Language::Ja {
                continue;
            }
            let an = self.analyze(&gd.document);
            let ents = &an.entities;
            let doc = DocContext::new(&an.scan, ents);
            data.none[di] = none_features(&an.scan, &doc);
            data.parallel[di] = doc.parallel.clone();
            let GoldAlignment { live, sim, matched } = align_gold(&an, &gd.gold);
            for (li, &ei) in live.iter().enumerate() {
                let names = || ents[ei].names.iter().map(|(n, _)| n.as_str());
                let label = if matched.iter().any(|&(l, _, _)| l == li) {
                    Some(entity_class("victim"))
                } else if sim[li].iter().any(|&s| s >= MATCH_THRESHOLD) {
                    None // another entity stands for this victim
                } else {
                    let role = gd.gold.incidents.iter().flat_map(|g| &g.related).find(|r| {
                        best_similarity(names(), std::iter::once(r.name.as_str()))
                            >= MATCH_THRESHOLD
                    });
                    Some(match role.map(|r| r.role) {
                        Some(RelationRole::Processor) => entity_class("processor"),
                        Some(RelationRole::Parent) => entity_class("parent"),
                        _ if names().any(is_media_name) => entity_class("reporter"),
                        _ => entity_class("bystander"),
                    })
                };
                data.entities.push(EntityExample {
                    doc: di,
                    entity: ei,
                    features: entity_features(&an.scan, ents, ei, &doc),
                    label,
                });
            }
            // The gold victims' blocks, as extraction would cut them, for the field models.
            let victims = gold_victims(&an, &live, &matched);
            let ids: Vec<usize> = victims.iter().map(|&(ei, _)| ei).collect();
            let jobs = self.jobs(&an, &ids, &mut Vec::new());
            let header = dates::header_release_date(&an.scan, &an.resolved_dates).map(|h| h.1);
            for job in jobs.iter().filter(|j| !j.secondary) {
                let Some(&(_, gi)) = victims.iter().find(|(ei, _)| *ei == job.entity) else {
                    continue;
                };
                let g = &gd.gold.incidents[gi];
                let ctx = self.context(&an, &gd.document.id, job);
                data.causes.push(CauseExample {
                    doc: di,
                    features: cause_evidence(&ctx).features,
                    label: cause_class(g.cause),
                });
                // The count ranker learns from the gold victims' blocks like the cause.
                let choices = count_choices(&ctx, &an.counts, &ents[job.entity].mentions);
                if let Some(target) = choices.index_of(g.affected_count) {
                    if choices.features.len() > 1 {
                        data.counts.push(Group {
                            candidates: choices.features,
                            target,
                            weight: gd.weight,
                        });
                    }
                }
                let mut mentions = Vec::new();
                for (i, (_, sent)) in an.scan.dates.iter().enumerate() {
                    if !ctx.in_block(*sent) || ctx.weight(*sent) < 0.02 {
                        continue;
                    }
                    let Some(date) = an.resolved_dates.get(i).copied().flatten() else {
                        continue;
                    };
                    let f = dates::mention_features(
                        &ctx,
                        i,
                        &an.resolved_dates,
                        &an.date_kinds,
                        an.published,
                        header,
                    );
                    mentions.push((f, date));
                }
                let gdates = &g.dates;
                data.dates.push(DateGroup {
                    doc: di,
                    mentions,
                    gold: [
                        gdates.occurred,
                        gdates.detected,
                        gdates.disclosed,
                        gdates.reported_police,
                        gdates.reported_ppc,
                    ],
                });
            }
        }
        data
    }

    /// Trains every model on `docs` and chooses the thresholds.
    pub fn train(&self, docs: &[GoldDocument], settings: TrainSettings) -> Models {
        let data = self.training_data(docs);
        let opts = settings.options;
        let k = settings.folds.max(2);
        // Entity roles and the main-victim ranker.
        let entity_examples = |keep: &dyn Fn(usize) -> bool| -> Vec<Example> {
            data.entities
                .iter()
                .filter(|e| keep(e.doc))
                .filter_map(|e| {
                    Some(Example {
                        features: e.features.clone(),
                        label: e.label?,
                        weight: docs[e.doc].weight,
                    })
                })
                .collect()
        };
        let victim = train(ENTITY_CLASSES, &entity_examples(&|_| true), opts);
        let victim_rank = train_ranker("victim", &rank_groups(&data, docs, &|_| true), opts);
        // Causes.
        let cause_labels: Vec<&str> = Cause::ALL.iter().map(|c| c.as_str()).collect();
        let cause_examples: Vec<Example> = data
            .causes
            .iter()
            .map(|c| Example {
                features: c.features.clone(),
                label: c.label,
                weight: docs[c.doc].weight,
            })
            .collect();
        // Many cause features for few examples: the penalty is chosen on out-of-fold accuracy.
        let doc_weights: Vec<f32> = docs.iter().map(|d| d.weight).collect();
        let cause_l2 = choose_cause_l2(&data, &doc_weights, &cause_labels, opts, k);
        let cause = train(
            &cause_labels,
            &cause_examples,
            TrainOptions {
                l2: cause_l2,
                ..opts
            },
        );
        let count = train_ranker("count", &data.counts, opts);
        // Date roles: one ranker per schema kind over a block's mentions and none.
        let (date_roles, date_role_threshold) = train_date_roles(&data, docs, opts, k);
        // Out-of-fold predictions for the thresholds, over several fold assignments: one
        // assignment's predictions move the chosen thresholds by whole steps.
        let mut runs: Vec<OutOfFold> = Vec::with_capacity(OOF_REPEATS);
        for rep in 0..OOF_REPEATS {
            let mut run = OutOfFold {
                p: vec![0.0f32; data.entities.len()],
                rank: vec![0.0f32; data.entities.len()],
                none_rank: vec![0.0f32; data.gold_incidents.len()],
            };
            for fold in 0..k {
                let held = |d: usize| fold_of(d, rep, k) == fold;
                let model = train(ENTITY_CLASSES, &entity_examples(&|d| !held(d)), opts);
                let ranker = train_ranker("victim", &rank_groups(&data, docs, &|d| !held(d)), opts);
                let vk = model.class_index("victim").unwrap_or(1);
                for (i, e) in data.entities.iter().enumerate() {
                    if held(e.doc) {
                        run.p[i] = model.probabilities(&e.features)[vk];
                        run.rank[i] = ranker.logits(&e.features)[0];
                    }
                }
                for (d, f) in data.none.iter().enumerate() {
                    if held(d) {
                        run.none_rank[d] = ranker.logits(f)[0];
                    }
                }
            }
            runs.push(run);
        }
        let doc_weight: Vec<f32> = docs.iter().map(|d| d.weight).collect();
        let mut thresholds = choose_victim_thresholds(&data, &doc_weight, &runs);
        thresholds.date_role = date_role_threshold;
        let mut sets: Vec<String> = Vec::new();
        for gd in docs {
            if !sets.iter().any(|s| s.starts_with(&format!("{} (", gd.set))) {
                let n = docs.iter().filter(|d| d.set == gd.set).count();
                sets.push(format!("{} ({n} documents)", gd.set));
            }
        }
        Models {
            version: format!("ja-learned-{}", docs.len()),
            trained_on: sets,
            victim,
            victim_rank,
            cause,
            count,
            date_roles,
            thresholds,
        }
    }
}

/// Multiples of the given L2 penalty the cause model's is chosen among.
const CAUSE_L2_GRID: [f64; 4] = [1.0, 3.0, 10.0, 30.0];

/// The cause model's L2 penalty: the multiple of `opts.l2` whose out-of-fold predictions get
/// most causes right, each weighted as its document (ties: the smaller penalty).
fn choose_cause_l2(
    data: &TrainingData,
    doc_weights: &[f32],
    labels: &[&str],
    opts: TrainOptions,
    k: usize,
) -> f64 {
    let weight = |d: usize| doc_weights.get(d).copied().unwrap_or(1.0);
    let mut best = (0f32, opts.l2);
    for m in CAUSE_L2_GRID {
        let o = TrainOptions {
            l2: opts.l2 * m,
            ..opts
        };
        let mut right = 0f32;
        for fold in 0..k {
            let train_set: Vec<Example> = data
                .causes
                .iter()
                .filter(|c| c.doc % k != fold)
                .map(|c| Example {
                    features: c.features.clone(),
                    label: c.label,
                    weight: weight(c.doc),
                })
                .collect();
            let model = train(labels, &train_set, o);
            for c in data.causes.iter().filter(|c| c.doc % k == fold) {
                let p = model.probabilities(&c.features);
                let top = (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b]).then(b.cmp(&a)));
                if top == Some(c.label) {
                    right += weight(c.doc);
                }
            }
        }
        if right > best.0 + 1e-6 {
            best = (right, o.l2);
        }
    }
    best.1
}

/// How many fold assignments the thresholds are judged over.
const OOF_REPEATS: usize = 6;

/// Out-of-fold victim scores of one fold assignment: per entity its victim probability and
/// rank, per document the rank of "no victim".
struct OutOfFold {
    p: Vec<f32>,
    rank: Vec<f32>,
    none_rank: Vec<f32>,
}

/// The fold of document `d` in fold assignment `rep`: the first assignment is round robin
/// (`d % k`), each other one a fixed hash of (d, rep) (SplitMix64; folds of about, not exactly,
/// equal size), so training stays deterministic.
fn fold_of(d: usize, rep: usize, k: usize) -> usize {
    if rep == 0 {
        return d % k;
    }
    let mut z = (d as u64)
        .wrapping_add((rep as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z % k as u64) as usize
}

/// The date-role rankers and their threshold. The L2 penalty is chosen with the threshold
/// on out-of-fold predictions (a few strengths from the given one up): a block offers only a
/// handful of mentions per role, and weaker features overfit them.
fn train_date_roles(
    data: &TrainingData,
    docs: &[GoldDocument],
    opts: TrainOptions,
    k: usize,
) -> (Vec<LinearModel>, f32) {
    let mut best: Option<(usize, f32, TrainOptions)> = None;
    for scale in [1.0, 3.0, 10.0, 30.0] {
        let o = TrainOptions {
            l2: opts.l2 * scale,
            ..opts
        };
        // Per block: each mention's probability of each role, and that of none.
        let mut runs = Vec::with_capacity(OOF_REPEATS);
        for rep in 0..OOF_REPEATS {
            let mut oof: DateOutOfFold = data
                .dates
                .iter()
                .map(|g| (vec![[0.0; 5]; g.mentions.len()], [1.0; 5]))
                .collect();
            for fold in 0..k {
                let held = |d: usize| fold_of(d, rep, k) == fold;
                for r in 0..5 {
                    let m = train_ranker("role", &role_groups(data, docs, r, &|d| !held(d)), o);
                    for (gi, g) in data.dates.iter().enumerate() {
                        if held(g.doc) {
                            let feats: Vec<&Features> = g.mentions.iter().map(|(f, _)| f).collect();
                            let (p, none, _) = dates::role_probabilities(&m, r, &feats);
                            for (mi, q) in p.into_iter().enumerate() {
                                oof[gi].0[mi][r] = q;
                            }
                            oof[gi].1[r] = none.unwrap_or(0.0);
                        }
                    }
                }
            }
            runs.push(oof);
        }
        let (wrong, th) = choose_date_threshold(data, &runs);
        if best.is_none_or(|b| wrong < b.0) {
            best = Some((wrong, th, o));
        }
    }
    let (_, th, o) = best.unwrap_or((0, 0.0, opts));
    let models = (0..5)
        .map(|r| train_ranker("role", &role_groups(data, docs, r, &|_| true), o))
        .collect();
    (models, th)
}

/// The ranking groups of schema role `r`: per gold incident's block, each mention that is the
/// role's gold day against the mentions that are not and a no-mention candidate; when gold
/// has no day for the role, the no-mention candidate against every mention. A block whose
/// gold day no mention resolves to teaches nothing.
fn role_groups(
    data: &TrainingData,
    docs: &[GoldDocument],
    r: usize,
    keep: &dyn Fn(usize) -> bool,
) -> Vec<Group> {
    let mut groups = Vec::new();
    for g in data.dates.iter().filter(|g| keep(g.doc)) {
        if g.mentions.is_empty() {
            continue;
        }
        let all: Vec<&Features> = g.mentions.iter().map(|(f, _)| f).collect();
        let none = dates::none_features(r, &all);
        let labels: Vec<Option<usize>> = (0..g.mentions.len())
            .map(|mi| g.role_label(r, mi))
            .collect();
        let negatives: Vec<Features> = g
            .mentions
            .iter()
            .zip(&labels)
            .filter(|(_, l)| **l == Some(0))
            .map(|((f, _), _)| f.clone())
            .collect();
        let positives: Vec<usize> = (0..labels.len())
            .filter(|&i| labels[i] == Some(1))
            .collect();
        let weight = docs[g.doc].weight;
        if g.gold[r].is_none() {
            let mut candidates = negatives;
            candidates.push(none);
            groups.push(Group {
                target: candidates.len() - 1,
                candidates,
                weight,
            });
            continue;
        }
        for &p in &positives {
            let mut candidates = vec![g.mentions[p].0.clone()];
            candidates.extend(negatives.iter().cloned());
            candidates.push(none.clone());
            groups.push(Group {
                candidates,
                target: 0,
                weight: weight / positives.len() as f32,
            });
        }
    }
    groups
}

/// Per date block: each mention's out-of-fold probability of each role, and that of none.
type DateOutOfFold = Vec<(Vec<[f32; 5]>, [f32; 5])>;

/// The date-role threshold that gets most schema dates right (a date is right when the chosen
/// mention has the gold date, or when nothing is chosen and gold has none), judged on
/// out-of-fold probabilities (over every fold assignment): a mention is chosen when it beats none and reaches the
/// threshold (0 when a margin does not help). Returns the dates it gets wrong and the
/// threshold.
fn choose_date_threshold(data: &TrainingData, runs: &[DateOutOfFold]) -> (usize, f32) {
    let mut best = (usize::MAX, 0.0f32);
    for t in 0..=16 {
        let th = t as f32 * 0.05;
        let mut wrong = 0usize;
        for (g, (probs, none)) in runs.iter().flat_map(|p| data.dates.iter().zip(p)) {
            for r in 0..5 {
                let top = probs
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1[r].total_cmp(&b.1[r]).then(b.0.cmp(&a.0)));
                let chosen = top
                    .filter(|(_, q)| q[r] > none[r] && q[r] >= th)
                    .map(|(i, _)| g.mentions[i].1);
                if chosen != g.gold[r] {
                    wrong += 1;
                }
            }
        }
        if wrong < best.0 {
            best = (wrong, th);
        }
    }
    best
}

/// For every document with a victim among its entities, one group per victim: that victim
/// against the entities that are no victim.
fn rank_groups(
    data: &TrainingData,
    docs: &[GoldDocument],
    keep: &dyn Fn(usize) -> bool,
) -> Vec<Group> {
    let victim = entity_class("victim");
    let mut groups = Vec::new();
    let mut i = 0;
    while i < data.entities.len() {
        let d = data.entities[i].doc;
        let j = (i..data.entities.len())
            .find(|&j| data.entities[j].doc != d)
            .unwrap_or(data.entities.len());
        if keep(d) {
            let others: Vec<&EntityExample> = data.entities[i..j]
                .iter()
                .filter(|e| e.label.is_some_and(|l| l != victim))
                .collect();
            let none = data.none[d].clone();
            let mut any_victim = false;
            for t in data.entities[i..j]
                .iter()
                .filter(|e| e.label == Some(victim))
            {
                any_victim = true;
                let mut candidates = vec![t.features.clone(), none.clone()];
                candidates.extend(others.iter().map(|e| e.features.clone()));
                groups.push(Group {
                    candidates,
                    target: 0,
                    weight: docs[d].weight,
                });
            }
            // A document that reports no incident: "no victim" is the answer.
            if !any_victim && data.gold_incidents[d] == 0 && !others.is_empty() {
                let mut candidates = vec![none];
                candidates.extend(others.iter().map(|e| e.features.clone()));
                groups.push(Group {
                    candidates,
                    target: 0,
                    weight: docs[d].weight,
                });
            }
        }
        i = j;
    }
    groups
}

/// The victim and single-victim thresholds (a grid in steps of 0.05), the main-victim rule and
/// the parallel threshold that give the best incident F1 over the documents, judged on the
/// out-of-fold probabilities of every fold assignment and averaged with the neighbouring grid
/// points.
fn choose_victim_thresholds(
    data: &TrainingData,
    doc_weight: &[f32],
    runs: &[OutOfFold],
) -> Thresholds {
    let victim = entity_class("victim");
    let mut by_doc: Vec<Vec<usize>> = vec![Vec::new(); data.gold_incidents.len()];
    for (i, e) in data.entities.iter().enumerate() {
        by_doc[e.doc].push(i);
    }
    // Parallel groups in the flat index space of `data.entities`.
    let parallel: Vec<Vec<Vec<usize>>> = by_doc
        .iter()
        .enumerate()
        .map(|(d, idx)| {
            data.parallel[d]
                .iter()
                .map(|g| {
                    g.iter()
                        .filter_map(|&ei| {
                            idx.iter().copied().find(|&i| data.entities[i].entity == ei)
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    // Incident F1 with every document weighted as its examples are.
    let gold: f32 = data
        .gold_incidents
        .iter()
        .zip(doc_weight)
        .map(|(&n, &w)| n as f32 * w)
        .sum();
    let parallel_options = [
        None,
        Some(0.02),
        Some(0.05),
        Some(0.1),
        Some(0.2),
        Some(0.3),
    ];
    // Incident F1 at every point of the grid, summed over the fold assignments:
    // [primary][parallel][a][b] for victim = a/20 and single_victim = b/20 (b <= a).
    const A: usize = 16;
    let mut f1_at = vec![[[[f32::NAN; A + 1]; A + 1]; 6]; 2];
    let gold_all = gold * runs.len() as f32;
    for (primary, grids) in [Primary::Rank, Primary::Probability]
        .into_iter()
        .zip(f1_at.iter_mut())
    {
        for (&par, grid) in parallel_options.iter().zip(grids.iter_mut()) {
            for (a, row) in grid.iter_mut().enumerate().skip(4) {
                for (b, cell) in row.iter_mut().enumerate().take(a + 1).skip(1) {
                    let th = Thresholds {
                        victim: a as f32 * 0.05,
                        single_victim: b as f32 * 0.05,
                        primary,
                        parallel: par,
                        ..Thresholds::default()
                    };
                    let (mut tp, mut fp) = (0f32, 0f32);
                    for run in runs {
                        for (d, idx) in by_doc.iter().enumerate() {
                            let w = doc_weight[d];
                            let chosen = crate::victims::select::decide(
                                idx,
                                &run.p,
                                &run.rank,
                                run.none_rank[d],
                                &parallel[d],
                                &th,
                            );
                            for i in chosen {
                                match data.entities[i].label {
                                    Some(l) if l == victim => tp += w,
                                    // A second entity for a victim already found is spurious.
                                    _ => fp += w,
                                }
                            }
                        }
                    }
                    *cell = 2.0 * tp / (2.0 * tp + fp + (gold_all - tp).max(0.0)).max(1e-6);
                }
            }
        }
    }
    // The F1 surface is flat near its top, so its argmax jumps between distant thresholds
    // when a few training documents change (victim 0.60 one day, 0.45 the next). The point
    // chosen is the best on average with its neighbours (each threshold one step either way):
    // the middle of a plateau, not its edge.
    let mut best = (f32::MIN, Thresholds::default());
    for (pi, primary) in [Primary::Rank, Primary::Probability]
        .into_iter()
        .enumerate()
    {
        for (ri, &par) in parallel_options.iter().enumerate() {
            let grid = &f1_at[pi][ri];
            for a in 4..=A {
                for b in 1..=a {
                    let (mut sum, mut n) = (0f32, 0f32);
                    for da in [-1i32, 0, 1] {
                        for db in [-1i32, 0, 1] {
                            let (x, y) = (a as i32 + da, b as i32 + db);
                            if (4..=A as i32).contains(&x) && (1..=x).contains(&y) {
                                sum += grid[x as usize][y as usize];
                                n += 1.0;
                            }
                        }
                    }
                    let smoothed = sum / n;
                    if smoothed > best.0 + 1e-6 {
                        best = (
                            smoothed,
                            Thresholds {
                                victim: a as f32 * 0.05,
                                single_victim: b as f32 * 0.05,
                                primary,
                                parallel: par,
                                ..Thresholds::default()
                            },
                        );
                    }
                }
            }
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::test_support::document;
    use crate::learn::gold::parse_gold;

    fn gold_doc(text: &str, org: &str, cause: &str, count: Option<u64>) -> GoldDocument {
        let count = count.map_or("null".to_string(), |c| c.to_string());
        let json = format!(
            r#"{{"doc_id":"t","incidents":[{{"organization":"{org}","cause":"{cause}","affected_count":{count}}}]}}"#
        );
        GoldDocument {
            document: document(text),
            gold: parse_gold(&json).expect("gold").0,
            set: "invented".into(),
            weight: 1.0,
        }
    }

    #[test]
    fn fold_assignments_are_fixed_partitions_that_differ() {
        let k = 5;
        let n = 200;
        // The first is round robin; every one fills every fold.
        assert!((0..n).all(|d| fold_of(d, 0, k) == d % k));
        for rep in 0..OOF_REPEATS {
            let sizes = (0..n).fold(vec![0usize; k], |mut v, d| {
                v[fold_of(d, rep, k)] += 1;
                v
            });
            assert!(sizes.iter().all(|&s| s >= n / k / 2), "{rep}: {sizes:?}");
        }
        // Two assignments disagree on many documents (else repeating would change nothing).
        let moved = (0..n)
            .filter(|&d| fold_of(d, 1, k) != fold_of(d, 2, k))
            .count();
        assert!(moved > n / 2, "{moved}");
    }

    #[test]
    fn the_count_ranker_learns_from_the_gold_victims_blocks() {
        // In every document the total (計) is the count, though a larger number stands nearby.
        let docs: Vec<GoldDocument> = (0..6)
            .map(|i| {
                let org = format!("株式会社テスト商事{}", ["あ", "い", "う", "え", "お", "か"][i]);
                let text = format!(
                    "不正アクセスのお知らせ\n{org}\n当社サーバーに不正アクセスがあり、会員{a}人と取引先{b}人、計{t}人分の氏名が流出しました。\n当社の会員数は{big}人です。",
                    a = 100 + i,
                    b = 20 + i,
                    t = 120 + 2 * i,
                    big = 90_000 + i
                );
                gold_doc(&text, &org, "unauthorized_access", Some(120 + 2 * i as u64))
            })
            .collect();
        let ex = Extractor::new();
        let models = ex.train(&docs, TrainSettings::default());
        assert!(!models.count.weights.is_empty());
        let ex = Extractor::with_models(models);
        for d in &docs {
            let inc = ex.extract_gold_victims(&d.document, &d.gold);
            let got = inc
                .first()
                .and_then(|i| i.affected.as_ref())
                .map(|c| c.value.value);
            assert_eq!(got, d.gold.incidents[0].affected_count);
        }
    }

    #[test]
    fn the_cause_penalty_is_one_of_the_grid() {
        let docs = vec![
            gold_doc(
                "お詫び\n株式会社サンプル工業\n当社サーバーがランサムウェアに感染しました。",
                "株式会社サンプル工業",
                "ransomware",
                None,
            ),
            gold_doc(
                "お詫び\n株式会社見本物産\n当社の社員がメールを誤送信しました。",
                "株式会社見本物産",
                "misdelivery",
                None,
            ),
        ];
        let ex = Extractor::new();
        let data = ex.training_data(&docs);
        let labels: Vec<&str> = Cause::ALL.iter().map(|c| c.as_str()).collect();
        let opts = TrainOptions::default();
        let l2 = choose_cause_l2(&data, &[1.0, 1.0], &labels, opts, 2);
        assert!(CAUSE_L2_GRID
            .iter()
            .any(|m| (opts.l2 * m - l2).abs() < 1e-12));
    }

    #[test]
    fn a_gold_day_written_twice_teaches_the_mention_that_states_the_role() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 2).unwrap();
        let other = NaiveDate::from_ymd_opt(2024, 5, 9).unwrap();
        let feats = |names: &[&'static str]| {
            let mut f = Features::new();
            for n in names {
                f.flag(n, true);
            }
            f
        };
        let g = DateGroup {
            doc: 0,
            mentions: vec![
                (feats(&["document_date"]), day),
                (feats(&["rule.detected"]), day),
                (feats(&[]), day),
                (feats(&["rule.detected"]), other),
            ],
            gold: [None, Some(day), Some(day), None, None],
        };
        // Detected: the mention whose clause detects is the event; the others are left out.
        let detected: Vec<Option<usize>> = (0..4).map(|i| g.role_label(1, i)).collect();
        assert_eq!(detected, vec![None, Some(1), None, Some(0)]);
        // Disclosed: no clause states it, so any mention but the document's own date.
        let disclosed: Vec<Option<usize>> = (0..4).map(|i| g.role_label(2, i)).collect();
        assert_eq!(disclosed, vec![None, Some(1), Some(1), Some(0)]);
        // No gold day: every mention is a no.
        assert_eq!(g.role_label(0, 1), Some(0));
    }
}
