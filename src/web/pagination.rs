//! Page numbers for lists.

#[derive(Debug, Clone)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    /// `total` is a lower bound: the list counted that many and stopped (a search over a country's
    /// outlets is not counted to its end on every page).
    pub more: bool,
    /// This page was full (so a next page may exist when the total is a lower bound).
    pub full: bool,
}

impl Paging {
    pub const PER_PAGE_CHOICES: [i64; 4] = [20, 50, 100, 200];

    pub fn new(page: Option<i64>, per_page: Option<i64>, default_per_page: i64) -> Paging {
        let per_page = per_page.filter(|p| Self::PER_PAGE_CHOICES.contains(p)).unwrap_or(default_per_page);
        Paging { page: page.unwrap_or(1).clamp(1, 1_000_000), per_page, total: 0, more: false, full: false }
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages() || (self.more && self.full)
    }

    /// Sets a count that may have stopped at its bound, and whether this page came back full.
    pub fn set_total(&mut self, total: crate::db::Total, rows_on_page: usize) {
        self.total = total.n;
        self.more = total.more;
        self.full = rows_on_page as i64 >= self.per_page;
    }

    /// The count as the page says it: "1.234", or "hơn 1.000" when the list stopped counting.
    pub fn total_text(&self, t: &crate::i18n::Tr) -> String {
        let n = crate::i18n::number(t.lang(), self.total);
        match self.more {
            true => t.t("common.more_than").replace("{}", &n),
            false => n,
        }
    }

    /// "of N" after the page number, empty while the number of pages is not known.
    pub fn of_pages(&self, t: &crate::i18n::Tr) -> String {
        match self.more {
            true => String::new(),
            false => format!(" {} {}", t.t("common.of"), self.pages()),
        }
    }

    pub fn first_item(&self) -> i64 {
        if self.total == 0 { 0 } else { self.offset() + 1 }
    }

    pub fn last_item(&self) -> i64 {
        match self.more && self.full {
            true => self.offset() + self.per_page,
            false => (self.offset() + self.per_page).min(self.total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Total;
    use crate::i18n::{Lang, Tr};

    #[test]
    fn a_count_that_stopped_says_more_than_and_pages_on_while_pages_are_full() {
        let (vi, en) = (Tr::new(Lang::Vi), Tr::new(Lang::En));
        let mut p = Paging::new(Some(20), Some(50), 50);
        p.set_total(Total { n: 1000, more: true }, 50);
        assert_eq!((p.total_text(&vi), p.total_text(&en)), ("Hơn 1.000".into(), "More than 1,000".into()));
        assert_eq!(p.of_pages(&vi), "", "the number of pages is not known");
        assert!(p.has_next(), "page 20 of at least 1,000 came back full: page 21 may hold more");
        assert_eq!((p.first_item(), p.last_item()), (951, 1000));
        let mut p = Paging::new(Some(25), Some(50), 50);
        p.set_total(Total { n: 1000, more: true }, 12);
        assert!(!p.has_next(), "a page that is not full is the last");
        let mut p = Paging::new(Some(2), Some(20), 50);
        p.set_total(Total { n: 45, more: false }, 20);
        assert_eq!(
            (p.total_text(&vi), p.of_pages(&en), p.has_next(), p.last_item()),
            ("45".into(), " of 3".into(), true, 40)
        );
        p.page = 3;
        assert!(!p.has_next());
        assert_eq!(crate::i18n::number(Lang::Vi, 1_234_567), "1.234.567");
        assert_eq!(crate::i18n::vnd(Lang::Vi, -1_500_000), "-1.500.000 đ");
        assert_eq!(
            crate::i18n::vnd(Lang::En, i64::MIN),
            format!("-VND {}", crate::i18n::number(Lang::En, i64::MIN).trim_start_matches('-'))
        );
    }
}
