//! Sign-in (with a double-submit CSRF token and the per-address limit), sign-out and the page
//! language cookie.

use super::*;
use crate::auth::LOGIN_CSRF_COOKIE;
use axum::extract::ConnectInfo;
use std::net::SocketAddr;

// ---- sign-in, sign-out, language -------------------------------------------------------------

pub(super) async fn login_page(State(st): State<Shared>, headers: HeaderMap) -> WebResult {
    let auth = authenticate(&st, &headers).await.unwrap_or(Auth::Anonymous);
    // A double-submit token: the form must send back the cookie's value.
    let token = leakwatch_app::accounts::random_hex(16).map_err(ApiError::internal)?;
    let ctx = context! {
        ..base(&auth, &headers, &st, "login"),
        ..context! { login_csrf => token.clone(), failed => false }
    };
    let mut resp = render(&st, "login.html", ctx)?;
    if let Ok(v) =
        format!("{LOGIN_CSRF_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict").parse()
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
}

#[derive(Deserialize)]
pub(super) struct LoginForm {
    csrf: Option<String>,
    name: String,
    password: String,
}

pub(super) async fn login(
    State(st): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    f: Result<Form<LoginForm>, FormRejection>,
) -> WebResult {
    let f = form(f)?;
    let expected = auth::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    let sent = f.csrf.as_deref().unwrap_or("");
    if expected.is_empty() || !auth::constant_time_eq(expected.as_bytes(), sent.as_bytes()) {
        return Err(
            ApiError::forbidden("missing or wrong CSRF token; reload the sign-in page").into(),
        );
    }
    let ip = peer.ip();
    if !st.limiter.allowed(ip) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many failed sign-ins; wait a few minutes",
        )
        .into());
    }
    let (name, password) = (f.name.clone(), f.password);
    let found = db(&st, move |d| {
        leakwatch_app::accounts::verify_password(d.as_accounts(), &name, &password)
    })
    .await?;
    let Some(principal) = found else {
        st.limiter.failed(ip);
        let ctx = context! {
            ..base(&Auth::Anonymous, &headers, &st, "login"),
            ..context! { login_csrf => expected.to_string(), failed => true }
        };
        let mut resp = render(&st, "login.html", ctx)?;
        *resp.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(resp);
    };
    st.limiter.succeeded(ip);
    let lifetime = st.config.session_lifetime;
    let (id, _) = st.sessions.create(principal, lifetime)?;
    let mut resp = Redirect::to("/").into_response();
    if let Ok(v) = auth::session_cookie(&id, lifetime, st.config.secure_cookies).parse() {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
}

pub(super) async fn logout(
    State(st): State<Shared>,
    headers: HeaderMap,
    f: Result<Form<CsrfForm>, FormRejection>,
) -> WebResult {
    let auth = authenticate(&st, &headers).await?;
    let f = form(f)?;
    auth.require_write(Role::Viewer, f.csrf.as_deref())?;
    if let Auth::Session { id, .. } = &auth {
        st.sessions.remove(id);
    }
    let mut resp = Redirect::to("/login").into_response();
    if let Ok(v) =
        auth::session_cookie("", std::time::Duration::ZERO, st.config.secure_cookies).parse()
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
}

pub(super) async fn set_lang(Path(l): Path<String>) -> Response {
    let l = if l == "en" { "en" } else { "ja" };
    let mut resp = Redirect::to("/").into_response();
    if let Ok(v) = format!("lw_lang={l}; Path=/; SameSite=Strict; Max-Age=31536000").parse() {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}
