//! Matching an incident against watchlist entries: the same organisation-name normalisation as
//! resolution (`normalize_org_name`) over names and aliases, domains found in the incident's
//! sources and evidence, and supply-chain links (a leak at your vendor's processor is indirect
//! exposure, and the alert says through which link).

use crate::entry::WatchEntry;
use leakwatch_model::{Incident, IncidentId, RelationRole};
use leakwatch_resolve::normalize_org_name;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet, VecDeque};

/// How a supply-chain link connects two organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// `to` processes data for `from` (委託先 of `from`).
    Processor,
    /// `to` is a subsidiary of `from`.
    Subsidiary,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Processor => "processor",
            LinkKind::Subsidiary => "subsidiary",
        }
    }
}

/// A known relation between two organisations, learnt from an incident's related orgs.
/// Canonical direction: `from` is the data owner / parent, `to` the processor / subsidiary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplyLink {
    pub from: String,
    pub kind: LinkKind,
    pub to: String,
    /// The incident the relation was read from.
    pub incident: Option<IncidentId>,
}

/// The supply-chain links an incident states (its organisation and each related org).
pub fn links_from_incident(incident: &Incident) -> Vec<SupplyLink> {
    let org = incident.organization.clone();
    let mut out = Vec::new();
    for r in &incident.related {
        let (from, kind, to) = match r.role {
            RelationRole::Processor => (org.clone(), LinkKind::Processor, r.name.clone()),
            RelationRole::DataOwner => (r.name.clone(), LinkKind::Processor, org.clone()),
            RelationRole::Parent => (r.name.clone(), LinkKind::Subsidiary, org.clone()),
            RelationRole::Subsidiary => (org.clone(), LinkKind::Subsidiary, r.name.clone()),
            RelationRole::Attacker => continue,
        };
        if normalize_org_name(&from).is_empty()
            || normalize_org_name(&to).is_empty()
            || normalize_org_name(&from) == normalize_org_name(&to)
        {
            continue;
        }
        out.push(SupplyLink {
            from,
            kind,
            to,
            incident: Some(incident.id),
        });
    }
    out
}

/// Direct: the incident is about the watched organisation itself. Indirect: it is reached
/// through supply-chain links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exposure {
    Direct,
    Indirect,
}

impl Exposure {
    pub fn as_str(self) -> &'static str {
        match self {
            Exposure::Direct => "direct",
            Exposure::Indirect => "indirect",
        }
    }
}

/// One hop of an indirect path, from the breached organisation towards the watched one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub from: String,
    /// `processor_of`, `subsidiary_of`, `has_processor`, `parent_of`.
    pub relation: String,
    pub to: String,
    pub incident: Option<IncidentId>,
}

/// A watchlist entry the incident concerns, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchMatch {
    pub entry: WatchEntry,
    pub exposure: Exposure,
    /// What matched: `name`, `alias`, `domain example.co.jp`, or `supply chain`.
    pub matched_on: String,
    /// For indirect exposure: the chain from the breached organisation to the watched one.
    pub path: Vec<Hop>,
}

impl WatchMatch {
    /// The chain in words, e.g. `ペイサーブ株式会社 → 委託先 of → 株式会社みなとリテール`.
    pub fn link_text(&self) -> Option<String> {
        if self.path.is_empty() {
            return None;
        }
        let mut s = self.path[0].from.clone();
        for hop in &self.path {
            let rel = match hop.relation.as_str() {
                "processor_of" => "is a processor (委託先) of",
                "subsidiary_of" => "is a subsidiary (子会社) of",
                "has_processor" => "uses the processor (委託先)",
                "parent_of" => "is the parent (親会社) of",
                other => other,
            };
            s.push_str(&format!(" —{rel}→ {}", hop.to));
            if let Some(id) = hop.incident {
                s.push_str(&format!(" [incident #{id}]"));
            }
        }
        Some(s)
    }
}

