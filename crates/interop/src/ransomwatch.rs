//! ransomwatch leak-site posts (`[{post_title, group_name, discovered}]`) as *claimed*
//! incidents: cause ransomware, not confirmed, the group as attacker, the post date as the
//! attacker's claim. Titles are cleaned by rules in `data/ransomwatch.toml`: HTML entities
//! (also double-escaped), mojibake (repaired when complete, else dropped), wrappers such as
//! "Leaks from company X", status tags "(Unpay)", domains kept as aliases, truncated names
//! ("hammer-poznan.p...") kept without the dots; masked names ("N**** ****") and the sites'
//! own announcements are rejected with a reason.

use crate::record::{clean_line, ImportRecord};
use crate::text::{decode_entities, looks_like_mojibake, parse_date, repair_mojibake};
use crate::{Batch, InteropError, Rejected};
use leakwatch_model::{Cause, RelatedRecord, RelationRole};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rules {
    announcements: Vec<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    tags: Vec<String>,
    masked_min: usize,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        // Compiled in and parsed by a unit test.
        toml::from_str(include_str!("../data/ransomwatch.toml"))
            .expect("data/ransomwatch.toml is valid (see unit tests)")
    })
}

/// A post title read as a victim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Victim {
    pub name: String,
    pub aliases: Vec<String>,
    /// The site cut the name short.
    pub truncated: bool,
    /// Text of the title beside the name (`allowed leak of its own clients`).
    pub note: Option<String>,
}

