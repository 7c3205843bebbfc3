//! When two submissions are the same one sent twice (TT 05/2021: a submission repeating one being
//! handled is not handled again): the same person — by ID number, phone or name — and much the
//! same words, within the configured window. Pure: the queries bring the candidates.

use std::collections::HashSet;

use crate::domain::text::fold;

/// How much of their words two texts must share (Jaccard over distinct folded words of two
/// letters or more) to be called the same content.
pub const SAME_WORDS: f64 = 0.5;

/// Who a person is, as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonKey {
    pub id_number: String,
    pub phone: String,
    pub name: String,
}

impl PersonKey {
    pub fn new(id_number: &str, phone_digits: &str, full_name: &str) -> PersonKey {
        PersonKey {
            id_number: id_number.trim().to_uppercase(),
            phone: phone_digits.trim().to_string(),
            name: fold(full_name),
        }
    }

    fn same(&self, o: &PersonKey) -> bool {
        (!self.id_number.is_empty() && self.id_number == o.id_number)
            || (!self.phone.is_empty() && self.phone == o.phone)
            || (!self.name.is_empty() && self.name == o.name)
    }
}

/// Whether any person on one is a person on the other.
pub fn same_person(a: &[PersonKey], b: &[PersonKey]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.same(y)))
}

pub fn words(text: &str) -> HashSet<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 2).map(String::from).collect()
}

/// The share of words two texts have in common, 0 to 1.
pub fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 { 0.0 } else { a.intersection(b).count() as f64 / union as f64 }
}

/// The same person and much the same content.
pub fn is_duplicate(a: &[PersonKey], a_text: &str, b: &[PersonKey], b_text: &str) -> bool {
    same_person(a, b) && similarity(&words(a_text), &words(b_text)) >= SAME_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_letter_sent_twice_is_a_duplicate_and_another_matter_is_not() {
        let a = [PersonKey::new("", "0912345678", "Nguyễn Văn Khiếu")];
        let b = [PersonKey::new("", "", "NGUYEN VAN KHIEU")];
        let c = [PersonKey::new("", "0987000000", "Lê Thị Khác")];
        let first = "Khiếu nại quyết định xử phạt số 12/QĐ-XPHC của Thanh tra tỉnh";
        let again = "Khiếu nại Quyết định xử phạt số 12/QĐ-XPHC của Thanh tra tỉnh (gửi lần 2)";
        let other = "Phản ánh bưu tá giao thư chậm ở xã Cẩm Xuyên";
        assert!(is_duplicate(&a, first, &b, again), "same name without diacritics, same words");
        assert!(!is_duplicate(&a, first, &c, again), "another person");
        assert!(!is_duplicate(&a, first, &b, other), "another matter");
        assert!(similarity(&words(first), &words(again)) > 0.7);
    }
}
