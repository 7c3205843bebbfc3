//! The outlet CSV import reader: any bytes give rows or refusals, never a panic; every row it
//! accepts passes the same checks as a form.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use thanhtra::sectors::SectorRow;

static SECTORS: LazyLock<Vec<SectorRow>> =
    LazyLock::new(|| thanhtra::sectors::model::builtin_rows(chrono::NaiveDateTime::default()).unwrap());

fuzz_target!(|data: &[u8]| {
    let mut seen = Vec::new();
    let parsed = thanhtra::outlets::csv_io::parse(data, &SECTORS, &mut |tax| {
        seen.push(tax.to_string());
        (seen.len() % 7 == 0).then(|| "Công ty đã có".to_string())
    });
    assert!(parsed.rows.len() <= data.len() + 1);
});
