//! The one error shape at the HTTP edge, `{code, message, field?}`, with the status its code
//! calls for: 401 for who-are-you, 403 for may-not, 404, 409 for conflicts and wrong states,
//! 422 for bad content, 429 for rate limits.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiedu_api::ApiError;
use jiedu_store::StoreError;

/// An error answered to a client.
#[derive(Debug)]
pub struct HttpError {
    /// The status.
    pub status: StatusCode,
    /// The body.
    pub body: ApiError,
}

impl HttpError {
    /// An error with an explicit status.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> HttpError {
        HttpError {
            status,
            body: ApiError {
                code: code.to_string(),
                message: message.into(),
                field: None,
            },
        }
    }

    /// Names the field concerned.
    pub fn field(mut self, field: impl Into<String>) -> HttpError {
        self.body.field = Some(field.into());
        self
    }
}

/// The status for a store error code.
pub fn status_for(code: &str) -> StatusCode {
    match code {
        "auth.unauthenticated"
        | "auth.bad_challenge"
        | "auth.bad_answer"
        | "auth.wrong_passphrase"
        | "auth.no_credentials" => StatusCode::UNAUTHORIZED,
        "auth.rate_limited" => StatusCode::TOO_MANY_REQUESTS,
        "auth.admin_required" | "auth.keys_on_desktop" => StatusCode::FORBIDDEN,
        c if c.starts_with("permission.") => StatusCode::FORBIDDEN,
        "pack.not_found"
        | "user.not_found"
        | "unit.not_found"
        | "comment.not_found"
        | "pack.no_such_revision"
        | "concern.not_found"
        | "media.not_found"
        | "upload.not_found" => StatusCode::NOT_FOUND,
        "media.too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "upload.offset" | "upload.incomplete" => StatusCode::CONFLICT,
        "pack.conflict" | "pack.exists" | "user.exists" => StatusCode::CONFLICT,
        c if c.starts_with("workflow.") => StatusCode::CONFLICT,
        "pack.bad_id" => StatusCode::BAD_REQUEST,
        c if c.starts_with("db.") => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

impl From<StoreError> for HttpError {
    fn from(e: StoreError) -> HttpError {
        let code = e.code();
        let status = status_for(code);
        // A database failure's detail can carry internals; the client gets a generic line.
        let message = if code == "db.error" {
            "服务器数据库出错，请稍后重试。\nThe server's database failed; try again shortly."
                .to_string()
        } else {
            e.to_string()
        };
        if code == "db.error" {
            eprintln!("jiedu-server: {e}");
        }
        HttpError {
            status,
            body: ApiError {
                code: code.to_string(),
                message,
                field: e
                    .database()
                    .filter(|_| code != "db.error")
                    .or_else(|| e.media_field()),
            },
        }
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}
