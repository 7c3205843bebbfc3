//! CSV import and export. Import reads UTF-8 with or without a BOM (as Excel writes "CSV UTF-8"),
//! with `,` or `;` separators, header names in English codes or Vietnamese labels, and checks every
//! row before anything is written. Export writes the same columns, with a BOM so Excel opens it.

use std::collections::{BTreeMap, HashMap};

use super::forms::{AttrInput, EmailsInput, OutletDraft, ValidOutlet};
use super::model::OutletRow;
use crate::domain::text::fold;
use crate::error::{Code, FieldError, FieldErrors};
use crate::i18n::Lang;
use crate::sectors::SectorRow;

pub const MAX_ROWS: usize = 5000;

/// Columns in export order, with the Vietnamese header also accepted on import.
pub const COLUMNS: [(&str, &str); 14] = [
    ("name", "Tên cơ sở"),
    ("sector", "Lĩnh vực"),
    ("kind", "Loại hình"),
    ("tax_code", "Mã số thuế"),
    ("business_reg_no", "Số đăng ký kinh doanh"),
    ("address", "Địa chỉ"),
    ("commune", "Xã/phường"),
    ("province", "Tỉnh"),
    ("legal_representative", "Người đại diện"),
    ("phone", "Điện thoại"),
    ("notice_emails", "Email nhận thông báo"),
    ("status", "Trạng thái"),
    ("notes", "Ghi chú"),
    ("attributes", "Thông tin theo lĩnh vực"),
];

/// One data row of an uploaded file, checked.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub name: String,
    pub tax_code: String,
    pub sector: String,
    pub result: Result<ValidOutlet, FieldErrors>,
}

#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub rows: Vec<ImportRow>,
    /// Problems with the file as a whole (encoding, header, size).
    pub file_errors: Vec<FieldError>,
}

impl ParsedFile {
    pub fn ok_count(&self) -> usize {
        self.rows.iter().filter(|r| r.result.is_ok()).count()
    }
    pub fn bad_count(&self) -> usize {
        self.rows.len() - self.ok_count()
    }
    pub fn is_clean(&self) -> bool {
        self.file_errors.is_empty() && self.bad_count() == 0 && !self.rows.is_empty()
    }
}

fn column_for(header: &str, sectors: &[SectorRow]) -> Option<String> {
    let f = fold(header);
    for (code, vi) in COLUMNS {
        if f == fold(code) || f == fold(vi) {
            return Some(code.to_string());
        }
    }
    // A sector field, written `attr.<key>` or by its label.
    if let Some(key) = header.trim().strip_prefix("attr.") {
        return Some(format!("attr.{key}"));
    }
    for s in sectors {
        for d in s.attrs() {
            if f == fold(&d.label_vi) || f == fold(&d.label_en) {
                return Some(format!("attr.{}", d.key));
            }
        }
    }
    None
}

