//! Team mode's store side on both engines: sign-in by a signed challenge (single use, right key
//! only, tokens kept as hashes), and the enrolment chain every person gets when added.

use super::workflow::world;
use jiedu_core::identity::{challenge_message, sign_detached, verify_enrolments};
use jiedu_store::{open_keys, StoreError};
use jiedu_testdb::{on_both_engines, TestDb};

on_both_engines!(
    a_signed_challenge_signs_in_once_and_only_with_the_right_key,
    everyone_added_is_enrolled_under_the_first_admin
);

const ORIGIN: &str = "https://jiedu.test:8443";

async fn a_signed_challenge_signs_in_once_and_only_with_the_right_key(db: &TestDb) {
    let store = world(db).await;
    let keys = open_keys(
        &store.sealed_keys("drafter").await.expect("sealed"),
        "jiedu-demo",
    )
    .expect("open");
    let challenge = store
        .issue_challenge("drafter", "127.0.0.1")
        .await
        .expect("nonce");
    let answer = sign_detached(
        &keys.signing,
        &challenge_message("drafter", &challenge.nonce, ORIGIN),
    );
    let origins = [ORIGIN.to_string()];
    let issued = store
        .answer_challenge("drafter", &challenge.nonce, &answer, &origins, "127.0.0.1")
        .await
        .expect("signed in");
    let session = store.session_for_token(&issued.token).await.expect("token");
    assert_eq!(session.user().id, "drafter");

    // The same nonce again, an answer for another origin, another person's key: refused.
    let replay = store
        .answer_challenge("drafter", &challenge.nonce, &answer, &origins, "127.0.0.1")
        .await;
    assert!(
        matches!(replay, Err(StoreError::BadChallenge)),
        "{replay:?}"
    );
    let fresh = store
        .issue_challenge("drafter", "127.0.0.1")
        .await
        .expect("nonce");
    let elsewhere = sign_detached(
        &keys.signing,
        &challenge_message("drafter", &fresh.nonce, "https://evil.test"),
    );
    let refused = store
        .answer_challenge("drafter", &fresh.nonce, &elsewhere, &origins, "127.0.0.1")
        .await;
    assert!(
        matches!(refused, Err(StoreError::BadAnswer { .. })),
        "{refused:?}"
    );

    // The token stops working when the session ends; a made-up one never worked.
    store.end_session(&issued.token).await.expect("end");
    assert!(matches!(
        store.session_for_token(&issued.token).await,
        Err(StoreError::Unauthenticated)
    ));
    assert!(matches!(
        store.session_for_token(&"ab".repeat(32)).await,
        Err(StoreError::Unauthenticated)
    ));
    store.close().await;
}

async fn everyone_added_is_enrolled_under_the_first_admin(db: &TestDb) {
    let store = world(db).await;
    let roots = store.root_admin_keys().await.expect("roots");
    assert_eq!(roots.len(), 1);
    assert_eq!(roots[0].0, "admin");
    let registered = store.registered_keys().await.expect("keys");
    assert!(registered.len() >= 5);
    let enrolments = store.enrolments().await.expect("enrolments");
    assert_eq!(
        verify_enrolments(&roots[0].1, &registered, &enrolments),
        vec![]
    );
    // Under any other pinned key, nobody is trusted.
    let other = jiedu_core::signing::public_key_hex(&[5u8; 32]);
    assert_eq!(
        verify_enrolments(&other, &registered, &enrolments).len(),
        registered.len()
    );
    store.close().await;
}
