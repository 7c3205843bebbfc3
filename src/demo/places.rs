//! Where outlets are, pure: the 34 provinces and centrally-run cities in force since 12/6/2025
//! (Nghị quyết 202/2025/QH15: 11 kept as they were, 23 formed by merging), each with what its
//! former provinces leave in the data (the two-digit prefix of enterprise tax codes, the three-digit
//! province code of personal identification numbers, telephone area codes), and plausible communes
//! and wards of the two-tier local government (no districts since 01/7/2025). The commune names are
//! representative, not an official list.

use fastrand::Rng;

use super::people::{pick, weighted};

pub struct Province {
    pub name: &'static str,
    /// Rough population, hundreds of thousands (the share of outlets it gets).
    pub weight: u32,
    /// Prefixes of enterprise tax codes registered in its former provinces.
    pub tax_prefixes: &'static [&'static str],
    /// Province codes (first three digits) of personal identification numbers issued there.
    pub id_codes: &'static [u16],
    pub area_codes: &'static [&'static str],
    /// What a village is called there: thôn, xóm, ấp, bản.
    pub hamlet: &'static str,
    pub communes: &'static [&'static str],
}

macro_rules! province {
    ($name:expr, $w:expr, [$($t:expr),*], [$($i:expr),*], [$($a:expr),*], $h:expr, [$($c:expr),* $(,)?]) => {
        Province {
            name: $name,
            weight: $w,
            tax_prefixes: &[$($t),*],
            id_codes: &[$($i),*],
            area_codes: &[$($a),*],
            hamlet: $h,
            communes: &[$($c),*],
        }
    };
}

