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
    /// Largest watchlist CSV `watch import` reads, in MiB.
    pub max_import_mb: Option<u64>,
    /// Where alerts are delivered (`[notify]` table).
    pub notify: Option<leakwatch_watch::NotifyConfig>,
    /// `leakwatch serve` (`[server]` table).
    pub server: Option<ServerFileConfig>,
}

/// The `[server]` table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerFileConfig {
    /// Address and port to listen on (default 127.0.0.1:8080; `--listen` wins).
    pub listen: Option<String>,
    /// Serve the check-a-service page, the Atom feed and read-only incident pages without
    /// credentials (default false).
    pub public: Option<bool>,
    /// Mark cookies `Secure` (set when the server is behind HTTPS; default false).
    pub secure_cookies: Option<bool>,
    /// How long a sign-in lasts, in hours (default 8).
    pub session_hours: Option<u64>,
    /// Failed sign-ins per client address within 5 minutes before it must wait (default 5).
    pub login_attempts: Option<u32>,
    /// Database connections the server keeps open (default 4).
    pub connections: Option<usize>,
    /// Seconds a search's results are reused for the same query (default 2; 0 turns it off).
    pub search_cache_seconds: Option<u64>,
    /// Seconds a page of the incident listing is reused for the same query string (default 2;
    /// 0 turns it off).
    pub listing_cache_seconds: Option<u64>,
}

/// Size limits of the side files leakwatch reads (all regular files only, read with
/// [`leakwatch_ingest::read_small_file`]: `/dev/zero` or a FIFO is refused, not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideFileLimits {
    /// The TOML configuration file.
    pub config_bytes: u64,
    /// A watchlist CSV given to `watch import` (default; `max_import_mb` in the config).
    pub import_bytes: u64,
}

pub const SIDE_FILE_LIMITS: SideFileLimits = SideFileLimits {
    config_bytes: 1024 * 1024,
    import_bytes: 16 * 1024 * 1024,
};

impl FileConfig {
    pub fn load(path: &Path) -> Result<FileConfig> {
        // The usual way to say "no configuration" (the only device accepted).
        if path == Path::new("/dev/null") {
            return Ok(FileConfig::default());
        }
        let text = leakwatch_ingest::read_small_file(path, SIDE_FILE_LIMITS.config_bytes)
            .context("cannot read the config file")?;
        toml::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "invalid config file {}: {}",
                path.display(),
                toml_error_message(&text, &e)
            )
        })
    }
}

/// A TOML error without the quoted source line toml would print (it may hold a secret): the
/// line and column and toml's message, or for a credential key only its name.
fn toml_error_message(text: &str, err: &toml::de::Error) -> String {
    let message = leakwatch_model::hygiene::redact_text(err.message()).into_owned();
    let Some(span) = err.span() else {
        return message;
    };
    let before = text.get(..span.start).unwrap_or(text);
    let line_no = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(1, |l| l.chars().count() + 1);
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let key = line.split('=').next().unwrap_or("").trim();
    if line.contains('=') && leakwatch_model::hygiene::is_secret_name(key) {
        return format!("line {line_no}: invalid value for `{key}` (value not shown)");
    }
    format!("line {line_no}, column {column}: {message}")
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
    pub max_import_bytes: u64,
    pub notify: leakwatch_watch::NotifyConfig,
    pub server: ServerSettings,
}

/// Validated `[server]` settings (`--listen` and `--public` applied by `serve`).
#[derive(Debug, Clone)]
pub struct ServerSettings {
    pub listen: std::net::SocketAddr,
    pub public: bool,
    pub secure_cookies: bool,
    pub session_hours: u64,
    pub login_attempts: u32,
    pub connections: usize,
    pub search_cache_seconds: u64,
    pub listing_cache_seconds: u64,
}

