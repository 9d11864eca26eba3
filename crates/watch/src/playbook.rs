//! Playbooks as data: TOML files (Japanese and English steps, for individuals and for
//! organisations) chosen by an incident's data types, cause and the watcher's kind. The shipped
//! ones are embedded so the binary works anywhere; a directory of user files extends them or
//! overrides one by `id`.

use crate::entry::WatchKind;
use crate::WatchError;
use leakwatch_model::{Cause, DataType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The playbooks shipped in `playbooks/` (embedded at build time).
pub const SHIPPED: &[(&str, &str)] = &[
    ("card.toml", include_str!("../../../playbooks/card.toml")),
    (
        "credentials.toml",
        include_str!("../../../playbooks/credentials.toml"),
    ),
    (
        "ransomware_supplier.toml",
        include_str!("../../../playbooks/ransomware_supplier.toml"),
    ),
    ("email.toml", include_str!("../../../playbooks/email.toml")),
    ("self.toml", include_str!("../../../playbooks/self.toml")),
    (
        "default.toml",
        include_str!("../../../playbooks/default.toml"),
    ),
];

/// Who a step is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Individual,
    Organization,
}

impl Audience {
    pub fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Audience::Individual, Lang::Ja) => "個人の方",
            (Audience::Individual, Lang::En) => "For individuals",
            (Audience::Organization, Lang::Ja) => "企業・組織の方",
            (Audience::Organization, Lang::En) => "For organisations",
        }
    }
}

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl FromStr for Lang {
    type Err = WatchError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" => Ok(Lang::Ja),
            "en" | "english" => Ok(Lang::En),
            other => Err(WatchError::Invalid(format!(
                "unknown language '{other}' (expected ja or en)"
            ))),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        })
    }
}

/// Text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

impl Bilingual {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// When a playbook applies. Every condition given must hold; an empty list means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    #[serde(default)]
    pub data_types: Vec<DataType>,
    /// Also matches incidents flagged as card leaks (whatever their data types).
    #[serde(default)]
    pub card_data: bool,
    #[serde(default)]
    pub causes: Vec<Cause>,
    #[serde(default)]
    pub kinds: Vec<WatchKind>,
}

/// One checklist step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub audience: Audience,
    pub ja: String,
    pub en: String,
}

impl Step {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// A playbook file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub id: String,
    /// Lower comes first when several apply.
    #[serde(default = "default_priority")]
    pub priority: i32,
    /// Used only when no other playbook applies.
    #[serde(default)]
    pub default: bool,
    pub title: Bilingual,
    #[serde(default)]
    pub when: When,
    pub steps: Vec<Step>,
}

fn default_priority() -> i32 {
    100
}

/// What a playbook is chosen by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaybookQuery {
    pub data_types: Vec<DataType>,
    pub card_data: bool,
    pub cause: Option<Cause>,
    pub kind: Option<WatchKind>,
}

impl Playbook {
    /// Parses one playbook file; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Playbook, WatchError> {
        let pb: Playbook =
            toml::from_str(text).map_err(|e| WatchError::Playbook(format!("{source}: {e}")))?;
        if pb.id.trim().is_empty() {
            return Err(WatchError::Playbook(format!("{source}: empty id")));
        }
        if pb.steps.is_empty() {
            return Err(WatchError::Playbook(format!("{source}: no steps")));
        }
        Ok(pb)
    }

    /// Does this (non-default) playbook apply?
    pub fn applies(&self, q: &PlaybookQuery) -> bool {
        let w = &self.when;
        if w.data_types.is_empty() && !w.card_data && w.causes.is_empty() && w.kinds.is_empty() {
            return false;
        }
        let data_ok = (w.data_types.is_empty() && !w.card_data)
            || w.data_types.iter().any(|d| q.data_types.contains(d))
            || (w.card_data && q.card_data);
        let cause_ok = w.causes.is_empty() || q.cause.is_some_and(|c| w.causes.contains(&c));
        let kind_ok = w.kinds.is_empty() || q.kind.is_some_and(|k| w.kinds.contains(&k));
        data_ok && cause_ok && kind_ok
    }
}

/// A checklist line, kept in both languages so it can be rendered in either later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub playbook: String,
    pub audience: Audience,
    pub ja: String,
    pub en: String,
}

