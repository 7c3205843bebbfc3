//! The report (BC) a department sends upward, drafted from a period's figures in the seeds' style
//! ("Báo cáo công tác tháng 7…": "Cấp 14 Giấy phép xuất bản tài liệu không kinh doanh…", "01 cuộc
//! kiểm tra việc chấp hành pháp luật về bưu chính, không phát hiện vi phạm hành chính"): one part
//! of narrative per area with a table of the figures beside the same period a year earlier, then
//! the tasks of the next period left for the drafter, and the closing formula. Pure: the words are
//! the document's legal wording (Vietnamese, whatever the reader's language); the draft is edited
//! and issued through the document engine like any other.

use crate::documents::model::DraftInput;
use crate::i18n::Lang;
use crate::inspections::compose::words::money;
use crate::reports::period::{Period, Span};
use crate::reports::queries::Figures;

/// What the report names besides its figures.
pub struct Context<'a> {
    /// The agency as it writes itself in running text ("Thanh tra tỉnh").
    pub agency: &'a str,
    /// Whom the report goes to ("Ủy ban nhân dân tỉnh …"): the "Kính gửi" line.
    pub to: &'a str,
    /// (code, Vietnamese name) of every sector.
    pub sectors: &'a [(String, String)],
    /// (code, Vietnamese name) of every permit procedure.
    pub procedures: &'a [(String, String)],
    pub signer_id: &'a str,
}

/// The agency as running text names it: a name kept in capitals for the header ("THANH TRA TỈNH")
/// in sentence case ("Thanh tra tỉnh"); a name in mixed case as it is.
pub fn running_name(name: &str) -> String {
    let name = name.trim();
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    crate::domain::text::capitalise(&name.to_lowercase())
}

/// A count as administrative writing puts it: two digits below ten ("02 cuộc").
pub fn n(v: i64) -> String {
    if (0..10).contains(&v) { format!("{v:02}") } else { v.to_string() }
}

fn kind_vi(kind: &str) -> &'static str {
    if kind == "thanh_tra" { "thanh tra" } else { "kiểm tra" }
}

fn name_of<'a>(list: &'a [(String, String)], code: &str) -> &'a str {
    list.iter().find(|(c, _)| c == code).map(|(_, n)| n.as_str()).unwrap_or("")
}

/// The period after `p`, named like it: the next month, quarter, half or year; for a range, a range
/// as long starting the day after.
fn next_period(p: &Period) -> Option<Period> {
    let after = p.to.succ_opt()?;
    match p.span {
        Span::Custom => {
            Period::custom(after, after.checked_add_days(chrono::Days::new((p.to - p.from).num_days() as u64))?)
        }
        span => Some(Period::current(span, after)),
    }
}

fn row(label: &str, now: String, before: String) -> String {
    format!("| {label} | {now} | {before} |\n")
}

