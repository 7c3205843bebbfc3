//! What a violation record (biên bản vi phạm hành chính, NĐ 118/2021 Mẫu MBB01) states beyond the
//! violation itself, as typed on the violation form and checked here: when and where it is made,
//! the competent official who makes it, the violator's representative, witnesses, the violator's
//! opinion and the right to explain. Pure: no database.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::text;
use crate::error::{Code, FieldError, FieldErrors};

crate::text_enum! {
    /// How the violator may explain (Luật XLVPHC Art. 61 as amended in 2020): in writing within
    /// 05 working days, or by asking within 02 working days for a hearing; none when the law gives
    /// no right to explain (the fine's maximum under the threshold, no licence withdrawn).
    #[derive(Default)]
    pub enum Explanation in "insp.explanation" {
        #[default]
        Written = "written",
        Hearing = "hearing",
        None = "none",
    }
}

/// A witness, or the commune's representative, present when the record is made.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Witness {
    pub name: String,
    /// Occupation, or position and body for the commune's representative.
    pub role: String,
    pub address: String,
}

/// The record's details, stored with the violation (JSON) and printed in the record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RecordDetails {
    /// When the record is made (stored UTC; printed in Vietnam time).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub made_at: Option<NaiveDateTime>,
    /// Where it is made.
    pub place: String,
    /// Why it is made at the office or elsewhere than where the violation happened.
    pub place_reason: String,
    /// The competent official who makes it (any official on duty, Luật XLVPHC Art. 58).
    pub maker_id: String,
    pub maker_name: String,
    pub maker_title: String,
    /// The person who speaks for an organisation, and their title.
    pub representative: String,
    pub representative_title: String,
    /// An individual's particulars (sex, date of birth, ID number, residence), as one text.
    pub offender_details: String,
    pub witnesses: Vec<Witness>,
    /// What the violator (or its representative) says.
    pub opinion: String,
    /// What the witnesses or the commune's representative say.
    pub witness_opinion: String,
    #[schema(value_type = Explanation)]
    pub explanation: Explanation,
    /// Why the violator did not sign, when they refused.
    pub refused_reason: String,
}

/// The record's details as a person types them (form or API).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordInput {
    /// When the record is made, Vietnam time: `YYYY-MM-DDTHH:MM` (a form's datetime-local), not in
    /// the future, not before the day the violation was found; empty: now.
    #[serde(default)]
    pub made_at: String,
    /// Where it is made; empty: the outlet's address. At most 300 characters.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub place: String,
    /// Why it is made elsewhere than where the violation happened. At most 300 characters.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub place_reason: String,
    /// The official who makes the record: a user of the agency; empty: the person recording it.
    #[serde(default)]
    pub maker_id: String,
    /// The organisation's representative; empty: the outlet's legal representative. At most 120.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub representative: String,
    /// Their title (chức danh), e.g. Giám đốc. At most 120 characters.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub representative_title: String,
    /// An individual's particulars. At most 500 characters.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub offender_details: String,
    /// Witnesses, one per line: `name | occupation or position | address` (the last two optional).
    #[serde(default)]
    pub witnesses: String,
    /// What the violator says. At most 2000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub opinion: String,
    /// What the witnesses say. At most 2000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub witness_opinion: String,
    /// `written` (05 working days), `hearing` (ask within 02 working days) or `none`; empty: by
    /// the law's threshold.
    #[serde(default)]
    #[schema(pattern = "^(?:written|hearing|none)?$")]
    pub explanation: String,
}

fn bounded(field: &str, value: &str, max: usize, e: &mut FieldErrors) -> String {
    let v = text::clean(value);
    if v.chars().count() > max {
        e.push(FieldError::with_arg(field, Code::TooLong, max));
    }
    v
}

