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
pub(crate) use operators::operated_facilities;
pub use relations::{impersonation_warning, prepare_entities};
pub(crate) use roles::{
    bullet_heading_with_anaphor, header_or_signature, ranking_entry_head, LEAK_SITE_VICTIM,
};
pub use roles::{closing_signature, issuer_line, mention_role, Role};