#[rustfmt::skip]
pub const PROVINCES: &[Province] = &[
    province!("Hà Nội", 87, ["01"], [1], ["024"], "Thôn", ["Phường Hoàn Kiếm", "Phường Ba Đình", "Phường Đống Đa", "Phường Cầu Giấy", "Phường Hai Bà Trưng", "Phường Long Biên", "Phường Hà Đông", "Phường Tây Hồ", "Xã Đông Anh", "Xã Sóc Sơn", "Xã Gia Lâm", "Xã Thường Tín"]),
    province!("Huế", 13, ["33"], [46], ["0234"], "Thôn", ["Phường Thuận Hóa", "Phường Phú Xuân", "Phường Hương Thủy", "Phường Hương Trà", "Phường Kim Long", "Xã Phú Lộc", "Xã Quảng Điền", "Xã A Lưới"]),
    province!("Lai Châu", 5, ["56"], [12], ["0213"], "Bản", ["Phường Tân Phong", "Phường Đoàn Kết", "Xã Tam Đường", "Xã Phong Thổ", "Xã Sìn Hồ", "Xã Than Uyên", "Xã Tân Uyên"]),
    province!("Điện Biên", 6, ["62"], [11], ["0215"], "Bản", ["Phường Điện Biên Phủ", "Phường Mường Thanh", "Phường Mường Lay", "Xã Mường Ảng", "Xã Tuần Giáo", "Xã Tủa Chùa"]),
    province!("Sơn La", 13, ["55"], [14], ["0212"], "Bản", ["Phường Tô Hiệu", "Phường Chiềng An", "Phường Mộc Châu", "Xã Mai Sơn", "Xã Thuận Châu", "Xã Yên Châu", "Xã Sông Mã"]),
    province!("Lạng Sơn", 8, ["49"], [20], ["0205"], "Thôn", ["Phường Lương Văn Tri", "Phường Tam Thanh", "Phường Đông Kinh", "Xã Cao Lộc", "Xã Hữu Lũng", "Xã Chi Lăng", "Xã Đồng Đăng"]),
    province!("Quảng Ninh", 14, ["57"], [22], ["0203"], "Thôn", ["Phường Hạ Long", "Phường Bãi Cháy", "Phường Cẩm Phả", "Phường Uông Bí", "Phường Móng Cái 1", "Phường Đông Triều", "Xã Tiên Yên", "Xã Hải Hà"]),
    province!("Thanh Hóa", 37, ["28"], [38], ["0237"], "Thôn", ["Phường Hạc Thành", "Phường Hàm Rồng", "Phường Sầm Sơn", "Phường Bỉm Sơn", "Phường Nghi Sơn", "Xã Thọ Xuân", "Xã Hoằng Hóa", "Xã Triệu Sơn"]),
    province!("Nghệ An", 35, ["29"], [40], ["0238"], "Xóm", ["Phường Trường Vinh", "Phường Thành Vinh", "Phường Vinh Hưng", "Phường Cửa Lò", "Phường Hoàng Mai", "Phường Thái Hòa", "Xã Diễn Châu", "Xã Yên Thành", "Xã Đô Lương"]),
    province!("Hà Tĩnh", 13, ["30"], [42], ["0239"], "Thôn", ["Phường Thành Sen", "Phường Trần Phú", "Phường Hà Huy Tập", "Phường Bắc Hồng Lĩnh", "Phường Nam Hồng Lĩnh", "Phường Sông Trí", "Xã Thạch Hà", "Xã Cẩm Xuyên", "Xã Can Lộc", "Xã Đức Thọ", "Xã Hương Khê", "Xã Nghi Xuân"]),
    province!("Cao Bằng", 5, ["48"], [4], ["0206"], "Bản", ["Phường Thục Phán", "Phường Nùng Trí Cao", "Phường Tân Giang", "Xã Hòa An", "Xã Trùng Khánh", "Xã Quảng Uyên"]),
    province!("Tuyên Quang", 19, ["50", "51"], [8, 2], ["0207", "0219"], "Thôn", ["Phường Minh Xuân", "Phường Nông Tiến", "Phường Hà Giang 1", "Phường Hà Giang 2", "Xã Sơn Dương", "Xã Hàm Yên", "Xã Đồng Văn"]),
    province!("Lào Cai", 17, ["53", "52"], [10, 15], ["0214", "0216"], "Thôn", ["Phường Lào Cai", "Phường Cam Đường", "Phường Sa Pa", "Phường Yên Bái", "Phường Văn Phú", "Phường Nghĩa Lộ", "Xã Bảo Thắng", "Xã Bắc Hà"]),
    province!("Thái Nguyên", 17, ["46", "47"], [19, 6], ["0208", "0209"], "Xóm", ["Phường Phan Đình Phùng", "Phường Gia Sàng", "Phường Phổ Yên", "Phường Sông Công", "Phường Đức Xuân", "Xã Đại Từ", "Xã Phú Bình", "Xã Chợ Mới"]),
    province!("Phú Thọ", 40, ["26", "25", "54"], [25, 26, 17], ["0210", "0211", "0218"], "Khu", ["Phường Việt Trì", "Phường Nông Trang", "Phường Phú Thọ", "Phường Vĩnh Phúc", "Phường Vĩnh Yên", "Phường Phúc Yên", "Phường Hòa Bình", "Xã Tam Đảo", "Xã Lâm Thao"]),
    province!("Bắc Ninh", 36, ["23", "24"], [27, 24], ["0222", "0204"], "Thôn", ["Phường Kinh Bắc", "Phường Võ Cường", "Phường Từ Sơn", "Phường Bắc Giang", "Phường Đa Mai", "Xã Tiên Du", "Xã Yên Dũng", "Xã Lục Nam"]),
    province!("Hưng Yên", 33, ["09", "10"], [33, 34], ["0221", "0227"], "Thôn", ["Phường Phố Hiến", "Phường Sơn Nam", "Phường Mỹ Hào", "Phường Thái Bình", "Phường Trần Lãm", "Xã Văn Giang", "Xã Tiền Hải", "Xã Quỳnh Phụ"]),
    province!("Hải Phòng", 47, ["02", "08"], [31, 30], ["0225", "0220"], "Thôn", ["Phường Hồng Bàng", "Phường Ngô Quyền", "Phường Lê Chân", "Phường Hải An", "Phường Kiến An", "Phường Hải Dương", "Phường Thành Đông", "Xã Thủy Nguyên", "Xã An Lão"]),
    province!("Ninh Bình", 40, ["27", "07", "06"], [37, 35, 36], ["0229", "0226", "0228"], "Thôn", ["Phường Hoa Lư", "Phường Tam Điệp", "Phường Nam Định", "Phường Phủ Lý", "Phường Duy Tiên", "Xã Gia Viễn", "Xã Hải Hậu", "Xã Kim Sơn"]),
    province!("Quảng Trị", 19, ["32", "31"], [45, 44], ["0233", "0232"], "Thôn", ["Phường Đông Hà", "Phường Nam Đông Hà", "Phường Quảng Trị", "Phường Đồng Hới", "Phường Đồng Thuận", "Phường Ba Đồn", "Xã Bố Trạch", "Xã Gio Linh"]),
    province!("Đà Nẵng", 31, ["04", "40"], [48, 49], ["0236", "0235"], "Thôn", ["Phường Hải Châu", "Phường Thanh Khê", "Phường Sơn Trà", "Phường Ngũ Hành Sơn", "Phường Liên Chiểu", "Phường Tam Kỳ", "Phường Hội An", "Xã Điện Bàn", "Xã Hòa Vang"]),
    province!("Quảng Ngãi", 22, ["43", "61"], [51, 62], ["0255", "0260"], "Thôn", ["Phường Cẩm Thành", "Phường Nghĩa Lộ", "Phường Đức Phổ", "Phường Kon Tum", "Phường Đăk Bla", "Xã Bình Sơn", "Xã Sơn Tịnh", "Xã Đăk Hà"]),
    province!("Gia Lai", 36, ["59", "41"], [64, 52], ["0269", "0256"], "Thôn", ["Phường Pleiku", "Phường Hội Phú", "Phường Quy Nhơn", "Phường Quy Nhơn Nam", "Phường An Nhơn", "Phường An Khê", "Xã Chư Sê", "Xã Phù Cát"]),
    province!("Khánh Hòa", 21, ["42", "45"], [56, 58], ["0258", "0259"], "Thôn", ["Phường Nha Trang", "Phường Bắc Nha Trang", "Phường Cam Ranh", "Phường Ninh Hòa", "Phường Phan Rang", "Phường Đô Vinh", "Xã Diên Khánh", "Xã Vạn Ninh"]),
    province!("Lâm Đồng", 39, ["58", "64", "34"], [68, 67, 60], ["0263", "0261", "0252"], "Thôn", ["Phường Xuân Hương - Đà Lạt", "Phường Lâm Viên - Đà Lạt", "Phường Bảo Lộc 1", "Phường Phan Thiết", "Phường Mũi Né", "Phường Bắc Gia Nghĩa", "Xã Đức Trọng", "Xã Di Linh"]),
    province!("Đắk Lắk", 32, ["60", "44"], [66, 54], ["0262", "0257"], "Buôn", ["Phường Buôn Ma Thuột", "Phường Tân An", "Phường Ea Kao", "Phường Tuy Hòa", "Phường Phú Yên", "Phường Buôn Hồ", "Xã Krông Pắc", "Xã Ea Súp"]),
    province!("Thành phố Hồ Chí Minh", 140, ["03", "37", "35"], [79, 74, 77], ["028", "0274", "0254"], "Ấp", ["Phường Sài Gòn", "Phường Bến Thành", "Phường Tân Định", "Phường Chợ Lớn", "Phường Bình Thạnh", "Phường Gò Vấp", "Phường Thủ Đức", "Phường Tân Bình", "Phường Thủ Dầu Một", "Phường Dĩ An", "Phường Vũng Tàu", "Phường Bà Rịa", "Xã Củ Chi", "Xã Bình Chánh"]),
    province!("Đồng Nai", 44, ["36", "38"], [75, 70], ["0251", "0271"], "Ấp", ["Phường Biên Hòa", "Phường Trấn Biên", "Phường Long Khánh", "Phường Bình Phước", "Phường Đồng Xoài", "Xã Long Thành", "Xã Nhơn Trạch", "Xã Trảng Bom"]),
    province!("Tây Ninh", 30, ["39", "11"], [72, 80], ["0276", "0272"], "Ấp", ["Phường Tân Ninh", "Phường Bình Minh", "Phường Long An", "Phường Tân An", "Phường Kiến Tường", "Xã Bến Lức", "Xã Đức Hòa", "Xã Gò Dầu"]),
    province!("Cần Thơ", 42, ["18", "22", "63"], [92, 94, 93], ["0292", "0299", "0293"], "Ấp", ["Phường Ninh Kiều", "Phường Cái Khế", "Phường Bình Thủy", "Phường Cái Răng", "Phường Sóc Trăng", "Phường Vị Thanh", "Xã Phong Điền", "Xã Châu Thành"]),
    province!("Vĩnh Long", 42, ["15", "13", "21"], [86, 83, 84], ["0270", "0275", "0294"], "Ấp", ["Phường Thanh Đức", "Phường Long Châu", "Phường Bến Tre", "Phường An Hội", "Phường Trà Vinh", "Phường Nguyệt Hóa", "Xã Mỏ Cày", "Xã Tam Bình"]),
    province!("Đồng Tháp", 42, ["14", "12"], [87, 82], ["0277", "0273"], "Ấp", ["Phường Cao Lãnh", "Phường Mỹ Trà", "Phường Sa Đéc", "Phường Mỹ Tho", "Phường Đạo Thạnh", "Phường Gò Công", "Xã Cái Bè", "Xã Tháp Mười"]),
    province!("Cà Mau", 26, ["20", "19"], [96, 95], ["0290", "0291"], "Ấp", ["Phường An Xuyên", "Phường Tân Thành", "Phường Lý Văn Lâm", "Phường Bạc Liêu", "Phường Vĩnh Trạch", "Xã Năm Căn", "Xã Đầm Dơi", "Xã Hồng Dân"]),
    province!("An Giang", 49, ["16", "17"], [89, 91], ["0296", "0297"], "Ấp", ["Phường Long Xuyên", "Phường Bình Đức", "Phường Châu Đốc", "Phường Rạch Giá", "Phường Vĩnh Thông", "Phường Hà Tiên", "Xã Tân Châu", "Xã Châu Phú"]),
];

