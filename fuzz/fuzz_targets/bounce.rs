//! Delivery status notifications read as MIME: any bytes give a report or nothing, never a panic;
//! what a report names is well formed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(r) = thanhtra::mail::dsn::read(data) {
        for id in &r.message_ids {
            assert!(id.starts_with('<') && id.ends_with('>'));
        }
        for f in &r.failures {
            assert!(f.diagnostic.chars().count() <= 400);
            if let Some(a) = &f.recipient {
                assert!(a.contains('@') && !a.contains(char::is_whitespace));
            }
        }
    }
});