/// Reads and checks a whole file. Nothing is written here.
pub fn parse(
    bytes: &[u8],
    sectors: &[SectorRow],
    lookup_duplicate: &mut dyn FnMut(&str) -> Option<String>,
) -> ParsedFile {
    let mut file_errors = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        file_errors.push(FieldError::new("file", Code::FileNotCsv));
        return ParsedFile { rows: vec![], file_errors };
    };
    if text.contains('\0') {
        file_errors.push(FieldError::new("file", Code::FileNotCsv));
        return ParsedFile { rows: vec![], file_errors };
    }
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(_) => {
            file_errors.push(FieldError::new("file", Code::FileNotCsv));
            return ParsedFile { rows: vec![], file_errors };
        }
    };
    let mut columns: Vec<Option<String>> = Vec::new();
    for h in &headers {
        let c = column_for(h, sectors);
        if c.is_none() && !h.trim().is_empty() {
            file_errors.push(FieldError::with_arg("file", Code::UnknownColumn, h));
        }
        columns.push(c);
    }
    for required in ["name", "sector"] {
        if !columns.iter().any(|c| c.as_deref() == Some(required)) {
            file_errors.push(FieldError::with_arg("file", Code::ColumnMissing, required));
        }
    }
    if !file_errors.is_empty() {
        return ParsedFile { rows: vec![], file_errors };
    }
    let mut rows = Vec::new();
    let mut seen_tax: HashMap<String, usize> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        if rows.len() >= MAX_ROWS {
            file_errors.push(FieldError::with_arg("file", Code::FileTooManyRows, MAX_ROWS));
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                rows.push(ImportRow {
                    line,
                    name: String::new(),
                    tax_code: String::new(),
                    sector: String::new(),
                    result: Err(FieldErrors(vec![FieldError::with_arg("row", Code::LineFormat, line)])),
                });
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut values: BTreeMap<String, String> = BTreeMap::new();
        let mut attrs: BTreeMap<String, String> = BTreeMap::new();
        for (idx, cell) in record.iter().enumerate() {
            let cell = unneutralise(cell);
            if let Some(c) = columns.get(idx).cloned().flatten() {
                match c.strip_prefix("attr.") {
                    Some(k) => {
                        attrs.insert(k.to_string(), cell.replace(" | ", "\n"));
                    }
                    None => {
                        values.insert(c, cell.to_string());
                    }
                }
            }
        }
        let get = |k: &str| values.get(k).cloned().unwrap_or_default();
        let draft = OutletDraft {
            name: get("name"),
            sector: get("sector"),
            kind: get("kind"),
            tax_code: get("tax_code"),
            business_reg_no: get("business_reg_no"),
            address: get("address"),
            commune: get("commune"),
            province: get("province"),
            legal_representative: get("legal_representative"),
            phone: get("phone"),
            notice_emails: EmailsInput::Text(get("notice_emails")),
            attributes: AttrInput::Text(attrs),
            status: get("status"),
            notes: get("notes"),
        };
        let mut result = draft.validate(sectors);
        if let Ok(v) = &result
            && let Some(t) = &v.tax_code
        {
            let key = t.as_str().to_string();
            let mut errs = FieldErrors::new();
            if let Some(prev) = seen_tax.get(&key) {
                errs.push(FieldError::with_arg("tax_code", Code::TaxCodeDuplicateFile, prev));
            } else if let Some(name) = lookup_duplicate(&key) {
                errs.push(FieldError::with_arg("tax_code", Code::TaxCodeDuplicate, name));
            }
            seen_tax.entry(key).or_insert(line);
            if !errs.is_empty() {
                result = Err(errs);
            }
        }
        rows.push(ImportRow { line, name: get("name"), tax_code: get("tax_code"), sector: get("sector"), result });
    }
    if rows.is_empty() && file_errors.is_empty() {
        file_errors.push(FieldError::new("file", Code::FileEmpty));
    }
    ParsedFile { rows, file_errors }
}

pub use crate::web::download::{FORMULA_START, neutralise};

/// The inverse when a file we exported comes back in: `'=x` reads as `=x` (the field's own checks
/// then apply as to any input).
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// Writes outlets as CSV with a BOM, in the import's column layout (sector fields as `attr.<key>`).
pub fn export(rows: &[OutletRow], sectors: &[SectorRow], lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut attr_keys: Vec<(String, String)> = Vec::new();
    for s in sectors {
        for d in s.attrs() {
            if !attr_keys.iter().any(|(k, _)| k == &d.key) {
                attr_keys.push((d.key.clone(), d.label(lang).to_string()));
            }
        }
    }
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let mut header: Vec<String> =
            COLUMNS.iter().filter(|(c, _)| *c != "attributes").map(|(c, _)| c.to_string()).collect();
        header.extend(attr_keys.iter().map(|(k, _)| format!("attr.{k}")));
        w.write_record(&header)?;
        for r in rows {
            let sector = sectors.iter().find(|s| s.code == r.sector_code);
            let attrs = r.attrs();
            let mut rec = vec![
                r.name.clone(),
                r.sector_code.clone(),
                r.kind.clone(),
                r.tax_code.clone().unwrap_or_default(),
                r.business_reg_no.clone(),
                r.street.clone(),
                r.commune.clone(),
                r.province.clone(),
                r.legal_representative.clone(),
                r.phone.clone(),
                r.emails().join(", "),
                r.status.clone(),
                r.notes.clone(),
            ];
            for (k, _) in &attr_keys {
                let def = sector.and_then(|s| s.attrs().into_iter().find(|d| &d.key == k));
                rec.push(def.map(|d| d.display(attrs.get(k))).unwrap_or_default());
            }
            w.write_record(rec.iter().map(|c| neutralise(c)))?;
        }
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{neutralise, unneutralise};

    #[test]
    fn formula_cells_are_written_as_text_and_read_back_as_they_were() {
        for cell in
            ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1:A2)", "\tx", "\rx"]
        {
            let out = neutralise(cell);
            assert!(out.starts_with('\''), "{cell:?}");
            assert_eq!(unneutralise(&out), cell);
        }
        assert_eq!(neutralise("Công ty TNHH In Hồng Lam"), "Công ty TNHH In Hồng Lam");
        assert_eq!(unneutralise("'ordinary"), "'ordinary", "a quote before ordinary text is data");
    }
}
