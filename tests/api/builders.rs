//! Builders for the fixtures many tests share, so that a test reads as its scenario: an agency with a
//! signer, users (with a token), outlets, an engagement walked to a given state, an issued document.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::helpers::{TestApp, duc_huy, ghtk, hong_lam, valid_mst};

async fn ok(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>, want: StatusCode) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert_eq!(s, want, "{path}: {v}");
    v
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap_or_else(|| panic!("an id in {v}")).to_string()
}

/// Gives the default agency a signer in force and returns the signer's id.
pub fn agency_with_signer(app: &TestApp) -> String {
    let id = app.default_agency();
    app.with_conn(|c| {
        let signer = thanhtra::agencies::forms::SignerInput {
            prefix: "KT.".into(),
            authority_title: "CHÁNH THANH TRA".into(),
            title: "PHÓ CHÁNH THANH TRA".into(),
            full_name: "Nguyễn Văn Đạt".into(),
            ..Default::default()
        };
        let saved = thanhtra::agencies::steps::signers::save(
            c,
            &thanhtra::audit::Actor::system("test"),
            &id,
            &[signer],
            thanhtra::agencies::forms::Omitted::Kept,
        )
        .unwrap();
        saved.iter().find(|s| s.full_name == "Nguyễn Văn Đạt").expect("the signer saved").id.clone()
    })
}

/// The delegation of sanctioning power under which the fixture's deputy ("KT. CHÁNH THANH TRA")
/// signs sanction decisions, as their last basis cites it.
pub const DELEGATION: &str =
    "Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chánh Thanh tra tỉnh về việc giao quyền xử phạt vi phạm hành chính";

/// Records `delegation` for the default agency's signer `signer` the way an API client does: the
/// list read, that entry changed, the list saved back without what it shows beside each signer
/// (by an administrator it creates, so once per app).
pub async fn delegate(app: &TestApp, signer: &str, delegation: &str) {
    let admin = app.create_user("quantrigiaoquyen", Role::Admin, &app.default_agency());
    let token = app.token_for(&admin);
    let path = format!("/api/v1/agencies/{}/signers", app.default_agency());
    let mut list = ok(app, &token, Method::GET, &path, None, StatusCode::OK).await;
    for entry in list.as_array_mut().unwrap() {
        // What the list shows beside each signer is not saved.
        let e = entry.as_object_mut().unwrap();
        e.remove("in_force");
        e.remove("documents");
        if e["id"] == signer {
            e.insert("sanction_delegation".into(), json!(delegation));
        }
    }
    let saved = ok(app, &token, Method::PUT, &path, Some(list), StatusCode::OK).await;
    let entry = saved.as_array().unwrap().iter().find(|s| s["id"] == signer).unwrap().clone();
    assert_eq!(entry["sanction_delegation"], delegation, "{saved}");
}

/// Gives the default agency the State Treasury its sanction decisions name (where fines are paid).
pub fn with_treasury(app: &TestApp) {
    app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::agencies;
        diesel::update(agencies::table)
            .set((agencies::treasury_name.eq("Kho bạc Nhà nước khu vực XIII"), agencies::treasury_account.eq("7111")))
            .execute(c)
            .unwrap();
    });
}

/// The catalogue id of the printing rule on an unregistered colour copier (NĐ 72/2022).
pub fn colour_copier_rule(app: &TestApp) -> String {
    app.with_conn(|c| {
        thanhtra::inspections::catalogue::violations(c)
            .unwrap()
            .into_iter()
            .find(|v| v.code == "printing.colour_copier_unregistered")
            .unwrap()
            .id
    })
}

/// A user account (password `helpers::PASSWORD`), of the default agency unless told otherwise.
pub struct UserBuilder {
    username: String,
    role: Role,
    agency: Option<String>,
}

impl UserBuilder {
    pub fn new(username: &str, role: Role) -> Self {
        UserBuilder { username: username.into(), role, agency: None }
    }

    pub fn leader(username: &str) -> Self {
        Self::new(username, Role::Leader)
    }

    pub fn inspector(username: &str) -> Self {
        Self::new(username, Role::Inspector)
    }

    pub fn agency(mut self, agency_id: &str) -> Self {
        self.agency = Some(agency_id.into());
        self
    }

    /// Creates the user and returns its id.
    pub fn build(self, app: &TestApp) -> String {
        let agency = self.agency.unwrap_or_else(|| app.default_agency());
        app.create_user(&self.username, self.role, &agency)
    }

    /// Creates the user and an API token for it: (id, token).
    pub fn build_with_token(self, app: &TestApp) -> (String, String) {
        let id = self.build(app);
        let token = app.token_for(&id);
        (id, token)
    }
}

/// An outlet created through the API, from one of the presets in `helpers`.
pub struct OutletBuilder {
    body: Value,
}

impl OutletBuilder {
    /// A printing house (Công ty TNHH In Hồng Lam) with a valid tax code near `seq`.
    pub fn printing(seq: u32) -> Self {
        OutletBuilder { body: hong_lam(&valid_mst(seq)) }
    }

    /// A postal branch (GHTK Hà Tĩnh) with a valid tax code near `seq`.
    pub fn postal(seq: u32) -> Self {
        OutletBuilder { body: ghtk(&valid_mst(seq)) }
    }

    /// A game room run by a household (no tax code).
    pub fn game() -> Self {
        OutletBuilder { body: duc_huy() }
    }

    /// Sets (or replaces) one field of the body sent.
    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.body[field] = value;
        self
    }

    /// The JSON body that `build` sends.
    pub fn body(self) -> Value {
        self.body
    }

    /// Creates the outlet and returns its id.
    pub async fn build(self, app: &TestApp, token: &str) -> String {
        id_of(&app.api_create_outlet(token, self.body).await)
    }
}

