//! Integration tests of the store: revisions, audit chain, search, and crash safety.

mod concurrency;
mod kill;
mod postgres;
mod team;
mod workflow;

use jiedu_core::pack::PackContent;
use jiedu_core::people::{Role, Unit, User};
use jiedu_store::{NewPack, Store, StoreError};
use jiedu_testdb::{on_both_engines, TestDb};

on_both_engines!(
    every_save_is_a_new_revision_and_old_ones_stay,
    unknown_packs_and_units_are_named_in_the_error,
    users_round_trip_and_need_a_known_unit,
    search_finds_two_character_words_and_phrases,
    the_audit_chain_verifies_and_names_a_tampered_row,
    a_pack_id_that_is_not_a_plain_name_is_refused_and_nothing_is_written
);

/// A new database in `dir` with the demo drafting unit.
pub async fn fresh_store(db: &TestDb) -> Store {
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
    store
}

/// The current revision of a pack: what an editor that just loaded it would save on.
pub async fn rev(store: &Store, id: &str) -> i64 {
    store.get_pack(id).await.expect("pack").revision
}

/// Pack content with a title and one preamble paragraph.
pub fn content(title: &str, body: &str) -> PackContent {
    let mut c = PackContent::default();
    c.policy.title = title.into();
    c.policy.preamble = vec![body.into()];
    c
}

/// A new pack of the drafting unit.
pub fn new_pack(id: &str, title: &str, body: &str) -> NewPack {
    NewPack {
        id: id.into(),
        unit_id: "general-office".into(),
        content: content(title, body),
    }
}

async fn every_save_is_a_new_revision_and_old_ones_stay(db: &TestDb) {
    let store = fresh_store(db).await;
    let first = store
        .create_pack(
            &new_pack("p1", "关于推进政务公开的意见", "第一稿。"),
            "zhang.wei",
        )
        .await
        .expect("create");
    assert_eq!(first.revision, 1);
    let second = store
        .save_content(
            "p1",
            rev(&store, "p1").await,
            &content("关于推进政务公开的意见", "第二稿。"),
            "zhang.wei",
        )
        .await
        .expect("save");
    assert_eq!(second.revision, 2);
    assert_ne!(first.content_hash, second.content_hash);
    let unchanged = store
        .save_content(
            "p1",
            rev(&store, "p1").await,
            &content("关于推进政务公开的意见", "第二稿。"),
            "zhang.wei",
        )
        .await
        .expect("save again");
    assert!(!unchanged.changed);
    assert_eq!(unchanged.revision, 2);

    let pack = store.get_pack("p1").await.expect("get");
    assert_eq!(pack.revision, 2);
    assert_eq!(pack.content.policy.preamble, ["第二稿。"]);
    let old = store.revision_content("p1", 1).await.expect("old revision");
    assert_eq!(old.policy.preamble, ["第一稿。"]);
    let revisions = store.revisions("p1").await.expect("revisions");
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].content_hash, pack.content_hash().0);

    // The database itself refuses to overwrite a revision.
    let overwrite = db
        .execute("UPDATE revisions SET content = '{}' WHERE pack_id = 'p1'")
        .await;
    assert!(overwrite.is_err());
    let remove = db
        .execute("DELETE FROM revisions WHERE pack_id = 'p1'")
        .await;
    assert!(remove.is_err());
    assert_eq!(store.revisions("p1").await.expect("revisions").len(), 2);
}

async fn unknown_packs_and_units_are_named_in_the_error(db: &TestDb) {
    let store = fresh_store(db).await;
    let err = store.get_pack("nope").await.expect_err("missing");
    assert!(matches!(err, StoreError::PackNotFound { .. }));
    assert!(err.to_string().contains("nope"));
    let mut pack = new_pack("p2", "标题", "正文。");
    pack.unit_id = "no-such-unit".into();
    let err = store.create_pack(&pack, "x").await.expect_err("unit");
    assert!(err.to_string().contains("no-such-unit"));
    store
        .create_pack(&new_pack("p3", "标题", "正文。"), "x")
        .await
        .expect("create");
    let err = store
        .create_pack(&new_pack("p3", "标题", "正文。"), "x")
        .await
        .expect_err("duplicate");
    assert!(matches!(err, StoreError::PackExists { .. }));
}

