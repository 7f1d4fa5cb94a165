//! The Jiedu server's HTTP/JSON API, shared by `jiedu-server` and its clients: the version
//! prefix, the request and response bodies, and the one error shape `{code, message, field?}`.
//!
//! Responses reuse the store's and the core's own serde types, so a pack, a step outcome or a
//! checklist has the same JSON over HTTP as in `jiedu … --json` and over the app's IPC.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use jiedu_core::identity::{Enrolment, RegisteredKey};
use jiedu_core::pack::{PackContent, SignRecord};
use jiedu_core::parts::Part;
use jiedu_core::people::User;
use jiedu_core::plan::Channel;
use jiedu_store::{AuditVerification, RevisionVerification};
use serde::{Deserialize, Serialize};

/// SHA-256 of a certificate (DER) as colon-separated upper-case hex, as browsers show it: what
/// `jiedu serve` prints and every desktop shows, for people to compare.
pub fn certificate_fingerprint(der: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Every route starts with this.
pub const PREFIX: &str = "/api/v1";
/// The largest request body the server reads (a signed PDF is the largest thing sent).
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The one error shape at the HTTP edge, as at the IPC edge and in `--json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable machine-readable code, e.g. `pack.conflict`.
    pub code: String,
    /// Chinese, then English.
    pub message: String,
    /// The field, file or database concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Whom to sign in, or whose sealed keys to fetch.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserRequest {
    /// The user id.
    pub user: String,
}

/// A sign-in challenge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChallengeResponse {
    /// The single-use nonce.
    pub nonce: String,
    /// Until when it may be answered.
    pub expires_at: String,
}

/// The answer to a challenge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRequest {
    /// The user.
    pub user: String,
    /// The nonce answered.
    pub nonce: String,
    /// The origin the desktop connected to, e.g. `https://10.0.0.5:8443`.
    pub origin: String,
    /// Ed25519 signature over [`jiedu_core::identity::challenge_message`], hex.
    pub signature: String,
}

/// A new session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionResponse {
    /// The bearer token.
    pub token: String,
    /// When it expires.
    pub expires_at: String,
    /// Who signed in.
    pub user: User,
}

/// A pack to create (import).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatePackRequest {
    /// Its id.
    pub id: String,
    /// Its unit.
    pub unit_id: String,
    /// Its first content.
    pub content: PackContent,
}

/// A save, or a draft, naming the revision it was based on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveRequest {
    /// The base revision.
    pub base: i64,
    /// The content.
    pub content: PackContent,
}

/// A step on one revision.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepRequest {
    /// The revision acted on.
    pub revision: i64,
}

/// A return with a comment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReturnRequest {
    /// The revision acted on.
    pub revision: i64,
    /// The part commented on.
    pub part: Part,
    /// The comment.
    pub comment: String,
}

/// The openness office's review.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewRequest {
    /// The revision acted on.
    pub revision: i64,
    /// Approved or not.
    pub approve: bool,
    /// The comment.
    pub comment: String,
}

/// A signature made on the leader's desktop.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignRequest {
    /// The revision signed.
    pub revision: i64,
    /// The Ed25519 record.
    pub record: SignRecord,
    /// The PAdES-signed PDF, base64.
    pub pdf_base64: String,
}

impl SignRequest {
    /// The PDF bytes; `None` when the base64 is malformed.
    pub fn pdf(&self) -> Option<Vec<u8>> {
        base64::engine::general_purpose::STANDARD
            .decode(&self.pdf_base64)
            .ok()
    }

    /// Encodes a PDF for sending.
    pub fn encode_pdf(pdf: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(pdf)
    }
}

/// A release.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeployRequest {
    /// The revision released.
    pub revision: i64,
    /// The channels.
    pub channels: Vec<Channel>,
    /// The release time.
    pub at: DateTime<Utc>,
}

/// A certificate, as hex DER.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CertificateBody {
    /// The certificate.
    pub der_hex: String,
}

/// Search parameters.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchQuery {
    /// The words.
    pub q: String,
    /// At most this many hits.
    pub limit: u32,
}

/// Replay parameters of the event stream.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EventsQuery {
    /// Send the events after this sequence number (else `Last-Event-ID`, else only new ones).
    pub after: Option<i64>,
}

/// The enrolments and the keys as registered now, for clients to check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnrolmentsResponse {
    /// Every enrolment.
    pub enrolments: Vec<Enrolment>,
    /// Every registered key.
    pub registered: Vec<RegisteredKey>,
}

/// A root admin key a client may pin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootKey {
    /// The admin.
    pub user_id: String,
    /// Their Ed25519 key, hex.
    pub public_key: String,
}

/// Both integrity checks of the database.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifyResponse {
    /// The audit chain.
    pub audit: AuditVerification,
    /// The revisions and signatures.
    pub revisions: RevisionVerification,
    /// The stored media files against their hashes.
    #[serde(default)]
    pub media: jiedu_store::MediaVerification,
}

/// What the server says about itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Health {
    /// `jiedu-server`.
    pub service: String,
    /// Its version.
    pub version: String,
    /// `sqlite` or `postgres`.
    pub engine: String,
}

/// The calendar years an admin imported (the bundled ones are in every build).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalendarResponse {
    /// Imported years, oldest first.
    pub imported: Vec<jiedu_core::calendar::CalendarYear>,
}

/// One unit's settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitSettingsEntry {
    /// The unit.
    pub unit_id: String,
    /// Its settings.
    pub settings: jiedu_core::publication::UnitSettings,
}

/// `POST /media/uploads`: a file about to be sent in pieces.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadStart {
    /// The file's name as the user gave it (errors name it; its extension must fit its content).
    pub file_name: String,
    /// The whole file's size; over the largest any format allows, the upload is refused at once.
    pub byte_len: u64,
}

/// `PUT /media/uploads/{id}?offset=N`: where the piece in the body starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadOffset {
    /// Byte offset of the piece; must be what the server says it holds.
    pub offset: u64,
}

/// `POST /media/uploads/{id}/finish`: the file checked and stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinishedUpload {
    /// The stored file.
    pub stored: jiedu_store::StoredMedia,
    /// Metadata removed on the way in (GPS positions), one bilingual line each.
    pub stripped: Vec<String>,
}

/// Largest piece of an upload the client sends in one request (well under [`MAX_BODY_BYTES`]).
pub const UPLOAD_PIECE_BYTES: usize = 4 * 1024 * 1024;
