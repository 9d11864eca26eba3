//! Watchlist entries (the organisations a user cares about, and how they relate to the user)
//! and their CSV form for import/export.

use crate::WatchError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::{Read, Write};
use std::str::FromStr;

/// How the watcher stands to a watched organisation; chooses the playbook audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WatchKind {
    /// A supplier the watcher buys from or shares data with.
    Vendor,
    /// A service the watcher (or its staff) uses as a customer, e.g. a shop or app.
    Service,
    /// A company processing data on the watcher's behalf (委託先).
    Processor,
    /// The watcher's own organisation (or group companies).
    #[serde(rename = "self")]
    SelfOrg,
}

impl WatchKind {
    pub const ALL: &'static [WatchKind] = &[
        WatchKind::Vendor,
        WatchKind::Service,
        WatchKind::Processor,
        WatchKind::SelfOrg,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WatchKind::Vendor => "vendor",
            WatchKind::Service => "service",
            WatchKind::Processor => "processor",
            WatchKind::SelfOrg => "self",
        }
    }

    /// Japanese label for messages.
    pub fn label_ja(self) -> &'static str {
        match self {
            WatchKind::Vendor => "取引先",
            WatchKind::Service => "利用サービス",
            WatchKind::Processor => "委託先",
            WatchKind::SelfOrg => "自組織",
        }
    }
}

impl fmt::Display for WatchKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WatchKind {
    type Err = WatchError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vendor" => Ok(WatchKind::Vendor),
            "service" => Ok(WatchKind::Service),
            "processor" => Ok(WatchKind::Processor),
            "self" => Ok(WatchKind::SelfOrg),
            other => Err(WatchError::Invalid(format!(
                "unknown watch kind '{other}' (expected vendor, service, processor or self)"
            ))),
        }
    }
}

/// A watched organisation as the user describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWatchEntry {
    pub name: String,
    pub aliases: Vec<String>,
    /// Lower-case domains (`example.co.jp`), matching the domain and its subdomains.
    pub domains: Vec<String>,
    pub kind: WatchKind,
    /// The watchlist it belongs to (`default` unless given).
    pub list: String,
}

/// A stored watchlist entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchEntry {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub domains: Vec<String>,
    pub kind: WatchKind,
    pub list: String,
}

pub const DEFAULT_LIST: &str = "default";

impl NewWatchEntry {
    /// Trims and validates the entry: a name is required; domains are lower-cased and stripped
    /// of schemes, paths and a leading `www.`/`@`.
    pub fn validated(self) -> Result<NewWatchEntry, WatchError> {
        let name = self.name.trim().to_string();
        if name.is_empty() || leakwatch_resolve::normalize_org_name(&name).is_empty() {
            return Err(WatchError::Invalid(format!(
                "watch entry name '{}' is empty once legal forms and punctuation are removed",
                self.name
            )));
        }
        let mut aliases: Vec<String> = self
            .aliases
            .into_iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty() && !leakwatch_resolve::normalize_org_name(a).is_empty())
            .collect();
        aliases.dedup();
        let mut domains = Vec::new();
        for d in self.domains {
            if d.trim().is_empty() {
                continue;
            }
            domains.push(normalize_domain(&d)?);
        }
        domains.sort();
        domains.dedup();
        let list = match self.list.trim() {
            "" => DEFAULT_LIST.to_string(),
            l => l.to_string(),
        };
        Ok(NewWatchEntry {
            name,
            aliases,
            domains,
            kind: self.kind,
            list,
        })
    }
}

/// `https://www.Example.co.jp/path` → `example.co.jp`.
pub fn normalize_domain(text: &str) -> Result<String, WatchError> {
    let mut d = text.trim().to_ascii_lowercase();
    if let Some((_, rest)) = d.split_once("://") {
        d = rest.to_string();
    }
    if let Some((_, rest)) = d.rsplit_once('@') {
        d = rest.to_string();
    }
    let d = d
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .trim_start_matches("www.")
        .trim_matches('.')
        .to_string();
    let valid = d.contains('.')
        && d.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !valid {
        return Err(WatchError::Invalid(format!(
            "'{text}' is not a domain name like example.co.jp"
        )));
    }
    Ok(d)
}

