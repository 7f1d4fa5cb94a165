//! The workflow on a real database: people and passphrases, submit, return with comments, sign,
//! deploy, voiding by edit, and tampering caught by the revision and audit checks.

use super::rev;
use chrono::Utc;
use jiedu_core::disclosure::{DisclosureAttribute, LegalBasis};
use jiedu_core::pack::{Pack, PackContent, PackState, SignRecord};
use jiedu_core::parts::Part;
use jiedu_core::people::{Role, Unit, User};
use jiedu_core::plan::Channel;
use jiedu_core::rules::{check, CheckStatus, RuleId};
use jiedu_store::{NewPack, Session, Store, StoreError, UnsignedPdf};
use jiedu_testdb::{on_both_engines, TestDb};

on_both_engines!(
    the_whole_flow_submit_return_resolve_sign_deploy,
    an_edit_after_signing_voids_the_signature_and_returns_to_drafting,
    refusals_change_nothing,
    a_not_disclosed_pack_needs_the_openness_review_before_signing,
    tampering_with_a_signed_policy_sentence_is_caught_and_named,
    a_draft_survives_reopening_and_goes_away_after_a_save
);

const PASS: &str = "jiedu-demo";

pub(crate) fn seed_content() -> PackContent {
    let pack: Pack =
        serde_json::from_str(include_str!("../../../../resources/demo/seed-pack.json"))
            .expect("seed pack");
    pack.content
}

fn person(id: &str, role: Role) -> User {
    User {
        id: id.into(),
        name: id.into(),
        unit_id: "general-office".into(),
        role,
    }
}

/// A database with the drafting unit, an admin, a drafter, a leader, an openness officer and a
/// press officer (all with passphrase `jiedu-demo`), and the seed pack in drafting.
pub(crate) async fn world(db: &TestDb) -> Store {
    let store = Store::open(db.location()).await.expect("open");
    store
        .upsert_unit(
            &Unit {
                id: "general-office".into(),
                name: "办公厅".into(),
                head: "王明远".into(),
            },
            "system",
        )
        .await
        .expect("unit");
    let admin = person("admin", Role::Admin);
    store
        .add_user(&admin, PASS, None)
        .await
        .expect("first admin");
    let session = store.sign_in("admin", PASS).await.expect("admin signs in");
    for (id, role) in [
        ("drafter", Role::Drafter),
        ("leader", Role::Leader),
        ("office", Role::OpennessOffice),
        ("press", Role::PressOfficer),
    ] {
        store
            .add_user(&person(id, role), PASS, Some(&session))
            .await
            .expect("add user");
    }
    store
        .create_pack(
            &NewPack {
                id: "seed".into(),
                unit_id: "general-office".into(),
                content: seed_content(),
            },
            "drafter",
        )
        .await
        .expect("pack");
    store
}

/// Renders the PDF a leader signs, as the CLI and the app do.
pub(crate) fn pdf_maker() -> impl FnOnce(&Pack, &SignRecord, &str) -> Result<UnsignedPdf, String> {
    |pack, record, unit| {
        let fonts = jiedu_render::FontSet::bundled().map_err(|e| e.to_string())?;
        jiedu_render::pdf_for_signing(pack, record, &fonts, unit, &Default::default())
            .map(UnsignedPdf::from)
            .map_err(|e| e.to_string())
    }
}

pub(crate) async fn as_user(store: &Store, id: &str) -> Session {
    store.sign_in(id, PASS).await.expect("sign in")
}

async fn audit_rows(store: &Store) -> usize {
    store.verify_audit().await.expect("verify").rows
}

