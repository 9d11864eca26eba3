//! Trains the English cause-group model: reads `GROUP<TAB>YEAR<TAB>TEXT` lines (one document per
//! line, `\n` written as a space), computes the extractor's cause features for each text and
//! fits the multinomial logistic regression of `learn::linear`; the L2 penalty is the one
//! that does best on the rows of the last two years when trained on the earlier ones; the
//! final model is trained on every row and written as JSON.
//! `bench/english-train.sh` feeds it the PRC rows made public in 2012 or earlier.
//!
//! Usage: cargo run --release -p leakwatch-extract --example train_en_cause -- IN.tsv OUT.json

use leakwatch_extract::en::{fields::GROUPS, EnglishExtractor};
use leakwatch_extract::learn::linear::{train, Example, TrainOptions};
use std::process::ExitCode;

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
    let mut best = (0.0f64, 0.003);
    for l2 in [0.001, 0.003, 0.01, 0.03, 0.1] {
        let m = train(
            &GROUPS,
            &fit_ex,
            TrainOptions {
                l2,
                max_iterations: 400,
                min_count: 3,
            },
        );
        let ok = held_ex
            .iter()
            .filter(|e| {
                let p = m.probabilities(&e.features);
                p.iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map(|x| x.0)
                    == Some(e.label)
            })
            .count();
        let acc = ok as f64 / held_ex.len().max(1) as f64;
        eprintln!("l2 {l2}: {acc:.3} on {} held-out rows", held_ex.len());
        if acc > best.0 {
            best = (acc, l2);
        }
    }
    let opts = TrainOptions {
        l2: best.1,
        max_iterations: 400,
        min_count: 3,
    };
    let model = train(&GROUPS, &examples, opts);
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
        "l2 {}: {} examples, {} features -> {output}",
        best.1,
        examples.len(),
        model.weights.len()
    );
    ExitCode::SUCCESS
}