/// CSV columns: `name,aliases,domains,kind,list`; aliases and domains are `;`-separated.
const CSV_HEADER: [&str; 5] = ["name", "aliases", "domains", "kind", "list"];

#[derive(Debug, Deserialize)]
struct CsvRow {
    name: String,
    #[serde(default)]
    aliases: String,
    #[serde(default)]
    domains: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    list: String,
}

fn split_multi(s: &str) -> Vec<String> {
    s.split([';', '|'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// Reads watch entries from CSV (header required; `name` is the only required column; `kind`
/// defaults to `vendor`). Errors name the line.
pub fn read_csv(reader: impl Read, source: &str) -> Result<Vec<NewWatchEntry>, WatchError> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(reader);
    let mut out = Vec::new();
    for (i, row) in rdr.deserialize::<CsvRow>().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| WatchError::Csv(format!("{source} line {line}: {e}")))?;
        let kind = if row.kind.trim().is_empty() {
            WatchKind::Vendor
        } else {
            row.kind
                .parse()
                .map_err(|e| WatchError::Csv(format!("{source} line {line}: {e}")))?
        };
        let entry = NewWatchEntry {
            name: row.name,
            aliases: split_multi(&row.aliases),
            domains: split_multi(&row.domains),
            kind,
            list: row.list,
        }
        .validated()
        .map_err(|e| WatchError::Csv(format!("{source} line {line}: {e}")))?;
        out.push(entry);
    }
    Ok(out)
}

/// Writes entries as CSV in the format `read_csv` reads.
pub fn write_csv(writer: impl Write, entries: &[WatchEntry]) -> Result<(), WatchError> {
    let mut w = csv::Writer::from_writer(writer);
    let io = |e: csv::Error| WatchError::Csv(e.to_string());
    w.write_record(CSV_HEADER).map_err(io)?;
    for e in entries {
        w.write_record([
            e.name.as_str(),
            &e.aliases.join(";"),
            &e.domains.join(";"),
            e.kind.as_str(),
            e.list.as_str(),
        ])
        .map_err(io)?;
    }
    w.flush().map_err(|e| WatchError::Csv(e.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised() {
        assert_eq!(
            normalize_domain("https://www.Minato-Retail.example.jp/news").unwrap(),
            "minato-retail.example.jp"
        );
        assert_eq!(
            normalize_domain("info@pay.example.jp").unwrap(),
            "pay.example.jp"
        );
        assert!(normalize_domain("みなと").is_err());
    }

    #[test]
    fn csv_round_trips() {
        let text = "name,aliases,domains,kind,list\n\
                    株式会社みなとリテール,みなと;Minato Retail,minato-retail.example.jp,service,経理\n\
                    ペイサーブ株式会社,,,processor,\n";
        let entries = read_csv(text.as_bytes(), "w.csv").unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].aliases, vec!["みなと", "Minato Retail"]);
        assert_eq!(entries[0].kind, WatchKind::Service);
        assert_eq!(entries[1].list, DEFAULT_LIST);
        let stored: Vec<WatchEntry> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| WatchEntry {
                id: i as i64 + 1,
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                domains: e.domains.clone(),
                kind: e.kind,
                list: e.list.clone(),
            })
            .collect();
        let mut buf = Vec::new();
        write_csv(&mut buf, &stored).unwrap();
        let again = read_csv(buf.as_slice(), "out.csv").unwrap();
        assert_eq!(again, entries);
    }

    #[test]
    fn bad_csv_names_the_line() {
        let text = "name,kind\nみなと,vendor\nうみ,partner\n";
        let err = read_csv(text.as_bytes(), "w.csv").unwrap_err().to_string();
        assert!(err.contains("w.csv line 3"), "{err}");
        assert!(err.contains("partner"), "{err}");
    }
}
