//! A photo handed in through a form or the API (an inspection's finding, a permit's site survey):
//! recognised by its content, never its name; its size in pixels read from the header and bounded
//! before anything is decoded; decoded fully so a cut-off or forged file is refused; turned upright;
//! thumbnailed; and its EXIF time and GPS position read.

use std::io::Cursor;

use chrono::NaiveDateTime;

use crate::error::{AppError, Code, FieldError, FieldErrors};

/// What a photo shows, as typed: cleaned, at most 300 characters.
pub fn caption(raw: &str) -> Result<String, FieldErrors> {
    let caption = crate::domain::text::clean(raw);
    if caption.chars().count() > 300 {
        return Err(FieldErrors(vec![FieldError::with_arg("caption", Code::TooLong, 300)]));
    }
    Ok(caption)
}

/// A photo that passed the content checks, with what was read from it.
#[derive(Debug)]
pub struct CheckedPhoto {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub thumbnail: Vec<u8>,
    pub taken_at: Option<NaiveDateTime>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

pub const THUMB_EDGE: u32 = 320;

/// The most pixels a photo may have (50 megapixels: the largest phone sensors), checked from the
/// file's header before anything is decoded, so a small file cannot claim a huge image.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Photos decoded at once by this instance; more wait their turn (each can take ~200 MB).
static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// `check_photo` on a blocking thread, at most two at a time.
pub async fn check_photo_bounded(
    bytes: Vec<u8>,
    max_bytes: usize,
) -> Result<Result<CheckedPhoto, FieldErrors>, AppError> {
    let _turn = DECODES.acquire().await.map_err(|e| AppError::Internal(anyhow::anyhow!("decode queue: {e}")))?;
    actix_web::web::block(move || check_photo(bytes, max_bytes))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

/// Accepts JPEG, PNG and WebP by their content (not their name), decodes them fully (a truncated or
/// forged file is refused), and reads EXIF time and GPS.
pub fn check_photo(bytes: Vec<u8>, max_bytes: usize) -> Result<CheckedPhoto, FieldErrors> {
    use image::ImageFormat;
    if bytes.is_empty() {
        return Err(FieldErrors::one("photo", Code::Required));
    }
    if bytes.len() > max_bytes {
        return Err(FieldErrors(vec![FieldError::with_arg("photo", Code::FileTooLarge, max_bytes / 1024)]));
    }
    let format = image::guess_format(&bytes).map_err(|_| FieldErrors::one("photo", Code::NotAnImage))?;
    let content_type = match format {
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Png => "image/png",
        ImageFormat::WebP => "image/webp",
        _ => return Err(FieldErrors::one("photo", Code::NotAnImage)),
    };
    let (w, h) = image::ImageReader::with_format(Cursor::new(&bytes), format)
        .into_dimensions()
        .map_err(|_| FieldErrors::one("photo", Code::NotAnImage))?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(FieldErrors(vec![FieldError::with_arg("photo", Code::ImageTooLarge, MAX_PIXELS / 1_000_000)]));
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(&bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut img = reader.decode().map_err(|_| FieldErrors::one("photo", Code::NotAnImage))?;
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&bytes)).ok();
    let (mut taken_at, mut latitude, mut longitude) = (None, None, None);
    if let Some(x) = &exif {
        if let Some(f) = x.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
            && let Some(o) = f.value.get_uint(0)
            && let Some(o) = image::metadata::Orientation::from_exif(o as u8)
        {
            img.apply_orientation(o);
        }
        let ascii = |tag: exif::Tag| match &x.get_field(tag, exif::In::PRIMARY)?.value {
            exif::Value::Ascii(v) => Some(String::from_utf8_lossy(v.first()?).trim().to_string()),
            _ => None,
        };
        // EXIF times are the camera's local time; its offset when the camera wrote one (OffsetTime*),
        // else Vietnam's. Stored in UTC like every other time.
        taken_at = [
            (exif::Tag::DateTimeOriginal, exif::Tag::OffsetTimeOriginal),
            (exif::Tag::DateTime, exif::Tag::OffsetTime),
        ]
        .iter()
        .find_map(|(t, o)| {
            let local = NaiveDateTime::parse_from_str(&ascii(*t)?, "%Y:%m:%d %H:%M:%S").ok()?;
            let offset = ascii(*o)
                .and_then(|o| {
                    chrono::DateTime::parse_from_str(&format!("2000-01-01T00:00:00{o}"), "%Y-%m-%dT%H:%M:%S%:z").ok()
                })
                .map(|d| *d.offset())
                .unwrap_or_else(crate::time::vn_offset);
            Some(local - chrono::Duration::seconds(offset.local_minus_utc() as i64))
        });
        latitude = gps(x, exif::Tag::GPSLatitude, exif::Tag::GPSLatitudeRef, 'S').filter(|v| v.abs() <= 90.0);
        longitude = gps(x, exif::Tag::GPSLongitude, exif::Tag::GPSLongitudeRef, 'W').filter(|v| v.abs() <= 180.0);
    }
    let thumb = img.thumbnail(THUMB_EDGE, THUMB_EDGE).to_rgb8();
    let mut thumbnail = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut thumbnail, 80)
        .encode_image(&thumb)
        .map_err(|_| FieldErrors::one("photo", Code::NotAnImage))?;
    Ok(CheckedPhoto {
        content_type,
        width: img.width(),
        height: img.height(),
        bytes,
        thumbnail,
        taken_at,
        latitude,
        longitude,
    })
}

