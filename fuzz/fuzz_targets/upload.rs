//! Photo uploads: any bytes are accepted as a JPEG, PNG or WebP photo or refused, by content and
//! size before decoding, without a panic and within the decoder's memory cap.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(photo) = thanhtra::inspections::steps::findings::check_photo(data.to_vec(), 2 * 1024 * 1024) {
        assert!(["image/jpeg", "image/png", "image/webp"].contains(&photo.content_type));
    }
});
