//! The web UI's analyst forms: correct a field, merge, split, and paste a document. Each needs
//! the analyst role and the session's CSRF token, and calls one `leakwatch_app` use case.

use super::*;

#[derive(Deserialize)]
pub(super) struct CorrectForm {
    csrf: Option<String>,
    field: String,
    value: String,
    #[serde(default)]
    reason: String,
    /// Where to go afterwards (`review` or the incident page).
    back: Option<String>,
}

pub(super) async fn correct(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: Result<Form<CorrectForm>, FormRejection>,
) -> WebResult {
    let auth = authenticate(&st, &headers).await?;
    let f = form(f)?;
    let who = auth
        .require_write(Role::Analyst, f.csrf.as_deref())?
        .name
        .clone();
    let id = api::incident_id(&id)?;
    let reason = if f.reason.trim().is_empty() {
        "web UI".to_string()
    } else {
        f.reason
    };
    api::apply_correction(&st, id, who, f.field, f.value, reason).await?;
    let to = match f.back.as_deref() {
        Some("review") => "/review".to_string(),
        _ => format!("/incidents/{}#audit", id.0),
    };
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize)]
pub(super) struct MergeForm {
    csrf: Option<String>,
    absorb: String,
    #[serde(default)]
    reason: String,
}

pub(super) async fn merge(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: Result<Form<MergeForm>, FormRejection>,
) -> WebResult {
    let auth = authenticate(&st, &headers).await?;
    let f = form(f)?;
    let who = auth
        .require_write(Role::Analyst, f.csrf.as_deref())?
        .name
        .clone();
    let keep = api::incident_id(&id)?;
    let absorb = api::incident_id(f.absorb.trim())?;
    if absorb == keep {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "an incident cannot absorb itself",
        )
        .into());
    }
    let reason = f.reason;
    db(&st, move |d| {
        let a = leakwatch_app::Attribution {
            author: &who,
            reason: &reason,
        };
        leakwatch_app::merge(d.as_store_mut(), keep, absorb, &a)
    })
    .await?;
    Ok(Redirect::to(&format!("/incidents/{}#audit", keep.0)).into_response())
}

#[derive(Deserialize)]
pub(super) struct SplitForm {
    csrf: Option<String>,
    document_key: i64,
    #[serde(default)]
    reason: String,
}

pub(super) async fn split(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    f: Result<Form<SplitForm>, FormRejection>,
) -> WebResult {
    let auth = authenticate(&st, &headers).await?;
    let f = form(f)?;
    let who = auth
        .require_write(Role::Analyst, f.csrf.as_deref())?
        .name
        .clone();
    let id = api::incident_id(&id)?;
    let (key, reason) = (f.document_key, f.reason);
    let new_id = db(&st, move |d| {
        let a = leakwatch_app::Attribution {
            author: &who,
            reason: &reason,
        };
        leakwatch_app::split(d.as_store_mut(), id, key, &a)
    })
    .await?;
    Ok(Redirect::to(&format!("/incidents/{}#audit", new_id.0)).into_response())
}

// ---- document upload (pasted text) ------------------------------------------------------------

/// The upload form (routed in `lib.rs` with the document size limit).
pub async fn upload_page(State(st): State<Shared>, headers: HeaderMap) -> WebResult {
    let auth = page_auth(&st, &headers, false).await?;
    auth.require(Role::Analyst)?;
    let ctx = context! {
        ..base(&auth, &headers, &st, "documents"),
        ..context! { outcome => Value::from(()) }
    };
    render(&st, "upload.html", ctx)
}

#[derive(Deserialize)]
pub struct UploadForm {
    csrf: Option<String>,
    name: String,
    text: String,
}

pub async fn upload(
    State(st): State<Shared>,
    headers: HeaderMap,
    f: Result<Form<UploadForm>, FormRejection>,
) -> WebResult {
    let auth = authenticate(&st, &headers).await?;
    let f = form(f)?;
    auth.require_write(Role::Analyst, f.csrf.as_deref())?;
    let (name, bytes) = (f.name, f.text.into_bytes());
    let outcome = crate::state::db_with_state(&st, move |s, d| {
        leakwatch_app::ingest_bytes(
            d.as_store_mut(),
            &s.extractor,
            &name,
            bytes,
            &s.config.limits,
        )
    })
    .await?;
    let ctx = context! {
        ..base(&auth, &headers, &st, "documents"),
        ..context! { outcome => Value::from_serialize(&outcome) }
    };
    render(&st, "upload.html", ctx)
}
