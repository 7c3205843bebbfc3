//! Identifiers that pass the registry's checks, pure: enterprise tax codes (10 digits, the tenth the
//! check digit, the first two the former province's prefix), branch codes (a parent's code and
//! -001…-999), personal identification numbers for households and individuals (province code, sex
//! and century, year of birth), and permit numbers. Every code is checked with `TaxCode::parse`
//! itself, so the generator cannot drift from the rule; each is unique within a generator, which
//! starts knowing the codes already in the registry.

use std::collections::HashSet;

use fastrand::Rng;

use super::people::{Person, Sex};
use crate::domain::TaxCode;

pub struct TaxCodes {
    taken: HashSet<String>,
}

impl TaxCodes {
    /// `taken`: the codes the registry holds already (as stored, e.g. `0100233488-001`).
    pub fn new(taken: HashSet<String>) -> TaxCodes {
        TaxCodes { taken }
    }

    fn claim(&mut self, code: &str) -> Option<String> {
        let parsed = TaxCode::parse(code).ok()?.into_string();
        self.taken.insert(parsed.clone()).then_some(parsed)
    }

    /// A new enterprise code with the two-digit `prefix` of a province.
    pub fn enterprise(&mut self, rng: &mut Rng, prefix: &str) -> String {
        loop {
            let nine = format!("{prefix}{:07}", rng.u32(1..10_000_000));
            // The check digit the rule gives, if any (one body in eleven has none).
            for d in 0..10 {
                let candidate = format!("{nine}{d}");
                if TaxCode::parse(&candidate).is_ok() {
                    if let Some(c) = self.claim(&candidate) {
                        return c;
                    }
                    break;
                }
            }
        }
    }

    /// A new branch code under `parent`: the lowest free suffix from `from`, None when all 999 are taken.
    pub fn branch(&mut self, parent: &str, from: u32) -> Option<(String, u32)> {
        (from.max(1)..=999).find_map(|n| self.claim(&format!("{parent}-{n:03}")).map(|c| (c, n)))
    }

    /// A new personal identification number of `person`, issued in the former province `id_code`.
    pub fn personal(&mut self, rng: &mut Rng, id_code: u16, person: &Person) -> String {
        let century = u32::from(person.born >= 2000) * 2 + u32::from(person.sex == Sex::Female);
        loop {
            let candidate = format!("{id_code:03}{century}{:02}{:06}", person.born % 100, rng.u32(..1_000_000));
            if let Some(c) = self.claim(&candidate) {
                return c;
            }
        }
    }
}

/// A permit's number as the issuing department writes it, with one of `symbols`: "125/GP-STTTT".
pub fn permit(rng: &mut Rng, symbols: &[&str]) -> String {
    let n = rng.u32(1..900);
    format!("{n}/{}", symbols[rng.usize(..symbols.len())])
}

/// A household business registration number: the former district's code, a letter, eight digits.
pub fn household_registration(rng: &mut Rng) -> String {
    format!("{:02}{}8{:07}", rng.u32(10..99), ['A', 'B', 'C', 'D', 'E'][rng.usize(..5)], rng.u32(..10_000_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_passes_the_registry_check_and_none_repeats() {
        let mut rng = Rng::with_seed(11);
        let mut codes = TaxCodes::new(HashSet::from(["3000000019".to_string()]));
        let mut seen = HashSet::new();
        for i in 0..2400 {
            let p = super::super::people::person(&mut rng);
            let c = match i % 3 {
                0 => codes.enterprise(&mut rng, "30"),
                1 => codes.personal(&mut rng, 42, &p),
                _ => codes.branch("0100233488", 1).unwrap().0,
            };
            let parsed = TaxCode::parse(&c).unwrap();
            assert_eq!(parsed.as_str(), c);
            assert!(seen.insert(c.clone()), "{c} twice");
            match i % 3 {
                0 => assert!(c.starts_with("30") && c.len() == 10),
                1 => {
                    assert!(parsed.is_personal() && c.starts_with("042"));
                    assert_eq!(&c[4..6], format!("{:02}", p.born % 100));
                }
                _ => assert!(parsed.is_branch()),
            }
        }
    }

    #[test]
    fn a_parent_has_999_branches_at_most() {
        let mut codes = TaxCodes::new(HashSet::new());
        for n in 1..=999 {
            assert_eq!(codes.branch("0100233488", n).unwrap().1, n);
        }
        assert!(codes.branch("0100233488", 1).is_none());
    }
}
