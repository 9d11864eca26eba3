//! Owns deciding who the victims are, in stages: entities (`entities`: mentions grouped into
//! organisations), the structural pass (`relations`: subsidiary, contractor and client,
//! issuer), how each mention stands (`roles`), the features of every entity (`features`), and
//! the learned choice (`select`). Hand-set scores are gone: the features are weighed by the
//! trained models of `learn`.

mod entities;
pub mod features;
mod relations;
mod roles;
pub mod select;

pub use entities::{group_entities, Entity};
pub use relations::{impersonation_warning, prepare_entities};
pub(crate) use roles::{
    bullet_heading_with_anaphor, header_or_signature, ranking_entry_head, LEAK_SITE_VICTIM,
};
pub use roles::{issuer_line, mention_role, Role};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_group() {
        use OrgKind::*;
        assert!(same_organisation("カシオ", Bare, "カシオ計算機", LegalForm));
        assert!(same_organisation(
            "損保ジャパン",
            Bare,
            "損害保険ジャパン",
            Bare
        ));
        assert!(!same_organisation(
            "静岡県",
            Municipality,
            "静岡県立大学",
            University
        ));
        assert!(!same_organisation("三井", Bare, "三井住友海上", Bare));
        assert!(same_organisation(
            "みどり町立西病院",
            MunicipalFacility,
            "西病院",
            Hospital
        ));
        assert!(same_organisation(
            "上越市",
            Municipality,
            "新潟県上越市",
            Municipality
        ));
    }
}
