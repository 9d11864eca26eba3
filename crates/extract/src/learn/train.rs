//! Owns training: turning gold-labelled documents into examples for each model (every entity
//! labelled by matching its names to the gold incidents and related organisations the way the
//! scorer does), fitting the models, and choosing the decision thresholds on out-of-fold
//! predictions. Deterministic: the same documents in the same order give the same file.

use super::align::{best_similarity, match_names, MATCH_THRESHOLD};
use super::linear::{train, train_ranker, Example, Features, Group, LinearModel, TrainOptions};
use super::models::{Models, Thresholds, DATE_CLASSES, ENTITY_CLASSES};
use crate::victims::features::{entity_features, is_media_name, DocContext};
use crate::Extractor;
use leakwatch_model::{Cause, Document, DocumentRecord, Language, RelationRole};

/// A document with its gold label.
pub struct GoldDocument {
    pub document: Document,
    pub gold: DocumentRecord,
    /// Where it came from (the gold directory), for the provenance line.
    pub set: String,
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
    features: Features,
    label: Option<usize>,
}

/// What the documents hold for the victim model.
struct VictimData {
    entities: Vec<EntityExample>,
    /// Per document: gold incidents.
    gold_incidents: Vec<usize>,
}

fn entity_class(label: &str) -> usize {
    ENTITY_CLASSES.iter().position(|c| *c == label).unwrap_or(0)
}

impl Extractor {
    fn victim_data(&self, docs: &[GoldDocument]) -> VictimData {
        let mut entities = Vec::new();
        let mut gold_incidents = Vec::new();
        for (di, gd) in docs.iter().enumerate() {
            gold_incidents.push(gd.gold.incidents.len());
            if gd.document.language != Language::Ja {
                continue;
            }
            let scan = crate::scan::DocScan::new(&gd.document.text, &self.lex, &self.orgs);
            let mut ents = crate::victims::group_entities(&scan);
            crate::victims::prepare_entities(&scan, &mut ents);
            let doc = DocContext::new(&scan, &ents);
            let live: Vec<usize> = (0..ents.len())
                .filter(|&i| !ents[i].mentions.is_empty())
                .collect();
            let gold_names: Vec<Vec<&str>> = gd
                .gold
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
            let matched = if gold_names.is_empty() {
                Vec::new()
            } else {
                match_names(&sim)
            };
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
                entities.push(EntityExample {
                    doc: di,
                    features: entity_features(&scan, &ents, ei, &doc),
                    label,
                });
            }
        }
        VictimData {
            entities,
            gold_incidents,
        }
    }

    /// Trains every model on `docs` and chooses the thresholds.
    pub fn train(&self, docs: &[GoldDocument], settings: TrainSettings) -> Models {
        let data = self.victim_data(docs);
        let examples = |filter: &dyn Fn(usize) -> bool| -> Vec<Example> {
            data.entities
                .iter()
                .filter(|e| filter(e.doc))
                .filter_map(|e| {
                    Some(Example {
                        features: e.features.clone(),
                        label: e.label?,
                        weight: 1.0,
                    })
                })
                .collect()
        };
        let victim = train(ENTITY_CLASSES, &examples(&|_| true), settings.options);
        let victim_rank = train_ranker("victim", &rank_groups(&data, &|_| true), settings.options);
        // Out-of-fold victim probabilities and ranks for the thresholds.
        let k = settings.folds.max(2);
        let mut oof = vec![0.0f32; data.entities.len()];
        let mut oof_rank = vec![0.0f32; data.entities.len()];
        for fold in 0..k {
            let model = train(
                ENTITY_CLASSES,
                &examples(&|d| d % k != fold),
                settings.options,
            );
            let ranker = train_ranker(
                "victim",
                &rank_groups(&data, &|d| d % k != fold),
                settings.options,
            );
            let vk = model.class_index("victim").unwrap_or(1);
            for (i, e) in data.entities.iter().enumerate() {
                if e.doc % k == fold {
                    oof[i] = model.probabilities(&e.features)[vk];
                    oof_rank[i] = ranker.logits(&e.features)[0];
                }
            }
        }
        let thresholds = choose_victim_thresholds(&data, &oof, &oof_rank);
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
            cause: untrained(Cause::ALL.iter().map(|c| c.as_str()).collect()),
            date_role: untrained(DATE_CLASSES.to_vec()),
            thresholds,
        }
    }
}

fn untrained(classes: Vec<&str>) -> LinearModel {
    let n = classes.len();
    LinearModel::new(
        classes.into_iter().map(str::to_string).collect(),
        vec![0.0; n],
        Default::default(),
    )
}

/// The victim and single-victim thresholds that maximise incident F1 over the documents,
/// judged on out-of-fold probabilities (a grid in steps of 0.05).
/// For every document with a victim among its entities, one group per victim: that victim
/// against the entities that are no victim.
fn rank_groups(data: &VictimData, keep: &dyn Fn(usize) -> bool) -> Vec<Group> {
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
            for t in data.entities[i..j]
                .iter()
                .filter(|e| e.label == Some(victim))
            {
                let mut candidates = vec![t.features.clone()];
                candidates.extend(others.iter().map(|e| e.features.clone()));
                if candidates.len() > 1 {
                    groups.push(Group {
                        candidates,
                        target: 0,
                    });
                }
            }
        }
        i = j;
    }
    groups
}

fn choose_victim_thresholds(data: &VictimData, p: &[f32], rank: &[f32]) -> Thresholds {
    let victim = entity_class("victim");
    let n_docs = data.gold_incidents.len();
    let mut best = (f32::MIN, Thresholds::default());
    for a in 4..=16 {
        let th_victim = a as f32 * 0.05;
        for b in 1..=a {
            let th_single = b as f32 * 0.05;
            let (mut tp, mut fp) = (0usize, 0usize);
            for d in 0..n_docs {
                let idx: Vec<usize> = (0..data.entities.len())
                    .filter(|&i| data.entities[i].doc == d)
                    .collect();
                let th = Thresholds {
                    victim: th_victim,
                    single_victim: th_single,
                    ..Thresholds::default()
                };
                let chosen = crate::victims::select::decide(&idx, p, rank, &th);
                for i in chosen {
                    match data.entities[i].label {
                        Some(l) if l == victim => tp += 1,
                        // A second entity for a victim already found is a spurious incident.
                        _ => fp += 1,
                    }
                }
            }
            let gold: usize = data.gold_incidents.iter().sum();
            let f1 = if tp == 0 {
                0.0
            } else {
                let prec = tp as f32 / (tp + fp) as f32;
                let rec = tp as f32 / gold.max(1) as f32;
                2.0 * prec * rec / (prec + rec)
            };
            if f1 > best.0 + 1e-6 {
                best = (
                    f1,
                    Thresholds {
                        victim: th_victim,
                        single_victim: th_single,
                        ..Thresholds::default()
                    },
                );
            }
        }
    }
    best.1
}
