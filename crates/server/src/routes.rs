//! The handlers: each reads its arguments, calls one store function with the caller's session
//! (the store asks the core whether the caller may), and answers with the store's own types.

use crate::auth::Caller;
use crate::error::HttpError;
use crate::extract::{JsonBody, PackId};
use crate::AppState;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiedu_api::*;
use jiedu_core::identity::Enrolment;
use jiedu_store::{NewPack, SignedSubmission, StoreError};
use std::net::SocketAddr;

type Answer<T> = Result<Json<T>, HttpError>;

/// `GET /health`: who answers.
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        service: "jiedu-server".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        engine: format!("{:?}", state.store.engine()).to_lowercase(),
    })
}

/// `GET /roots`: the admin keys a client may pin at first connection.
pub async fn roots(State(state): State<AppState>) -> Answer<Vec<RootKey>> {
    Ok(Json(
        state
            .store
            .root_admin_keys()
            .await?
            .into_iter()
            .map(|(user_id, public_key)| RootKey {
                user_id,
                public_key,
            })
            .collect(),
    ))
}

/// `GET /accounts`: who can sign in, for the desktop's sign-in screen (ids, names, units and
/// roles; no keys).
pub async fn accounts(State(state): State<AppState>) -> Answer<Vec<jiedu_store::UserInfo>> {
    Ok(Json(
        state
            .store
            .user_infos()
            .await?
            .into_iter()
            .filter(|u| u.public_key.is_some())
            .map(|u| jiedu_store::UserInfo {
                public_key: None,
                ..u
            })
            .collect(),
    ))
}

/// `POST /auth/keys`: a person's keys, sealed under their passphrase, for their desktop to open.
pub async fn sealed_keys(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<UserRequest>,
) -> Answer<jiedu_store::SealedKeys> {
    Ok(Json(state.store.sealed_keys(&req.user).await?))
}

/// `POST /auth/challenge`: a single-use nonce.
pub async fn challenge(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    JsonBody(req): JsonBody<UserRequest>,
) -> Answer<ChallengeResponse> {
    let c = state
        .store
        .issue_challenge(&req.user, &peer.ip().to_string())
        .await?;
    Ok(Json(ChallengeResponse {
        nonce: c.nonce,
        expires_at: c.expires_at,
    }))
}

/// `POST /auth/session`: the signed answer, for a session token.
pub async fn open_session(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    JsonBody(req): JsonBody<SessionRequest>,
) -> Answer<SessionResponse> {
    // Only origins this server is reached at count, whatever the client claims.
    let origins: Vec<String> = state
        .origins
        .iter()
        .filter(|o| **o == req.origin)
        .cloned()
        .collect();
    let issued = state
        .store
        .answer_challenge(
            &req.user,
            &req.nonce,
            &req.signature,
            &origins,
            &peer.ip().to_string(),
        )
        .await?;
    let session = state.store.session_for_token(&issued.token).await?;
    Ok(Json(SessionResponse {
        token: issued.token,
        expires_at: issued.expires_at,
        user: session.user().clone(),
    }))
}

