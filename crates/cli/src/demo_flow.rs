//! The demo's people with passphrases and signing keys, and a pack that has gone through the
//! whole flow: submitted by the drafter, signed by the leader, deployed by the press officer.
//!
//! Both steps are idempotent and resume where an interrupted run stopped.

use crate::demo::DemoData;
use crate::error::CliError;
use jiedu_core::pack::{Pack, PackState};
use jiedu_core::people::Role;
use jiedu_core::plan::Channel;
use jiedu_store::{NewPack, Store};

/// The id of the demo pack that has been submitted, signed and deployed.
pub const RELEASED_ID: &str = "seed-openness-released";

/// Gives every demo user without credentials the demo passphrase and a new key pair.
/// Returns the ids that got one.
pub async fn ensure_credentials(
    store: &Store,
    data: &DemoData,
    actor: &str,
) -> Result<Vec<String>, CliError> {
    let known = store.user_infos().await?;
    let mut created = Vec::new();
    for user in &data.people.users {
        let has_key = known
            .iter()
            .any(|u| u.id == user.id && u.public_key.is_some());
        if !has_key {
            store
                .set_credentials(&user.id, &data.people.passphrase, actor)
                .await?;
            created.push(user.id.clone());
        }
    }
    Ok(created)
}

/// Has the demo admin issue every demo leader a signing certificate from the office CA
/// (making the CA first). Returns the ids that got one.
pub async fn ensure_certificates(store: &Store, data: &DemoData) -> Result<Vec<String>, CliError> {
    let Some(admin) = person_with(data, Role::Admin, None) else {
        return Ok(Vec::new());
    };
    let mut certified = Vec::new();
    let mut session = None;
    for user in data.people.users.iter().filter(|u| u.role == Role::Leader) {
        if store.signing_certificate(&user.id).await?.is_some() {
            continue;
        }
        // Signing in gives a leader from an older demo database their document key.
        store.sign_in(&user.id, &data.people.passphrase).await?;
        if session.is_none() {
            session = Some(store.sign_in(&admin, &data.people.passphrase).await?);
        }
        if let Some(admin) = &session {
            store.certify(admin, &user.id).await?;
            certified.push(user.id.clone());
        }
    }
    Ok(certified)
}

fn person_with(data: &DemoData, role: Role, unit: Option<&str>) -> Option<String> {
    data.people
        .users
        .iter()
        .find(|u| u.role == role && unit.is_none_or(|id| u.unit_id == id))
        .map(|u| u.id.clone())
}

/// Creates the released copy of `seed` if missing and takes it through submit, sign and deploy.
/// Returns the pack's final state and whether it was created now.
pub async fn ensure_released(
    store: &Store,
    data: &DemoData,
    seed: &Pack,
    actor: &str,
) -> Result<(PackState, bool), CliError> {
    let created = !store.pack_exists(RELEASED_ID).await?;
    if created {
        let new = NewPack {
            id: RELEASED_ID.to_string(),
            unit_id: seed.unit_id.clone(),
            content: seed.content.clone(),
        };
        store.create_pack(&new, actor).await?;
    }
    let passphrase = &data.people.passphrase;
    let drafter = person_with(data, Role::Drafter, Some(&seed.unit_id));
    let leader = person_with(data, Role::Leader, None);
    let press = person_with(data, Role::PressOfficer, None);
    let channels = seed
        .content
        .plan
        .as_ref()
        .map(|p| p.channels.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| vec![Channel::Portal, Channel::Wechat]);
    loop {
        let state = store.get_pack(RELEASED_ID).await?.state;
        let who = match state {
            PackState::Drafting | PackState::Returned => drafter.as_deref(),
            PackState::Submitted => leader.as_deref(),
            PackState::Signed => press.as_deref(),
            PackState::Deployed => return Ok((state, created)),
        };
        // Demo data without the needed role: leave the pack where it is.
        let Some(who) = who else {
            return Ok((state, created));
        };
        let session = store.sign_in(who, passphrase).await?;
        let revision = store.get_pack(RELEASED_ID).await?.revision;
        match state {
            PackState::Drafting | PackState::Returned => {
                store.submit(&session, RELEASED_ID, revision).await?;
            }
            PackState::Submitted => {
                let fonts = jiedu_render::FontSet::bundled()?;
                // The demo's seed packs carry no images.
                let media = jiedu_core::media::MediaLibrary::new();
                store
                    .sign(
                        &session,
                        RELEASED_ID,
                        revision,
                        "同意发布。Approved for release.",
                        crate::commands::export::unsigned_pdf(&fonts, &media),
                    )
                    .await?;
            }
            PackState::Signed => {
                store
                    .deploy(
                        &session,
                        RELEASED_ID,
                        revision,
                        &channels,
                        chrono::Utc::now(),
                    )
                    .await?;
            }
            PackState::Deployed => {}
        }
    }
}