impl RecordInput {
    /// Checks the input; `now` (UTC) and `found` bound the time it is made, typed in Vietnam time
    /// and stored UTC; `explanation_due` is what the law gives when the field is left empty.
    pub fn validate(
        &self,
        now: NaiveDateTime,
        found: NaiveDate,
        explanation_due: bool,
    ) -> Result<RecordDetails, FieldErrors> {
        let mut e = FieldErrors::new();
        let made_at = match self.made_at.trim() {
            "" => Some(now),
            s => match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
                .or_else(|_| NaiveDateTime::parse_from_str(s, "%d/%m/%Y %H:%M"))
            {
                Ok(t) if crate::time::from_vn_wall(&t) > now + chrono::Duration::minutes(5) => {
                    e.add("made_at", Code::DateFuture);
                    None
                }
                Ok(t) if t.date() < found => {
                    e.add("made_at", Code::BeforeDetection);
                    None
                }
                Ok(t) => Some(crate::time::from_vn_wall(&t)),
                Err(_) => {
                    e.add("made_at", Code::DateInvalid);
                    None
                }
            },
        };
        let mut witnesses = Vec::new();
        for (i, line) in self.witnesses.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            let parts: Vec<String> = line.split('|').map(text::clean).collect();
            if parts.len() > 3 || parts[0].is_empty() || line.chars().count() > 400 {
                e.push(FieldError::with_arg("witnesses", Code::LineFormat, i + 1));
                break;
            }
            witnesses.push(Witness {
                name: parts[0].clone(),
                role: parts.get(1).cloned().unwrap_or_default(),
                address: parts.get(2).cloned().unwrap_or_default(),
            });
        }
        if witnesses.len() > 6 {
            e.push(FieldError::with_arg("witnesses", Code::TooLong, 6));
        }
        let explanation = match self.explanation.trim() {
            "" if explanation_due => Explanation::Written,
            "" => Explanation::None,
            s => Explanation::parse(s).unwrap_or_else(|| {
                e.add("explanation", Code::InvalidChoice);
                Explanation::Written
            }),
        };
        let details = RecordDetails {
            made_at,
            place: bounded("place", &self.place, 300, &mut e),
            place_reason: bounded("place_reason", &self.place_reason, 300, &mut e),
            maker_id: self.maker_id.trim().to_string(),
            maker_name: String::new(),
            maker_title: String::new(),
            representative: bounded("representative", &self.representative, 120, &mut e),
            representative_title: bounded("representative_title", &self.representative_title, 120, &mut e),
            offender_details: bounded("offender_details", &self.offender_details, 500, &mut e),
            witnesses,
            opinion: bounded("opinion", &self.opinion, 2000, &mut e),
            witness_opinion: bounded("witness_opinion", &self.witness_opinion, 2000, &mut e),
            explanation,
            refused_reason: String::new(),
        };
        e.into_result()?;
        Ok(details)
    }
}

impl RecordDetails {
    /// What the history shows of the record's details, in words: who made it, when and where,
    /// the representative, the witnesses.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.maker_name.is_empty() {
            parts.push(format!("{} ({})", self.maker_name, self.maker_title));
        }
        if let Some(t) = self.made_at {
            parts.push(crate::time::show_vn(&t));
        }
        if !self.place.is_empty() {
            parts.push(self.place.clone());
        }
        if !self.representative.is_empty() {
            parts.push(self.representative.clone());
        }
        parts.extend(self.witnesses.iter().map(|w| w.name.clone()));
        parts.join("; ")
    }

    /// The witnesses as the form shows them back, one per line.
    pub fn witness_lines(&self) -> String {
        self.witnesses
            .iter()
            .map(|w| {
                [w.name.as_str(), w.role.as_str(), w.address.as_str()]
                    .iter()
                    .rev()
                    .skip_while(|s| s.is_empty())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn the_record_keeps_its_time_witnesses_and_explanation() {
        let input = RecordInput {
            made_at: "2026-12-03T09:40".into(),
            witnesses: "Lê Văn Chứng | Công chức UBND phường Thành Sen | \nPhạm Thị Kiến".into(),
            opinion: "  Công ty   thừa nhận vi phạm. ".into(),
            ..RecordInput::default()
        };
        let d = input.validate(at("2026-12-05T10:00"), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), true).unwrap();
        // Typed in Vietnam time, stored UTC.
        assert_eq!(d.made_at, Some(at("2026-12-03T02:40")));
        assert_eq!(d.witnesses.len(), 2);
        assert_eq!(d.witnesses[0].role, "Công chức UBND phường Thành Sen");
        assert_eq!(d.opinion, "Công ty thừa nhận vi phạm.");
        assert_eq!(d.explanation, Explanation::Written);
        assert_eq!(d.witness_lines(), "Lê Văn Chứng | Công chức UBND phường Thành Sen\nPhạm Thị Kiến");
    }

    #[test]
    fn a_record_cannot_be_made_before_the_violation_was_found_or_in_the_future() {
        let found = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let now = at("2026-12-05T10:00");
        let e = RecordInput { made_at: "2026-12-02T09:00".into(), ..Default::default() }.validate(now, found, true);
        assert_eq!(e.unwrap_err().0[0].code, Code::BeforeDetection);
        let e = RecordInput { made_at: "2026-12-05T17:10".into(), ..Default::default() }.validate(now, found, true);
        assert_eq!(e.unwrap_err().0[0].code, Code::DateFuture);
        let e = RecordInput { witnesses: "| chỉ có nghề".into(), ..Default::default() }.validate(now, found, true);
        assert_eq!(e.unwrap_err().0[0].code, Code::LineFormat);
        // Without a right to explain, the default is none.
        let d = RecordInput::default().validate(now, found, false).unwrap();
        assert_eq!(d.explanation, Explanation::None);
    }
}