fn gps(x: &exif::Exif, tag: exif::Tag, reference: exif::Tag, negative: char) -> Option<f64> {
    let f = x.get_field(tag, exif::In::PRIMARY)?;
    let exif::Value::Rational(parts) = &f.value else { return None };
    if parts.len() < 3 {
        return None;
    }
    let v = parts[0].to_f64() + parts[1].to_f64() / 60.0 + parts[2].to_f64() / 3600.0;
    let sign = match x.get_field(reference, exif::In::PRIMARY).map(|r| r.display_value().to_string()) {
        Some(r) if r.starts_with(negative) => -1.0,
        _ => 1.0,
    };
    Some(sign * v).filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    /// A real PNG whose header is rewritten to claim `w`×`h` (with its checksum fixed): a few
    /// hundred bytes that would decode to gigabytes.
    fn png_claiming(w: u32, h: u32) -> Vec<u8> {
        let mut b = png(4, 4);
        b[16..20].copy_from_slice(&w.to_be_bytes());
        b[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32fast::hash(&b[12..29]);
        b[29..33].copy_from_slice(&crc.to_be_bytes());
        b
    }

    #[test]
    fn a_small_file_claiming_a_huge_image_is_refused_before_decoding() {
        let e = check_photo(png_claiming(12_000, 12_000), 5 << 20).unwrap_err();
        assert_eq!(e.0[0].code, crate::error::Code::ImageTooLarge, "{e:?}");
        let e = check_photo(png_claiming(60_000, 1), 5 << 20).unwrap_err();
        assert_eq!(
            e.0[0].code,
            crate::error::Code::NotAnImage,
            "within the pixel budget, the decoder's own limits refuse it"
        );
    }

    #[test]
    fn a_real_image_is_accepted_and_thumbnailed() {
        let p = check_photo(png(800, 600), 5 << 20).unwrap();
        assert_eq!((p.width, p.height, p.content_type), (800, 600, "image/png"));
        let t = image::load_from_memory(&p.thumbnail).unwrap();
        assert_eq!((t.width(), t.height()), (320, 240));
        assert!(p.taken_at.is_none());
    }

    #[test]
    fn files_that_are_not_images_are_refused() {
        let pdf = b"%PDF-1.7\n1 0 obj<<>>endobj".to_vec();
        assert!(check_photo(pdf, 5 << 20).unwrap_err().has("photo"));
        let mut truncated = png(200, 200);
        truncated.truncate(120);
        assert!(check_photo(truncated, 5 << 20).is_err(), "a cut-off PNG does not decode");
        let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
        fake.extend_from_slice(b"<script>alert(1)</script>");
        assert!(check_photo(fake, 5 << 20).is_err());
        assert!(check_photo(png(50, 50), 100).unwrap_err().0[0].code == crate::error::Code::FileTooLarge);
    }
}
