//! Outlets as a person would type them, pure: a name that fits the sector and the kind of business
//! ("Công ty TNHH In Hoàng Long", "Hộ kinh doanh Nguyễn Thị Hoa", "Điểm trò chơi điện tử Đức Huy",
//! "Bưu cục Sao Việt Thành Sen", "Văn phòng đại diện Báo … tại Nghệ An"), its tax code, address,
//! telephone, representative, notice addresses and the sector's own fields. The result is an
//! `OutletDraft`, checked by the registry's own `validate` before it is stored.

use std::collections::HashSet;

use fastrand::Rng;
use serde_json::{Map, Value, json};

use super::codes::{self, TaxCodes};
use super::people::{self, Person, pick, weighted};
use super::places::{self, Province};
use crate::outlets::forms::{AttrInput, EmailsInput, OutletDraft};

const BRAND_FIRST: &[&str] = &[
    "Hoàng",
    "Minh",
    "Thành",
    "Phú",
    "Hưng",
    "Tân",
    "An",
    "Đại",
    "Việt",
    "Kim",
    "Bảo",
    "Hồng",
    "Sao",
    "Trường",
    "Hải",
    "Nam",
    "Đông",
    "Thiên",
    "Phúc",
    "Quang",
    "Hòa",
    "Tiến",
    "Toàn",
    "Ánh",
    "Sông",
    "Đức",
    "Thăng",
    "Trí",
    "Vạn",
    "Phương",
    "Bắc",
    "Gia",
    "Nhật",
    "Tuấn",
    "Xuân",
    "Lam",
    "Ngọc",
    "Bình",
    "Khánh",
    "Hà",
];
const BRAND_SECOND: &[&str] = &[
    "Long", "Phát", "Công", "Thịnh", "Khang", "Hưng", "Minh", "Lam", "Mai", "Sơn", "Âu", "Việt", "Á", "Phú", "Lộc",
    "Đạt", "Thắng", "Dương", "Hà", "Huy", "Gia", "Xuân", "Nam", "Tân", "Tú", "An", "Khôi", "Kiệt", "Thành", "Anh",
    "Bảo", "Hải", "Quang", "Vinh",
];

/// Company forms and their shares.
const FORMS: &[(&str, u32)] =
    &[("Công ty TNHH", 45), ("Công ty TNHH MTV", 15), ("Công ty Cổ phần", 30), ("Doanh nghiệp tư nhân", 7)];

const PAPERS: &[(&str, &str)] = &[
    ("Báo Đời sống Miền Trung", "Hội Nhà báo Việt Nam"),
    ("Tạp chí Kinh tế và Phát triển Vùng", "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"),
    ("Báo Doanh nhân Bắc Trung Bộ", "Hội Doanh nghiệp nhỏ và vừa Việt Nam"),
    ("Tạp chí Văn hóa và Du lịch Việt", "Hội Văn nghệ dân gian Việt Nam"),
    ("Báo Sức khỏe và Gia đình Việt", "Tổng hội Y học Việt Nam"),
    ("Tạp chí Môi trường và Đô thị Xanh", "Hội Bảo vệ thiên nhiên và môi trường Việt Nam"),
    ("Báo Thông tin Nông nghiệp", "Hội Nông dân Việt Nam"),
    ("Tạp chí Khoa học và Đời sống Mới", "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam"),
    ("Báo Pháp luật và Xã hội Ngày nay", "Hội Luật gia Việt Nam"),
    ("Tạp chí Công nghệ và Chuyển đổi số", "Hội Truyền thông số Việt Nam"),
];

