//! The report as CSV: one line per figure (section, figure, the period, the same period a year
//! earlier), numbers as numbers, every text cell neutralised against spreadsheet formulas.

use actix_web::{HttpResponse, web};

use crate::auth::WebUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::reports::api::ReportQuery;
use crate::reports::pages::dashboard::{Section, sections};
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

pub async fn export_csv(
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    let p = q.period().map_err(AppError::from)?;
    let (lang, t) = (user.lang, Tr::new(user.lang));
    let r = super::load(&state, &user, p).await?;
    let before = p.a_year_earlier().title(lang);
    let bytes = write([t.t("report.section"), t.t("report.figure"), &r.title, &before], &sections(&r, &p, t))
        .map_err(AppError::Internal)?;
    let code = if r.period.is_empty() { format!("{}-{}", p.from, p.to) } else { r.period.clone() };
    let name = format!("bao-cao-{code}.csv");
    Ok(crate::web::download::csv(bytes, &name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::pages::dashboard::Line;

    #[test]
    fn numbers_stay_numbers_and_formulas_become_text() {
        let line = |label: &'static str, values| Line {
            label,
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