impl ServerSettings {
    fn from_file(f: ServerFileConfig) -> Result<ServerSettings> {
        let listen = f.listen.as_deref().unwrap_or(DEFAULT_LISTEN);
        let listen = listen.parse().with_context(|| {
            format!("[server] listen must be ADDRESS:PORT such as 127.0.0.1:8080, got '{listen}'")
        })?;
        let session_hours = f.session_hours.unwrap_or(8);
        if session_hours == 0 || session_hours > 24 * 30 {
            bail!("[server] session_hours must be between 1 and 720");
        }
        let connections = f.connections.unwrap_or(4);
        if connections == 0 || connections > 64 {
            bail!("[server] connections must be between 1 and 64");
        }
        let search_cache_seconds = f.search_cache_seconds.unwrap_or(2);
        if search_cache_seconds > 3600 {
            bail!("[server] search_cache_seconds must be between 0 and 3600");
        }
        let listing_cache_seconds = f.listing_cache_seconds.unwrap_or(2);
        if listing_cache_seconds > 3600 {
            bail!("[server] listing_cache_seconds must be between 0 and 3600");
        }
        Ok(ServerSettings {
            listen,
            public: f.public.unwrap_or(false),
            secure_cookies: f.secure_cookies.unwrap_or(false),
            session_hours,
            login_attempts: f.login_attempts.unwrap_or(5).max(1),
            connections,
            search_cache_seconds,
            listing_cache_seconds,
        })
    }
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

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
        let notify = file.notify.unwrap_or_default();
        // A webhook that can never be delivered is refused now, not retried forever.
        notify
            .validate()
            .context("invalid [notify] configuration")?;
        let max_import_bytes = match file.max_import_mb {
            Some(0) => bail!("max_import_mb must be at least 1"),
            Some(mb) => mb.saturating_mul(1024 * 1024),
            None => SIDE_FILE_LIMITS.import_bytes,
        };
        let server = ServerSettings::from_file(file.server.unwrap_or_default())?;
        let chosen = overrides.db.or(file.db);
        Ok(Settings {
            db_chosen: chosen.is_some(),
            db: chosen.unwrap_or_else(default_db_path),
            max_file_bytes: max_file_mb.saturating_mul(1024 * 1024),
            review_threshold,
            quiet: overrides.quiet,
            playbooks_dir: file.playbooks,
            max_import_bytes,
            notify,
            server,
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

    fn resolve_file(text: &str) -> Result<Settings> {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(&cfg, text).unwrap();
        Settings::resolve(Overrides {
            config: Some(cfg),
            db: None,
            max_file_mb: None,
            quiet: false,
        })
    }

    /// Issue 11 (7): a TOML error never quotes a secret.
    #[test]
    fn toml_errors_do_not_echo_secrets() {
        let err = resolve_file(
            "[notify]\nwebhook_url = 'https://hooks.invalid/x'\nwebhook_secret = 's3cr3t-value\n",
        )
        .unwrap_err();
        let msg = format!("{err:#}");
        assert!(!msg.contains("s3cr3t"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
        let err = resolve_file("[notify]\nwebhook_secret = 12345678\n").unwrap_err();
        let msg = format!("{err:#}");
        assert!(!msg.contains("12345678"), "{msg}");
        assert!(msg.contains("webhook_secret"), "{msg}");
        // Other errors keep their detail.
        let msg = format!("{:#}", resolve_file("databse = 'x'\n").unwrap_err());
        assert!(msg.contains("databse") && msg.contains("line 1"), "{msg}");
    }

    /// Issue 11 (11): a non-http(s) webhook is refused when the config loads.
    #[test]
    fn non_http_webhooks_are_refused_at_load() {
        for url in [
            "ftp://hooks.invalid/x",
            "file:///etc/passwd",
            "hooks.invalid/x",
        ] {
            let err = resolve_file(&format!("[notify]\nwebhook_url = '{url}'\n")).unwrap_err();
            let msg = format!("{err:#}");
            assert!(msg.contains("webhook_url"), "{url}: {msg}");
        }
        let err =
            resolve_file("[notify]\nwebhook_url = 'ftp://user:pw@hooks.invalid/'\n").unwrap_err();
        assert!(!format!("{err:#}").contains("pw@"), "{err:#}");
        assert!(resolve_file("[notify]\nwebhook_url = 'https://hooks.invalid/x'\n").is_ok());
    }

    /// Issue 11 (9): the config must be a regular file of bounded size.
    #[test]
    fn config_reads_are_bounded() {
        assert!(FileConfig::load(Path::new("/dev/null")).is_ok());
        let err = FileConfig::load(Path::new("/dev/zero")).unwrap_err();
        assert!(format!("{err:#}").contains("not a regular file"), "{err:#}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).unwrap();
        let err = FileConfig::load(&big).unwrap_err();
        assert!(format!("{err:#}").contains("limit"), "{err:#}");
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

    #[test]
    fn server_table_is_read_and_validated() {
        let s = resolve_file("[server]\nlisten = '0.0.0.0:9000'\npublic = true\n").unwrap();
        assert_eq!(s.server.listen.to_string(), "0.0.0.0:9000");
        assert!(s.server.public);
        let d = resolve_file("").unwrap();
        assert_eq!(d.server.listen.to_string(), DEFAULT_LISTEN);
        assert!(!d.server.public);
        let msg = format!(
            "{:#}",
            resolve_file("[server]\nlisten = 'nowhere'\n").unwrap_err()
        );
        assert!(msg.contains("listen"), "{msg}");
        let msg = format!(
            "{:#}",
            resolve_file("[server]\nlistne = '1'\n").unwrap_err()
        );
        assert!(msg.contains("listne"), "{msg}");
        assert!(resolve_file("[server]\nconnections = 0\n").is_err());
    }
}
