//! Page numbers for lists.

#[derive(Debug, Clone)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

impl Paging {
    pub const PER_PAGE_CHOICES: [i64; 4] = [20, 50, 100, 200];

    pub fn new(page: Option<i64>, per_page: Option<i64>, default_per_page: i64) -> Paging {
        let per_page = per_page.filter(|p| Self::PER_PAGE_CHOICES.contains(p)).unwrap_or(default_per_page);
        Paging { page: page.unwrap_or(1).clamp(1, 1_000_000), per_page, total: 0 }
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
        self.page < self.pages()
    }

    pub fn first_item(&self) -> i64 {
        if self.total == 0 { 0 } else { self.offset() + 1 }
    }

    pub fn last_item(&self) -> i64 {
        (self.offset() + self.per_page).min(self.total)
    }
}
