//! Trains the English cause-group model: reads `GROUP<TAB>YEAR<TAB>TEXT` lines (one document per
//! line, `\n` written as a space), computes the extractor's cause features for each text and
//! fits the multinomial logistic regression of `learn::linear`.
//!
//! Breach reporting drifts over the years (lost laptops and paper early, hacking later), so
//! besides the L2 penalty two weightings are tried: every group weighing the same in total
//! (balanced) and recent rows weighing more (a half-life in years). The settings are the ones
//! that do best — mean of accuracy and macro-F1 — on the rows of the last two years when
//! trained on the earlier ones; the final model is trained on every row with them and written
//! as JSON. `bench/english-train.sh` feeds it the PRC rows made public in 2012 or earlier.
//!
//! Usage: cargo run --release -p leakwatch-extract --example train_en_cause -- IN.tsv OUT.json

use leakwatch_extract::en::{fields::GROUPS, EnglishExtractor};
use leakwatch_extract::learn::linear::{train, Example, LinearModel, TrainOptions};
use std::process::ExitCode;

/// How the examples are weighted before training.
#[derive(Debug, Clone, Copy)]
struct Weighting {
    balanced: bool,
    /// Years after which a row counts half; `None` for every year alike.
    half_life: Option<f64>,
}

fn weighted(examples: &[Example], years: &[i32], w: Weighting) -> Vec<Example> {
    let last = years.iter().copied().max().unwrap_or(0);
    let mut per_class = vec![0.0f64; GROUPS.len()];
    for e in examples {
        per_class[e.label] += 1.0;
    }
    let present = per_class.iter().filter(|&&n| n > 0.0).count().max(1) as f64;
    let total: f64 = per_class.iter().sum();
    examples
        .iter()
        .zip(years)
        .map(|(e, &y)| {
            let mut weight = 1.0f64;
            if w.balanced && per_class[e.label] > 0.0 {
                weight *= total / (present * per_class[e.label]);
            }
            if let Some(h) = w.half_life {
                weight *= 0.5f64.powf(f64::from(last - y) / h);
            }
            Example {
                weight: weight as f32,
                ..e.clone()
            }
        })
        .collect()
}

fn predict(m: &LinearModel, e: &Example) -> Option<usize> {
    let p = m.probabilities(&e.features);
    p.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|x| x.0)
}

/// Accuracy and macro-F1 over the groups present in the gold labels.
fn accuracy_and_macro_f1(m: &LinearModel, held: &[Example]) -> (f64, f64) {
    let k = GROUPS.len();
    let (mut tp, mut fp, mut fneg) = (vec![0usize; k], vec![0usize; k], vec![0usize; k]);
    for e in held {
        match predict(m, e) {
            Some(p) if p == e.label => tp[p] += 1,
            Some(p) => {
                fp[p] += 1;
                fneg[e.label] += 1;
            }
            None => fneg[e.label] += 1,
        }
    }
    let ok: usize = tp.iter().sum();
    let mut f1s = Vec::new();
    for c in 0..k {
        if tp[c] + fneg[c] == 0 {
            continue;
        }
        let denom = 2 * tp[c] + fp[c] + fneg[c];
        f1s.push(if denom == 0 {
            0.0
        } else {
            2.0 * tp[c] as f64 / denom as f64
        });
    }
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
    (ok as f64 / held.len().max(1) as f64, macro_f1)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: train_en_cause IN.tsv OUT.json");
        return ExitCode::from(2);
    };
    let data = match std::fs::read_to_string(input) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let ex = EnglishExtractor::new();
    let mut examples = Vec::new();
    let mut years = Vec::new();
    for line in data.lines() {
        let mut cols = line.splitn(3, '\t');
        let (Some(label), Some(year), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let Some(k) = GROUPS.iter().position(|g| *g == label) else {
            continue;
        };
        let features = ex.cause_features(text);
        if features.0.is_empty() {
            continue;
        }
        examples.push(Example {
            features,
            label: k,
            weight: 1.0,
        });
        years.push(year.parse::<i32>().unwrap_or(0));
    }
    let last = years.iter().copied().max().unwrap_or(0);
    let (fit, held): (Vec<usize>, Vec<usize>) =
        (0..examples.len()).partition(|&i| years[i] <= last - 2);
    let pick =
        |idx: &[usize]| -> Vec<Example> { idx.iter().map(|&i| examples[i].clone()).collect() };
    let (fit_ex, held_ex) = (pick(&fit), pick(&held));
    let fit_years: Vec<i32> = fit.iter().map(|&i| years[i]).collect();
    let options = |l2| TrainOptions {
        l2,
        max_iterations: 400,
        min_count: 3,
    };
    let mut best: Option<(f64, f64, Weighting)> = None;
    for balanced in [false, true] {
        for half_life in [None, Some(4.0), Some(2.0)] {
            let w = Weighting {
                balanced,
                half_life,
            };
            let fit_w = weighted(&fit_ex, &fit_years, w);
            for l2 in [0.001, 0.003, 0.01, 0.03, 0.1] {
                let m = train(&GROUPS, &fit_w, options(l2));
                let (acc, f1) = accuracy_and_macro_f1(&m, &held_ex);
                let score = (acc + f1) / 2.0;
                eprintln!(
                    "{w:?} l2 {l2}: accuracy {acc:.3}, macro-F1 {f1:.3} on {} held-out rows",
                    held_ex.len()
                );
                if best.is_none_or(|b| score > b.0) {
                    best = Some((score, l2, w));
                }
            }
        }
    }
    let Some((_, l2, w)) = best else {
        eprintln!("{input}: no examples");
        return ExitCode::FAILURE;
    };
    let model = train(&GROUPS, &weighted(&examples, &years, w), options(l2));
    let json = match serde_json::to_string_pretty(&model) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(output, json + "\n") {
        eprintln!("{output}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "{w:?} l2 {l2}: {} examples, {} features -> {output}",
        examples.len(),
        model.weights.len()
    );
    ExitCode::SUCCESS
}