/// Reads a posts file (an array of posts).
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Batch, InteropError> {
    let text = crate::read_text(path, max_bytes)?;
    let value: Value = serde_json::from_str(&text).map_err(|source| InteropError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let Value::Array(items) = value else {
        return Err(InteropError::Format {
            path: path.to_path_buf(),
            message: "expected an array of posts".into(),
        });
    };
    let file = path.display().to_string();
    let mut batch = Batch::default();
    for (i, item) in items.iter().enumerate() {
        match from_value(item) {
            Ok(r) => batch.records.push(r),
            Err(reason) => batch.rejected.push(Rejected {
                file: file.clone(),
                line: None,
                record: Some(format!(
                    "#{} {}",
                    i + 1,
                    clean_line(item.get("post_title").and_then(Value::as_str).unwrap_or(""))
                )),
                reason,
            }),
        }
    }
    Ok(batch)
}

/// One post → a claimed incident.
pub fn from_value(v: &Value) -> Result<ImportRecord, String> {
    let title = v
        .get("post_title")
        .and_then(Value::as_str)
        .ok_or("no post_title")?;
    let group = v
        .get("group_name")
        .and_then(Value::as_str)
        .map(clean_line)
        .filter(|g| !g.is_empty())
        .ok_or("no group_name")?;
    let discovered_text = v.get("discovered").and_then(Value::as_str).unwrap_or("");
    let victim = read_title(title)?;
    let mut h = Sha256::new();
    for part in [group.as_str(), discovered_text, title] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let id = hex::encode(&h.finalize()[..8]);
    let mut r = ImportRecord::new("ransomwatch", &id, &victim.name);
    r.incident.aliases = victim.aliases;
    r.incident.cause = Cause::Ransomware;
    r.incident.confirmed = false;
    r.incident.attacker = Some(group.clone());
    r.incident.related.push(RelatedRecord {
        name: group.clone(),
        role: RelationRole::Attacker,
    });
    let discovered = parse_date(discovered_text);
    r.claimed = discovered;
    r.published = discovered;
    r.details.push(("post title".into(), clean_line(title)));
    r.details.push(("group".into(), group));
    if victim.truncated {
        r.details
            .push(("name truncated by the site".into(), "yes".into()));
    }
    r.summary = victim.note;
    Ok(r)
}

fn is_domain(s: &str) -> bool {
    let s = s.trim();
    !s.contains(' ')
        && s.contains('.')
        && s.rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Reads the victim out of a post title; Err(reason) for masked names and announcements.
pub fn read_title(raw: &str) -> Result<Victim, String> {
    let rules = rules();
    let mut title = clean_line(&decode_entities(raw));
    let lower = title.to_lowercase();
    if rules
        .announcements
        .iter()
        .any(|a| lower.contains(a.as_str()))
    {
        return Err("an announcement of the leak site, not a victim".into());
    }
    let masks = title.chars().filter(|c| matches!(c, '*' | '?')).count();
    if masks >= rules.masked_min {
        return Err("victim name masked by the leak site".into());
    }
    let mut aliases = Vec::new();
    // Parenthesised parts: status tags dropped, domains and repaired mojibake kept as aliases.
    let mut kept = String::new();
    let mut rest = title.as_str();
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        kept.push_str(&rest[..open]);
        let inner = rest[open + 1..close].trim();
        let inner_lower = inner.to_lowercase();
        if rules.tags.contains(&inner_lower) {
            // status tag: dropped
        } else if looks_like_mojibake(inner) {
            if let Some(fixed) = repair_mojibake(inner) {
                aliases.push(fixed);
            }
        } else if is_domain(inner) {
            aliases.push(inner.to_string());
        } else {
            kept.push('(');
            kept.push_str(inner);
            kept.push(')');
        }
        rest = &rest[close + 1..];
    }
    kept.push_str(rest);
    title = clean_line(&kept);
    // Mojibake left outside parentheses.
    if looks_like_mojibake(&title) {
        match repair_mojibake(&title) {
            Some(fixed) => title = fixed,
            None => return Err("victim name garbled (mojibake that cannot be repaired)".into()),
        }
    }
    // Wrappers.
    for p in &rules.prefixes {
        if title
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
        {
            title = title[p.len()..].trim().to_string();
            break;
        }
    }
    for s in &rules.suffixes {
        let cut = title.len().saturating_sub(s.len());
        if cut > 0 && title.get(cut..).is_some_and(|t| t.eq_ignore_ascii_case(s)) {
            title = title[..cut].trim().to_string();
            break;
        }
    }
    // "Name - domain.tld" and "Name - what the site says about it".
    let mut note = None;
    if let Some((name, after)) = title.split_once(" - ") {
        let after = after.trim();
        if is_domain(after) {
            aliases.push(after.to_string());
        } else {
            note = Some(after.to_string());
        }
        title = name.trim().to_string();
    }
    let mut truncated = false;
    for dots in ["...", "…"] {
        if let Some(t) = title.strip_suffix(dots) {
            title = t.trim_end().to_string();
            truncated = true;
        }
    }
    let name = title.trim().to_string();
    if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return Err("no victim name in the post title".into());
    }
    // "VV&A" is also written "VVandA".
    if name.contains('&') {
        aliases.push(name.replace('&', "and").replace(' ', ""));
    }
    aliases.retain(|a| a != &name);
    aliases.dedup();
    Ok(Victim {
        name,
        aliases,
        truncated,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn name(t: &str) -> String {
        read_title(t).unwrap().name
    }

    #[test]
    fn rules_parse() {
        assert!(rules().masked_min > 0);
    }

    #[test]
    fn wrappers_tags_domains() {
        assert_eq!(
            name("Leaks Company Birch Communications inc."),
            "Birch Communications inc."
        );
        assert_eq!(name("Leaks from company EDP Group"), "EDP Group");
        assert_eq!(
            name("Security breach of Campari Group network"),
            "Campari Group"
        );
        assert_eq!(name("LEAK Post CAPCOM"), "CAPCOM");
        let v = read_title("SVA Jean Rozé - sva-jeanroze.fr").unwrap();
        assert_eq!(v.name, "SVA Jean Rozé");
        assert_eq!(v.aliases, ["sva-jeanroze.fr"]);
        let v = read_title("Rick Ramos Law (rickramoslaw.com)").unwrap();
        assert_eq!(
            (v.name.as_str(), v.aliases[0].as_str()),
            ("Rick Ramos Law", "rickramoslaw.com")
        );
        let v = read_title("DOIT - Canadian IT company allowed leak of its own clients.").unwrap();
        assert_eq!(v.name, "DOIT");
        assert!(v.note.unwrap().contains("own clients"));
    }

    #[test]
    fn entities_mojibake_truncation() {
        assert_eq!(
            name("Greenwood Fabricating &amp; Plating"),
            "Greenwood Fabricating & Plating"
        );
        let v = read_title("VV&amp;amp;A").unwrap();
        assert_eq!(v.name, "VV&A");
        assert_eq!(v.aliases, ["VVandA"]);
        // The garbled Chinese name lost bytes: dropped, the Latin name and no tag remain.
        let v = read_title("Yuxin Automobile Co.Ltd(è£ä¿¡æ±½è»)(Unpay)").unwrap();
        assert_eq!(v.name, "Yuxin Automobile Co.Ltd");
        assert!(v.aliases.is_empty());
        let v = read_title("hammer-poznan.p...").unwrap();
        assert_eq!(v.name, "hammer-poznan.p");
        assert!(v.truncated);
    }

    #[test]
    fn masked_names_and_announcements_are_rejected() {
        assert!(read_title("F??????? ?????s")
            .unwrap_err()
            .contains("masked"));
        assert!(read_title("N**** **** *** and *c********")
            .unwrap_err()
            .contains("masked"));
        assert!(read_title("AvosLocker is officially online!")
            .unwrap_err()
            .contains("announcement"));
        assert!(read_title("Ragnar_Team Announce of Potential \"WallofShamer\"").is_err());
    }

    #[test]
    fn a_post_is_a_claimed_ransomware_incident() {
        let r = from_value(
            &json!({"post_title": "Aiphone", "group_name": "moneymessage",
            "discovered": "2023-09-03 17:32:31.203304"}),
        )
        .unwrap();
        assert_eq!(r.incident.cause, Cause::Ransomware);
        assert!(!r.incident.confirmed);
        assert_eq!(r.incident.attacker.as_deref(), Some("moneymessage"));
        assert_eq!(r.claimed, chrono::NaiveDate::from_ymd_opt(2023, 9, 3));
    }
}
