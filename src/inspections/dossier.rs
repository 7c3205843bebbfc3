//! The engagement's dossier (hồ sơ): its table of contents (mục lục hồ sơ) listing every document
//! with its number, date, author and sheets, printed as a page of its own, and the bundle of the
//! whole dossier (the contents first, then each document as issued, and its signed copy when one
//! was kept). Pure: documents in, the contents' spec and the bundle's entries out.

use chrono::NaiveDate;

use crate::documents::spec::{Block, DocSpec, DocType, Form};

/// A document of the dossier as the contents list it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub symbol: String,
    pub date: Option<NaiveDate>,
    /// "Quyết định Về việc kiểm tra …": type and summary.
    pub title: String,
    pub author: String,
    pub pages: usize,
    /// The file name in the bundle.
    pub file: String,
    /// A signed copy kept beside it, and its pages.
    pub signed: Option<(String, usize)>,
}

/// What the dossier is: "Hồ sơ cuộc kiểm tra tại Công ty … (hoạt động in)".
pub fn subject(kind: &str, outlet: &str, scope: &str) -> String {
    format!("Hồ sơ cuộc {} tại {outlet} ({})", kind.to_lowercase(), crate::inspections::compose::lower_first(scope))
}

/// The contents as a document (no number of its own), laid out by the agency's header.
pub fn index(header: &DocSpec, subject: &str, entries: &[Entry], today: NaiveDate) -> DocSpec {
    let mut rows = vec![vec![
        "TT".to_string(),
        "Số, ký hiệu".into(),
        "Ngày tháng".into(),
        "Tên loại và trích yếu nội dung".into(),
        "Tác giả".into(),
        "Tờ số".into(),
        "Ghi chú".into(),
    ]];
    let mut sheet = 1;
    for (i, e) in entries.iter().enumerate() {
        let total = e.pages + e.signed.as_ref().map(|s| s.1).unwrap_or(0);
        let last = sheet + total.max(1) - 1;
        rows.push(vec![
            (i + 1).to_string(),
            e.symbol.clone(),
            e.date.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
            e.title.clone(),
            e.author.clone(),
            if last > sheet { format!("{sheet}–{last}") } else { sheet.to_string() },
            if e.signed.is_some() { "Kèm bản ký".into() } else { String::new() },
        ]);
        sheet = last + 1;
    }
    let mut spec = header.clone();
    spec.doc_type = DocType::Report;
    spec.form = Form::Index;
    spec.title = Some("MỤC LỤC HỒ SƠ".into());
    spec.summary = subject.into();
    spec.number = None;
    spec.date = Some(today);
    spec.authority = None;
    spec.addressees = vec![];
    spec.bases = vec![];
    spec.body =
        vec![Block::Table(rows), Block::Paragraph(format!("Hồ sơ gồm {} văn bản, {} tờ.", entries.len(), sheet - 1))];
    spec.signer = None;
    spec.counter_signer = None;
    spec.more_signers = vec![];
    spec.recipients = vec![];
    spec.draft = false;
    spec.verification = None;
    spec.public_copy = false;
    spec
}

/// The whole dossier as one download: a ZIP with the contents (`00-muc-luc.pdf`) and every file in
/// order.
pub fn bundle(
    index_pdf: &[u8],
    files: &[(String, Vec<u8>)],
    at: chrono::NaiveDateTime,
) -> Result<Vec<u8>, zip::result::ZipError> {
    use chrono::{Datelike, Timelike};
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The files are dated when the dossier was put together (Vietnam's time, as a ZIP keeps local time).
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(at.year()).unwrap_or(1980),
        at.month() as u8,
        at.day() as u8,
        at.hour() as u8,
        at.minute() as u8,
        at.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp);
    out.start_file("00-muc-luc.pdf", options)?;
    out.write_all(index_pdf)?;
    for (name, bytes) in files {
        out.start_file(name.as_str(), options)?;
        out.write_all(bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contents_number_the_sheets_in_order() {
        let header = crate::documents::samples::all().remove(0);
        let e = |symbol: &str, pages, signed| Entry {
            symbol: symbol.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 2),
            title: "Quyết định".into(),
            author: "Thanh tra tỉnh".into(),
            pages,
            file: String::new(),
            signed,
        };
        let spec = index(
            &header,
            "Hồ sơ cuộc kiểm tra",
            &[e("01/QĐ-TT", 2, None), e("02/BB-TT", 1, Some(("x".into(), 3))), e("03/BC-TT", 4, None)],
            NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
        );
        let Block::Table(rows) = &spec.body[0] else { panic!("a table") };
        let sheets: Vec<&str> = rows.iter().skip(1).map(|r| r[5].as_str()).collect();
        assert_eq!(sheets, ["1–2", "3–6", "7–10"]);
        assert_eq!(rows[2][6], "Kèm bản ký");
        assert!(matches!(&spec.body[1], Block::Paragraph(p) if p == "Hồ sơ gồm 3 văn bản, 10 tờ."));
        assert_eq!(spec.form, Form::Index);
    }
}
