//! The documents of citizen reception, as ordinary drafts of the document engine (edited, numbered,
//! frozen, mailed or printed there), written in Vietnamese whatever the reader's language: the
//! notice concluding a reception (thông báo kết luận việc tiếp công dân, TT 04/2021/TT-TTCP) and the
//! published notice of the head's reception days. A reception about a denunciation never names its
//! visitors nor quotes what they said, only the subject.

use chrono::{Datelike, NaiveDate};

use super::model::{SessionRow, VisitorRow};
use super::schedule::ReceptionDay;
use crate::documents::model::DraftInput;

fn d(x: NaiveDate) -> String {
    x.format("%d/%m/%Y").to_string()
}

/// "Thứ Hai" … "Chủ nhật".
pub fn weekday_vi(x: NaiveDate) -> &'static str {
    match x.weekday().number_from_monday() {
        1 => "Thứ Hai",
        2 => "Thứ Ba",
        3 => "Thứ Tư",
        4 => "Thứ Năm",
        5 => "Thứ Sáu",
        6 => "Thứ Bảy",
        _ => "Chủ nhật",
    }
}

fn visitors_words(s: &SessionRow, visitors: &[VisitorRow]) -> String {
    if s.is_secret() || visitors.is_empty() {
        return format!("{} công dân", s.visitor_count.max(1));
    }
    let names: Vec<String> = visitors
        .iter()
        .map(|v| match v.address.trim() {
            "" => format!("ông (bà) {}", v.full_name),
            a => format!("ông (bà) {}, địa chỉ: {a}", v.full_name),
        })
        .collect();
    let more = s.visitor_count - visitors.len() as i32;
    match more > 0 {
        true => format!("{} và {} người khác", names.join("; "), more),
        false => names.join("; "),
    }
}

/// "ông Lê Văn A" for "Ông Lê Văn A" in the middle of a sentence.
fn mid_sentence(name: &str) -> String {
    for (cap, low) in [("Ông ", "ông "), ("Bà ", "bà ")] {
        if let Some(rest) = name.strip_prefix(cap) {
            return format!("{low}{rest}");
        }
    }
    name.to_string()
}

/// The notice concluding a reception, with the conclusion of whoever presided.
pub fn conclusion_notice(
    s: &SessionRow,
    visitors: &[VisitorRow],
    agency: &str,
    place: &str,
    signer_id: &str,
) -> DraftInput {
    let at = match place.trim() {
        "" => String::new(),
        p => format!(", tại {p}"),
    };
    let raised = if s.is_secret() {
        format!("Nội dung: {}.", s.subject.trim_end_matches('.'))
    } else {
        format!("Nội dung công dân trình bày: {}. {}", s.subject.trim_end_matches('.'), s.content.trim())
    };
    let body = format!(
        "Ngày {}{}, {} chủ trì tiếp {}.\n{}\nSau khi nghe công dân trình bày, {} kết luận như sau: {}.\n{} thông báo để công dân và các cơ quan, tổ chức, cá nhân có liên quan biết, thực hiện./.\n",
        d(s.held_on),
        at,
        mid_sentence(&s.host),
        visitors_words(s, visitors),
        raised,
        mid_sentence(&s.host),
        s.conclusion.trim_end_matches('.'),
        agency
    );
    let addressees = if s.is_secret() || visitors.is_empty() {
        vec![format!("Công dân được tiếp ngày {}", d(s.held_on))]
    } else {
        visitors.iter().map(|v| format!("Ông (bà) {}", v.full_name)).collect()
    };
    DraftInput {
        doc_type: "notice".into(),
        summary: format!("Kết luận tại buổi tiếp công dân ngày {}", d(s.held_on)),
        addressees: addressees.join("\n"),
        bases: String::new(),
        body,
        signer_id: signer_id.into(),
        recipients: ["Như trên", "Các cơ quan, đơn vị có liên quan", "Lưu: VT, hồ sơ tiếp công dân"].join("\n"),
        ..Default::default()
    }
}

/// One line of the published calendar: the day and who presides.
pub struct CalendarLine {
    pub day: ReceptionDay,
    pub host: String,
    pub officer: String,
}

