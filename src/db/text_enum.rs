//! `text_enum!`: a closed set of choices (a state, a kind, a status) stored as readable text in the
//! database, serialised as the same text in JSON, labelled through i18n keys `<prefix>.<code>`.
//! Rows hold the enum, so a value outside the set cannot be written and a typo cannot be compared.

/// ```ignore
/// text_enum! {
///     /// What a checklist item came to.
///     pub enum FindingResult in "insp.result" {
///         Pending = "pending",
///         Compliant = "compliant",
///     }
/// }
/// ```
///
/// A code is taken as a `tt`, not a `literal`: a `literal` fragment reaches the derives wrapped in an
/// invisible group, which utoipa does not read as a `rename`, so the OpenAPI document would list
/// `NonCompliant` where the API speaks `non_compliant`.
#[macro_export]
macro_rules! text_enum {
    // `… in "prefix" as SchemaName { … }`: the OpenAPI document names it `SchemaName` (two features
    // may each have a `Kind` or a `State`).
    ($(#[$meta:meta])* pub enum $name:ident in $prefix:literal as $schema:ident { $($body:tt)* }) => {
        $crate::text_enum! { @emit [$(#[$meta])* #[schema(as = $schema)]] $name $prefix { $($body)* } }
    };
    ($(#[$meta:meta])* pub enum $name:ident in $prefix:literal { $($body:tt)* }) => {
        $crate::text_enum! { @emit [$(#[$meta])*] $name $prefix { $($body)* } }
    };
    (@emit [$(#[$meta:meta])*] $name:ident $prefix:literal { $($(#[$vmeta:meta])* $variant:ident = $code:tt),+ $(,)? }) => {
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow, utoipa::ToSchema,
        )]
        $(#[$meta])*
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The prefix of the labels' i18n keys (`<prefix>.<code>`).
            pub const PREFIX: &'static str = $prefix;

            /// The stored and API form.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s.trim() { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The i18n key of the label in the reader's language.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($prefix, ".", $code)),+ }
            }

            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                $crate::i18n::lookup(lang, self.label_key())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl<DB: diesel::backend::Backend> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, DB>) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(self.code(), out)
            }
        }

        impl<DB: diesel::backend::Backend> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(bytes)?;
                $name::parse(&s).ok_or_else(|| format!("{} is not a {}", s, stringify!($name)).into())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::text_enum! {
        /// A test choice.
        pub enum Sample in "test.sample" {
            FirstChoice = "first_choice",
            Second = "second",
        }
    }

    #[test]
    fn the_openapi_schema_lists_the_codes() {
        let schema = serde_json::to_value(<Sample as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(schema["enum"], serde_json::json!(["first_choice", "second"]), "{schema}");
        assert_eq!(serde_json::to_value(Sample::FirstChoice).unwrap(), "first_choice");
    }
}
