//! The report as CSV and as an Excel workbook: one line per figure (section, figure, the period,
//! the same period a year earlier), numbers as numbers, every text cell of the CSV neutralised
//! against spreadsheet formulas (the workbook writes text as text, never as a formula). The
//! workbook adds the period as real dates, the twelve months' trend and the split by sector, with a
//! frozen header and set column widths on every sheet.

use actix_web::{HttpResponse, web};

use crate::auth::WebUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::reports::api::ReportQuery;
use crate::reports::pages::dashboard::{Section, Unit, sections};
use crate::reports::period::Period;
use crate::reports::queries::Report;
use crate::state::AppState;
use crate::web::download::neutralise;

/// Writes the sections as CSV with a BOM; `columns` names the figure column and the two periods.
pub fn write(columns: [&str; 4], sections: &[Section]) -> anyhow::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(columns.iter().map(|c| neutralise(c)))?;
        let number = |v: Option<f64>| match v {
            Some(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Some(n) => format!("{n:.1}"),
            None => String::new(),
        };
        for s in sections {
            for l in &s.lines {
                w.write_record([neutralise(s.title), neutralise(l.label), number(l.values.0), number(l.values.1)])?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// What both exports start from: the reader, the period asked for, the agency reported on and the
/// report.
async fn requested(
    user: WebUser,
    state: &AppState,
    q: &ReportQuery,
) -> Result<(crate::auth::Identity, Period, String, Report), AppError> {
    let user = user.0;
    let p = q.period().map_err(AppError::from)?;
    let agency = q.agency(&user)?;
    let r = super::load(state, &user, p, agency.clone()).await?;
    Ok((user, p, agency, r))
}

/// `bao-cao-2026-07.csv`, `bao-cao-2026-07-01-2026-09-15.xlsx`.
fn file_name(r: &Report, p: &Period, ext: &str) -> String {
    let code = if r.period.is_empty() { format!("{}-{}", p.from, p.to) } else { r.period.clone() };
    format!("bao-cao-{code}.{ext}")
}

pub async fn export_csv(
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let (user, p, _, r) = requested(user, &state, &q).await?;
    let (lang, t) = (user.lang, Tr::new(user.lang));
    let before = p.a_year_earlier().title(lang);
    let bytes = write([t.t("report.section"), t.t("report.figure"), &r.title, &before], &sections(&r, &p, t, false))
        .map_err(AppError::Internal)?;
    Ok(crate::web::download::csv(bytes, &file_name(&r, &p, "csv")))
}

/// The header row's format: bold on a grey fill, wrapped, with a border below.
fn head() -> rust_xlsxwriter::Format {
    use rust_xlsxwriter::{Format, FormatBorder};
    Format::new().set_bold().set_text_wrap().set_background_color("#E9EDF1").set_border_bottom(FormatBorder::Thin)
}

/// Every sheet prints on pages as wide as one sheet of A4 across, its header on each page.
fn for_print(ws: &mut rust_xlsxwriter::Worksheet) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0).set_repeat_rows(0, 0)?;
    Ok(())
}

fn excel_date(d: chrono::NaiveDate) -> Result<rust_xlsxwriter::ExcelDateTime, rust_xlsxwriter::XlsxError> {
    use chrono::Datelike;
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// Writes the workbook: the figures, the period, the trend by month and the split by sector.
pub fn workbook(
    r: &Report,
    p: &Period,
    agency: &str,
    t: Tr,
    sections: &[Section],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let before = p.a_year_earlier();
    let (head, count) = (head(), Format::new().set_num_format("#,##0"));
    let head_num = head.clone().set_align(rust_xlsxwriter::FormatAlign::Right);
    let (vnd, percent) = (Format::new().set_num_format("#,##0 \"₫\""), Format::new().set_num_format("0.0%"));
    let (date, month) = (Format::new().set_num_format("dd/mm/yyyy"), Format::new().set_num_format("mm/yyyy"));
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet().set_name(t.t("report.xlsx.figures"))?;
    let columns = [t.t("report.section"), t.t("report.figure"), &r.title, &before.title(t.lang)];
    for (c, name) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, if c < 2 { &head } else { &head_num })?;
    }
    let mut row = 1u32;
    for s in sections {
        for l in &s.lines {
            ws.write_string(row, 0, s.title)?;
            ws.write_string(row, 1, l.label)?;
            for (c, v) in [(2u16, l.values.0), (3, l.values.1)] {
                match (v, l.unit) {
                    (Some(v), Unit::Percent) => ws.write_number_with_format(row, c, v / 100.0, &percent)?,
                    (Some(v), Unit::Vnd) => ws.write_number_with_format(row, c, v, &vnd)?,
                    (Some(v), Unit::Count) => ws.write_number_with_format(row, c, v, &count)?,
                    (None, _) => ws,
                };
            }
            row += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 44)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(3, 18)?;
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 3)?;
    for_print(ws)?;

    let ws = wb.add_worksheet().set_name(t.t("report.xlsx.period"))?;
    let lines = [
        (t.t("report.agency"), None, agency.to_string()),
        (t.t("report.period"), None, r.title.clone()),
        (t.t("report.from"), Some(p.from), String::new()),
        (t.t("report.to"), Some(p.to), String::new()),
        (t.t("report.xlsx.before_from"), Some(before.from), String::new()),
        (t.t("report.xlsx.before_to"), Some(before.to), String::new()),
        (t.t("report.xlsx.made_on"), Some(crate::time::today_vn()), String::new()),
    ];
    ws.write_string_with_format(0, 0, t.t("report.figure"), &head)?;
    ws.write_string_with_format(0, 1, "", &head)?;
    for (i, (label, day, text)) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, *label)?;
        match day {
            Some(d) => ws.write_datetime_with_format(row, 1, excel_date(*d)?, &date)?,
            None => ws.write_string(row, 1, text)?,
        };
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 48)?;
    for_print(ws)?;

    let ws = wb.add_worksheet().set_name(t.t("report.xlsx.trend"))?;
    ws.write_string_with_format(0, 0, t.t("report.month"), &head)?;
    let shown = crate::reports::queries::Month::shown(&r.trend);
    for (c, (key, _)) in shown.iter().enumerate() {
        ws.write_string_with_format(0, c as u16 + 1, t.t(key), &head_num)?;
        ws.set_column_width(c as u16 + 1, 22)?;
    }
    for (i, m) in r.trend.iter().enumerate() {
        let row = i as u32 + 1;
        if let Ok(first) = chrono::NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d") {
            ws.write_datetime_with_format(row, 0, excel_date(first)?, &month)?;
        }
        for (c, (_, get)) in shown.iter().enumerate() {
            ws.write_number_with_format(row, c as u16 + 1, get(m).unwrap_or(0) as f64, &count)?;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 12)?;
    for_print(ws)?;

    let ws = wb.add_worksheet().set_name(t.t("report.xlsx.sectors"))?;
    for (c, key) in ["report.xlsx.sector", "report.trend.begun", "report.trend.dossiers"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, t.t(key), if c == 0 { &head } else { &head_num })?;
    }
    for (i, s) in r.by_sector.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &s.name)?;
        ws.write_number_with_format(row, 1, s.inspections_begun as f64, &count)?;
        ws.write_number_with_format(row, 2, s.dossiers_received as f64, &count)?;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(2, 22)?;
    for_print(ws)?;
    wb.save_to_buffer()
}