const STREETS: &[&str] = &[
    "Trần Phú",
    "Lê Lợi",
    "Nguyễn Huệ",
    "Quang Trung",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Nguyễn Du",
    "Phan Đình Phùng",
    "Hà Huy Tập",
    "Lê Duẩn",
    "Nguyễn Trãi",
    "Điện Biên Phủ",
    "Hùng Vương",
    "Trần Hưng Đạo",
    "Nguyễn Văn Cừ",
    "Lê Hồng Phong",
    "Phan Chu Trinh",
    "Ngô Quyền",
    "Bà Triệu",
    "Võ Thị Sáu",
    "Nguyễn Thị Minh Khai",
    "Xuân Diệu",
    "Nguyễn Công Trứ",
    "26 Tháng 3",
    "30 Tháng 4",
    "Cách Mạng Tháng Tám",
    "Hoàng Hoa Thám",
    "Lạc Long Quân",
    "Âu Cơ",
    "Tôn Đức Thắng",
    "Đinh Tiên Hoàng",
    "Lê Thánh Tông",
    "Lý Tự Trọng",
    "Phạm Văn Đồng",
    "Võ Nguyên Giáp",
    "Nguyễn Chí Thanh",
    "Trường Chinh",
    "Nguyễn Tất Thành",
    "Hàm Nghi",
    "Phan Bội Châu",
    "Huỳnh Thúc Kháng",
    "Mai Hắc Đế",
    "Lê Văn Sỹ",
    "Chu Văn An",
    "Nguyễn Biểu",
    "Đặng Dung",
    "Hồ Tùng Mậu",
    "Nguyễn Xí",
];