/// An edge of the exposure graph: (next key, next display name, relation, incident).
type Edge = (String, String, &'static str, Option<IncidentId>);

fn keys_of(names: impl IntoIterator<Item = impl AsRef<str>>) -> HashSet<String> {
    names
        .into_iter()
        .map(|n| normalize_org_name(n.as_ref()))
        .filter(|k| !k.is_empty())
        .collect()
}

fn host_of(origin: &str) -> Option<String> {
    let rest = origin.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    Some(host.to_ascii_lowercase())
}

fn domain_matches(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// Is `domain` mentioned in `text` as a whole domain (not inside a longer one)?
fn mentions_domain(text: &str, domain: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let mut start = 0;
    while let Some(pos) = lower[start..].find(domain) {
        let at = start + pos;
        let end = at + domain.len();
        let before_ok = lower[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let after_ok = lower[end..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        if before_ok && after_ok {
            return true;
        }
        start = end;
    }
    false
}

/// The entries `incident` concerns, best match per entry (direct over indirect, shorter paths
/// first). `known_links` are supply-chain relations learnt from other incidents; the
/// incident's own related organisations are always used.
pub fn match_incident(
    incident: &Incident,
    entries: &[WatchEntry],
    known_links: &[SupplyLink],
) -> Vec<WatchMatch> {
    let victim_keys = keys_of(std::iter::once(&incident.organization).chain(&incident.aliases));
    let headline_key = normalize_org_name(&incident.organization);
    let hosts: Vec<String> = incident
        .sources
        .iter()
        .filter_map(|s| host_of(&s.origin))
        .collect();

    // Exposure flows from a breached organisation to those whose data it held: from a
    // processor to its client, from a subsidiary to its parent; and from a data owner to the
    // processor named in its own report (the processor is where it happened).
    let mut links: Vec<SupplyLink> = links_from_incident(incident);
    links.extend(known_links.iter().cloned());
    let mut graph: HashMap<String, Vec<Edge>> = HashMap::new();
    let mut display: HashMap<String, String> = HashMap::new();
    for l in &links {
        let (f, t) = (normalize_org_name(&l.from), normalize_org_name(&l.to));
        display.entry(f.clone()).or_insert_with(|| l.from.clone());
        display.entry(t.clone()).or_insert_with(|| l.to.clone());
        let (up, down) = match l.kind {
            LinkKind::Processor => ("processor_of", "has_processor"),
            LinkKind::Subsidiary => ("subsidiary_of", "parent_of"),
        };
        // to → from: the processor's breach exposes its client.
        graph
            .entry(t.clone())
            .or_default()
            .push((f.clone(), l.from.clone(), up, l.incident));
        // from → to only for links stated by this incident (the report names who held the data).
        if l.incident == Some(incident.id) && l.kind == LinkKind::Processor {
            graph
                .entry(f)
                .or_default()
                .push((t, l.to.clone(), down, l.incident));
        }
    }
    // Breadth-first from the victim, at most three hops.
    let mut paths: HashMap<String, Vec<Hop>> = HashMap::new();
    let mut queue = VecDeque::new();
    let mut visited: HashSet<String> = victim_keys.clone();
    for k in &victim_keys {
        queue.push_back((k.clone(), Vec::<Hop>::new()));
    }
    while let Some((key, path)) = queue.pop_front() {
        if path.len() >= 3 {
            continue;
        }
        let Some(nexts) = graph.get(&key) else {
            continue;
        };
        for (next_key, next_name, relation, inc) in nexts {
            if visited.contains(next_key) {
                continue;
            }
            visited.insert(next_key.clone());
            let from = if path.is_empty() {
                if key == headline_key {
                    incident.organization.clone()
                } else {
                    display.get(&key).cloned().unwrap_or_else(|| key.clone())
                }
            } else {
                display.get(&key).cloned().unwrap_or_else(|| key.clone())
            };
            let mut p = path.clone();
            p.push(Hop {
                from,
                relation: relation.to_string(),
                to: next_name.clone(),
                incident: *inc,
            });
            paths.insert(next_key.clone(), p.clone());
            queue.push_back((next_key.clone(), p));
        }
    }

    let mut out = Vec::new();
    for entry in entries {
        let name_key = normalize_org_name(&entry.name);
        let alias_keys = keys_of(&entry.aliases);
        let direct = if victim_keys.contains(&name_key) {
            Some("name".to_string())
        } else if alias_keys.iter().any(|k| victim_keys.contains(k)) {
            Some("alias".to_string())
        } else {
            entry.domains.iter().find_map(|d| {
                let in_sources = hosts.iter().any(|h| domain_matches(h, d));
                let in_evidence = incident
                    .evidence
                    .iter()
                    .filter_map(|e| e.sentence.as_deref())
                    .any(|s| mentions_domain(s, d));
                (in_sources || in_evidence).then(|| format!("domain {d}"))
            })
        };
        if let Some(matched_on) = direct {
            out.push(WatchMatch {
                entry: entry.clone(),
                exposure: Exposure::Direct,
                matched_on,
                path: Vec::new(),
            });
            continue;
        }
        let best = std::iter::once(&name_key)
            .chain(alias_keys.iter())
            .filter_map(|k| paths.get(k))
            .min_by_key(|p| p.len());
        if let Some(path) = best {
            out.push(WatchMatch {
                entry: entry.clone(),
                exposure: Exposure::Indirect,
                matched_on: "supply chain".into(),
                path: path.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::WatchKind;
    use leakwatch_model::{Cause, DatesRecord, FieldEvidence, RelatedOrg, SourceRef};

    pub(crate) fn incident(id: i64, org: &str, related: &[(&str, RelationRole)]) -> Incident {
        Incident {
            id: IncidentId(id),
            organization: org.into(),
            aliases: vec![],
            related: related
                .iter()
                .map(|(n, r)| RelatedOrg {
                    name: n.to_string(),
                    role: *r,
                })
                .collect(),
            cause: Cause::UnauthorizedAccess,
            affected: None,
            data_volume: None,
            data_types: vec![],
            card_data: false,
            confirmed: true,
            dates: DatesRecord::default(),
            attacker: None,
            regulator_action: None,
            financial_impact_jpy: None,
            reported_on: None,
            evidence: vec![],
            sources: vec![],
        }
    }

    fn entry(id: i64, name: &str, kind: WatchKind) -> WatchEntry {
        WatchEntry {
            id,
            name: name.into(),
            aliases: vec![],
            domains: vec![],
            kind,
            list: "default".into(),
        }
    }

    #[test]
    fn direct_match_uses_resolution_normalisation() {
        let inc = incident(1, "株式会社みなとリテール", &[]);
        let e = entry(1, "みなとリテール(株)", WatchKind::Service);
        let m = match_incident(&inc, &[e], &[]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].exposure, Exposure::Direct);
        assert_eq!(m[0].matched_on, "name");
    }

    #[test]
    fn alias_and_domain_match() {
        let mut inc = incident(1, "株式会社うみかぜ通販", &[]);
        let mut e = entry(1, "Umikaze", WatchKind::Service);
        e.aliases = vec!["うみかぜ通販".into()];
        assert_eq!(match_incident(&inc, &[e], &[])[0].matched_on, "alias");

        let mut d = entry(2, "別名の会社", WatchKind::Vendor);
        d.domains = vec!["umikaze.example.jp".into()];
        assert!(match_incident(&inc, std::slice::from_ref(&d), &[]).is_empty());
        inc.sources.push(SourceRef {
            document_key: 1,
            doc_id: "x".into(),
            title: None,
            origin: "https://www.umikaze.example.jp/news/1.html".into(),
            published: None,
        });
        let m = match_incident(&inc, std::slice::from_ref(&d), &[]);
        assert_eq!(m[0].matched_on, "domain umikaze.example.jp");

        inc.sources.clear();
        inc.evidence.push(FieldEvidence {
            field: "organization".into(),
            value: "x".into(),
            confidence: 0.9,
            rule: "r".into(),
            document_key: 1,
            doc_id: "x".into(),
            span: None,
            sentence: Some("お問い合わせ: support@umikaze.example.jp まで".into()),
        });
        assert_eq!(match_incident(&inc, &[d.clone()], &[]).len(), 1);
        assert!(!mentions_domain(
            "notumikaze.example.jpx",
            "umikaze.example.jp"
        ));
    }

    #[test]
    fn leak_at_a_processor_reaches_its_client_indirectly() {
        // The processor reports: its client (data owner) is the watched vendor.
        let inc = incident(
            7,
            "ペイサーブ株式会社",
            &[("株式会社みなとリテール", RelationRole::DataOwner)],
        );
        let e = entry(1, "みなとリテール", WatchKind::Vendor);
        let m = match_incident(&inc, &[e], &[]);
        assert_eq!(m[0].exposure, Exposure::Indirect);
        let text = m[0].link_text().unwrap();
        assert!(text.contains("ペイサーブ株式会社"), "{text}");
        assert!(text.contains("processor"), "{text}");
    }

    #[test]
    fn known_links_from_other_incidents_are_followed() {
        // Incident 3 taught us: ペイサーブ is みなとリテール's processor.
        let earlier = incident(
            3,
            "株式会社みなとリテール",
            &[("ペイサーブ株式会社", RelationRole::Processor)],
        );
        let links = links_from_incident(&earlier);
        // Now ペイサーブ itself reports a leak, naming no client.
        let inc = incident(9, "ペイサーブ(株)", &[]);
        let e = entry(1, "株式会社みなとリテール", WatchKind::Vendor);
        let m = match_incident(&inc, std::slice::from_ref(&e), &links);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].exposure, Exposure::Indirect);
        assert_eq!(m[0].path[0].incident, Some(IncidentId(3)));
        // Without the link there is no match.
        assert!(match_incident(&inc, &[e], &[]).is_empty());
    }

    #[test]
    fn unrelated_incident_matches_nothing() {
        let inc = incident(1, "株式会社やまびこ製作所", &[]);
        let e = entry(1, "みなとリテール", WatchKind::Vendor);
        assert!(match_incident(&inc, &[e], &[]).is_empty());
    }
}
