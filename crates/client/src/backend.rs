//! The one backend interface: each method is one job, answered by the local store or by the
//! server, with the same types either way.

use crate::error::ClientError;
use crate::remote::Remote;
use chrono::{DateTime, Utc};
use jiedu_api::*;
use jiedu_core::identity::{Enrolment, RegisteredKey};
use jiedu_core::pack::{Deployment, Pack, PackContent, SignRecord};
use jiedu_core::parts::Part;
use jiedu_core::people::{Unit, User};
use jiedu_core::plan::Channel;
use jiedu_store::{
    AuditEvent, Comment, DbLocation, NewPack, OpenedKeys, PackSummary, RevisionInfo, SavedRevision,
    SearchHit, Session, SignatureEntry, StepOutcome, Store, UnsignedPdf, UserInfo,
};

/// Where the data is.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A database on this computer.
    Local(Store),
    /// A Jiedu server.
    Remote(Remote),
}

/// Someone signed in, in either mode.
pub enum Actor {
    /// On a local database, with the passphrase kept to open keys.
    Local(Session),
    /// On a server: the person, and their keys opened on this desktop.
    Remote {
        /// Who.
        user: User,
        /// Their keys.
        keys: std::sync::Arc<OpenedKeys>,
    },
}

impl Actor {
    /// Who is acting.
    pub fn user(&self) -> &User {
        match self {
            Actor::Local(s) => s.user(),
            Actor::Remote { user, .. } => user,
        }
    }

    fn session(&self) -> Option<&Session> {
        match self {
            Actor::Local(s) => Some(s),
            Actor::Remote { .. } => None,
        }
    }
}

pub(crate) fn local_only(actor: &Actor) -> Result<&Session, ClientError> {
    actor.session().ok_or_else(|| {
        ClientError::Store(jiedu_store::StoreError::KeysOnDesktop {
            id: actor.user().id.clone(),
        })
    })
}

/// An actor signed in to the other backend (a local session on a server, or the reverse) is
/// not signed in here.
fn signed_in_elsewhere() -> ClientError {
    ClientError::Store(jiedu_store::StoreError::Unauthenticated)
}

fn user_not_found(id: &str) -> ClientError {
    ClientError::Store(jiedu_store::StoreError::UserNotFound { id: id.to_string() })
}

impl Backend {
    /// Opens a local database.
    pub async fn local(db: &DbLocation) -> Result<Backend, ClientError> {
        Ok(Backend::Local(Store::open(db).await?))
    }

    /// Connects to a server.
    pub async fn remote(url: &str, ca: Option<&std::path::Path>) -> Result<Backend, ClientError> {
        Ok(Backend::Remote(Remote::connect(url, ca).await?))
    }

    /// Whoever this process already signed in as `user_id`, so that one command asks for the
    /// passphrase once.
    pub fn signed_in_as(&self, user_id: &str) -> Option<Actor> {
        match self {
            Backend::Local(_) => None,
            Backend::Remote(r) => r
                .signed_in()
                .filter(|(user, _)| user.id == user_id)
                .map(|(user, keys)| Actor::Remote { user, keys }),
        }
    }

    /// On a server, the user whose remembered session this connection uses.
    pub fn remembered_user(&self) -> Option<String> {
        match self {
            Backend::Local(_) => None,
            Backend::Remote(r) => r
                .token()
                .and(crate::sessions::recall(r.origin()).map(|s| s.user)),
        }
    }

    /// A name for where the data is, for pins and messages.
    pub fn place(&self) -> String {
        match self {
            Backend::Local(store) => store.location().to_string(),
            Backend::Remote(r) => r.origin().to_string(),
        }
    }

    /// Signs `user_id` in with their passphrase: checked by the store locally; on a server, the
    /// keys are opened here and the server's nonce answered with them.
    pub async fn sign_in(&mut self, user_id: &str, passphrase: &str) -> Result<Actor, ClientError> {
        match self {
            Backend::Local(store) => Ok(Actor::Local(store.sign_in(user_id, passphrase).await?)),
            Backend::Remote(remote) => {
                let (user, keys) = remote.sign_in(user_id, passphrase).await?;
                let keys = std::sync::Arc::new(keys);
                remote.remember_identity(user.clone(), keys.clone());
                Ok(Actor::Remote { user, keys })
            }
        }
    }