async fn the_whole_flow_submit_return_resolve_sign_deploy(db: &TestDb) {
    let store = world(db).await;
    let drafter = as_user(&store, "drafter").await;
    let leader = as_user(&store, "leader").await;
    let press = as_user(&store, "press").await;

    // A failing rule blocks submission and names itself.
    let mut broken = seed_content();
    broken.plan = None;
    store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &broken)
        .await
        .expect("save");
    let err = store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect_err("blocked");
    assert_eq!(err.code(), "workflow.blocked");
    assert!(
        err.to_string().contains("whoever-drafts-interprets"),
        "{err}"
    );
    store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &seed_content())
        .await
        .expect("fix");
    let submitted = store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect("submit");
    assert_eq!(
        (submitted.from, submitted.to),
        (PackState::Drafting, PackState::Submitted)
    );
    // Submitting is not a review: no leader has looked at any revision yet.
    assert_eq!(
        store.last_reviewed_revision("seed").await.expect("rev"),
        None
    );

    // Submitted: the drafter cannot edit until it is returned.
    let mut edit = seed_content();
    edit.policy.sections[5].paragraphs[0].push_str("（补充）");
    let err = store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &edit)
        .await
        .expect_err("locked");
    assert_eq!(err.code(), "workflow.state");

    let (returned, comment) = store
        .return_pack(
            &leader,
            "seed",
            rev(&store, "seed").await,
            &Part::PolicySection(5),
            "请补充决策公开的具体要求。",
        )
        .await
        .expect("return");
    assert_eq!(returned.to, PackState::Returned);
    assert_eq!(
        store.last_reviewed_revision("seed").await.expect("rev"),
        Some(3)
    );
    store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &edit)
        .await
        .expect("fix after return");
    assert_eq!(
        store.get_pack("seed").await.expect("pack").state,
        PackState::Drafting
    );
    let err = store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect_err("open comment");
    assert_eq!(err.code(), "workflow.open_comments");
    let resolved = store
        .resolve_comment(&drafter, "seed", comment.id)
        .await
        .expect("resolve");
    assert_eq!(resolved.resolved_revision, Some(4));
    store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect("resubmit");

    let record = store
        .sign(
            &leader,
            "seed",
            rev(&store, "seed").await,
            "同意。",
            pdf_maker(),
        )
        .await
        .expect("sign");
    assert_eq!(record.algorithm, "ed25519");
    assert_eq!(record.revision, 4);
    let pack = store.get_pack("seed").await.expect("pack");
    assert_eq!(pack.state, PackState::Signed);
    assert_eq!(pack.signature.as_ref(), Some(&record));
    let users = store.user_infos().await.expect("users");
    let leader_key = users
        .iter()
        .find(|u| u.id == "leader")
        .and_then(|u| u.public_key.clone());
    assert_eq!(leader_key.as_deref(), Some(record.public_key.as_str()));
    store
        .signed_record("seed")
        .await
        .expect("record")
        .verify()
        .expect("verifies");

    let at = Utc::now();
    let deployment = store
        .deploy(
            &press,
            "seed",
            rev(&store, "seed").await,
            &[Channel::Portal, Channel::Wechat],
            at,
        )
        .await
        .expect("deploy");
    assert_eq!(
        deployment.policy_released_at,
        deployment.interpretation_released_at
    );
    let pack = store.get_pack("seed").await.expect("pack");
    assert_eq!(pack.state, PackState::Deployed);
    assert!(
        check(&pack).passes(),
        "{:?}",
        check(&pack).blocking_failures()
    );
    assert_eq!(
        check(&pack)
            .item(RuleId::DeployedTogether)
            .map(|i| i.status),
        Some(CheckStatus::Pass)
    );

    let actions: Vec<String> = store
        .audit_for_pack("seed")
        .await
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "pack.create",
            "pack.save",
            "pack.save",
            "pack.submit",
            "pack.return",
            "pack.save",
            "pack.resolve_comment",
            "pack.submit",
            "pack.sign",
            "pack.deploy",
        ]
    );
    assert!(store
        .verify_audit()
        .await
        .expect("audit")
        .first_broken
        .is_none());
    assert!(store
        .verify_revisions()
        .await
        .expect("revs")
        .first_broken
        .is_none());
}

async fn an_edit_after_signing_voids_the_signature_and_returns_to_drafting(db: &TestDb) {
    let store = world(db).await;
    let drafter = as_user(&store, "drafter").await;
    let leader = as_user(&store, "leader").await;
    let press = as_user(&store, "press").await;
    store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect("submit");
    let record = store
        .sign(&leader, "seed", rev(&store, "seed").await, "", pdf_maker())
        .await
        .expect("sign");

    // The PDF was signed in its bytes by the certified leader, and its hash is in the audit log.
    let pdf = store
        .signed_pdf("seed")
        .await
        .expect("pdf")
        .expect("stored");
    let ca = store
        .office_ca_certificate()
        .await
        .expect("ca")
        .expect("made");
    let verified = jiedu_pades::verify_pdf(&pdf, &[ca], Some(jiedu_store::LEADER_ROLE))
        .expect("the stored PDF verifies");
    assert_eq!(verified.signer.user_id, "leader");
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&pdf));
    let events = store.audit_for_pack("seed").await.expect("audit");
    let sign = events
        .iter()
        .find(|e| e.action == "pack.sign")
        .expect("sign event");
    assert_eq!(sign.detail["pdf_sha256"], serde_json::json!(sha));

    // Saving identical content is no edit and voids nothing.
    let same = store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &seed_content())
        .await
        .expect("same");
    assert!(!same.changed);
    assert_eq!(
        store.get_pack("seed").await.expect("pack").state,
        PackState::Signed
    );

    let mut edit = seed_content();
    edit.policy.title.push('（');
    edit.policy.title.pop();
    edit.policy.preamble[0].push('。');
    store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &edit)
        .await
        .expect("edit");
    let pack = store.get_pack("seed").await.expect("pack");
    assert_eq!(pack.state, PackState::Drafting);
    assert!(pack.signature.is_none());
    assert!(store.signed_pdf("seed").await.expect("pdf").is_none());
    let history = store.signature_history("seed").await.expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].record, record);
    assert!(history[0].voided_at.is_some());
    assert!(history[0]
        .void_reason
        .as_deref()
        .unwrap_or("")
        .contains("签名失效"));
    let err = store
        .deploy(
            &press,
            "seed",
            rev(&store, "seed").await,
            &[Channel::Portal],
            Utc::now(),
        )
        .await
        .expect_err("unsigned");
    assert_eq!(err.code(), "workflow.state");
    let events = store.audit_for_pack("seed").await.expect("audit");
    assert_eq!(
        events.last().map(|e| e.action.as_str()),
        Some("pack.signature_void")
    );
}

