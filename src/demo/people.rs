//! Vietnamese personal names, pure: family names drawn by their frequency in the population
//! (Nguyễn about four in ten), a middle name and a given name that suit the person's sex.

use fastrand::Rng;

/// Family names with rough shares per thousand people (Nguyễn, Trần, Lê, Phạm… as surveys give them).
const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 35),
    ("Huỳnh", 16),
    ("Phan", 45),
    ("Vũ", 22),
    ("Võ", 17),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 6),
    ("Đoàn", 5),
    ("Trương", 5),
    ("Lâm", 3),
    ("Mai", 3),
    ("Cao", 3),
    ("Lương", 3),
    ("Hà", 3),
    ("Tạ", 2),
    ("Lưu", 2),
    ("Chu", 2),
    ("Tô", 2),
    ("Thái", 2),
    ("Phùng", 2),
    ("Kiều", 1),
    ("Quách", 1),
    ("Triệu", 1),
    ("Văn", 1),
];

const MIDDLE_MALE: &[&str] = &[
    "Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Công", "Thanh", "Xuân", "Đình", "Trọng", "Anh", "Ngọc",
    "Quang", "Hoàng", "Tuấn", "Gia", "Mạnh", "Bá",
];

const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Thùy", "Kim", "Bích", "Phương", "Mai", "Diệu",
    "Khánh", "Hải", "Hoài", "Mỹ",
];

const GIVEN_MALE: &[&str] = &[
    "Anh",
    "Bảo",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Dương",
    "Đạt",
    "Đức",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khang",
    "Khánh",
    "Khoa",
    "Kiên",
    "Long",
    "Lâm",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Thịnh",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Hưng",
    "Lộc",
    "Toàn",
    "Hậu",
    "Tiến",
    "Đông",
    "Hòa",
    "Hiệp",
    "Lực",
    "Trường",
    "Thông",
    "Đạo",
    "Hào",
];

const GIVEN_FEMALE: &[&str] = &[
    "An", "Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huyền", "Hương", "Lan",
    "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thủy",
    "Trang", "Trinh", "Uyên", "Vân", "Vy", "Yến", "Hoài", "Nhàn", "Thơm", "Lý", "Xuân",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A person as a record names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub family: &'static str,
    pub middle: &'static str,
    pub given: &'static str,
    pub sex: Sex,
    /// Year of birth, 1955–2004 (adults running a business).
    pub born: i32,
}

impl Person {
    /// "Nguyễn Thị Hoa".
    pub fn full_name(&self) -> String {
        format!("{} {} {}", self.family, self.middle, self.given)
    }

    /// Initials of the family and middle names, ASCII: "Nguyễn Thị Hoa" → "nt".
    pub fn initials(&self) -> String {
        [self.family, self.middle].iter().filter_map(|w| crate::domain::text::fold(w).chars().next()).collect()
    }
}

pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// One of `items` drawn by its weight.
pub fn weighted<'a, T>(rng: &mut Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut n = rng.u32(..total.max(1));
    for (item, w) in items {
        if n < *w {
            return item;
        }
        n -= w;
    }
    &items[items.len() - 1].0
}

pub fn person(rng: &mut Rng) -> Person {
    let sex = if rng.bool() { Sex::Male } else { Sex::Female };
    person_of(rng, sex)
}

pub fn person_of(rng: &mut Rng, sex: Sex) -> Person {
    let family = *weighted(rng, FAMILY);
    let (middles, givens) = match sex {
        Sex::Male => (MIDDLE_MALE, GIVEN_MALE),
        Sex::Female => (MIDDLE_FEMALE, GIVEN_FEMALE),
    };
    let middle = *pick(rng, middles);
    // Not "Hoàng Đức Đức": the given name differs from the middle one.
    let given = loop {
        let g = *pick(rng, givens);
        if g != middle {
            break g;
        }
    };
    Person { family, middle, given, sex, born: rng.i32(1955..=2004) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_usual_shape_and_sex() {
        let mut rng = Rng::with_seed(7);
        let mut nguyen = 0;
        for _ in 0..2000 {
            let p = person(&mut rng);
            assert_eq!(p.full_name().split(' ').count(), 3, "{}", p.full_name());
            if p.sex == Sex::Male {
                assert_ne!(p.middle, "Thị");
            }
            assert_ne!(p.middle, p.given);
            if p.family == "Nguyễn" {
                nguyen += 1;
            }
            assert_eq!(p.initials().len(), 2);
        }
        assert!((600..1000).contains(&nguyen), "Nguyễn about four in ten: {nguyen}");
    }

    #[test]
    fn the_same_seed_gives_the_same_people() {
        let names = |seed| {
            let mut rng = Rng::with_seed(seed);
            (0..20).map(|_| person(&mut rng).full_name()).collect::<Vec<_>>()
        };
        assert_eq!(names(3), names(3));
        assert_ne!(names(3), names(4));
    }
}