async fn users_round_trip_and_need_a_known_unit(db: &TestDb) {
    let store = fresh_store(db).await;
    let user = User {
        id: "zhang.wei".into(),
        name: "张伟".into(),
        unit_id: "general-office".into(),
        role: Role::Drafter,
    };
    store.upsert_user(&user, "admin").await.expect("user");
    assert_eq!(store.list_users().await.expect("list"), vec![user.clone()]);
    let stray = User {
        unit_id: "nowhere".into(),
        ..user
    };
    assert!(store.upsert_user(&stray, "admin").await.is_err());
}

async fn search_finds_two_character_words_and_phrases(db: &TestDb) {
    let store = fresh_store(db).await;
    store
        .create_pack(
            &new_pack(
                "open",
                "关于全面推进政务公开工作的实施意见",
                "坚持以公开为常态、不公开为例外。",
            ),
            "x",
        )
        .await
        .expect("create");
    store
        .create_pack(
            &new_pack("land", "关于规范土地征收的通知", "依法保障被征地农民权益。"),
            "x",
        )
        .await
        .expect("create");
    let ids = |hits: Vec<jiedu_store::SearchHit>| -> Vec<String> {
        hits.into_iter().map(|h| h.pack_id).collect()
    };
    assert_eq!(ids(store.search("公开", 10).await.expect("q")), ["open"]);
    assert_eq!(
        ids(store.search("政务公开", 10).await.expect("q")),
        ["open"]
    );
    assert_eq!(ids(store.search("征地", 10).await.expect("q")), ["land"]);
    assert_eq!(ids(store.search("民", 10).await.expect("q")), ["land"]);
    // Words present only apart are not a phrase.
    assert!(store.search("公开土地", 10).await.expect("q").is_empty());
    let hit = &store.search("常态", 10).await.expect("q")[0];
    assert!(hit.snippet.contains("常态"), "{}", hit.snippet);
    // A later revision replaces the index entry.
    store
        .save_content(
            "land",
            rev(&store, "land").await,
            &content("关于规范土地征收的通知", "重写后的正文。"),
            "x",
        )
        .await
        .expect("save");
    assert!(store.search("征地", 10).await.expect("q").is_empty());
    assert!(store.search("", 10).await.expect("q").is_empty());
}

async fn the_audit_chain_verifies_and_names_a_tampered_row(db: &TestDb) {
    let store = fresh_store(db).await;
    store
        .create_pack(&new_pack("p1", "标题", "第一稿。"), "zhang.wei")
        .await
        .expect("create");
    store
        .save_content(
            "p1",
            rev(&store, "p1").await,
            &content("标题", "第二稿。"),
            "zhang.wei",
        )
        .await
        .expect("save");
    let verified = store.verify_audit().await.expect("verify");
    assert_eq!(verified.rows, 3);
    assert!(verified.first_broken.is_none());
    let events = store.audit_for_pack("p1").await.expect("events");
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["pack.create", "pack.save"]
    );

    // A tamperer must first drop the guard trigger; the chain still gives them away.
    db.execute_per_engine(
        "DROP TRIGGER audit_log_is_append_only",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_is_append_only",
    )
    .await
    .expect("drop trigger");
    db.execute("UPDATE audit_log SET actor = 'li.hua' WHERE seq = 2")
        .await
        .expect("tamper");
    let verified = store.verify_audit().await.expect("verify");
    let broken = verified.first_broken.expect("tampering found");
    assert_eq!(broken.seq, 2);
}

async fn a_pack_id_that_is_not_a_plain_name_is_refused_and_nothing_is_written(db: &TestDb) {
    let store = fresh_store(db).await;
    for id in ["", "..", "../etc/passwd", "a/b", "政策"] {
        let err = store
            .create_pack(&new_pack(id, "标题", "正文。"), "zhang.wei")
            .await
            .expect_err(id);
        assert_eq!(err.code(), "pack.bad_id", "{id}");
        assert!(err.to_string().contains("编号"), "{err}");
    }
    assert!(store.list_packs().await.expect("list").is_empty());
    store
        .create_pack(&new_pack("seed-2026.v1_a", "标题", "正文。"), "zhang.wei")
        .await
        .expect("plain id");
}