async fn refusals_change_nothing(db: &TestDb) {
    let store = world(db).await;
    let rows = audit_rows(&store).await;

    let err = store
        .sign_in("leader", "wrong-passphrase")
        .await
        .expect_err("wrong");
    assert!(matches!(err, StoreError::WrongPassphrase { .. }));
    assert!(err.to_string().contains("leader"));
    let err = store.sign_in("nobody", PASS).await.expect_err("unknown");
    assert_eq!(err.code(), "user.not_found");

    let drafter = as_user(&store, "drafter").await;
    store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect("submit");
    let rows_after_submit = audit_rows(&store).await;
    assert_eq!(rows_after_submit, rows + 1);

    // A drafter cannot sign its own draft; a press officer cannot return it.
    let err = store
        .sign(&drafter, "seed", rev(&store, "seed").await, "", pdf_maker())
        .await
        .expect_err("drafter signs");
    assert_eq!(err.code(), "permission.role");
    let press = as_user(&store, "press").await;
    let err = store
        .return_pack(
            &press,
            "seed",
            rev(&store, "seed").await,
            &Part::Plan,
            "不行",
        )
        .await
        .expect_err("press returns");
    assert_eq!(err.code(), "permission.role");
    let leader = as_user(&store, "leader").await;
    let err = store
        .return_pack(
            &leader,
            "seed",
            rev(&store, "seed").await,
            &Part::Chart("no-such-chart".into()),
            "图表有误",
        )
        .await
        .expect_err("unknown part");
    assert_eq!(err.code(), "comment.part_not_found");
    let err = store
        .return_pack(
            &leader,
            "seed",
            rev(&store, "seed").await,
            &Part::Plan,
            "  ",
        )
        .await
        .expect_err("empty");
    assert_eq!(err.code(), "comment.empty");
    // Only an admin adds people once the register has one.
    let err = store
        .add_user(&person("x", Role::Drafter), PASS, Some(&leader))
        .await
        .expect_err("leader adds people");
    assert_eq!(err.code(), "permission.role");
    let err = store
        .add_user(&person("y", Role::Admin), PASS, None)
        .await
        .expect_err("second bootstrap");
    assert_eq!(err.code(), "auth.admin_required");

    assert_eq!(audit_rows(&store).await, rows_after_submit);
    let pack = store.get_pack("seed").await.expect("pack");
    assert_eq!(pack.state, PackState::Submitted);
    assert!(store.comments("seed").await.expect("comments").is_empty());
    assert_eq!(store.user_infos().await.expect("users").len(), 5);
}

