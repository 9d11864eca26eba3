//! `leakwatch train`: fit the extractor's models on gold-labelled directories and write the
//! models file (atomically: a temporary file renamed into place).

use super::limits;
use crate::cli::TrainArgs;
use crate::config::Settings;
use anyhow::{Context, Result};
use leakwatch_app::train_models;
use leakwatch_extract::learn::linear::TrainOptions;
use leakwatch_extract::learn::train::TrainSettings;
use std::io::Write;
use std::process::ExitCode;

pub fn run(settings: &Settings, args: &TrainArgs) -> Result<ExitCode> {
    let train_settings = TrainSettings {
        options: TrainOptions {
            l2: args.l2,
            ..TrainOptions::default()
        },
        folds: args.folds.max(2),
    };
    let (models, docs) =
        train_models(&args.gold, &args.weights, &limits(settings), train_settings)?;
    let dir = args
        .out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: cannot write here", dir.display()))?;
    tmp.write_all(models.to_json().as_bytes())?;
    // A temporary file is private (0600); the models file is an ordinary readable file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(&args.out)
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    let summary = serde_json::json!({
        "documents": docs,
        "out": args.out.display().to_string(),
        "version": models.version,
        "trained_on": models.trained_on,
        "features": {
            "victim": models.victim.weights.len(),
            "cause": models.cause.weights.len(),
            "date_roles": models.date_roles.iter().map(|m| m.weights.len()).collect::<Vec<_>>(),
        },
        "thresholds": models.thresholds,
    });
    if args.json {
        println!("{summary}");
    } else if !settings.quiet {
        eprintln!(
            "trained on {docs} documents ({}); features: victim {}, cause {}, date roles {}; thresholds: victim {:.2}, single victim {:.2}; written to {}",
            models.trained_on.join(", "),
            models.victim.weights.len(),
            models.cause.weights.len(),
            models.date_roles.iter().map(|m| m.weights.len()).sum::<usize>(),
            models.thresholds.victim,
            models.thresholds.single_victim,
            args.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