/// The notice of the head's reception days in `year`.
pub fn calendar_notice(agency: &str, year: i32, place: &str, lines: &[CalendarLine], signer_id: &str) -> DraftInput {
    let mut body = format!("{agency} thông báo lịch tiếp công dân định kỳ năm {year} như sau:\n");
    for l in lines {
        let moved =
            l.day.moved_from.map(|m| format!(" (chuyển từ ngày {} do trùng ngày nghỉ)", d(m))).unwrap_or_default();
        let host = match l.host.trim() {
            "" => String::new(),
            h => format!(": {h} chủ trì"),
        };
        let officer = match l.officer.trim() {
            "" => String::new(),
            o => format!("; cán bộ trực: {o}"),
        };
        body.push_str(&format!("- {}, ngày {}{}{}{}.\n", weekday_vi(l.day.day), d(l.day.day), moved, host, officer));
    }
    if !place.trim().is_empty() {
        body.push_str(&format!("Địa điểm tiếp công dân: {}.\n", place.trim()));
    }
    body.push_str("Trường hợp ngày tiếp công dân trùng ngày nghỉ, ngày lễ, Tết thì chuyển sang ngày làm việc tiếp theo; khi có thay đổi, cơ quan sẽ thông báo công khai tại trụ sở tiếp công dân và trên cổng thông tin điện tử.\nThông báo để công dân biết./.\n");
    DraftInput {
        doc_type: "notice".into(),
        summary: format!("Lịch tiếp công dân định kỳ năm {year}"),
        addressees: String::new(),
        bases: String::new(),
        body,
        signer_id: signer_id.into(),
        recipients: ["Niêm yết tại trụ sở tiếp công dân", "Cổng thông tin điện tử", "Lưu: VT"].join("\n"),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaints::model::Kind;
    use crate::reception::model::*;

    fn session(topic: Kind) -> SessionRow {
        let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        let now = day.and_hms_opt(2, 0, 0).unwrap();
        SessionRow {
            id: "s".into(),
            agency_id: "a".into(),
            year: 2026,
            number: 4,
            held_on: day,
            start_time: "08:00".into(),
            kind: SessionKind::Scheduled,
            host: "Ông Lê Văn Chánh, Chánh Thanh tra".into(),
            officer_id: None,
            topic,
            group_visit: false,
            visitor_count: 2,
            subject: "Tiếng ồn của điểm trò chơi".into(),
            content: "Bà Hồ Thị Hàng xóm trình bày điểm trò chơi mở đến 2 giờ sáng.".into(),
            action: Action::Answered,
            action_text: String::new(),
            conclusion: "Giao Thanh tra kiểm tra điểm trò chơi trong tháng 12".into(),
            notice_id: None,
            submission_id: None,
            search_text: String::new(),
            version: 1,
            created_by: "x".into(),
            created_at: now,
            updated_at: now,
        }
    }

    fn visitor() -> VisitorRow {
        VisitorRow {
            id: "v".into(),
            session_id: "s".into(),
            position: 1,
            full_name: "Hồ Thị Hàng".into(),
            id_number: "042190009999".into(),
            address: "Phường Thành Sen".into(),
            phone: "0912000111".into(),
        }
    }

    #[test]
    fn the_notice_states_who_came_what_was_raised_and_the_conclusion() {
        let n = conclusion_notice(
            &session(Kind::Petition),
            &[visitor()],
            "Thanh tra tỉnh",
            "Trụ sở tiếp công dân tỉnh",
            "",
        );
        assert!(n.body.contains("Ngày 15/12/2026, tại Trụ sở tiếp công dân tỉnh, ông Lê Văn Chánh, Chánh Thanh tra chủ trì tiếp ông (bà) Hồ Thị Hàng, địa chỉ: Phường Thành Sen và 1 người khác."), "{}", n.body);
        assert!(n.body.contains("kết luận như sau: Giao Thanh tra kiểm tra"));
        assert_eq!(n.addressees, "Ông (bà) Hồ Thị Hàng");
    }

    #[test]
    fn a_denouncers_reception_names_no_one() {
        let n = conclusion_notice(&session(Kind::Denunciation), &[visitor()], "Thanh tra tỉnh", "", "");
        let all = format!("{} {} {}", n.addressees, n.body, n.recipients);
        for secret in ["Hồ Thị Hàng", "Thành Sen", "0912000111", "2 giờ sáng"] {
            assert!(!all.contains(secret), "{secret}");
        }
        assert!(n.body.contains("2 công dân") && n.body.contains("Tiếng ồn của điểm trò chơi"));
    }

    #[test]
    fn the_calendar_notice_lists_each_day_and_the_moves() {
        let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        let lines = [
            CalendarLine {
                day: ReceptionDay { day: day(8, 16), moved_from: Some(day(8, 15)) },
                host: "Ông A, Chánh Thanh tra".into(),
                officer: "Bà B".into(),
            },
            CalendarLine {
                day: ReceptionDay { day: day(9, 15), moved_from: None },
                host: String::new(),
                officer: String::new(),
            },
        ];
        let n = calendar_notice("Thanh tra tỉnh", 2027, "Số 1 đường X", &lines, "");
        assert!(n.body.contains("- Thứ Hai, ngày 16/08/2027 (chuyển từ ngày 15/08/2027 do trùng ngày nghỉ): Ông A, Chánh Thanh tra chủ trì; cán bộ trực: Bà B."), "{}", n.body);
        assert!(n.body.contains("- Thứ Tư, ngày 15/09/2027."));
        assert_eq!(n.summary, "Lịch tiếp công dân định kỳ năm 2027");
    }
}
