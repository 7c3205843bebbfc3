//! argon2id password hashing (the crate's default algorithm and parameters).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

pub fn hash(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so that timing does not reveal it.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash("not a real password, only for timing").unwrap_or_default());
    &DUMMY
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = super::hash("mật khẩu dài 12").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("mật khẩu dài 12", &h));
        assert!(!super::verify("mật khẩu dài 13", &h));
        assert!(!super::verify("x", "not a hash"));
    }
}
