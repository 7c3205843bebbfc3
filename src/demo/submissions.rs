//! Complaints, denunciations and petitions about the registry's outlets, received over the last
//! year through every channel, written through the complaints desk's own steps: the intake
//! (register number, tracking code, the sender, the outlet, the handling clock, the audit entries),
//! then for most of them the outcome of their handling (accepted, forwarded, guided, refused, filed)
//! and for older accepted cases their resolution, each step drafting its letter as it would at the
//! desk. Many submissions to a transaction. The wording is Vietnamese, as people write it.

use chrono::{Days, NaiveDate};
use fastrand::Rng;

use super::people::{self, pick, weighted};
use super::tally::{Phase, Progress, Tally};
use super::write::{Placed, Team};
use crate::audit::Actor;
use crate::complaints::model::{Channel, Kind};
use crate::complaints::steps::advance::{self, StepInput};
use crate::complaints::steps::intake::{self, PersonInput, SubmissionInput};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;

const KINDS: &[(Kind, u32)] = &[(Kind::Petition, 50), (Kind::Complaint, 30), (Kind::Denunciation, 20)];
const CHANNELS: &[(Channel, u32)] =
    &[(Channel::WalkIn, 30), (Channel::Post, 35), (Channel::Forwarded, 15), (Channel::Email, 15), (Channel::Web, 5)];
const FORWARDERS: &[&str] = &[
    "Ban Tiếp công dân tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Đoàn đại biểu Quốc hội tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
];

/// What the sender writes about an outlet of `sector`, by kind: (subject, content).
fn wording(rng: &mut Rng, kind: Kind, sector: &str) -> (String, String) {
    let what = match sector {
        "printing" => "cơ sở in",
        "postal" => "doanh nghiệp bưu chính",
        "game" => "điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "press" => "văn phòng đại diện cơ quan báo chí",
        "online_info" => "trang thông tin điện tử tổng hợp",
        _ => "cơ sở",
    };
    match kind {
        Kind::Complaint => {
            let s =
                *pick(rng, &["quyết định xử phạt vi phạm hành chính", "việc thu hồi giấy phép", "kết luận kiểm tra"]);
            (
                format!("Khiếu nại {s} đối với {what}"),
                format!("Người khiếu nại không đồng ý với {s}, đề nghị xem xét lại vì chưa được giải trình."),
            )
        }
        Kind::Denunciation => {
            let s = *pick(
                rng,
                &[
                    "hoạt động không có giấy phép",
                    "in xuất bản phẩm không rõ nguồn gốc",
                    "cho học sinh chơi quá giờ quy định",
                    "đăng tin sai sự thật",
                ],
            );
            (
                format!("Tố cáo {what} {s}"),
                format!("Người tố cáo phản ánh {what} {s}, đề nghị cơ quan kiểm tra, xử lý."),
            )
        }
        _ => {
            let s = *pick(
                rng,
                &[
                    "hoạt động quá giờ, gây ồn",
                    "treo biển hiệu không đúng quy định",
                    "chậm phát bưu gửi",
                    "để học sinh chơi trong giờ học",
                ],
            );
            (
                format!("Phản ánh {what} {s}"),
                format!("Người dân phản ánh {what} {s}; đề nghị cơ quan chức năng xem xét."),
            )
        }
    }
}

fn phone(rng: &mut Rng) -> String {
    format!("09{} {:03} {:03}", rng.u8(0..10), rng.u16(0..1000), rng.u16(0..1000))
}

/// What happens to it once received, and a step's date after `after` (not after today).
fn later(rng: &mut Rng, after: NaiveDate, days: std::ops::Range<u64>, today: NaiveDate) -> Option<NaiveDate> {
    let d = after.checked_add_days(Days::new(rng.u64(days)))?;
    (d <= today).then_some(d)
}

fn take(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency: &str,
    step: &str,
    on: NaiveDate,
    text: &str,
) -> Result<(), AppError> {
    let input = StepInput {
        step: step.into(),
        date: on.to_string(),
        reason: if step == "forward" { String::new() } else { text.into() },
        body: if step == "forward" { text.into() } else { String::new() },
        days: String::new(),
    };
    advance::step(conn, actor, id, agency, &input).map(|_| ())
}

