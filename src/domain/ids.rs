//! Ids of the records features hand to one another, as their own types: an engagement holds an
//! `OutletId`, `DocumentId`s, `DeadlineId`s and its members' `UserId`s, never a bare string that could
//! be any record's. Each is a UUIDv7 string stored as text and serialised as the same string; it
//! reads as `&str` where a query takes one.

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize,
            diesel_derive_newtype::DieselNewType, utoipa::ToSchema,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new id (UUIDv7: time-ordered).
            pub fn generate() -> $name {
                $name(uuid::Uuid::now_v7().to_string())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> $name {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> $name {
                $name(s.to_string())
            }
        }

        impl From<&String> for $name {
            fn from(s: &String) -> $name {
                $name(s.clone())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

    };
}

id_type!(
    /// An outlet of the shared registry.
    OutletId
);
id_type!(
    /// A document (draft or issued).
    DocumentId
);
id_type!(
    /// A user of an agency.
    UserId
);
id_type!(
    /// A tracked deadline.
    DeadlineId
);

/// `groups` groups of `len` characters a person can read out on the phone, joined by "-": no 0/1/I/O
/// (tracking codes on receipts, verification codes on documents).
pub fn readable_code(groups: usize, len: usize) -> String {
    use rand::RngCore;
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut buf = vec![0u8; groups * len];
    rand::rng().fill_bytes(&mut buf);
    buf.chunks(len)
        .map(|c| c.iter().map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char).collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_as_its_string_and_serialises_as_it() {
        let id = OutletId::from("0198a3c0-0000-7000-8000-000000000000");
        assert_eq!(id, "0198a3c0-0000-7000-8000-000000000000");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"0198a3c0-0000-7000-8000-000000000000\"");
        let takes_str = |s: &str| s.len();
        assert_eq!(takes_str(&id), 36);
        assert_ne!(OutletId::generate(), OutletId::generate());
    }

    #[test]
    fn readable_codes_have_their_shape_and_no_lookalikes() {
        let c = super::readable_code(2, 4);
        assert_eq!(c.len(), 9);
        assert_eq!(c.as_bytes()[4], b'-');
        assert!(c.chars().filter(|x| *x != '-').all(|x| !"01IO".contains(x) && x.is_ascii_alphanumeric()));
        assert_ne!(super::readable_code(2, 5), super::readable_code(2, 5));
    }
}