const PRINT_EQUIPMENT: &[&str] = &[
    "Máy in offset 4 màu Heidelberg",
    "Máy in offset 2 màu Komori",
    "Máy in kỹ thuật số Konica Minolta",
    "Máy cắt giấy Polar 115",
    "Máy gấp giấy tự động",
    "Máy in lụa bán tự động",
    "Máy photocopy Ricoh",
    "Máy in flexo 6 màu",
    "Máy bế hộp tự động",
    "Máy đóng sách keo nhiệt",
];
const POSTAL_SERVICES: &[&str] = &[
    "Chuyển phát nhanh trong nước",
    "Bưu phẩm, bưu kiện",
    "Bưu gửi quốc tế",
    "Phát hàng thu tiền (COD)",
    "Chuyển phát hỏa tốc",
    "Chuyển phát hồ sơ, tài liệu",
    "Gom hàng thương mại điện tử",
];
const NOTES: &[&str] = &[
    "Đã được nhắc nhở niêm yết giấy chứng nhận tại nơi kinh doanh.",
    "Chuyển địa điểm kinh doanh trong năm 2025.",
    "Thay đổi người đại diện theo pháp luật, chờ cập nhật giấy phép.",
    "Tạm ngừng hoạt động để sửa chữa cơ sở vật chất.",
    "Có phản ánh của người dân về giờ mở cửa.",
];

/// A national delivery company whose post offices (branches) are registered everywhere.
struct Parent {
    brand: String,
    name: String,
    code: String,
    next: u32,
}

pub struct OutletGen {
    sectors: Vec<(String, u32)>,
    home: Option<&'static Province>,
    pub codes: TaxCodes,
    parents: Vec<Parent>,
}

fn brand(rng: &mut Rng) -> String {
    format!("{} {}", pick(rng, BRAND_FIRST), pick(rng, BRAND_SECOND))
}

/// A household's sign usually carries the owner's name ("Đức Huy"), else a brand.
fn household_brand(rng: &mut Rng, p: &Person) -> String {
    if matches!(p.middle, "Văn" | "Thị") { brand(rng) } else { format!("{} {}", p.middle, p.given) }
}

fn company(rng: &mut Rng, business: &str, brand: &str) -> String {
    format!("{} {business} {brand}", weighted(rng, FORMS))
}

fn squash(s: &str) -> String {
    crate::domain::text::fold(s).replace(' ', "")
}

fn short(commune: &str) -> &str {
    commune.strip_prefix("Phường ").or_else(|| commune.strip_prefix("Xã ")).unwrap_or(commune)
}

impl OutletGen {
    /// `sectors`: the active sectors' codes; the built-in ones get their usual shares, an added one a
    /// small share with generic names. `home`: the installation's province (half the outlets).
    pub fn new(sectors: &[String], home: &str, taken: HashSet<String>) -> OutletGen {
        let sectors = sectors
            .iter()
            .map(|s| {
                let w = match s.as_str() {
                    "game" => 35,
                    "printing" => 25,
                    "postal" => 25,
                    "online_info" => 10,
                    "press" => 5,
                    _ => 5,
                };
                (s.clone(), w)
            })
            .collect();
        OutletGen { sectors, home: places::find(home), codes: TaxCodes::new(taken), parents: Vec::new() }
    }

    /// A post office of one of a dozen national delivery companies: its name and branch code.
    fn post_office(&mut self, rng: &mut Rng, p: &Province, commune: &str) -> (String, String) {
        if self.parents.len() < 12 || rng.u32(..50) == 0 {
            let b = brand(rng);
            let name = company(rng, "Chuyển phát nhanh", &b);
            let prefix = if rng.bool() { "01" } else { "03" };
            let code = self.codes.enterprise(rng, prefix);
            self.parents.push(Parent { brand: b, name, code, next: 1 });
        }
        loop {
            let i = rng.usize(..self.parents.len());
            let parent = &mut self.parents[i];
            match self.codes.branch(&parent.code, parent.next) {
                Some((code, n)) => {
                    parent.next = n + 1;
                    let name = if rng.bool() {
                        format!("{} - Chi nhánh {}", parent.name, p.name)
                    } else {
                        format!("Bưu cục {} {}", parent.brand, short(commune))
                    };
                    return (name, code);
                }
                None => {
                    self.parents.swap_remove(i);
                    let b = brand(rng);
                    let name = company(rng, "Chuyển phát nhanh", &b);
                    let code = self.codes.enterprise(rng, "01");
                    self.parents.push(Parent { brand: b, name, code, next: 1 });
                }
            }
        }
    }