/// Writes `n` submissions, `batch` to a transaction.
#[expect(clippy::too_many_arguments, reason = "one call from the generator, each argument named there")]
pub fn submissions(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    placed: &[Placed],
    team: &Team,
    n: usize,
    batch: usize,
    rng: &mut Rng,
    tally: &mut Tally,
    progress: &mut Progress,
) -> Result<(), AppError> {
    tally.enter(Phase::Submissions);
    if placed.is_empty() {
        return Ok(());
    }
    let today = crate::time::today_vn();
    let officers: Vec<String> = team.inspectors.iter().chain(team.leaders.iter()).map(|u| u.id.clone()).collect();
    let mut left = n;
    while left > 0 {
        let now = left.min(batch.max(1));
        write_tx(conn, |conn| {
            for _ in 0..now {
                let (outlet, sector) = pick(rng, placed);
                let kind = *weighted(rng, KINDS);
                let channel = *weighted(rng, CHANNELS);
                let received = today.checked_sub_days(Days::new(rng.u64(0..365))).unwrap_or(today);
                let (subject, content) = wording(rng, kind, sector);
                let who = people::person(rng);
                let forwarded = channel == Channel::Forwarded;
                let input = SubmissionInput {
                    received_on: received.to_string(),
                    channel: channel.code().into(),
                    forwarded_by: if forwarded { pick(rng, FORWARDERS).to_string() } else { String::new() },
                    forwarded_ref: if forwarded {
                        format!("Công văn số {}/CV ngày {}", rng.u16(1..900), received.format("%d/%m/%Y"))
                    } else {
                        String::new()
                    },
                    kind: kind.code().into(),
                    kind_reason: "Phân loại theo nội dung đơn".into(),
                    competence: "within".into(),
                    subject,
                    content,
                    people: vec![PersonInput { full_name: who.full_name(), phone: phone(rng), ..Default::default() }],
                    outlet_ids: outlet.to_string(),
                    officer_id: officers.get(rng.usize(..officers.len().max(1))).cloned().unwrap_or_default(),
                    ..Default::default()
                };
                let v = input.validate().map_err(AppError::from)?;
                let s = intake::create(conn, actor, agency_id, v)?;
                // Its handling, within about ten days: most accepted, some sent elsewhere.
                let Some(on) = later(rng, received, 1..10, today) else { continue };
                match rng.u32(..100) {
                    0..=54 => {
                        take(conn, actor, &s.id, agency_id, "accept", on, "")?;
                        if kind != Kind::Petition {
                            if let Some(v_on) = later(rng, on, 1..10, today) {
                                take(conn, actor, &s.id, agency_id, "start_verification", v_on, "")?;
                                if let Some(d_on) = later(rng, v_on, 15..40, today) {
                                    take(
                                        conn,
                                        actor,
                                        &s.id,
                                        agency_id,
                                        "decide",
                                        d_on,
                                        "Nội dung đơn đúng một phần; đã yêu cầu cơ sở khắc phục",
                                    )?;
                                }
                            }
                        } else if let Some(a_on) = later(rng, on, 3..20, today) {
                            take(
                                conn,
                                actor,
                                &s.id,
                                agency_id,
                                "answer",
                                a_on,
                                "Đã kiểm tra, nhắc nhở cơ sở chấp hành quy định",
                            )?;
                        }
                    }
                    55..=69 => {
                        take(conn, actor, &s.id, agency_id, "forward", on, "Ủy ban nhân dân xã nơi cơ sở hoạt động")?
                    }
                    70..=79 => take(
                        conn,
                        actor,
                        &s.id,
                        agency_id,
                        "guide",
                        on,
                        "Gửi đơn đến Ủy ban nhân dân cấp xã để được giải quyết",
                    )?,
                    80..=84 => {
                        take(conn, actor, &s.id, agency_id, "file", on, "Nội dung đã được giải quyết trước đây")?
                    }
                    _ => {}
                }
            }
            Ok::<(), AppError>(())
        })?;
        left -= now;
        tally.submissions += now;
        progress(tally);
    }
    Ok(())
}
