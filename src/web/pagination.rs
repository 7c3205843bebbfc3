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

    /// Sets a count that may have stopped at a bound (`more`), and whether this page came back full.
    pub fn set_total(&mut self, total: i64, more: bool, rows_on_page: usize) {
        self.total = total;
        self.more = more;
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
