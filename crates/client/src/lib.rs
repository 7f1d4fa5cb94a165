//! One backend for the CLI and the app: the store in this process on a local database
//! (solo mode), or a Jiedu server over HTTPS (team mode). Both answer with the same types and
//! the same error codes, so every command and screen behaves the same in both modes.
//!
//! Keys never leave the desktop opened: in team mode the server hands out the person's keys
//! sealed under their passphrase, they are opened here, sign-in answers the server's nonce
//! with a signature, and a leader's signature and signed PDF are made here and sent to be
//! checked and recorded.

mod backend;
mod error;
mod feed;
mod media;
mod pins;
mod publication;
mod remote;
mod sessions;
mod sse;

pub use backend::{Actor, Backend};
pub use error::ClientError;
pub use feed::EventFeed;
pub use media::{inspect as inspect_media, MediaProgress};
pub use pins::{check_enrolments, pin_file, pin_root, EnrolmentReport};
pub use publication::{PublicationInputs, SettingsBook};
pub use remote::ca_fingerprint;
pub use remote::Remote;
pub use sse::EventStream;
