//! No lost updates, on both engines: saves and workflow steps name the revision they were based
//! on, a stale one is refused with `pack.conflict` (the refused content kept as a draft), and
//! 16 concurrent writers leave one unbroken audit chain and every acknowledged revision.

use super::rev;
use super::workflow::{as_user, pdf_maker, seed_content, world};
use jiedu_core::disclosure::{DisclosureAttribute, LegalBasis};
use jiedu_core::parts::Part;
use jiedu_core::plan::Channel;
use jiedu_store::{Engine, Store, StoreError};
use jiedu_testdb::{on_both_engines, TestDb};
use std::time::{Duration, Instant};

on_both_engines!(
    two_saves_built_on_one_revision_keep_the_first_and_draft_the_second,
    steps_on_a_revision_that_is_no_longer_current_are_refused,
    sixteen_concurrent_writers_leave_one_chain_and_every_acknowledged_revision,
);

async fn two_saves_built_on_one_revision_keep_the_first_and_draft_the_second(db: &TestDb) {
    let store = world(db).await;
    let drafter = as_user(&store, "drafter").await;
    let base = rev(&store, "seed").await;
    let mut a = seed_content();
    a.policy.title = "A 改过的标题".into();
    let mut b = seed_content();
    b.policy.preamble[0] = "B 改过的第一段。".into();

    let saved = store
        .save_as(&drafter, "seed", base, &a)
        .await
        .expect("A saves");
    assert_eq!(saved.revision, base + 1);
    let err = store
        .save_as(&drafter, "seed", base, &b)
        .await
        .expect_err("B is built on an old revision");
    assert_eq!(err.code(), "pack.conflict");
    let message = err.to_string();
    assert!(
        message.contains(&format!("第 {} 版", base + 1)),
        "{message}"
    );
    assert!(message.contains("drafter"), "{message}");
    assert!(
        message.contains("草稿") && message.contains("draft"),
        "{message}"
    );
    assert!(
        message.contains(&format!("revision {}", base + 1)),
        "{message}"
    );

    let pack = store.get_pack("seed").await.expect("pack");
    assert_eq!(pack.revision, base + 1, "the refused save wrote nothing");
    assert_eq!(pack.content.policy.title, "A 改过的标题");
    let draft = store
        .draft(&drafter, "seed")
        .await
        .expect("draft")
        .expect("B's content is kept");
    assert_eq!(draft.content, b);
    assert_eq!(draft.base_revision, base);

    // Keeping B's version: saved on the current revision it becomes the next one.
    let kept = store
        .save_as(&drafter, "seed", base + 1, &draft.content)
        .await
        .expect("keep mine");
    assert_eq!(kept.revision, base + 2);
    assert!(store
        .draft(&drafter, "seed")
        .await
        .expect("draft")
        .is_none());

    // A base the pack never had is its own error and changes nothing.
    let err = store
        .save_as(&drafter, "seed", 99, &a)
        .await
        .expect_err("no such revision");
    assert_eq!(err.code(), "pack.no_such_revision");
    assert!(err.to_string().contains("99"), "{err}");
    assert_eq!(rev(&store, "seed").await, base + 2);
}

async fn steps_on_a_revision_that_is_no_longer_current_are_refused(db: &TestDb) {
    let store = world(db).await;
    let drafter = as_user(&store, "drafter").await;
    let leader = as_user(&store, "leader").await;
    let office = as_user(&store, "office").await;
    let press = as_user(&store, "press").await;
    let mut content = seed_content();
    let d = &mut content.policy.disclosure;
    d.attribute = Some(DisclosureAttribute::NotDisclosed);
    d.legal_basis = vec![LegalBasis::Art16InternalAffairs];
    d.explanation = "内部管理事务。".into();
    let saved = store
        .save_as(&drafter, "seed", rev(&store, "seed").await, &content)
        .await
        .expect("save");
    let err = store
        .submit(&drafter, "seed", saved.revision - 1)
        .await
        .expect_err("submit an old revision");
    assert_eq!(err.code(), "pack.conflict");
    store
        .submit(&drafter, "seed", saved.revision)
        .await
        .expect("submit");
    // The leader reads revision N; the openness office's review then writes N+1.
    let reviewed_by_leader = saved.revision;
    let office_review = store
        .review_disclosure(&office, "seed", reviewed_by_leader, true, "同意不予公开。")
        .await
        .expect("review");
    assert_eq!(office_review.revision, reviewed_by_leader + 1);
    let audit_before = store.verify_audit().await.expect("audit").rows;

    let err = store
        .sign(&leader, "seed", reviewed_by_leader, "", pdf_maker())
        .await
        .expect_err("signing N while N+1 exists");
    assert_eq!(err.code(), "pack.conflict");
    assert!(err.to_string().contains("office"), "{err}");
    assert!(err.to_string().contains("未做任何改动"), "{err}");
    assert!(
        !err.to_string().contains("草稿"),
        "no draft is kept for a step: {err}"
    );
    let err = store
        .return_pack(&leader, "seed", reviewed_by_leader, &Part::Pack, "请修改。")
        .await
        .expect_err("returning N");
    assert_eq!(err.code(), "pack.conflict");
    let err = store
        .review_disclosure(&office, "seed", reviewed_by_leader, true, "")
        .await
        .expect_err("reviewing N again");
    assert_eq!(err.code(), "pack.conflict");
    assert_eq!(
        store.verify_audit().await.expect("audit").rows,
        audit_before,
        "refused steps record nothing"
    );
    assert!(store
        .get_pack("seed")
        .await
        .expect("pack")
        .signature
        .is_none());

    let current = office_review.revision;
    store
        .sign(&leader, "seed", current, "", pdf_maker())
        .await
        .expect("sign what was reviewed");
    let err = store
        .deploy(
            &press,
            "seed",
            reviewed_by_leader,
            &[Channel::Portal],
            chrono::Utc::now(),
        )
        .await
        .expect_err("deploying an old revision");
    assert_eq!(err.code(), "pack.conflict");
    store
        .deploy(
            &press,
            "seed",
            current,
            &[Channel::Portal],
            chrono::Utc::now(),
        )
        .await
        .expect("deploy");
}

