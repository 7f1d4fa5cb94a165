//! Signing in to a server without a passphrase crossing the wire: the server issues a
//! single-use nonce, the desktop signs it with the person's Ed25519 key (opened there), and the
//! server answers with a session token of which it keeps only the SHA-256.
//!
//! Everything lives in the database, so any server process can check a nonce or a token that
//! another issued, and failures are counted per user and per address for rate limiting.

use crate::accounts::{load_user, require_credentials, Session};
use crate::audit::{now_text, parse_time, time_text};
use crate::db::sql;
use crate::error::StoreError;
use crate::Store;
use chrono::{Duration, Utc};
use jiedu_core::identity::{challenge_message, verify_detached};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How long a nonce may be answered.
pub const CHALLENGE_SECONDS: i64 = 60;
/// How long a session token is valid.
pub const SESSION_HOURS: i64 = 8;
/// The window in which failures are counted.
const FAILURE_WINDOW_MINUTES: i64 = 15;
/// Failed sign-ins allowed per user in the window.
const MAX_FAILURES_PER_USER: i64 = 5;
/// Failed sign-ins allowed per address in the window.
const MAX_FAILURES_PER_ADDRESS: i64 = 20;

/// A sign-in challenge: what the desktop signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// Random, single-use, hex.
    pub nonce: String,
    /// When it stops being accepted, RFC 3339.
    pub expires_at: String,
}

/// A session token, given once to the desktop that signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedToken {
    /// The bearer token, hex. The server keeps only its SHA-256.
    pub token: String,
    /// When it expires, RFC 3339.
    pub expires_at: String,
}

fn random_hex() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Credential {
        detail: e.to_string(),
    })?;
    Ok(hex::encode(bytes))
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Store {
    async fn check_rate(&self, user_id: &str, address: &str) -> Result<(), StoreError> {
        let since = time_text(Utc::now() - Duration::minutes(FAILURE_WINDOW_MINUTES));
        let by_user: i64 = sql("SELECT COUNT(*) FROM auth_failures WHERE user_id = $1 AND at > $2")
            .bind(user_id)
            .bind(&since)
            .scalar(self.db())
            .await?;
        let by_address: i64 =
            sql("SELECT COUNT(*) FROM auth_failures WHERE address = $1 AND at > $2")
                .bind(address)
                .bind(&since)
                .scalar(self.db())
                .await?;
        if by_user >= MAX_FAILURES_PER_USER || by_address >= MAX_FAILURES_PER_ADDRESS {
            return Err(StoreError::RateLimited {
                minutes: FAILURE_WINDOW_MINUTES,
            });
        }
        Ok(())
    }

    async fn record_failure(&self, user_id: &str, address: &str) -> Result<(), StoreError> {
        sql("INSERT INTO auth_failures (user_id, address, at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(address)
            .bind(now_text())
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Issues a single-use sign-in nonce for `user_id`, asked from `address`.
    pub async fn issue_challenge(
        &self,
        user_id: &str,
        address: &str,
    ) -> Result<Challenge, StoreError> {
        self.check_rate(user_id, address).await?;
        let mut conn = self.db().begin_read().await?;
        if load_user(&mut conn, user_id).await?.is_none() {
            return Err(StoreError::UserNotFound {
                id: user_id.to_string(),
            });
        }
        require_credentials(&mut conn, user_id).await?;
        drop(conn);
        let now = now_text();
        sql("DELETE FROM auth_challenges WHERE expires_at < $1")
            .bind(&now)
            .execute(self.db())
            .await?;
        let nonce = random_hex()?;
        let expires_at = time_text(Utc::now() + Duration::seconds(CHALLENGE_SECONDS));
        sql("INSERT INTO auth_challenges (nonce, user_id, expires_at) VALUES ($1, $2, $3)")
            .bind(&nonce)
            .bind(user_id)
            .bind(&expires_at)
            .execute(self.db())
            .await?;
        Ok(Challenge { nonce, expires_at })
    }

    /// Checks the desktop's answer: the nonce is consumed whatever happens, so it can be used
    /// once; it must be unexpired and issued to this user; the signature must verify with the
    /// user's registered key over the challenge for one of `origins` (the addresses this server
    /// is reached at). Returns a new session token.
    pub async fn answer_challenge(
        &self,
        user_id: &str,
        nonce: &str,
        signature: &str,
        origins: &[String],
        address: &str,
    ) -> Result<IssuedToken, StoreError> {
        self.check_rate(user_id, address).await?;
        let expires: Option<String> = sql(
            "DELETE FROM auth_challenges WHERE nonce = $1 AND user_id = $2 RETURNING expires_at",
        )
        .bind(nonce)
        .bind(user_id)
        .scalar_optional(self.db())
        .await?;
        let fresh = match expires {
            Some(at) => parse_time(&at)? > Utc::now(),
            None => false,
        };
        if !fresh {
            self.record_failure(user_id, address).await?;
            return Err(StoreError::BadChallenge);
        }
        let mut conn = self.db().begin_read().await?;
        let creds = require_credentials(&mut conn, user_id).await?;
        drop(conn);
        let signed = origins.iter().any(|origin| {
            verify_detached(
                &creds.public_key,
                &challenge_message(user_id, nonce, origin),
                signature,
            )
        });
        if !signed {
            self.record_failure(user_id, address).await?;
            return Err(StoreError::BadAnswer {
                id: user_id.to_string(),
            });
        }
        let token = random_hex()?;
        let expires_at = time_text(Utc::now() + Duration::hours(SESSION_HOURS));
        sql("DELETE FROM auth_sessions WHERE expires_at < $1")
            .bind(now_text())
            .execute(self.db())
            .await?;
        sql("INSERT INTO auth_sessions (token_sha256, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash(&token))
            .bind(user_id)
            .bind(&expires_at)
            .bind(now_text())
            .execute(self.db())
            .await?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The session a bearer token stands for; [`StoreError::Unauthenticated`] when it is
    /// unknown or expired.
    pub async fn session_for_token(&self, token: &str) -> Result<Session, StoreError> {
        let row = sql("SELECT user_id, expires_at FROM auth_sessions WHERE token_sha256 = $1")
            .bind(token_hash(token))
            .fetch_optional(self.db())
            .await?
            .ok_or(StoreError::Unauthenticated)?;
        if parse_time(&row.get::<String>("expires_at")?)? <= Utc::now() {
            return Err(StoreError::Unauthenticated);
        }
        let user_id: String = row.get("user_id")?;
        let mut conn = self.db().begin_read().await?;
        let user = load_user(&mut conn, &user_id)
            .await?
            .ok_or(StoreError::Unauthenticated)?;
        Ok(Session::on_server(user))
    }

    /// Ends a session: its token is no longer accepted.
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        sql("DELETE FROM auth_sessions WHERE token_sha256 = $1")
            .bind(token_hash(token))
            .execute(self.db())
            .await?;
        Ok(())
    }
}
