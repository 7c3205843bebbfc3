//! A page's form body (application/x-www-form-urlencoded) as the service reads it: the CSRF token
//! split off, the rest read into the outlet form and checked. Malformed bodies are refused, never a
//! panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use thanhtra::outlets::forms::OutletForm;
use thanhtra::sectors::SectorRow;

static SECTORS: LazyLock<Vec<SectorRow>> =
    LazyLock::new(|| thanhtra::sectors::model::builtin_rows(chrono::NaiveDateTime::default()).unwrap());

fuzz_target!(|data: &[u8]| {
    if let Ok((_csrf, form)) = thanhtra::auth::session::read_form::<OutletForm>(data) {
        let _ = form.draft().validate(&SECTORS);
    }
    let _ = thanhtra::auth::session::read_form::<thanhtra::web::NoFields>(data);
});
