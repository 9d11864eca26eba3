//! Owns deciding who the victims are, in stages: entities (`entities`: mentions grouped into
//! organisations), the structural pass (`relations`: subsidiary, contractor and client,
//! issuer), how each mention stands (`roles`), the features of every entity (`features`), and
//! the learned choice (`select`). Hand-set scores are gone: the features are weighed by the
//! trained models of `learn`.

mod entities;
pub mod features;
mod operators;
mod processors;
mod relations;
mod roles;
pub mod select;

pub use entities::{group_entities, Entity};
pub use relations::{impersonation_warning, prepare_entities};
pub(crate) use roles::{
    bullet_heading_with_anaphor, header_or_signature, ranking_entry_head, LEAK_SITE_VICTIM,
};
pub use roles::{closing_signature, issuer_line, mention_role, Role};

/// Test support: `f` of `text`'s scan and its entities, grouped and prepared as the pipeline
/// does, with the indices of those that have mentions (`live`).
#[cfg(test)]
pub(crate) fn with_entities<R>(
    text: &str,
    f: impl FnOnce(&crate::scan::DocScan, &mut Vec<Entity>, &[usize]) -> R,
) -> R {
    let (lex, orgs) = (
        crate::lexicon::Lexicons::new(),
        crate::org::OrgFinder::new(),
    );
    let scan = crate::scan::DocScan::new(text, &lex, &orgs);
    let mut ents = group_entities(&scan);
    prepare_entities(&scan, &mut ents);
    let live: Vec<usize> = (0..ents.len())
        .filter(|&i| !ents[i].mentions.is_empty())
        .collect();
    f(&scan, &mut ents, &live)
}