impl ChecklistItem {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// The loaded playbooks, by id.
#[derive(Debug, Clone, Default)]
pub struct PlaybookSet {
    books: BTreeMap<String, Playbook>,
}

/// Largest playbook file read from a playbook directory.
pub const MAX_PLAYBOOK_BYTES: u64 = 1024 * 1024;

/// Reads one playbook file: a regular file (a FIFO or device is refused, not opened) of at
/// most [`MAX_PLAYBOOK_BYTES`].
fn read_playbook_file(path: &std::path::Path) -> Result<String, WatchError> {
    use std::io::Read;
    let fail = |m: String| WatchError::Playbook(format!("cannot read {}: {m}", path.display()));
    let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if !meta.is_file() {
        return Err(fail("not a regular file".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_PLAYBOOK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_PLAYBOOK_BYTES {
        return Err(fail(format!("larger than {MAX_PLAYBOOK_BYTES} bytes")));
    }
    String::from_utf8(bytes).map_err(|_| fail("not UTF-8".into()))
}

impl PlaybookSet {
    /// The shipped playbooks.
    pub fn shipped() -> Result<PlaybookSet, WatchError> {
        let mut set = PlaybookSet::default();
        for (name, text) in SHIPPED {
            set.insert(Playbook::parse(
                text,
                &format!("(shipped) playbooks/{name}"),
            )?);
        }
        Ok(set)
    }

    /// The shipped playbooks, extended or overridden (same `id`) by the `*.toml` files of
    /// `dir`.
    pub fn load(dir: Option<&Path>) -> Result<PlaybookSet, WatchError> {
        let mut set = PlaybookSet::shipped()?;
        if let Some(dir) = dir {
            let rd = std::fs::read_dir(dir).map_err(|e| {
                WatchError::Playbook(format!(
                    "cannot read playbook directory {}: {e}",
                    dir.display()
                ))
            })?;
            let mut paths: Vec<_> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            paths.sort();
            for p in paths {
                let text = read_playbook_file(&p)?;
                set.insert(Playbook::parse(&text, &p.display().to_string())?);
            }
        }
        Ok(set)
    }

    pub fn insert(&mut self, pb: Playbook) {
        self.books.insert(pb.id.clone(), pb);
    }

    pub fn get(&self, id: &str) -> Option<&Playbook> {
        self.books.get(id)
    }

    pub fn all(&self) -> impl Iterator<Item = &Playbook> {
        self.books.values()
    }

    /// The playbooks that apply, by priority; the default ones when none does.
    pub fn select(&self, q: &PlaybookQuery) -> Vec<&Playbook> {
        let mut chosen: Vec<&Playbook> = self
            .books
            .values()
            .filter(|p| !p.default && p.applies(q))
            .collect();
        if chosen.is_empty() {
            chosen = self.books.values().filter(|p| p.default).collect();
        }
        chosen.sort_by(|a, b| a.priority.cmp(&b.priority).then(a.id.cmp(&b.id)));
        chosen
    }

    /// The combined checklist of the selected playbooks (duplicate steps dropped).
    pub fn checklist(&self, q: &PlaybookQuery) -> (Vec<String>, Vec<ChecklistItem>) {
        let books = self.select(q);
        let mut items: Vec<ChecklistItem> = Vec::new();
        for b in &books {
            for s in &b.steps {
                if items.iter().any(|i| i.ja == s.ja) {
                    continue;
                }
                items.push(ChecklistItem {
                    playbook: b.id.clone(),
                    audience: s.audience,
                    ja: s.ja.clone(),
                    en: s.en.clone(),
                });
            }
        }
        (books.iter().map(|b| b.id.clone()).collect(), items)
    }
}

/// A checklist as text, grouped by audience (individuals first).
pub fn render_checklist(items: &[ChecklistItem], lang: Lang) -> String {
    let mut out = String::new();
    for audience in [Audience::Individual, Audience::Organization] {
        let lines: Vec<&ChecklistItem> = items.iter().filter(|i| i.audience == audience).collect();
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("{}:\n", audience.heading(lang)));
        for l in lines {
            out.push_str(&format!("  [ ] {}\n", l.text(lang)));
        }
    }
    out
}

/// `leakwatch playbook`'s text: each selected playbook's title and steps.
pub fn render_playbooks(books: &[&Playbook], lang: Lang) -> String {
    let mut out = String::new();
    for b in books {
        out.push_str(&format!("# {} ({})\n", b.title.get(lang), b.id));
        let items: Vec<ChecklistItem> = b
            .steps
            .iter()
            .map(|s| ChecklistItem {
                playbook: b.id.clone(),
                audience: s.audience,
                ja: s.ja.clone(),
                en: s.en.clone(),
            })
            .collect();
        out.push_str(&render_checklist(&items, lang));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(data: &[DataType], cause: Option<Cause>, kind: Option<WatchKind>) -> PlaybookQuery {
        PlaybookQuery {
            data_types: data.to_vec(),
            card_data: data.iter().any(|d| d.is_card()),
            cause,
            kind,
        }
    }

    fn ids(set: &PlaybookSet, query: &PlaybookQuery) -> Vec<String> {
        set.select(query).iter().map(|p| p.id.clone()).collect()
    }

    #[test]
    fn shipped_playbooks_parse() {
        let set = PlaybookSet::shipped().unwrap();
        assert_eq!(set.all().count(), SHIPPED.len());
    }

    #[test]
    fn selection_by_data_type_cause_and_kind() {
        let set = PlaybookSet::shipped().unwrap();
        assert_eq!(ids(&set, &q(&[DataType::CardNumber], None, None)), ["card"]);
        assert_eq!(
            ids(&set, &q(&[DataType::Password], None, None)),
            ["credentials"]
        );
        assert_eq!(
            ids(
                &set,
                &q(&[], Some(Cause::Ransomware), Some(WatchKind::Vendor))
            ),
            ["ransomware_supplier"]
        );
        // Ransomware at a service you merely use is not the supplier checklist.
        assert_eq!(
            ids(
                &set,
                &q(&[], Some(Cause::Ransomware), Some(WatchKind::Service))
            ),
            ["default"]
        );
        assert_eq!(
            ids(
                &set,
                &q(&[DataType::CardNumber, DataType::Email], None, None)
            ),
            ["card", "email"]
        );
        assert_eq!(ids(&set, &q(&[DataType::Name], None, None)), ["default"]);
        // Your own organisation: the incident-response checklist, plus the data-type ones.
        assert_eq!(
            ids(
                &set,
                &q(&[DataType::CardNumber], None, Some(WatchKind::SelfOrg))
            ),
            ["self", "card"]
        );
    }

    #[test]
    fn card_checklist_has_the_expected_advice() {
        let set = PlaybookSet::shipped().unwrap();
        let (_, items) = set.checklist(&q(&[DataType::CardNumber], None, None));
        let en = render_checklist(&items, Lang::En);
        for needle in [
            "3–6 months",
            "new number",
            "subscriptions",
            "one-time passwords",
            "bulk reissue",
        ] {
            assert!(en.contains(needle), "missing {needle}: {en}");
        }
        let ja = render_checklist(&items, Lang::Ja);
        assert!(ja.contains("3〜6ヶ月"), "{ja}");
        assert!(ja.contains("社用カードの棚卸し"), "{ja}");
    }

    #[test]
    fn user_directory_overrides_and_extends() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("card.toml"),
            "id = 'card'\n[title]\nja='社内版'\nen='in-house'\n[when]\ndata_types=['card_number']\n\
             [[steps]]\naudience='organization'\nja='経理に連絡'\nen='call accounting'\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("mynumber.toml"),
            "id = 'my_number'\n[title]\nja='マイナンバー'\nen='My Number'\n[when]\ndata_types=['my_number']\n\
             [[steps]]\naudience='individual'\nja='確認'\nen='check'\n",
        )
        .unwrap();
        let set = PlaybookSet::load(Some(dir.path())).unwrap();
        assert_eq!(set.get("card").unwrap().title.en, "in-house");
        assert_eq!(
            ids(&set, &q(&[DataType::MyNumber], None, None)),
            ["my_number"]
        );

        std::fs::write(
            dir.path().join("bad.toml"),
            "id = 'x'\nsteps = []\nbogus = 1\n",
        )
        .unwrap();
        let err = PlaybookSet::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("bad.toml"), "{err}");
    }
}