async fn a_not_disclosed_pack_needs_the_openness_review_before_signing(db: &TestDb) {
    let store = world(db).await;
    let drafter = as_user(&store, "drafter").await;
    let leader = as_user(&store, "leader").await;
    let office = as_user(&store, "office").await;
    let mut content = seed_content();
    let d = &mut content.policy.disclosure;
    d.attribute = Some(DisclosureAttribute::NotDisclosed);
    d.legal_basis = vec![LegalBasis::Art16InternalAffairs];
    d.explanation = "内部管理事务。".into();
    store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &content)
        .await
        .expect("save");
    store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect("submit");
    let err = store
        .sign(&leader, "seed", rev(&store, "seed").await, "", pdf_maker())
        .await
        .expect_err("no review");
    assert_eq!(err.code(), "workflow.blocked");
    assert!(err.to_string().contains("disclosure"), "{err}");
    let err = store
        .review_disclosure(&leader, "seed", rev(&store, "seed").await, true, "")
        .await
        .expect_err("leader reviews");
    assert_eq!(err.code(), "permission.role");
    let reviewed = store
        .review_disclosure(
            &office,
            "seed",
            rev(&store, "seed").await,
            true,
            "同意不予公开。",
        )
        .await
        .expect("review");
    let pack = store.get_pack("seed").await.expect("pack");
    assert_eq!(pack.state, PackState::Submitted);
    assert_eq!(pack.revision, reviewed.revision);
    let review = pack
        .content
        .policy
        .disclosure
        .review
        .as_ref()
        .expect("review");
    assert!(review.approved && review.reviewer == "office");
    let record = store
        .sign(&leader, "seed", rev(&store, "seed").await, "", pdf_maker())
        .await
        .expect("sign");
    assert_eq!(record.revision, reviewed.revision);
    assert!(store
        .verify_revisions()
        .await
        .expect("revs")
        .first_broken
        .is_none());
}

async fn tampering_with_a_signed_policy_sentence_is_caught_and_named(db: &TestDb) {
    let store = world(db).await;
    let drafter = as_user(&store, "drafter").await;
    let leader = as_user(&store, "leader").await;
    let press = as_user(&store, "press").await;
    store
        .submit(&drafter, "seed", rev(&store, "seed").await)
        .await
        .expect("submit");
    store
        .sign(&leader, "seed", rev(&store, "seed").await, "", pdf_maker())
        .await
        .expect("sign");
    let exported = store.signed_record("seed").await.expect("record");

    db.execute_per_engine(
        "DROP TRIGGER revisions_are_immutable",
        "ALTER TABLE revisions DISABLE TRIGGER revisions_are_immutable",
    )
    .await
    .expect("drop trigger");
    db.execute(
        "UPDATE revisions SET content = replace(content, '实行重大决策预公开制度', '实行重大决策预公开制庹')
         WHERE pack_id = 'seed' AND revision = 1",
    )
    .await
    .expect("tamper");

    let broken = store
        .verify_revisions()
        .await
        .expect("verify")
        .first_broken
        .expect("caught");
    assert_eq!((broken.pack_id.as_str(), broken.revision), ("seed", 1));
    assert!(broken.reason.contains("哈希"), "{}", broken.reason);
    // The pack as stored no longer matches its signature …
    let pack = store.get_pack("seed").await.expect("pack");
    let item = check(&pack)
        .item(RuleId::SignedTogether)
        .cloned()
        .expect("item");
    assert_eq!(item.status, CheckStatus::Fail);
    assert_eq!(item.field.as_deref(), Some("signature.content_hash"));
    let err = store
        .signed_record("seed")
        .await
        .expect("record")
        .verify()
        .expect_err("tampered");
    assert_eq!(err.code(), "verify.content_changed");
    // … so it cannot be deployed, while the record exported before still verifies.
    let err = store
        .deploy(
            &press,
            "seed",
            rev(&store, "seed").await,
            &[Channel::Portal],
            Utc::now(),
        )
        .await
        .expect_err("tampered");
    assert_eq!(err.code(), "workflow.signature_stale");
    exported.verify().expect("the earlier export is intact");
}

async fn a_draft_survives_reopening_and_goes_away_after_a_save(db: &TestDb) {
    let store = world(db).await;
    let session = store.sign_in("drafter", PASS).await.expect("sign in");
    let mut pack = store.get_pack("seed").await.expect("pack");
    pack.content.policy.title.push_str("（修改稿）");
    store
        .save_draft(&session, "seed", pack.revision, &pack.content)
        .await
        .expect("draft saved");
    store.close().await;

    // As after a crash: a new process opens the file and finds the draft.
    let store = Store::open(db.location()).await.expect("reopen");
    let draft = store
        .draft(&session, "seed")
        .await
        .expect("read")
        .expect("draft kept");
    assert_eq!(draft.content, pack.content);
    assert_eq!(draft.base_revision, pack.revision);
    let leader = store.sign_in("leader", PASS).await.expect("leader");
    assert!(store.draft(&leader, "seed").await.expect("read").is_none());

    let saved = store
        .save_as(&session, "seed", rev(&store, "seed").await, &draft.content)
        .await
        .expect("saved");
    assert!(saved.changed);
    assert!(store.draft(&session, "seed").await.expect("read").is_none());
}