/// How long the writers run: 10 s on PostgreSQL (the acceptance figure), 3 s on SQLite.
fn writers_run_for(engine: Engine) -> Duration {
    match engine {
        Engine::Postgres => Duration::from_secs(10),
        Engine::Sqlite => Duration::from_secs(3),
    }
}

/// One acknowledged save: this revision with this hash must be in the database.
type Acknowledged = (String, i64, String);

async fn sixteen_concurrent_writers_leave_one_chain_and_every_acknowledged_revision(db: &TestDb) {
    const WRITERS: usize = 16;
    let store = super::fresh_store(db).await;
    for n in 0..WRITERS {
        store
            .create_pack(
                &super::new_pack(&format!("own-{n}"), "并发写入", "第0稿。"),
                "system",
            )
            .await
            .expect("create");
    }
    store
        .create_pack(&super::new_pack("shared", "共享", "第0稿。"), "system")
        .await
        .expect("create shared");
    let until = Instant::now() + writers_run_for(db.engine());
    let mut tasks = Vec::new();
    for n in 0..WRITERS {
        let store = Store::open(db.location()).await.expect("open");
        tasks.push(tokio::spawn(async move { writer(store, n, until).await }));
    }
    let mut acknowledged: Vec<Acknowledged> = Vec::new();
    let mut conflicts = 0;
    for task in tasks {
        let (acks, refused) = task.await.expect("writer");
        acknowledged.extend(acks);
        conflicts += refused;
    }
    assert!(acknowledged.len() >= WRITERS, "every writer saved");
    assert!(conflicts > 0, "the shared pack saw contention");

    let audit = store.verify_audit().await.expect("audit");
    assert!(audit.first_broken.is_none(), "{:?}", audit.first_broken);
    assert!(store
        .verify_revisions()
        .await
        .expect("revisions")
        .first_broken
        .is_none());
    let forks = db
        .scalar_i64("SELECT count(*) - count(DISTINCT prev_hash) FROM audit_log")
        .await
        .expect("forks");
    assert_eq!(forks, 0, "no two audit rows share a predecessor");
    for (pack, revision, hash) in &acknowledged {
        let info = store.revisions(pack).await.expect("revisions");
        let numbers: Vec<i64> = info.iter().map(|r| r.revision).collect();
        let contiguous: Vec<i64> = (1..=numbers.len() as i64).collect();
        assert_eq!(numbers, contiguous, "{pack}: no revision is missing");
        let stored = info
            .iter()
            .find(|r| r.revision == *revision)
            .unwrap_or_else(|| {
                panic!("{pack} revision {revision} was acknowledged but is missing")
            });
        assert_eq!(&stored.content_hash, hash);
    }
}

/// Saves to its own pack and to the shared one until `until`; on a conflict it reloads and tries
/// again, as the app does. Returns what was acknowledged and how many saves were refused.
async fn writer(store: Store, n: usize, until: Instant) -> (Vec<Acknowledged>, usize) {
    let own = format!("own-{n}");
    let mut acks = Vec::new();
    let mut refused = 0;
    let mut i = 0;
    while Instant::now() < until {
        i += 1;
        let pack = if i % 2 == 0 { "shared" } else { own.as_str() };
        let base = store.get_pack(pack).await.expect("load").revision;
        let body = format!("写入者 {n} 第 {i} 稿。");
        match store
            .save_content(pack, base, &super::content("并发写入", &body), "system")
            .await
        {
            Ok(saved) => acks.push((pack.to_string(), saved.revision, saved.content_hash)),
            Err(StoreError::Conflict { .. }) => refused += 1,
            Err(e) => panic!("writer {n}: {e}"),
        }
    }
    (acks, refused)
}