const HAMLETS: &[&str] = &[
    "Đông",
    "Tây",
    "Trung",
    "Thượng",
    "Hạ",
    "Tân Lộc",
    "Phú Mỹ",
    "Yên Bình",
    "An Phú",
    "Hòa Bình",
    "Tiền Phong",
    "Tân Thành",
    "Đồng Tâm",
    "Quyết Thắng",
    "Bình An",
    "Phú Lợi",
    "Thanh Sơn",
    "Hồng Phong",
];

const ESTATES: &[&str] = &["Khu đô thị", "Khu dân cư", "Khu công nghiệp", "Cụm công nghiệp"];

/// The province an outlet is in: the installation's own province for half of them when it is one
/// of the 34, the rest by population.
pub fn province<'a>(rng: &mut Rng, home: Option<&'a Province>) -> &'a Province {
    static WEIGHTS: std::sync::OnceLock<Vec<(usize, u32)>> = std::sync::OnceLock::new();
    if let Some(h) = home
        && rng.bool()
    {
        return h;
    }
    let w = WEIGHTS.get_or_init(|| PROVINCES.iter().enumerate().map(|(i, p)| (i, p.weight)).collect());
    &PROVINCES[*weighted(rng, w)]
}

/// The province named `name` (diacritics and case aside), e.g. the installation's.
pub fn find(name: &str) -> Option<&'static Province> {
    let f = crate::domain::text::fold(name);
    PROVINCES.iter().find(|p| crate::domain::text::fold(p.name) == f || f.ends_with(&crate::domain::text::fold(p.name)))
}