fn inspections(body: &mut String, f: &Figures, b: &Figures, ctx: &Context, title: &str, before: &str) {
    let (Some(a), Some(y)) = (&f.inspections, &b.inspections) else { return };
    body.push_str("# 1. Công tác thanh tra, kiểm tra\n");
    let begun = a.by_sector.iter().filter(|r| r.announced > 0).collect::<Vec<_>>();
    if begun.is_empty() {
        body.push_str(&format!("Trong {title}, {} không triển khai cuộc thanh tra, kiểm tra nào.", ctx.agency));
    } else {
        let of = |k: &str| a.by_sector.iter().filter(|r| r.kind == k).map(|r| r.announced).sum::<i64>();
        body.push_str(&format!(
            "Trong {title}, {} đã triển khai {} cuộc thanh tra, kiểm tra ({} cuộc thanh tra, {} cuộc kiểm tra)",
            ctx.agency,
            n(a.announced),
            n(of("thanh_tra")),
            n(of("kiem_tra"))
        ));
        if a.planned > 0 {
            body.push_str(&format!(
                "; kế hoạch trong kỳ có {} cuộc, đã triển khai {} cuộc",
                n(a.planned),
                n(a.planned_begun)
            ));
        }
        body.push_str(&format!(
            "; kết thúc làm việc trực tiếp {} cuộc; ban hành {} kết luận, báo cáo kết quả.",
            n(a.ended_on_site),
            n(a.concluded)
        ));
    }
    body.push('\n');
    let mut sectors: Vec<&str> = begun.iter().map(|r| r.sector_code.as_str()).collect();
    sectors.dedup();
    for code in sectors {
        let parts: Vec<String> = ["thanh_tra", "kiem_tra"]
            .iter()
            .filter_map(|k| {
                let v: i64 = begun.iter().filter(|r| r.sector_code == code && r.kind == *k).map(|r| r.announced).sum();
                (v > 0).then(|| format!("{} cuộc {}", n(v), kind_vi(k)))
            })
            .collect();
        body.push_str(&format!(
            "- Lĩnh vực {}: {} việc chấp hành pháp luật.\n",
            name_of(ctx.sectors, code).to_lowercase(),
            parts.join(", ")
        ));
    }
    if a.violations_detected == 0 && a.sanctions == 0 {
        body.push_str("Qua thanh tra, kiểm tra, không phát hiện vi phạm hành chính.\n");
    } else {
        body.push_str(&format!(
            "Qua thanh tra, kiểm tra, phát hiện {} hành vi vi phạm; ban hành {} quyết định xử phạt vi phạm hành chính với tổng số tiền {} đồng ({} quyết định đã nộp phạt).\n",
            n(a.violations_detected),
            n(a.sanctions),
            money(a.fines),
            n(a.sanctions_paid)
        ));
    }
    if a.fines_paid_count > 0 {
        body.push_str(&format!(
            "Trong kỳ đã thu {} đồng tiền phạt vi phạm hành chính ({} quyết định xử phạt đã nộp phạt).\n",
            money(a.fines_collected),
            n(a.fines_paid_count)
        ));
    }
    if a.recommendations_due > 0 {
        body.push_str(&format!(
            "Có {} kiến nghị đến hạn thực hiện trong kỳ, {} kiến nghị đã được thực hiện.\n",
            n(a.recommendations_due),
            n(a.recommendations_followed)
        ));
    }
    body.push_str(&row("Chỉ tiêu", title.to_string(), format!("Cùng kỳ {before}")));
    for (label, x, z) in [
        ("Cuộc theo kế hoạch trong kỳ", a.planned, y.planned),
        ("Cuộc đã công bố quyết định", a.announced, y.announced),
        ("Cuộc kết thúc làm việc trực tiếp", a.ended_on_site, y.ended_on_site),
        ("Kết luận, báo cáo kết quả đã ký", a.concluded, y.concluded),
        ("Hành vi vi phạm phát hiện", a.violations_detected, y.violations_detected),
        ("Quyết định xử phạt đã ban hành", a.sanctions, y.sanctions),
    ] {
        body.push_str(&row(label, n(x), n(z)));
    }
    body.push_str(&row("Tổng tiền phạt (đồng)", money(a.fines), money(y.fines)));
    body.push_str(&row("Tiền phạt đã thu trong kỳ (đồng)", money(a.fines_collected), money(y.fines_collected)));
    body.push_str(&row(
        "Kiến nghị đã thực hiện / đến hạn",
        format!("{}/{}", n(a.recommendations_followed), n(a.recommendations_due)),
        format!("{}/{}", n(y.recommendations_followed), n(y.recommendations_due)),
    ));
}

fn complaints(body: &mut String, f: &Figures, b: &Figures, ctx: &Context, title: &str, before: &str) {
    let (Some(a), Some(y)) = (&f.complaints, &b.complaints) else { return };
    let (x, z) = (&a.total, &y.total);
    body.push_str("# 2. Công tác tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh\n");
    body.push_str(&format!(
        "Trong {title}, {} tổ chức {} buổi tiếp công dân; tiếp nhận {} đơn, thụ lý {} đơn, đã giải quyết {} đơn; chuyển cơ quan có thẩm quyền {} đơn, hướng dẫn {} đơn, không thụ lý {} đơn, lưu {} đơn.",
        ctx.agency,
        n(a.receptions),
        n(x.received),
        n(x.accepted),
        n(x.resolved),
        n(x.forwarded),
        n(x.guided),
        n(x.refused),
        n(x.filed)
    ));
    if x.overdue > 0 {
        body.push_str(&format!(" Đến cuối kỳ còn {} đơn quá hạn giải quyết.", n(x.overdue)));
    }
    body.push('\n');
    body.push_str(&row("Chỉ tiêu", title.to_string(), format!("Cùng kỳ {before}")));
    for (label, p, q) in [
        ("Buổi tiếp công dân", a.receptions, y.receptions),
        ("Đơn tiếp nhận", x.received, z.received),
        ("Đơn thụ lý", x.accepted, z.accepted),
        ("Đơn đã giải quyết", x.resolved, z.resolved),
        ("Đơn chuyển cơ quan có thẩm quyền", x.forwarded, z.forwarded),
        ("Đơn quá hạn cuối kỳ", x.overdue, z.overdue),
    ] {
        body.push_str(&row(label, n(p), n(q)));
    }
}