pub async fn export_xlsx(
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let (user, p, agency, r) = requested(user, &state, &q).await?;
    let t = Tr::new(user.lang);
    let name = state.db.run(move |conn| Ok(crate::agencies::queries::find(conn, &agency)?.name)).await?;
    let bytes = workbook(&r, &p, &name, t, &sections(&r, &p, t, false))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("xlsx: {e}")))?;
    Ok(crate::web::download::attachment(
        bytes,
        &file_name(&r, &p, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::pages::dashboard::Line;

    #[test]
    fn numbers_stay_numbers_and_formulas_become_text() {
        let line = |label: &'static str, values| Line {
            label,
            unit: crate::reports::pages::dashboard::Unit::Count,
            values,
            now: String::new(),
            before: String::new(),
            change: String::new(),
            href: String::new(),
        };
        let s = Section {
            title: "=HYPERLINK(\"x\")",
            more: String::new(),
            lines: vec![line("+cmd", (Some(3.0), Some(0.0))), line("Tỷ lệ", (Some(87.5), None))],
        };
        let out = write(["a", "b", "c", "d"], &[s]).unwrap();
        let text = String::from_utf8(out[3..].to_vec()).unwrap();
        assert_eq!(text, "a,b,c,d\n\"'=HYPERLINK(\"\"x\"\")\",'+cmd,3,0\n\"'=HYPERLINK(\"\"x\"\")\",Tỷ lệ,87.5,\n");
    }
}