    /// Every pack.
    pub async fn list_packs(&self) -> Result<Vec<PackSummary>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.list_packs().await?),
            Backend::Remote(r) => r.get("/packs").await,
        }
    }

    /// One pack, current revision.
    pub async fn get_pack(&self, id: &str) -> Result<Pack, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.get_pack(id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}")).await,
        }
    }

    /// Whether a pack exists.
    pub async fn pack_exists(&self, id: &str) -> Result<bool, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.pack_exists(id).await?),
            Backend::Remote(r) => match r.get::<Pack>(&format!("/packs/{id}")).await {
                Ok(_) => Ok(true),
                Err(e) if e.code() == "pack.not_found" => Ok(false),
                Err(e) => Err(e),
            },
        }
    }

    /// The content of one revision.
    pub async fn revision_content(&self, id: &str, rev: i64) -> Result<PackContent, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.revision_content(id, rev).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/revisions/{rev}")).await,
        }
    }

    /// Every revision of a pack.
    pub async fn revisions(&self, id: &str) -> Result<Vec<RevisionInfo>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.revisions(id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/revisions")).await,
        }
    }

    /// The revision a leader last returned or signed.
    pub async fn last_reviewed_revision(&self, id: &str) -> Result<Option<i64>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.last_reviewed_revision(id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/last-reviewed")).await,
        }
    }

    /// Creates a pack as `actor`.
    pub async fn create_pack(
        &self,
        actor: &Actor,
        new: &NewPack,
    ) -> Result<SavedRevision, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.create_pack_as(local_only(actor)?, new).await?),
            Backend::Remote(r) => {
                r.post(
                    "/packs",
                    &CreatePackRequest {
                        id: new.id.clone(),
                        unit_id: new.unit_id.clone(),
                        content: new.content.clone(),
                    },
                )
                .await
            }
        }
    }

    /// Full-text search.
    pub async fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.search(query, limit).await?),
            Backend::Remote(r) => {
                let q: String = query
                    .bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                            (b as char).to_string()
                        }
                        _ => format!("%{b:02X}"),
                    })
                    .collect();
                r.get(&format!("/search?q={q}&limit={limit}")).await
            }
        }
    }

    /// People with their public keys.
    pub async fn user_infos(&self) -> Result<Vec<UserInfo>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.user_infos().await?),
            Backend::Remote(r) => r.get("/users").await,
        }
    }

    /// Units.
    pub async fn list_units(&self) -> Result<Vec<Unit>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.list_units().await?),
            Backend::Remote(r) => r.get("/units").await,
        }
    }

    /// A pack's comments.
    pub async fn comments(&self, id: &str) -> Result<Vec<Comment>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.comments(id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/comments")).await,
        }
    }

    /// Marks a comment dealt with.
    pub async fn resolve_comment(
        &self,
        actor: &Actor,
        id: &str,
        comment: i64,
    ) -> Result<Comment, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.resolve_comment(local_only(actor)?, id, comment).await?),
            Backend::Remote(r) => {
                r.post(&format!("/packs/{id}/comments/{comment}/resolve"), &())
                    .await
            }
        }
    }

    /// Saves a new revision on `base`.
    pub async fn save(
        &self,
        actor: &Actor,
        id: &str,
        base: i64,
        content: &PackContent,
    ) -> Result<SavedRevision, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.save_as(local_only(actor)?, id, base, content).await?),
            Backend::Remote(r) => {
                r.post(
                    &format!("/packs/{id}/save"),
                    &SaveRequest {
                        base,
                        content: content.clone(),
                    },
                )
                .await
            }
        }
    }

    /// Submits `revision` for sign-off.
    pub async fn submit(
        &self,
        actor: &Actor,
        id: &str,
        revision: i64,
    ) -> Result<StepOutcome, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.submit(local_only(actor)?, id, revision).await?),
            Backend::Remote(r) => {
                r.post(&format!("/packs/{id}/submit"), &StepRequest { revision })
                    .await
            }
        }
    }

    /// Returns `revision` with a comment.
    pub async fn return_pack(
        &self,
        actor: &Actor,
        id: &str,
        revision: i64,
        part: &Part,
        comment: &str,
    ) -> Result<(StepOutcome, Comment), ClientError> {
        match self {
            Backend::Local(s) => Ok(s
                .return_pack(local_only(actor)?, id, revision, part, comment)
                .await?),
            Backend::Remote(r) => {
                r.post(
                    &format!("/packs/{id}/return"),
                    &ReturnRequest {
                        revision,
                        part: part.clone(),
                        comment: comment.to_string(),
                    },
                )
                .await
            }
        }
    }

    /// The openness office's review.
    pub async fn review_disclosure(
        &self,
        actor: &Actor,
        id: &str,
        revision: i64,
        approve: bool,
        comment: &str,
    ) -> Result<SavedRevision, ClientError> {
        match self {
            Backend::Local(s) => Ok(s
                .review_disclosure(local_only(actor)?, id, revision, approve, comment)
                .await?),
            Backend::Remote(r) => {
                r.post(
                    &format!("/packs/{id}/review-disclosure"),
                    &ReviewRequest {
                        revision,
                        approve,
                        comment: comment.to_string(),
                    },
                )
                .await
            }
        }
    }

    /// Signs `revision` on this desktop; the store or the server checks and records it.
    pub async fn sign<F>(
        &self,
        actor: &Actor,
        id: &str,
        revision: i64,
        comment: &str,
        make_pdf: F,
    ) -> Result<SignRecord, ClientError>
    where
        F: FnOnce(&Pack, &SignRecord, &str) -> Result<UnsignedPdf, String>,
    {
        match (self, actor) {
            (Backend::Local(s), Actor::Local(session)) => {
                Ok(s.sign(session, id, revision, comment, make_pdf).await?)
            }
            (Backend::Remote(r), Actor::Remote { keys, .. }) => {
                let pack: Pack = r.get(&format!("/packs/{id}")).await?;
                let submission = jiedu_store::sign_on_desktop(keys, &pack, comment, make_pdf)?;
                r.post(
                    &format!("/packs/{id}/sign"),
                    &SignRequest {
                        revision,
                        record: submission.record,
                        pdf_base64: SignRequest::encode_pdf(&submission.pdf),
                    },
                )
                .await
            }
            _ => Err(signed_in_elsewhere()),
        }
    }

    /// Releases `revision`.
    pub async fn deploy(
        &self,
        actor: &Actor,
        id: &str,
        revision: i64,
        channels: &[Channel],
        at: DateTime<Utc>,
    ) -> Result<Deployment, ClientError> {
        match self {
            Backend::Local(s) => Ok(s
                .deploy(local_only(actor)?, id, revision, channels, at)
                .await?),
            Backend::Remote(r) => {
                r.post(
                    &format!("/packs/{id}/deploy"),
                    &DeployRequest {
                        revision,
                        channels: channels.to_vec(),
                        at,
                    },
                )
                .await
            }
        }
    }

    /// The PAdES-signed PDF, as stored.
    pub async fn signed_pdf(&self, id: &str) -> Result<Option<Vec<u8>>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.signed_pdf(id).await?),
            Backend::Remote(r) => match r.get_bytes(&format!("/packs/{id}/signed-pdf")).await {
                Ok(pdf) => Ok(Some(pdf)),
                Err(e) if e.code() == "pdf.not_signed" => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    /// Every signature a pack had.
    pub async fn signature_history(&self, id: &str) -> Result<Vec<SignatureEntry>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.signature_history(id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/signatures")).await,
        }
    }

    /// A pack's audit events.
    pub async fn audit_for_pack(&self, id: &str) -> Result<Vec<AuditEvent>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.audit_for_pack(id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/audit")).await,
        }
    }

    /// The audit chain and the revisions, checked where the database is.
    pub async fn verify(&self) -> Result<VerifyResponse, ClientError> {
        match self {
            Backend::Local(s) => Ok(VerifyResponse {
                audit: s.verify_audit().await?,
                revisions: s.verify_revisions().await?,
                media: s.verify_media().await?,
            }),
            Backend::Remote(r) => r.get("/verify").await,
        }
    }

    /// The office CA certificate (DER).
    pub async fn office_ca_certificate(&self) -> Result<Option<Vec<u8>>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.office_ca_certificate().await?),
            Backend::Remote(r) => match r.get_bytes("/ca").await {
                Ok(der) => Ok(Some(der)),
                Err(e) if e.code() == "cert.no_office_ca" => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    /// The enrolments, the registered keys and the root admin keys, for checking here.
    pub async fn enrolment_data(
        &self,
    ) -> Result<(Vec<RootKey>, Vec<RegisteredKey>, Vec<Enrolment>), ClientError> {
        match self {
            Backend::Local(s) => Ok((
                s.root_admin_keys()
                    .await?
                    .into_iter()
                    .map(|(user_id, public_key)| RootKey {
                        user_id,
                        public_key,
                    })
                    .collect(),
                s.registered_keys().await?,
                s.enrolments().await?,
            )),
            Backend::Remote(r) => {
                let roots: Vec<RootKey> = r.get("/roots").await?;
                let data: EnrolmentsResponse = r.get("/enrolments").await?;
                Ok((roots, data.registered, data.enrolments))
            }
        }
    }

    /// Checks every person's keys against the enrolments under the pinned admin key.
    pub async fn check_enrolments(&self) -> Result<crate::EnrolmentReport, ClientError> {
        let (roots, registered, enrolments) = self.enrolment_data().await?;
        crate::check_enrolments(&self.place(), &roots, &registered, &enrolments)
    }

    /// Enrols `user_id`'s current keys, signed with the admin `actor`'s key on this desktop.
    pub async fn enrol(&self, actor: &Actor, user_id: &str) -> Result<Enrolment, ClientError> {
        match (self, actor) {
            (Backend::Local(s), Actor::Local(session)) => Ok(s.enrol(session, user_id).await?),
            (Backend::Remote(r), Actor::Remote { keys, user }) => {
                let data: EnrolmentsResponse = r.get("/enrolments").await?;
                let key = data
                    .registered
                    .iter()
                    .find(|k| k.user_id == user_id)
                    .ok_or_else(|| user_not_found(user_id))?;
                let e = jiedu_core::identity::sign_enrolment(
                    &keys.signing,
                    Enrolment {
                        user_id: key.user_id.clone(),
                        role: key.role,
                        unit_id: key.unit_id.clone(),
                        public_key: key.public_key.clone(),
                        document_public_key: key.document_public_key.clone(),
                        admin_id: user.id.clone(),
                        admin_public_key: String::new(),
                        enrolled_at: Utc::now()
                            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                        signature: String::new(),
                    },
                );
                r.post::<_, ()>("/enrolments", &e).await?;
                Ok(e)
            }
            _ => Err(signed_in_elsewhere()),
        }
    }

    /// The signed-in user's draft of a pack.
    pub async fn draft(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Option<jiedu_store::Draft>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.draft(local_only(actor)?, id).await?),
            Backend::Remote(r) => r.get(&format!("/packs/{id}/draft")).await,
        }
    }

    /// Autosaves the signed-in user's draft (on the server in team mode, so another desk or a
    /// restarted desktop finds it).
    pub async fn save_draft(
        &self,
        actor: &Actor,
        id: &str,
        base: i64,
        content: &PackContent,
    ) -> Result<DateTime<Utc>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.save_draft(local_only(actor)?, id, base, content).await?),
            Backend::Remote(r) => {
                r.put(
                    &format!("/packs/{id}/draft"),
                    &SaveRequest {
                        base,
                        content: content.clone(),
                    },
                )
                .await
            }
        }
    }

    /// Discards the signed-in user's draft.
    pub async fn discard_draft(&self, actor: &Actor, id: &str) -> Result<(), ClientError> {
        match self {
            Backend::Local(s) => Ok(s.discard_draft(local_only(actor)?, id).await?),
            Backend::Remote(r) => r.delete(&format!("/packs/{id}/draft")).await,
        }
    }

    /// Who can sign in (no session needed): id, name, unit and role of everyone with keys.
    pub async fn accounts(&self) -> Result<Vec<UserInfo>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s
                .user_infos()
                .await?
                .into_iter()
                .filter(|u| u.public_key.is_some())
                .collect()),
            Backend::Remote(r) => r.get("/accounts").await,
        }
    }

    /// The root admin key of this place, pinned now if this computer never saw it.
    pub async fn pinned_root(&self) -> Result<Option<(RootKey, bool)>, ClientError> {
        let roots: Vec<RootKey> = match self {
            Backend::Local(s) => s
                .root_admin_keys()
                .await?
                .into_iter()
                .map(|(user_id, public_key)| RootKey {
                    user_id,
                    public_key,
                })
                .collect(),
            Backend::Remote(r) => r.get("/roots").await?,
        };
        crate::pins::pin_root(&self.place(), &roots)
    }

    /// Adds a person as the signed-in admin. On a server the keys are made and sealed here,
    /// under the new person's passphrase, and the enrolment (and a leader's certificate) signed
    /// here: the server never sees the passphrase.
    pub async fn add_user(
        &self,
        admin: &Actor,
        user: &User,
        passphrase: &str,
    ) -> Result<UserInfo, ClientError> {
        match (self, admin) {
            (Backend::Local(s), Actor::Local(session)) => {
                Ok(s.add_user(user, passphrase, Some(session)).await?)
            }
            (Backend::Remote(r), Actor::Remote { keys, .. }) => {
                let units = self.list_units().await?;
                let unit_name = units
                    .iter()
                    .find(|u| u.id == user.unit_id)
                    .map_or(user.unit_id.clone(), |u| u.name.clone());
                let (keys, user, passphrase) = (
                    keys.clone(),
                    user.clone(),
                    zeroize::Zeroizing::new(passphrase.to_string()),
                );
                let person = tokio::task::spawn_blocking(move || {
                    jiedu_store::prepare_person(&keys, &user, &unit_name, &passphrase)
                })
                .await
                .map_err(|e| ClientError::Connect {
                    url: String::new(),
                    detail: e.to_string(),
                })??;
                r.post("/users", &person).await
            }
            _ => Err(signed_in_elsewhere()),
        }
    }

    /// Issues a leader a certificate from the office CA as the signed-in admin (on a server,
    /// issued here with the admin's CA key and sent to be checked and stored).
    pub async fn certify(&self, admin: &Actor, user_id: &str) -> Result<Vec<u8>, ClientError> {
        match (self, admin) {
            (Backend::Local(s), Actor::Local(session)) => Ok(s.certify(session, user_id).await?),
            (Backend::Remote(r), Actor::Remote { keys, .. }) => {
                let (_, registered, _) = self.enrolment_data().await?;
                let key = registered
                    .iter()
                    .find(|k| k.user_id == user_id)
                    .ok_or_else(|| user_not_found(user_id))?;
                let document = key.document_public_key.clone().ok_or_else(|| {
                    ClientError::Store(jiedu_store::StoreError::NoDocumentKey {
                        id: user_id.to_string(),
                    })
                })?;
                let info = self
                    .user_infos()
                    .await?
                    .into_iter()
                    .find(|u| u.id == user_id)
                    .ok_or_else(|| user_not_found(user_id))?;
                let user = User {
                    id: info.id,
                    name: info.name,
                    unit_id: info.unit_id,
                    role: info.role,
                };
                let unit_name = self
                    .list_units()
                    .await?
                    .into_iter()
                    .find(|u| u.id == user.unit_id)
                    .map_or(user.unit_id.clone(), |u| u.name);
                let der =
                    jiedu_store::issue_certificate_on_desktop(keys, &user, &unit_name, &document)?;
                r.put::<_, ()>(
                    &format!("/users/{user_id}/certificate"),
                    &CertificateBody {
                        der_hex: hex::encode(&der),
                    },
                )
                .await?;
                Ok(der)
            }
            _ => Err(signed_in_elsewhere()),
        }
    }

    /// Follows every change after `after` (or from now): the local log, or the server's stream.
    pub async fn follow(&self, after: Option<i64>) -> Result<crate::EventFeed, ClientError> {
        Ok(match self {
            Backend::Local(s) => crate::EventFeed::Local(s.follow_audit(after).await?),
            Backend::Remote(r) => crate::EventFeed::Remote {
                remote: r.clone(),
                last: after,
                stream: None,
                on_reconnect: None,
            },
        })
    }

    /// The local store, when local.
    pub fn store(&self) -> Option<&Store> {
        match self {
            Backend::Local(s) => Some(s),
            Backend::Remote(_) => None,
        }
    }

    /// Closes the local database (checkpointing SQLite's WAL).
    pub async fn close(self) {
        if let Backend::Local(store) = self {
            store.close().await;
        }
    }
}