/// The states an `EngagementBuilder` can walk an engagement to, in the order of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EngagementState {
    Planned,
    Preparation,
    Announced,
    OnSite,
    Report,
}

/// An ad hoc check of an outlet opened through the API, then walked step by step to a state.
pub struct EngagementBuilder {
    body: Value,
    state: EngagementState,
}

impl EngagementBuilder {
    /// A check (kiểm tra) of `outlet` led by `leader`, signed by `signer`; left planned unless told.
    pub fn check(outlet: &str, leader: &str, signer: &str) -> Self {
        EngagementBuilder {
            body: json!({
                "outlet_id": outlet,
                "kind": "kiem_tra",
                "reason": "Phản ánh của người dân về in ấn phẩm không phép",
                "scope": "Hoạt động in",
                "leader_id": leader,
                "signer_id": signer,
            }),
            state: EngagementState::Planned,
        }
    }

    /// The team's members (ids separated by commas, as the API takes them).
    pub fn members(mut self, member_ids: &str) -> Self {
        self.body["member_ids"] = member_ids.into();
        self
    }

    /// Sets (or replaces) one field of the body that opens the engagement.
    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.body[field] = value;
        self
    }

    pub fn state(mut self, state: EngagementState) -> Self {
        self.state = state;
        self
    }

    /// Opens the engagement, walks it to the state asked for and returns its id.
    pub async fn build(self, app: &TestApp, token: &str) -> String {
        let created = ok(app, token, Method::POST, "/api/v1/engagements", Some(self.body), StatusCode::CREATED).await;
        let id = id_of(&created["engagement"]);
        let steps = [
            (EngagementState::Preparation, "decide"),
            (EngagementState::Announced, "announce"),
            (EngagementState::OnSite, "start_on_site"),
        ];
        for (reached, step) in steps {
            if self.state >= reached {
                engagement_step(app, token, &id, json!({"step": step})).await;
            }
        }
        if self.state >= EngagementState::Report {
            // Direct work ends only once something was found: the first checklist item, compliant.
            let d = ok(app, token, Method::GET, &format!("/api/v1/engagements/{id}"), None, StatusCode::OK).await;
            let finding = id_of(&d["findings"][0]);
            ok(
                app,
                token,
                Method::PUT,
                &format!("/api/v1/engagements/{id}/findings/{finding}"),
                Some(json!({"result": "compliant"})),
                StatusCode::OK,
            )
            .await;
            engagement_step(app, token, &id, json!({"step": "end_on_site"})).await;
        }
        id
    }
}

/// Takes one step of an engagement and returns the engagement as it is after it.
pub async fn engagement_step(app: &TestApp, token: &str, id: &str, body: Value) -> Value {
    ok(app, token, Method::POST, &format!("/api/v1/engagements/{id}/steps"), Some(body), StatusCode::OK).await
}

/// A notice with everything issuing needs (body, signer, recipients).
pub fn document_draft(signer: &str) -> Value {
    json!({
        "doc_type": "notice",
        "summary": "Về việc chấn chỉnh",
        "body": "Nội dung.",
        "signer_id": signer,
        "recipients": "Như trên;\nLưu: VT.",
    })
}

/// Drafts `document_draft`, issues it and returns the issued document.
pub async fn issued_document(app: &TestApp, token: &str, signer: &str) -> Value {
    issued_document_with(app, token, signer, json!({})).await
}

/// As `issued_document`, with the fields of `fields` set over the default draft.
pub async fn issued_document_with(app: &TestApp, token: &str, signer: &str, fields: Value) -> Value {
    let mut body = document_draft(signer);
    for (k, v) in fields.as_object().expect("fields are an object") {
        body[k] = v.clone();
    }
    let draft = ok(app, token, Method::POST, "/api/v1/documents", Some(body), StatusCode::CREATED).await;
    let id = id_of(&draft);
    ok(app, token, Method::POST, &format!("/api/v1/documents/{id}/issue"), None, StatusCode::OK).await
}

#[actix_web::test]
async fn the_builders_make_what_they_say() {
    let app = crate::helpers::spawn_app().await;
    let signer = agency_with_signer(&app);
    let (leader, token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    let inspector = UserBuilder::inspector("thanhtravien").build(&app);
    let printing = OutletBuilder::printing(7001).build(&app, &token).await;
    let game = OutletBuilder::game().with("address", json!("Thôn Tây")).build(&app, &token).await;
    let o = ok(&app, &token, Method::GET, &format!("/api/v1/outlets/{game}"), None, StatusCode::OK).await;
    assert_eq!((o["sector"].as_str(), o["address"].as_str()), (Some("game"), Some("Thôn Tây")), "{o}");
    let states = [
        (EngagementState::Planned, "planned"),
        (EngagementState::Preparation, "preparation"),
        (EngagementState::Announced, "announced"),
        (EngagementState::OnSite, "on_site"),
        (EngagementState::Report, "report"),
    ];
    for (state, want) in states {
        let id = EngagementBuilder::check(&printing, &leader, &signer)
            .members(&inspector)
            .with("scope", json!("Hoạt động in và photocopy"))
            .state(state)
            .build(&app, &token)
            .await;
        let d = ok(&app, &token, Method::GET, &format!("/api/v1/engagements/{id}"), None, StatusCode::OK).await;
        assert_eq!(d["engagement"]["state"], want, "{state:?}");
        assert_eq!(d["engagement"]["scope"], "Hoạt động in và photocopy");
    }
    let doc = issued_document(&app, &token, &signer).await;
    assert_eq!(doc["status"], "issued", "{doc}");
    assert!(doc["symbol"].as_str().is_some_and(|s| s.starts_with("01/TB-")), "{doc}");
}
