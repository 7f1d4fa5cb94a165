//! Request extractors whose failures answer in the API's error shape and name what was wrong:
//! a JSON body that does not parse names the field serde stopped at, a pack id that is not a
//! plain id is refused before it reaches any query.

use crate::error::HttpError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

/// A JSON body.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = HttpError;

    async fn from_request(req: Request, state: &S) -> Result<JsonBody<T>, HttpError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(body_error(rejection)),
        }
    }
}

fn body_error(rejection: JsonRejection) -> HttpError {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return HttpError::new(
            status,
            "request.too_large",
            format!(
                "请求体过大（上限 {} MiB）。\nThe request body is too large (limit {} MiB).",
                jiedu_api::MAX_BODY_BYTES >> 20,
                jiedu_api::MAX_BODY_BYTES >> 20
            ),
        );
    }
    let detail = rejection.body_text();
    HttpError::new(
        StatusCode::BAD_REQUEST,
        "request.bad_body",
        format!("请求内容无法解析：{detail}\nThe request body could not be read: {detail}"),
    )
    .field("body")
}

/// The `{id}` of a pack route, checked to be a plain pack id.
pub struct PackId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PackId {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<PackId, HttpError> {
        let axum::extract::Path(params): axum::extract::Path<Vec<(String, String)>> =
            axum::extract::Path::from_request_parts(parts, state)
                .await
                .map_err(|e| {
                    HttpError::new(StatusCode::BAD_REQUEST, "request.bad_path", e.body_text())
                })?;
        let id = params
            .into_iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v)
            .unwrap_or_default();
        if !jiedu_store::is_valid_pack_id(&id) {
            return Err(HttpError::from(jiedu_store::StoreError::BadPackId { id }).field("pack"));
        }
        Ok(PackId(id))
    }
}
