//! Command-line definition (clap) and dispatch.

use crate::commands;
use crate::config::{default_config_path, default_db_path, Overrides, Settings};
use anyhow::Result;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// leakwatch turns information-leak reports (Japanese press releases, news articles, digests,
/// monthly roundups) into a structured, searchable incident database.
#[derive(Debug, Parser)]
#[command(name = "leakwatch", version, about, long_about = None)]
pub struct Cli {
    /// SQLite database file [env: LEAKWATCH_DB] (default shown below)
    #[arg(
        long,
        global = true,
        env = "LEAKWATCH_DB",
        value_name = "FILE",
        hide_env = true
    )]
    pub db: Option<PathBuf>,

    /// TOML configuration file [env: LEAKWATCH_CONFIG]
    #[arg(
        long,
        global = true,
        env = "LEAKWATCH_CONFIG",
        value_name = "FILE",
        hide_env = true
    )]
    pub config: Option<PathBuf>,

    /// Refuse input files larger than this many MiB (default 20)
    #[arg(
        long,
        global = true,
        env = "LEAKWATCH_MAX_FILE_MB",
        value_name = "MIB",
        hide_env = true
    )]
    pub max_file_mb: Option<u64>,

    /// No progress bar and no summary line on stderr
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read files and directories of reports (.txt .html .htm .md, any Japanese encoding) into
    /// the database: decode, extract incidents with evidence, store. Re-ingesting is a no-op.
    Ingest(IngestArgs),
    /// Extract incidents from files without touching the database (one JSON object per file).
    Extract(ExtractArgs),
    /// Train the extractor's models (victim, cause, date roles) on gold-labelled directories and
    /// write them as a models file; the same directories always give the same file.
    Train(TrainArgs),
    /// List stored incidents as a table (or JSON).
    List(ListArgs),
    /// Show one incident: every field with its confidence and the sentence it came from.
    Show(ShowArgs),
    /// Full-text search over stored documents (Japanese substrings work), with their incidents.
    Search(SearchArgs),
    /// Ingest the example documents shipped with leakwatch into a fresh database and list the
    /// incidents found.
    Demo(DemoArgs),
    /// Copy the whole database (--db) into a new, empty one: another file or a PostgreSQL
    /// database, every table row for row with the same ids.
    Copy(crate::commands::copy::CopyArgs),
    /// Feeds (RSS/Atom) and pages that `poll` fetches: add, list, remove.
    #[command(subcommand)]
    Source(crate::commands::source::SourceCommand),
    /// Fetch new items from every source, ingest them, and alert watchers (once, or on each
    /// source's schedule until Ctrl-C/SIGTERM).
    Poll(crate::commands::poll::PollArgs),
    /// Watchlists: organisations whose leaks (direct or through their suppliers) you are told of.
    #[command(subcommand)]
    Watch(crate::commands::watch::WatchCommand),
    /// Alerts raised for watched organisations, with their checklists.
    Alerts(crate::commands::alerts::AlertsArgs),
    /// Print the checklist for a leak's data types, cause and your relation to the organisation.
    Playbook(crate::commands::playbook::PlaybookArgs),
    /// Correct an incident (--set field=value), merge another into it, or split a source out;
    /// recorded with who/when/why, and kept across re-ingest and re-extraction.
    Edit(crate::commands::review::EditArgs),
    /// List organisations with their stable ids, canonical names and alias sets.
    Orgs(crate::commands::orgs::OrgsArgs),
    /// One organisation's incidents, including those at its processors and subsidiaries.
    Org(crate::commands::orgs::OrgArgs),
    /// Re-run the extractor over every stored document (after an upgrade), keeping corrections.
    Reextract(crate::commands::reextract::ReextractArgs),
    /// The monthly / yearly roundup: totals, causes (three taxonomies), worst N, card leaks,
    /// actions, attackers, processors, records and a 12-month trend, as Markdown, HTML or JSON.
    Report(crate::commands::report::ReportArgs),
    /// Quick statistics tables: incidents by cause, month, data type or sector.
    Stats(crate::commands::stats::StatsArgs),
    /// Serve the JSON API (/api/v1), the web UI, an Atom feed, a read-only TAXII 2.1 collection
    /// (/taxii2/), /healthz and /metrics over HTTP until SIGTERM or Ctrl-C.
    Serve(crate::commands::serve::ServeArgs),
    /// Accounts of the server: add (password from stdin), list, remove.
    #[command(subcommand)]
    User(crate::commands::accounts::UserCommand),
    /// API tokens of the server: create (printed once), list, revoke.
    #[command(subcommand)]
    Token(crate::commands::accounts::TokenCommand),
    /// Import a public breach dataset (vcdb, hibp, prc, ransomwatch, csv, jsonl): each record
    /// becomes an incident with its provenance, resolved against the incidents already known.
    Import(crate::commands::interop::ImportArgs),
    /// Export incidents as csv, jsonl, VERIS 1.4, a STIX 2.1 bundle or MISP events.
    Export(crate::commands::interop::ExportArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories (searched recursively)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Follow symbolic links inside directories (never outside the given paths).
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Print the summary as JSON on stdout
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One line per document in the gold schema (for scoring)
    Jsonl,
    /// Pretty JSON per document, with evidence, confidence and rules
    Json,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories (searched recursively)
    #[arg(required = true, value_name = "FILE")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExtractFormat,
    /// Print, per field, the rule that produced each value (or why none did), and the
    /// features and weights behind each learned decision
    #[arg(long)]
    pub explain: bool,
    /// Use the models in this file (written by `leakwatch train`) instead of the built-in ones
    #[arg(long, value_name = "FILE", env = "LEAKWATCH_MODELS", hide_env = true)]
    pub models: Option<PathBuf>,
}

