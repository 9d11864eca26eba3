//! Configuration in one place: defaults, then a TOML file, then environment variables and
//! flags (clap reads both), validated once into `Settings`.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The TOML file, as written by a user. Unknown keys are an error so typos are caught.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// SQLite database file.
    pub db: Option<PathBuf>,
    /// Files larger than this many MiB are refused.
    pub max_file_mb: Option<u64>,
    /// Fields whose confidence is below this are marked for review in `show`.
    pub review_threshold: Option<f32>,
    /// Directory of playbook TOML files extending/overriding the shipped ones.
    pub playbooks: Option<PathBuf>,
    /// Where alerts are delivered (`[notify]` table).
    pub notify: Option<leakwatch_watch::NotifyConfig>,
}

impl FileConfig {
    pub fn load(path: &Path) -> Result<FileConfig> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid config file {}", path.display()))
    }
}

/// Validated settings every command runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub db: PathBuf,
    /// True when the database path came from a flag, the environment or the config file.
    pub db_chosen: bool,
    pub max_file_bytes: u64,
    pub review_threshold: f32,
    pub quiet: bool,
    pub playbooks_dir: Option<PathBuf>,
    pub notify: leakwatch_watch::NotifyConfig,
}

pub const DEFAULT_MAX_FILE_MB: u64 = 20;
pub const DEFAULT_REVIEW_THRESHOLD: f32 = 0.6;

/// The default database: `leakwatch.db` in the user's data directory.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "leakwatch")
        .map(|dirs| dirs.data_dir().join("leakwatch.db"))
        .unwrap_or_else(|| PathBuf::from("leakwatch.db"))
}

/// The config file read when `--config` is not given (only if it exists).
pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "leakwatch")
        .map(|dirs| dirs.config_dir().join("leakwatch.toml"))
}

/// Values given on the command line or in the environment (already merged by clap).
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub db: Option<PathBuf>,
    pub max_file_mb: Option<u64>,
    pub quiet: bool,
}

impl Settings {
    /// Flags/env win over the file, the file over defaults.
    pub fn resolve(overrides: Overrides) -> Result<Settings> {
        let file = match &overrides.config {
            Some(path) => FileConfig::load(path)?,
            None => match default_config_path() {
                Some(path) if path.is_file() => FileConfig::load(&path)?,
                _ => FileConfig::default(),
            },
        };
        let max_file_mb = overrides
            .max_file_mb
            .or(file.max_file_mb)
            .unwrap_or(DEFAULT_MAX_FILE_MB);
        if max_file_mb == 0 {
            bail!("max_file_mb must be at least 1");
        }
        let review_threshold = file.review_threshold.unwrap_or(DEFAULT_REVIEW_THRESHOLD);
        if !(0.0..=1.0).contains(&review_threshold) {
            bail!("review_threshold must be between 0 and 1, got {review_threshold}");
        }
        let chosen = overrides.db.or(file.db);
        Ok(Settings {
            db_chosen: chosen.is_some(),
            db: chosen.unwrap_or_else(default_db_path),
            max_file_bytes: max_file_mb.saturating_mul(1024 * 1024),
            review_threshold,
            quiet: overrides.quiet,
            playbooks_dir: file.playbooks,
            notify: file.notify.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("leakwatch.example.toml");
        let cfg = FileConfig::load(&path).unwrap();
        assert_eq!(cfg.max_file_mb, Some(20));
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = toml::from_str::<FileConfig>("databse = 'x'").unwrap_err();
        assert!(err.to_string().contains("databse"));
    }

    #[test]
    fn flags_win_over_file_and_defaults_fill_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(&cfg, "db = 'from-file.db'\nmax_file_mb = 5\n").unwrap();
        let s = Settings::resolve(Overrides {
            config: Some(cfg.clone()),
            db: Some("flag.db".into()),
            max_file_mb: None,
            quiet: false,
        })
        .unwrap();
        assert_eq!(s.db, PathBuf::from("flag.db"));
        assert_eq!(s.max_file_bytes, 5 * 1024 * 1024);
        assert_eq!(s.review_threshold, DEFAULT_REVIEW_THRESHOLD);
    }

    #[test]
    fn invalid_values_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(&cfg, "review_threshold = 3.0\n").unwrap();
        let err = Settings::resolve(Overrides {
            config: Some(cfg),
            db: None,
            max_file_mb: None,
            quiet: false,
        })
        .unwrap_err();
        assert!(err.to_string().contains("review_threshold"));
    }
}