    /// The next outlet.
    pub fn next(&mut self, rng: &mut Rng) -> OutletDraft {
        let sector = weighted(rng, &self.sectors).clone();
        let p = places::province(rng, self.home);
        let commune = *pick(rng, p.communes);
        let owner = people::person(rng);
        let b = brand(rng);
        let kind = match (sector.as_str(), rng.u32(..100)) {
            ("printing", 0..55) | ("postal", 0..25) | ("game", 0..15) | ("online_info", _) => "enterprise",
            ("printing", 55..95) | ("postal", 25..40) | ("game", 15..90) => "household",
            ("printing", 95..) | ("postal", _) => "branch",
            ("press", _) => "press_office",
            ("game", _) => "individual",
            (_, 0..70) => "enterprise",
            _ => "household",
        };
        let mut attrs = Map::new();
        let mut emails = Vec::new();
        let (name, tax_code, reg_no) = match kind {
            "household" | "individual" => {
                let hb = household_brand(rng, &owner);
                let name = match (sector.as_str(), rng.u32(..4)) {
                    (_, 0) => format!("Hộ kinh doanh {}", owner.full_name()),
                    ("printing", 1) => format!("Cơ sở photocopy {hb}"),
                    ("printing", _) => format!("Cơ sở in {hb}"),
                    ("postal", _) => format!("Đại lý chuyển phát {hb}"),
                    ("game", 1) => format!("Cơ sở trò chơi điện tử công cộng {hb}"),
                    ("game", 2) => format!("Điểm Internet {hb}"),
                    ("game", _) => format!("Điểm trò chơi điện tử {hb}"),
                    _ => format!("Cửa hàng {hb}"),
                };
                let name = if kind == "individual" && rng.bool() { owner.full_name() } else { name };
                // A few households never gave one.
                let tax = if rng.u32(..50) == 0 {
                    String::new()
                } else {
                    let id_code = *pick(rng, p.id_codes);
                    self.codes.personal(rng, id_code, &owner)
                };
                if rng.u32(..4) == 0 {
                    emails.push(format!("{}{}{}@gmail.com", squash(owner.given), owner.initials(), rng.u32(..100)));
                }
                (name, tax, if kind == "household" { codes::household_registration(rng) } else { String::new() })
            }
            "branch" if sector == "postal" => {
                let (name, code) = self.post_office(rng, p, commune);
                (name, code, String::new())
            }
            "branch" => {
                let prefix = pick(rng, places::PROVINCES).tax_prefixes[0];
                let parent = self.codes.enterprise(rng, prefix);
                let (code, _) = self.codes.branch(&parent, rng.u32(1..20)).unwrap_or_default();
                (format!("{} - Chi nhánh {}", company(rng, "In", &b), p.name), code, String::new())
            }
            "press_office" => {
                let (paper, parent) = pick(rng, PAPERS);
                attrs.insert("parent_agency".into(), json!(parent));
                let reporters: Vec<Value> = (0..rng.u32(1..4))
                    .map(|_| {
                        let r = people::person(rng);
                        json!({"name": r.full_name(), "press_card": format!("{}{:05}", ["HN", "TW", "DP"][rng.usize(..3)], rng.u32(..100_000))})
                    })
                    .collect();
                attrs.insert("reporters".into(), Value::Array(reporters));
                let prefix = *pick(rng, p.tax_prefixes);
                let name = if rng.u32(..3) == 0 {
                    format!("Cơ quan thường trú {paper} tại {}", p.name)
                } else {
                    format!("Văn phòng đại diện {paper} tại {}", p.name)
                };
                (name, self.codes.enterprise(rng, prefix), String::new())
            }
            _ => {
                let business = match sector.as_str() {
                    "printing" => {
                        *pick(rng, &["In", "In và Quảng cáo", "In ấn Bao bì", "Bao bì và In", "In Thương mại"])
                    }
                    "postal" => *pick(rng, &["Chuyển phát nhanh", "Bưu chính", "Giao nhận", "Dịch vụ Chuyển phát"]),
                    "game" => {
                        *pick(rng, &["Giải trí", "Dịch vụ Internet", "Công nghệ Giải trí", "Trò chơi Trực tuyến"])
                    }
                    "online_info" => *pick(
                        rng,
                        &["Truyền thông", "Công nghệ và Truyền thông", "Quảng cáo Trực tuyến", "Giải pháp Số"],
                    ),
                    _ => *pick(rng, &["Thương mại và Dịch vụ", "Đầu tư và Phát triển"]),
                };
                let prefix = *pick(rng, p.tax_prefixes);
                let code = self.codes.enterprise(rng, prefix);
                if rng.u32(..5) < 3 {
                    emails.push(format!("{}{}@gmail.com", squash(&b), rng.u32(..1000)));
                }
                (company(rng, business, &b), code.clone(), code)
            }
        };
        match sector.as_str() {
            "printing" => {
                attrs.insert("licence_number".into(), json!(codes::permit(rng, &["GP-STTTT", "XN-SVHTTDL"])));
                let n = rng.usize(1..4);
                let mut kit: Vec<&str> = (0..n).map(|_| *pick(rng, PRINT_EQUIPMENT)).collect();
                kit.dedup();
                attrs.insert("equipment".into(), json!(kit));
            }
            "postal" => {
                attrs.insert("licence_number".into(), json!(codes::permit(rng, &["GP-BC", "XN-BC"])));
                let mut s: Vec<&str> = (0..rng.usize(1..4)).map(|_| *pick(rng, POSTAL_SERVICES)).collect();
                s.sort();
                s.dedup();
                attrs.insert("services".into(), json!(s));
            }
            "game" => {
                attrs.insert("certificate_number".into(), json!(codes::permit(rng, &["GCN-STTTT", "GCN-SVHTTDL"])));
                attrs.insert("machines".into(), json!(rng.u32(8..=60)));
                attrs.insert("school_distance_m".into(), json!(rng.u32(20..300) * 10));
            }
            "online_info" => {
                let domain = format!("{}{}", squash(&b), ["news.vn", ".vn", ".com.vn", "online.vn"][rng.usize(..4)]);
                if emails.is_empty() && rng.bool() {
                    emails.push(format!("info@{domain}"));
                }
                attrs.insert("domain".into(), json!(domain));
                attrs.insert("licence_number".into(), json!(codes::permit(rng, &["GP-TTĐT"])));
            }
            _ => {}
        }
        let status = match rng.u32(..100) {
            0..90 => "active",
            90..96 => "suspended",
            _ => "closed",
        };
        let estate = brand(rng);
        OutletDraft {
            name,
            sector,
            kind: kind.into(),
            tax_code,
            business_reg_no: reg_no,
            address: places::street(rng, p, commune, &estate),
            commune: commune.into(),
            province: p.name.into(),
            legal_representative: owner.full_name(),
            phone: if rng.u32(..10) == 0 { String::new() } else { places::phone(rng, p) },
            notice_emails: EmailsInput::List(emails),
            attributes: AttrInput::Json(attrs),
            status: status.into(),
            notes: if rng.u32(..20) == 0 { (*pick(rng, NOTES)).into() } else { String::new() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_outlet_passes_the_registrys_checks() {
        let sectors = crate::sectors::model::builtin_rows(crate::time::now()).unwrap();
        let codes: Vec<String> = sectors.iter().map(|s| s.code.clone()).collect();
        let mut g = OutletGen::new(&codes, "Hà Tĩnh", HashSet::new());
        let mut rng = Rng::with_seed(9);
        let mut kinds = std::collections::BTreeMap::new();
        let mut at_home = 0;
        for _ in 0..3000 {
            let d = g.next(&mut rng);
            let v = d.validate(&sectors).unwrap_or_else(|e| panic!("{d:?}: {e:?}"));
            *kinds.entry(v.kind.code()).or_insert(0) += 1;
            at_home += usize::from(v.province == "Hà Tĩnh");
            assert!(!v.name.is_ascii(), "a Vietnamese name: {}", v.name);
            assert!(!v.attributes.is_empty(), "the sector's own fields: {}", v.name);
        }
        assert_eq!(kinds.len(), 5, "every kind of outlet: {kinds:?}");
        assert!((1300..1700).contains(&at_home), "half at home: {at_home}");
    }
}