fn permits(body: &mut String, f: &Figures, b: &Figures, ctx: &Context, title: &str, before: &str) {
    let (Some(a), Some(y)) = (&f.permits, &b.permits) else { return };
    let (x, z) = (&a.total, &y.total);
    body.push_str("# 3. Công tác cấp phép\n");
    body.push_str(&format!(
        "Trong {title}, {} tiếp nhận {} hồ sơ; cấp {} giấy phép, giấy chứng nhận; từ chối {} hồ sơ",
        ctx.agency,
        n(x.received),
        n(x.issued),
        n(x.refused)
    ));
    match x.on_time_rate {
        Some(r) => {
            body.push_str(&format!("; tỷ lệ hồ sơ giải quyết đúng hạn {}.\n", crate::i18n::percent(Lang::Vi, r)))
        }
        None => body.push_str(".\n"),
    }
    for t in a.by_type.iter().filter(|t| t.counts.issued > 0) {
        body.push_str(&format!("- Cấp {} {}.\n", n(t.counts.issued), name_of(ctx.procedures, &t.type_code)));
    }
    let rate = |r: Option<f64>| r.map(|r| crate::i18n::percent(Lang::Vi, r)).unwrap_or_else(|| "—".into());
    body.push_str(&row("Chỉ tiêu", title.to_string(), format!("Cùng kỳ {before}")));
    for (label, p, q) in [
        ("Hồ sơ tiếp nhận", x.received, z.received),
        ("Giấy phép, giấy chứng nhận đã cấp", x.issued, z.issued),
        ("Hồ sơ từ chối", x.refused, z.refused),
        ("Hồ sơ giải quyết quá hạn", x.late, z.late),
    ] {
        body.push_str(&row(label, n(p), n(q)));
    }
    body.push_str(&row("Tỷ lệ giải quyết đúng hạn", rate(x.on_time_rate), rate(z.on_time_rate)));
}

fn mail(body: &mut String, f: &Figures) {
    let Some(m) = &f.mail else { return };
    if m.sent == 0 {
        return;
    }
    body.push_str("# 4. Gửi văn bản cho tổ chức, cá nhân\n");
    body.push_str(&format!(
        "Gửi {} lượt văn bản qua thư điện tử; {} lượt được máy chủ thư của người nhận chấp nhận, {} lượt không gửi được{}.\n",
        n(m.sent),
        n(m.accepted),
        n(m.failed),
        if m.waiting > 0 { format!(", {} lượt đang chờ gửi lại", n(m.waiting)) } else { String::new() }
    ));
}

/// The draft of the report of the period `p` from its figures `now` and the year before's `before`.
pub fn report(now: &Figures, before: &Figures, p: &Period, ctx: &Context) -> DraftInput {
    let title = p.title(Lang::Vi);
    let next = next_period(p).map(|x| x.title(Lang::Vi)).unwrap_or_default();
    let mut body = format!("# I. KẾT QUẢ CÔNG TÁC {}\n", title.to_uppercase());
    let year_before = p.a_year_earlier().title(Lang::Vi);
    inspections(&mut body, now, before, ctx, &title, &year_before);
    complaints(&mut body, now, before, ctx, &title, &year_before);
    permits(&mut body, now, before, ctx, &title, &year_before);
    mail(&mut body, now);
    body.push_str("# II. ĐÁNH GIÁ CHUNG\n");
    body.push_str("(Người soạn bổ sung: kết quả nổi bật, tồn tại, hạn chế và nguyên nhân.)\n");
    body.push_str(&format!("# III. NHIỆM VỤ TRỌNG TÂM {}\n", next.to_uppercase()));
    body.push_str("(Người soạn bổ sung: các cuộc thanh tra, kiểm tra theo kế hoạch; việc giải quyết đơn còn tồn; các nhiệm vụ khác.)\n");
    body.push_str(&format!(
        "Trên đây là báo cáo kết quả công tác {title} và nhiệm vụ trọng tâm {next} của {}./.\n",
        ctx.agency
    ));
    DraftInput {
        doc_type: "report".into(),
        summary: format!(
            "Kết quả công tác thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo và cấp phép {title}; nhiệm vụ trọng tâm {next}"
        ),
        addressees: ctx.to.to_string(),
        body,
        signer_id: ctx.signer_id.to_string(),
        recipients: ["Như trên;", "Lãnh đạo cơ quan;", "Lưu: VT."].join("\n"),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_capitals_reads_in_sentence_case() {
        assert_eq!(running_name("THANH TRA TỈNH"), "Thanh tra tỉnh");
        assert_eq!(running_name("Sở Văn hóa, Thể thao và Du lịch"), "Sở Văn hóa, Thể thao và Du lịch");
    }

    #[test]
    fn counts_below_ten_take_two_digits() {
        assert_eq!(n(0), "00");
        assert_eq!(n(7), "07");
        assert_eq!(n(14), "14");
    }

    #[test]
    fn the_next_period_keeps_its_name() {
        let next = |c: &str| next_period(&Period::parse(c).unwrap()).unwrap().title(Lang::Vi);
        assert_eq!(next("2026-07"), "tháng 8 năm 2026");
        assert_eq!(next("2026-12"), "tháng 1 năm 2027");
        assert_eq!(next("2026-Q4"), "quý I năm 2027");
        assert_eq!(next("2026-H1"), "6 tháng cuối năm 2026");
        assert_eq!(next("2026"), "năm 2027");
    }
}
