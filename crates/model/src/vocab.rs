//! The closed vocabularies of the gold schema: causes, data types, count qualifiers, relation roles.
//!
//! Labels are the schema's snake_case strings; `as_str`/`FromStr` round-trip them so the store
//! and the CLI never spell a label twice.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A label that is not in the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} label '{label}' (expected one of: {expected})")]
pub struct ParseLabelError {
    pub kind: &'static str,
    pub label: String,
    pub expected: String,
}

macro_rules! label_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($(#[$vmeta:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every label, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The schema label.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseLabelError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($label => Ok($name::$variant),)+
                    _ => Err(ParseLabelError {
                        kind: $kind,
                        label: s.to_string(),
                        expected: [$($label),+].join(", "),
                    }),
                }
            }
        }
    };
}

label_enum!(
    /// Why the data leaked, in the schema's labels.
    Cause, "cause", {
    UnauthorizedAccess => "unauthorized_access",
    Ransomware => "ransomware",
    Malware => "malware",
    /// 誤送信
    Misdelivery => "misdelivery",
    /// 誤表示・誤公開
    Misdisclosure => "misdisclosure",
    /// 設定ミス
    Misconfiguration => "misconfiguration",
    /// 紛失・誤廃棄
    Loss => "loss",
    /// 盗難
    Theft => "theft",
    /// 内部不正・不正持ち出し
    Insider => "insider",
    Phishing => "phishing",
    /// A weakness found, no confirmed leak.
    Vulnerability => "vulnerability",
    Other => "other",
    Unknown => "unknown",
});

impl Cause {
    /// How specific a cause is, for merge rules: ransomware beats unauthorized access, anything
    /// beats unknown.
    pub fn specificity(self) -> u8 {
        match self {
            Cause::Unknown => 0,
            Cause::Other => 1,
            Cause::UnauthorizedAccess | Cause::Vulnerability => 2,
            Cause::Malware | Cause::Phishing => 3,
            _ => 4,
        }
    }
}

label_enum!(
    /// Categories of exposed data.
    DataType, "data type", {
    Name => "name",
    Address => "address",
    Phone => "phone",
    Email => "email",
    Password => "password",
    LoginId => "login_id",
    BirthDate => "birth_date",
    Gender => "gender",
    CardNumber => "card_number",
    CardExpiry => "card_expiry",
    CardCvv => "card_cvv",
    BankAccount => "bank_account",
    MyNumber => "my_number",
    Health => "health",
    EmployeeInfo => "employee_info",
    PartnerInfo => "partner_info",
    InternalDocuments => "internal_documents",
    CustomerInfo => "customer_info",
    Other => "other",
});

impl DataType {
    /// Payment-card data types.
    pub fn is_card(self) -> bool {
        matches!(
            self,
            DataType::CardNumber | DataType::CardExpiry | DataType::CardCvv
        )
    }
}

label_enum!(
    /// How a stated count is qualified: 約 → approx, 最大 → max, 以上/超 → at_least.
    CountQualifier, "count qualifier", {
    Exact => "exact",
    Approx => "approx",
    Max => "max",
    AtLeast => "at_least",
    Unknown => "unknown",
});

label_enum!(
    /// How a related organisation stands to the victim.
    RelationRole, "relation role", {
    /// 委託先 that held the data.
    Processor => "processor",
    /// 委託元 whose data it was.
    DataOwner => "data_owner",
    Parent => "parent",
    Subsidiary => "subsidiary",
    Attacker => "attacker",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_str_and_serde() {
        for c in Cause::ALL {
            assert_eq!(c.as_str().parse::<Cause>().unwrap(), *c);
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        for d in DataType::ALL {
            assert_eq!(d.as_str().parse::<DataType>().unwrap(), *d);
        }
    }

    #[test]
    fn unknown_label_is_a_typed_error() {
        let err = "hacking".parse::<Cause>().unwrap_err();
        assert_eq!(err.label, "hacking");
        assert!(err.to_string().contains("unauthorized_access"));
    }

    #[test]
    fn ransomware_is_more_specific_than_unauthorized_access() {
        assert!(Cause::Ransomware.specificity() > Cause::UnauthorizedAccess.specificity());
        assert!(Cause::UnauthorizedAccess.specificity() > Cause::Unknown.specificity());
    }
}