/// A street address in `commune`: a house number on a street (in a ward sometimes a lot in an
/// estate or a floor of a building), in a commune mostly a village.
pub fn street(rng: &mut Rng, p: &Province, commune: &str, estate_name: &str) -> String {
    let street = pick(rng, STREETS);
    let rural = commune.starts_with("Xã");
    match rng.u32(..20) {
        0 if !rural => format!(
            "Lô {}{}, {} {estate_name}",
            ['A', 'B', 'C', 'D'][rng.usize(..4)],
            rng.u32(1..40),
            pick(rng, ESTATES)
        ),
        1 if !rural => format!("Tầng {}, tòa nhà {estate_name}, số {} đường {street}", rng.u32(2..15), rng.u32(1..300)),
        0..=8 if rural => format!("{} {}", p.hamlet, pick(rng, HAMLETS)),
        9..=11 if rural => format!("{} {}", p.hamlet, rng.u32(1..16)),
        _ if p.name == "Hà Nội" && rng.bool() => {
            format!("Số {}, ngõ {}, phố {street}", rng.u32(1..80), rng.u32(2..300))
        }
        2..=5 => format!("Số {}/{} {street}", rng.u32(1..400), rng.u32(1..30)),
        _ => format!("Số {} đường {street}", rng.u32(1..500)),
    }
}

/// A mobile number ("0912 345 678") or the province's landline ("0239 3856 123").
pub fn phone(rng: &mut Rng, p: &Province) -> String {
    const MOBILE: &[&str] = &[
        "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "081", "082", "083", "084",
        "085", "088", "091", "094", "070", "076", "077", "078", "079", "089", "090", "093", "056", "058",
    ];
    if rng.u32(..3) > 0 {
        format!("{}{} {:03} {:03}", pick(rng, MOBILE), rng.u32(..10), rng.u32(..1000), rng.u32(..1000))
    } else {
        let area = pick(rng, p.area_codes);
        // Eleven digits in all: 4-digit area codes take 7 more, Hà Nội's and HCMC's 3-digit ones 8.
        if area.len() == 3 {
            format!("{area} {} {:04}", rng.u32(3000..4000), rng.u32(..10_000))
        } else {
            format!("{area} {} {:03}", rng.u32(3000..4000), rng.u32(..1000))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_four_provinces_with_what_the_data_needs() {
        assert_eq!(PROVINCES.len(), 34);
        let mut names: Vec<&str> = PROVINCES.iter().map(|p| p.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 34);
        for p in PROVINCES {
            assert!(!p.tax_prefixes.is_empty() && p.tax_prefixes.iter().all(|t| t.len() == 2), "{}", p.name);
            assert!(p.id_codes.iter().all(|c| (1..=96).contains(c)), "{}", p.name);
            assert!(p.communes.len() >= 6, "{}", p.name);
            assert!(p.communes.iter().all(|c| c.starts_with("Phường ") || c.starts_with("Xã ")), "{}", p.name);
        }
        // 63 former provinces, each counted once.
        let mut ids: Vec<u16> = PROVINCES.iter().flat_map(|p| p.id_codes.iter().copied()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 63);
        assert_eq!(find("Hà Tĩnh").map(|p| p.name), Some("Hà Tĩnh"));
        assert_eq!(find("tinh ha tinh").map(|p| p.name), Some("Hà Tĩnh"));
    }

    #[test]
    fn phone_numbers_are_what_the_registry_accepts() {
        let mut rng = Rng::with_seed(1);
        for p in PROVINCES {
            for _ in 0..50 {
                let n = phone(&mut rng, p);
                let digits = n.chars().filter(char::is_ascii_digit).count();
                assert!(matches!(digits, 10 | 11), "{n}");
                assert!(crate::domain::Phone::parse(&n).is_some(), "{n}");
            }
        }
    }
}