/// `DELETE /auth/session`: signs out.
pub async fn close_session(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<StatusCode, HttpError> {
    state.store.end_session(&caller.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /me`.
pub async fn me(caller: Caller) -> Json<jiedu_core::people::User> {
    Json(caller.session.user().clone())
}

/// `GET /packs`.
pub async fn list_packs(
    State(state): State<AppState>,
    _caller: Caller,
) -> Answer<Vec<jiedu_store::PackSummary>> {
    Ok(Json(state.store.list_packs().await?))
}

/// `POST /packs`: a new pack, created by a drafter of its unit.
pub async fn create_pack(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(req): JsonBody<CreatePackRequest>,
) -> Result<(StatusCode, Json<jiedu_store::SavedRevision>), HttpError> {
    let saved = state
        .store
        .create_pack_as(
            &caller.session,
            &NewPack {
                id: req.id,
                unit_id: req.unit_id,
                content: req.content,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `GET /packs/{id}`.
pub async fn get_pack(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Answer<jiedu_core::pack::Pack> {
    Ok(Json(state.store.get_pack(&id).await?))
}

/// `GET /packs/{id}/revisions`.
pub async fn revisions(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Answer<Vec<jiedu_store::RevisionInfo>> {
    Ok(Json(state.store.revisions(&id).await?))
}

/// `GET /packs/{id}/revisions/{rev}`.
pub async fn revision_content(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
    Path((_, rev)): Path<(String, i64)>,
) -> Answer<jiedu_core::pack::PackContent> {
    Ok(Json(state.store.revision_content(&id, rev).await?))
}

/// `GET /packs/{id}/last-reviewed`.
pub async fn last_reviewed(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Answer<Option<i64>> {
    Ok(Json(state.store.last_reviewed_revision(&id).await?))
}

/// `POST /packs/{id}/save`.
pub async fn save(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    JsonBody(req): JsonBody<SaveRequest>,
) -> Answer<jiedu_store::SavedRevision> {
    Ok(Json(
        state
            .store
            .save_as(&caller.session, &id, req.base, &req.content)
            .await?,
    ))
}

/// `GET /packs/{id}/draft`: the caller's own autosaved draft.
pub async fn get_draft(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
) -> Answer<Option<jiedu_store::Draft>> {
    Ok(Json(state.store.draft(&caller.session, &id).await?))
}

/// `PUT /packs/{id}/draft`: autosave.
pub async fn put_draft(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    JsonBody(req): JsonBody<SaveRequest>,
) -> Answer<chrono::DateTime<chrono::Utc>> {
    Ok(Json(
        state
            .store
            .save_draft(&caller.session, &id, req.base, &req.content)
            .await?,
    ))
}

/// `DELETE /packs/{id}/draft`.
pub async fn delete_draft(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
) -> Result<StatusCode, HttpError> {
    state.store.discard_draft(&caller.session, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /packs/{id}/submit`.
pub async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    JsonBody(req): JsonBody<StepRequest>,
) -> Answer<jiedu_store::StepOutcome> {
    Ok(Json(
        state
            .store
            .submit(&caller.session, &id, req.revision)
            .await?,
    ))
}

/// `POST /packs/{id}/return`.
pub async fn return_pack(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    JsonBody(req): JsonBody<ReturnRequest>,
) -> Answer<(jiedu_store::StepOutcome, jiedu_store::Comment)> {
    Ok(Json(
        state
            .store
            .return_pack(&caller.session, &id, req.revision, &req.part, &req.comment)
            .await?,
    ))
}

/// `GET /packs/{id}/comments`.
pub async fn comments(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Answer<Vec<jiedu_store::Comment>> {
    Ok(Json(state.store.comments(&id).await?))
}

/// `POST /packs/{id}/comments/{comment}/resolve`.
pub async fn resolve(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    Path((_, comment)): Path<(String, i64)>,
) -> Answer<jiedu_store::Comment> {
    Ok(Json(
        state
            .store
            .resolve_comment(&caller.session, &id, comment)
            .await?,
    ))
}

/// `POST /packs/{id}/review-disclosure`.
pub async fn review(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    JsonBody(req): JsonBody<ReviewRequest>,
) -> Answer<jiedu_store::SavedRevision> {
    Ok(Json(
        state
            .store
            .review_disclosure(
                &caller.session,
                &id,
                req.revision,
                req.approve,
                &req.comment,
            )
            .await?,
    ))
}

/// `POST /packs/{id}/sign`: records a signature made on the leader's desktop, once checked.
pub async fn sign(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    JsonBody(req): JsonBody<SignRequest>,
) -> Answer<jiedu_core::pack::SignRecord> {
    let pdf = req.pdf().ok_or_else(|| {
        HttpError::new(
            StatusCode::BAD_REQUEST,
            "request.bad_body",
            "签名 PDF 不是有效的 base64。\nThe signed PDF is not valid base64.",
        )
        .field("pdf_base64")
    })?;
    let submission = SignedSubmission {
        record: req.record,
        pdf,
    };
    Ok(Json(
        state
            .store
            .record_signature(&caller.session, &id, req.revision, &submission)
            .await?,
    ))
}

/// `GET /packs/{id}/signed-pdf`: the PDF as signed, byte for byte.
pub async fn signed_pdf(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Result<Response, HttpError> {
    match state.store.signed_pdf(&id).await? {
        Some(pdf) => Ok(([(header::CONTENT_TYPE, "application/pdf")], pdf).into_response()),
        None => Err(HttpError::new(
            StatusCode::NOT_FOUND,
            "pdf.not_signed",
            format!("解读包“{id}”没有当前有效的签名 PDF。\nThe pack {id} has no signed PDF for its current content."),
        )),
    }
}

/// `POST /packs/{id}/deploy`.
pub async fn deploy(
    State(state): State<AppState>,
    caller: Caller,
    PackId(id): PackId,
    JsonBody(req): JsonBody<DeployRequest>,
) -> Answer<jiedu_core::pack::Deployment> {
    Ok(Json(
        state
            .store
            .deploy(&caller.session, &id, req.revision, &req.channels, req.at)
            .await?,
    ))
}

/// `GET /packs/{id}/audit`.
pub async fn pack_audit(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Answer<Vec<jiedu_store::AuditEvent>> {
    Ok(Json(state.store.audit_for_pack(&id).await?))
}

/// `GET /packs/{id}/signatures`.
pub async fn signatures(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Answer<Vec<jiedu_store::SignatureEntry>> {
    Ok(Json(state.store.signature_history(&id).await?))
}

/// `GET /search?q=&limit=`.
pub async fn search(
    State(state): State<AppState>,
    _caller: Caller,
    Query(q): Query<SearchQuery>,
) -> Answer<Vec<jiedu_store::SearchHit>> {
    Ok(Json(state.store.search(&q.q, q.limit.min(500)).await?))
}

/// `GET /users`.
pub async fn users(
    State(state): State<AppState>,
    _caller: Caller,
) -> Answer<Vec<jiedu_store::UserInfo>> {
    Ok(Json(state.store.user_infos().await?))
}

/// `POST /users`: a person an admin's desktop prepared (keys sealed, enrolment signed).
pub async fn add_user(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(person): JsonBody<jiedu_store::PreparedPerson>,
) -> Result<(StatusCode, Json<jiedu_store::UserInfo>), HttpError> {
    let info = state
        .store
        .add_prepared_person(&caller.session, &person)
        .await?;
    Ok((StatusCode::CREATED, Json(info)))
}

/// `PUT /users/{user}/certificate`: a leader's certificate an admin's desktop issued.
pub async fn put_certificate(
    State(state): State<AppState>,
    caller: Caller,
    Path(user): Path<String>,
    JsonBody(body): JsonBody<jiedu_api::CertificateBody>,
) -> Result<StatusCode, HttpError> {
    let der = hex::decode(&body.der_hex).map_err(|_| {
        HttpError::new(
            StatusCode::BAD_REQUEST,
            "request.bad_body",
            "证书不是十六进制 DER。\nThe certificate is not hex DER.",
        )
        .field("der_hex")
    })?;
    state
        .store
        .record_certificate(&caller.session, &user, &der)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /units`.
pub async fn units(
    State(state): State<AppState>,
    _caller: Caller,
) -> Answer<Vec<jiedu_core::people::Unit>> {
    Ok(Json(state.store.list_units().await?))
}

/// `GET /enrolments`.
pub async fn enrolments(
    State(state): State<AppState>,
    _caller: Caller,
) -> Answer<EnrolmentsResponse> {
    Ok(Json(EnrolmentsResponse {
        enrolments: state.store.enrolments().await?,
        registered: state.store.registered_keys().await?,
    }))
}

/// `POST /enrolments`: an enrolment an admin signed on their desktop.
pub async fn add_enrolment(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(e): JsonBody<Enrolment>,
) -> Result<StatusCode, HttpError> {
    state.store.record_enrolment(&caller.session, &e).await?;
    Ok(StatusCode::CREATED)
}

/// `GET /ca`: the office CA certificate (DER) that signed PDFs chain to.
pub async fn office_ca(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Response, HttpError> {
    let der = state
        .store
        .office_ca_certificate()
        .await?
        .ok_or_else(|| HttpError::from(StoreError::NoOfficeCa))?;
    Ok(([(header::CONTENT_TYPE, "application/pkix-cert")], der).into_response())
}

/// `GET /verify`: both integrity checks, run on the server's database.
pub async fn verify(State(state): State<AppState>, _caller: Caller) -> Answer<VerifyResponse> {
    Ok(Json(VerifyResponse {
        audit: state.store.verify_audit().await?,
        revisions: state.store.verify_revisions().await?,
        media: state.store.verify_media().await?,
    }))
}

/// Anything else.
pub async fn not_found() -> HttpError {
    HttpError::new(
        StatusCode::NOT_FOUND,
        "request.no_route",
        "没有这个接口。\nNo such route.",
    )
}

/// `GET /units/{id}/settings`: a unit's settings (the defaults when never set).
pub async fn unit_settings(
    State(state): State<AppState>,
    _caller: Caller,
    Path(unit): Path<String>,
) -> Answer<jiedu_core::publication::UnitSettings> {
    Ok(Json(state.store.unit_settings(&unit).await?))
}

/// `PUT /units/{id}/settings`: an admin sets a unit's settings.
pub async fn set_unit_settings(
    State(state): State<AppState>,
    caller: Caller,
    Path(unit): Path<String>,
    JsonBody(settings): JsonBody<jiedu_core::publication::UnitSettings>,
) -> Answer<jiedu_core::publication::UnitSettings> {
    state
        .store
        .set_unit_settings(&caller.session, &unit, &settings)
        .await?;
    Ok(Json(settings))
}

/// `GET /settings`: every unit's settings that an admin set.
pub async fn all_unit_settings(
    State(state): State<AppState>,
    _caller: Caller,
) -> Answer<Vec<UnitSettingsEntry>> {
    Ok(Json(
        state
            .store
            .all_unit_settings()
            .await?
            .into_iter()
            .map(|(unit_id, settings)| UnitSettingsEntry { unit_id, settings })
            .collect(),
    ))
}

/// `GET /calendar`: the imported calendar years.
pub async fn calendar(State(state): State<AppState>, _caller: Caller) -> Answer<CalendarResponse> {
    Ok(Json(CalendarResponse {
        imported: state.store.imported_calendar_years().await?,
    }))
}

/// `POST /calendar`: an admin imports a year.
pub async fn import_calendar(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(year): JsonBody<jiedu_core::calendar::CalendarYear>,
) -> Answer<jiedu_core::calendar::CalendarYear> {
    state
        .store
        .import_calendar_year(&caller.session, &year)
        .await?;
    Ok(Json(year))
}

/// `GET /packs/{id}/publication`: the pack's 索引号 and validity changes.
pub async fn publication(
    State(state): State<AppState>,
    _caller: Caller,
    PackId(id): PackId,
) -> Answer<jiedu_core::publication::PublicationRecord> {
    Ok(Json(state.store.publication_record(&id).await?))
}

/// `GET /concerns`: every public concern with its responses.
pub async fn concerns(
    State(state): State<AppState>,
    _caller: Caller,
) -> Answer<Vec<jiedu_core::concern::PublicConcern>> {
    Ok(Json(state.store.concerns().await?))
}

/// `POST /concerns`: a press officer records a concern.
pub async fn add_concern(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(new): JsonBody<jiedu_store::NewConcern>,
) -> Answer<jiedu_core::concern::PublicConcern> {
    Ok(Json(state.store.add_concern(&caller.session, &new).await?))
}

/// `POST /concerns/{id}/respond`: a press officer records a response.
pub async fn respond_concern(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(response): JsonBody<jiedu_core::concern::ConcernResponse>,
) -> Answer<jiedu_core::concern::PublicConcern> {
    Ok(Json(
        state
            .store
            .respond_concern(&caller.session, &id, &response)
            .await?,
    ))
}