/// Has the demo admin enrol every demo person whose current keys, role and unit no enrolment
/// states yet, the admin first (which makes the admin's key the root clients pin). Returns the
/// ids enrolled.
pub async fn ensure_enrolments(store: &Store, data: &DemoData) -> Result<Vec<String>, CliError> {
    let Some(admin) = person_with(data, Role::Admin, None) else {
        return Ok(Vec::new());
    };
    let mut missing = jiedu_core::identity::unenrolled(
        &store.registered_keys().await?,
        &store.enrolments().await?,
    );
    if missing.is_empty() {
        return Ok(missing);
    }
    missing.sort_by_key(|id| *id != admin);
    let session = store.sign_in(&admin, &data.people.passphrase).await?;
    for id in &missing {
        store.enrol(&session, id).await?;
    }
    Ok(missing)
}

/// Gives every demo unit without settings its portal settings (organisation code, site), as
/// the demo admin.
pub async fn ensure_unit_settings(store: &Store, data: &DemoData) -> Result<(), CliError> {
    let Some(admin) = person_with(data, Role::Admin, None) else {
        return Ok(());
    };
    let mut session = None;
    for (i, unit) in data.people.units.iter().enumerate() {
        if store.unit_settings(&unit.id).await? != Default::default() {
            continue;
        }
        if session.is_none() {
            session = Some(store.sign_in(&admin, &data.people.passphrase).await?);
        }
        if let Some(admin) = &session {
            let settings = crate::demo::unit_settings(&unit.id, i);
            store.set_unit_settings(admin, &unit.id, &settings).await?;
        }
    }
    Ok(())
}

/// Records one answered public concern on the released pack, when there is none yet, so that
/// the concern list and the annual figures have something to show.
pub async fn ensure_concern(store: &Store, data: &DemoData) -> Result<(), CliError> {
    let Some(press) = person_with(data, Role::PressOfficer, None) else {
        return Ok(());
    };
    if !store.concerns().await?.is_empty() || !store.pack_exists(RELEASED_ID).await? {
        return Ok(());
    }
    let session = store.sign_in(&press, &data.people.passphrase).await?;
    let now = chrono::Utc::now();
    let concern = store
        .add_concern(
            &session,
            &jiedu_store::NewConcern {
                pack_id: Some(RELEASED_ID.to_string()),
                unit_id: None,
                what: "网民留言询问政务公开目录何时更新".to_string(),
                started_at: now - chrono::Duration::hours(3),
                severity: jiedu_core::concern::ConcernSeverity::Other,
                source: "政府网站留言板".to_string(),
            },
        )
        .await?;
    store
        .respond_concern(
            &session,
            &concern.id,
            &jiedu_core::concern::ConcernResponse {
                clock: jiedu_core::concern::ClockKind::Response,
                what: "在留言板答复：目录随政策文件同步更新，并附解读链接".to_string(),
                venue: "政府网站留言板".to_string(),
                at: now - chrono::Duration::hours(1),
                by: press.clone(),
            },
        )
        .await?;
    Ok(())
}
