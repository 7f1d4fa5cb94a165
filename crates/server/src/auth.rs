//! Who is calling: the bearer token, looked up by its hash in the database on every request, so
//! any server process accepts a token another issued, and an ended session ends everywhere.

use crate::error::HttpError;
use crate::AppState;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use jiedu_store::{Session, StoreError};

/// The signed-in caller.
pub struct Caller {
    /// Their session; it acts but opens no keys.
    pub session: Session,
    /// The token, for signing out.
    pub token: String,
}

/// The bearer token of a request, if any.
pub fn bearer(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    // Tokens are 64 hex digits; anything else is not looked up at all.
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())).then(|| token.to_string())
}

impl<S> FromRequestParts<S> for Caller
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Caller, HttpError> {
        let state = AppState::from_ref(state);
        let token = bearer(parts).ok_or_else(|| {
            HttpError::new(
                StatusCode::UNAUTHORIZED,
                "auth.unauthenticated",
                StoreError::Unauthenticated.to_string(),
            )
        })?;
        let session = state.store.session_for_token(&token).await?;
        Ok(Caller { session, token })
    }
}