fn parse_set_weight(s: &str) -> Result<(String, f32), String> {
    let (set, w) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}`: expected SET=WEIGHT"))?;
    let w: f32 = w
        .parse()
        .map_err(|_| format!("`{w}`: the weight must be a number"))?;
    if !(w.is_finite() && w > 0.0) {
        return Err(format!("`{w}`: the weight must be positive"));
    }
    Ok((set.to_string(), w))
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Directories of gold-labelled documents (<id>.txt with its <id>.json label)
    #[arg(long = "gold", required = true, value_name = "DIR", num_args = 1..)]
    pub gold: Vec<PathBuf>,
    /// Where to write the models (JSON); the built-in file is crates/extract/data/models.json
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Folds of the cross-validation that chooses the decision thresholds
    #[arg(long, default_value_t = 5, value_name = "K")]
    pub folds: usize,
    /// L2 penalty on the weights
    #[arg(long, default_value_t = 0.001, value_name = "LAMBDA")]
    pub l2: f64,
    /// Make one set's examples count more: SET=WEIGHT, SET being the directory's name (e.g.
    /// `--weight tune=3` for real documents among written ones); repeatable
    #[arg(long = "weight", value_name = "SET=WEIGHT", value_parser = parse_set_weight)]
    pub weights: Vec<(String, f32)>,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this cause (unauthorized_access, ransomware, misdelivery, loss, …)
    #[arg(long, value_name = "CAUSE")]
    pub cause: Option<String>,
    /// Only incidents first reported on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only incidents first reported on or before this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only organisations whose name or alias contains this text
    #[arg(long, value_name = "TEXT")]
    pub org: Option<String>,
    /// Only payment-card leaks
    #[arg(long)]
    pub card: bool,
    /// At most this many rows
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Incident id (from `leakwatch list`)
    pub id: i64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (all must match); terms of any length work
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Directory of example documents (default: the ones shipped in the repository)
    #[arg(long, value_name = "DIR")]
    pub examples: Option<PathBuf>,
}

fn after_help() -> String {
    let config = default_config_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "(none on this system)".to_string());
    format!(
        "Database: --db, else $LEAKWATCH_DB, else `db` in the config file, else\n  {}\n\
         Config file: --config, else $LEAKWATCH_CONFIG, else (if it exists)\n  {config}\n\
         Run `leakwatch demo` to try it on the bundled examples.",
        default_db_path().display()
    )
}

pub fn run() -> Result<ExitCode> {
    let matches = Cli::command().after_help(after_help()).get_matches();
    let cli = Cli::from_arg_matches(&matches)?;
    let settings = Settings::resolve(Overrides {
        config: cli.config.clone(),
        db: cli.db.clone(),
        max_file_mb: cli.max_file_mb,
        quiet: cli.quiet,
    })?;
    match cli.command {
        Command::Ingest(args) => commands::ingest::run(&settings, &args),
        Command::Import(args) => commands::interop::import(&settings, &args),
        Command::Export(args) => commands::interop::export(&settings, &args),
        Command::Extract(args) => commands::extract::run(&settings, &args),
        Command::Train(args) => commands::train::run(&settings, &args),
        Command::List(args) => commands::query::list(&settings, &args),
        Command::Show(args) => commands::query::show(&settings, &args),
        Command::Search(args) => commands::query::search(&settings, &args),
        Command::Demo(args) => commands::demo::run(&settings, &args),
        Command::Copy(args) => commands::copy::run(&settings, &args),
        Command::Source(cmd) => commands::source::run(&settings, &cmd),
        Command::Poll(args) => commands::poll::run(&settings, &args),
        Command::Watch(cmd) => commands::watch::run(&settings, &cmd),
        Command::Alerts(args) => commands::alerts::run(&settings, &args),
        Command::Playbook(args) => commands::playbook::run(&settings, &args),
        Command::Edit(args) => commands::review::run(&settings, &args),
        Command::Orgs(args) => commands::orgs::list(&settings, &args),
        Command::Org(args) => commands::orgs::show(&settings, &args),
        Command::Reextract(args) => commands::reextract::run(&settings, &args),
        Command::Report(args) => commands::report::run(&settings, &args),
        Command::Stats(args) => commands::stats::run(&settings, &args),
        Command::Serve(args) => commands::serve::run(&settings, &args),
        Command::User(cmd) => commands::accounts::user(&settings, &cmd),
        Command::Token(cmd) => commands::accounts::token(&settings, &cmd),
    }
}
