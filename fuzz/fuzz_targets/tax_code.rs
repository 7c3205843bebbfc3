//! Tax codes (mã số thuế): any text is accepted or refused with a reason; what is accepted reads
//! back to itself and is only digits and one dash.
#![no_main]
use libfuzzer_sys::fuzz_target;
use thanhtra::domain::TaxCode;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(t) = TaxCode::parse(s) {
        let again = TaxCode::parse(t.as_str()).expect("an accepted code reads back");
        assert_eq!(again.as_str(), t.as_str());
        assert!(t.as_str().bytes().all(|b| b.is_ascii_digit() || b == b'-'));
    }
});
