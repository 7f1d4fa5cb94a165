//! Load and faults against team mode: N simulated desks (50 by default) for S seconds (60)
//! doing create → edit → save → submit → return → resolve → fix → save → submit → sign cycles
//! against two `jiedu serve` processes on one PostgreSQL. During the run one server process is
//! SIGKILLed and restarted, and PostgreSQL is restarted once (`JIEDU_BENCH_PG_RESTART`, a shell
//! command; `scripts/bench-team.sh` runs a private cluster it may restart). Afterwards it checks
//! that every revision a desk was told was saved is present with its hash, that the audit chain
//! and every revision verify, and that every desk saw every event of its packs. It prints the
//! throughput and p50/p99 latency per operation. A benchmark, not a test: it asserts no timing.
//!
//! `cargo bench -p jiedu-cli --bench team_load` (with `JIEDU_BENCH_PG=postgres://…`).

use jiedu_api::SignRequest;
use jiedu_client::{ClientError, Remote};
use jiedu_core::pack::Pack;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One `jiedu serve` on a fixed port, restartable.
struct Server {
    db: String,
    port: u16,
    tls: PathBuf,
    child: Option<Child>,
}

impl Server {
    fn start(&mut self) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jiedu"))
            .args(["--db", &self.db, "serve", "--listen"])
            .arg(format!("127.0.0.1:{}", self.port))
            .arg("--tls-dir")
            .arg(&self.tls)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start jiedu serve");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        for line in lines.by_ref() {
            if line.expect("read").contains("listening on") {
                break;
            }
        }
        std::thread::spawn(move || for _ in lines {});
        self.child = Some(child);
    }

    fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill(); // SIGKILL
            let _ = c.wait();
        }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Latencies per operation, in microseconds.
#[derive(Default)]
struct Stats {
    ops: BTreeMap<&'static str, Vec<u64>>,
    retries: u64,
}

/// What one desk was told and saw.
#[derive(Default)]
struct Desk {
    /// (pack, revision, content hash) of every acknowledged save.
    saved: Vec<(String, i64, String)>,
    packs: Vec<String>,
    seen: HashSet<i64>,
    cycles: u64,
}

/// Two sessions of one desk (drafter and leader) on both servers, failing over between them.
struct Sessions {
    drafter: [Remote; 2],
    leader: [Remote; 2],
    prefer: usize,
    /// The leader's keys, opened on this desk.
    leader_keys: Arc<jiedu_store::OpenedKeys>,
}

fn transient(e: &ClientError) -> bool {
    matches!(
        e.code().as_str(),
        "server.connect" | "db.error" | "db.connect"
    )
}

impl Sessions {
    async fn call<T, F, Fut>(
        &mut self,
        leader: bool,
        stats: &Mutex<Stats>,
        f: F,
    ) -> Result<T, ClientError>
    where
        F: Fn(Remote) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>>,
    {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let r = if leader {
                self.leader[self.prefer].clone()
            } else {
                self.drafter[self.prefer].clone()
            };
            match f(r).await {
                Err(e) if transient(&e) && Instant::now() < deadline => {
                    // What a load balancer does: try the other process.
                    self.prefer = 1 - self.prefer;
                    if let Ok(mut s) = stats.lock() {
                        s.retries += 1;
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                other => return other,
            }
        }
    }
}

async fn timed<T>(
    stats: &Mutex<Stats>,
    op: &'static str,
    f: impl std::future::Future<Output = Result<T, ClientError>>,
) -> Result<T, ClientError> {
    let start = Instant::now();
    let r = f.await;
    if r.is_ok() {
        if let Ok(mut s) = stats.lock() {
            s.ops
                .entry(op)
                .or_default()
                .push(start.elapsed().as_micros() as u64);
        }
    }
    r
}

/// A step retried after a lost answer may find it already done: that is success.
async fn step(
    s: &mut Sessions,
    leader: bool,
    stats: &Mutex<Stats>,
    op: &'static str,
    path: String,
    body: Value,
) -> Result<(), ClientError> {
    let result = timed(
        stats,
        op,
        s.call(leader, stats, |r| {
            let (path, body) = (path.clone(), body.clone());
            async move { r.post::<_, Value>(&path, &body).await }
        }),
    )
    .await;
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.code() == "workflow.state" => Ok(()),
        Err(e) => Err(e),
    }
}

async fn save(
    s: &mut Sessions,
    stats: &Mutex<Stats>,
    desk: &Mutex<Desk>,
    pack: &Pack,
) -> Result<i64, ClientError> {
    let mut content = pack.content.clone();
    content.policy.title = format!("{}·{}", pack.content.policy.title, pack.revision);
    let body = jiedu_api::SaveRequest {
        base: pack.revision,
        content,
    };
    let id = pack.id.clone();
    let saved: jiedu_store::SavedRevision = timed(
        stats,
        "save",
        s.call(false, stats, |r| {
            let (id, body) = (id.clone(), body.clone());
            async move { r.post(&format!("/packs/{id}/save"), &body).await }
        }),
    )
    .await?;
    if let Ok(mut d) = desk.lock() {
        d.saved.push((
            saved.pack_id.clone(),
            saved.revision,
            saved.content_hash.clone(),
        ));
    }
    Ok(saved.revision)
}

async fn get(s: &mut Sessions, stats: &Mutex<Stats>, id: &str) -> Result<Pack, ClientError> {
    let id = id.to_string();
    s.call(false, stats, |r| {
        let id = id.clone();
        async move { r.get(&format!("/packs/{id}")).await }
    })
    .await
}

#[allow(clippy::too_many_arguments)]
async fn cycle(
    s: &mut Sessions,
    stats: &Mutex<Stats>,
    desk: &Mutex<Desk>,
    fonts: &jiedu_render::FontSet,
    seed: &Pack,
    unit: &str,
    id: &str,
) -> Result<(), ClientError> {
    let create = jiedu_api::CreatePackRequest {
        id: id.to_string(),
        unit_id: unit.to_string(),
        content: seed.content.clone(),
    };
    let created = timed(
        stats,
        "create",
        s.call(false, stats, |r| {
            let create = create.clone();
            async move { r.post::<_, Value>("/packs", &create).await }
        }),
    )
    .await;
    match created {
        Ok(_) => {}
        Err(e) if e.code() == "pack.exists" => {}
        Err(e) => return Err(e),
    }
    if let Ok(mut d) = desk.lock() {
        d.packs.push(id.to_string());
    }
    let pack = get(s, stats, id).await?;
    let rev = save(s, stats, desk, &pack).await?;
    step(
        s,
        false,
        stats,
        "submit",
        format!("/packs/{id}/submit"),
        json!({ "revision": rev }),
    )
    .await?;
    step(
        s,
        true,
        stats,
        "return",
        format!("/packs/{id}/return"),
        json!({ "revision": rev, "part": "pack", "comment": "请补充解读要点" }),
    )
    .await?;
    let comments: Vec<jiedu_store::Comment> = s
        .call(false, stats, |r| {
            let id = id.to_string();
            async move { r.get(&format!("/packs/{id}/comments")).await }
        })
        .await?;
    for c in comments.iter().filter(|c| c.resolved_at.is_none()) {
        step(
            s,
            false,
            stats,
            "resolve",
            format!("/packs/{id}/comments/{}/resolve", c.id),
            json!(null),
        )
        .await
        .or_else(|e| {
            if e.code() == "comment.resolved" {
                Ok(())
            } else {
                Err(e)
            }
        })?;
    }
    let pack = get(s, stats, id).await?;
    let rev = save(s, stats, desk, &pack).await?;
    step(
        s,
        false,
        stats,
        "submit",
        format!("/packs/{id}/submit"),
        json!({ "revision": rev }),
    )
    .await?;
    // The leader signs on their desktop: the PDF is rendered and PAdES-signed here.
    let pack = get(s, stats, id).await?;
    if pack.signature.is_none() {
        let keys = s.leader_keys.clone();
        let fonts = fonts.clone();
        let signed = tokio::task::spawn_blocking(move || {
            jiedu_store::sign_on_desktop(&keys, &pack, "同意", |p, r, unit| {
                jiedu_render::pdf_for_signing(p, r, &fonts, unit, &Default::default())
                    .map(jiedu_store::UnsignedPdf::from)
                    .map_err(|e| e.to_string())
            })
        })
        .await
        .map_err(|e| ClientError::Connect {
            url: String::new(),
            detail: e.to_string(),
        })??;
        let body = SignRequest {
            revision: rev,
            record: signed.record,
            pdf_base64: SignRequest::encode_pdf(&signed.pdf),
        };
        let result = timed(
            stats,
            "sign",
            s.call(true, stats, |r| {
                let (id, body) = (id.to_string(), body.clone());
                async move {
                    r.post::<_, Value>(&format!("/packs/{id}/sign"), &body)
                        .await
                }
            }),
        )
        .await;
        match result {
            Ok(_) => {}
            Err(e) if e.code() == "workflow.state" => {}
            Err(e) => return Err(e),
        }
    }
    if let Ok(mut d) = desk.lock() {
        d.cycles += 1;
    }
    Ok(())
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn main() {
    let pg = std::env::var("JIEDU_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/jiedu_team_bench".into());
    let clients = env_or("JIEDU_BENCH_CLIENTS", 50) as usize;
    let seconds = env_or("JIEDU_BENCH_SECONDS", 60);
    let restart_pg = std::env::var("JIEDU_BENCH_PG_RESTART").ok();
    let work = tempfile::tempdir().expect("tempdir");
    std::env::set_var("JIEDU_PINS", work.path().join("pins.json"));
    std::env::set_var("JIEDU_SESSIONS", work.path().join("sessions.json"));
    std::env::set_var("JIEDU_BACKUP_DIR", work.path().join("backups"));

    // A fresh database with the demo people.
    let admin_url = pg
        .rsplit_once('/')
        .map(|(base, _)| format!("{base}/postgres"))
        .unwrap_or_default();
    let dbname = pg
        .rsplit('/')
        .next()
        .unwrap_or("jiedu_team_bench")
        .to_string();
    let _ = Command::new("psql")
        .args([
            &admin_url,
            "-qc",
            &format!("DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"),
        ])
        .status();
    let demo = Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .args(["--db", &pg, "demo"])
        .stdout(Stdio::null())
        .status()
        .expect("jiedu demo");
    assert!(demo.success(), "jiedu demo on {pg}");

    let tls = work.path().join("tls");
    let mut servers = [
        Server {
            db: pg.clone(),
            port: free_port(),
            tls: tls.clone(),
            child: None,
        },
        Server {
            db: pg.clone(),
            port: free_port(),
            tls: tls.clone(),
            child: None,
        },
    ];
    servers[0].start();
    servers[1].start();
    let urls = [servers[0].url(), servers[1].url()];
    let ca = tls.join("ca.pem");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let fonts = jiedu_render::FontSet::load(&resources().join("fonts")).expect("fonts");
    let stats = Arc::new(Mutex::new(Stats::default()));
    let desks: Vec<Arc<Mutex<Desk>>> = (0..clients).map(|_| Arc::default()).collect();

    let (seed, unit, start_seq) = runtime.block_on(async {
        let store = jiedu_store::Store::open(jiedu_store::DbLocation::parse(&pg))
            .await
            .expect("store");
        let seed = store.get_pack("seed-openness").await.expect("seed");
        let seq = store.latest_seq().await.expect("seq");
        store.close().await;
        (seed, "general-office".to_string(), seq)
    });

    println!("team load: {clients} desks × {seconds} s against 2 server processes on {dbname}");
    let started = Instant::now();
    let end = started + Duration::from_secs(seconds);
    let faults: Arc<Mutex<Vec<String>>> = Arc::default();

    runtime.block_on(async {
        let mut tasks = Vec::new();
        for (i, desk) in desks.iter().enumerate() {
            let (urls, ca, stats, desk, fonts, seed, unit) = (
                urls.clone(),
                ca.clone(),
                stats.clone(),
                desk.clone(),
                fonts.clone(),
                seed.clone(),
                unit.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let mut drafter = Vec::new();
                let mut leader = Vec::new();
                let mut leader_keys = None;
                for url in &urls {
                    let mut d = Remote::connect(url, Some(&ca)).await.expect("connect");
                    d.sign_in("zhang.wei", "jiedu-demo").await.expect("drafter");
                    let mut l = Remote::connect(url, Some(&ca)).await.expect("connect");
                    let (_, keys) = l.sign_in("li.hua", "jiedu-demo").await.expect("leader");
                    leader_keys = Some(Arc::new(keys));
                    drafter.push(d);
                    leader.push(l);
                }
                let mut s = Sessions {
                    drafter: [drafter[0].clone(), drafter[1].clone()],
                    leader: [leader[0].clone(), leader[1].clone()],
                    prefer: i % 2,
                    leader_keys: leader_keys.expect("keys"),
                };
                // This desk's event stream, resumed from its last number on any failure.
                let listener = {
                    let (desk, streams) = (desk.clone(), s.drafter.clone());
                    tokio::spawn(async move {
                        let mut last = Some(start_seq);
                        let mut which = i % 2;
                        loop {
                            if let Ok(Some(mut stream)) =
                                streams[which].events(last).await.map(Some)
                            {
                                while let Ok(Some(e)) = stream.next().await {
                                    last = Some(e.seq);
                                    if let Ok(mut d) = desk.lock() {
                                        d.seen.insert(e.seq);
                                    }
                                }
                            }
                            which = 1 - which;
                            tokio::time::sleep(Duration::from_millis(300)).await;
                        }
                    })
                };
                let mut n = 0;
                while Instant::now() < end {
                    n += 1;
                    let id = format!("load-{i}-{n}");
                    if let Err(e) = cycle(&mut s, &stats, &desk, &fonts, &seed, &unit, &id).await {
                        eprintln!("desk {i} cycle {n}: [{}] {e}", e.code());
                    }
                }
                // Let the stream catch up before it is stopped.
                tokio::time::sleep(Duration::from_secs(3)).await;
                listener.abort();
            }));
        }
        // The faults, on the clock.
        let chaos = {
            let faults = faults.clone();
            let restart_pg = restart_pg.clone();
            let mut first = std::mem::replace(
                &mut servers[0],
                Server {
                    db: String::new(),
                    port: 0,
                    tls: PathBuf::new(),
                    child: None,
                },
            );
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(seconds / 3)).await;
                first.kill();
                faults
                    .lock()
                    .map(|mut f| {
                        f.push(format!(
                            "{:.1} s: server 1 SIGKILLed",
                            started.elapsed().as_secs_f64()
                        ))
                    })
                    .ok();
                tokio::time::sleep(Duration::from_secs(2)).await;
                tokio::task::block_in_place(|| first.start());
                faults
                    .lock()
                    .map(|mut f| {
                        f.push(format!(
                            "{:.1} s: server 1 restarted",
                            started.elapsed().as_secs_f64()
                        ))
                    })
                    .ok();
                tokio::time::sleep(Duration::from_secs(seconds / 4)).await;
                match restart_pg {
                    Some(cmd) => {
                        let ok = tokio::task::block_in_place(|| {
                            Command::new("sh")
                                .args(["-c", &cmd])
                                .status()
                                .map(|s| s.success())
                                .unwrap_or(false)
                        });
                        faults
                            .lock()
                            .map(|mut f| {
                                f.push(format!(
                                    "{:.1} s: PostgreSQL restarted ({})",
                                    started.elapsed().as_secs_f64(),
                                    if ok { "ok" } else { "FAILED" }
                                ))
                            })
                            .ok();
                    }
                    None => {
                        faults
                            .lock()
                            .map(|mut f| {
                                f.push(
                                    "PostgreSQL not restarted: JIEDU_BENCH_PG_RESTART unset".into(),
                                )
                            })
                            .ok();
                    }
                }
                first
            })
        };
        for t in tasks {
            let _ = t.await;
        }
        let first = chaos.await.expect("chaos");
        servers[0] = first;
    });
    let elapsed = started.elapsed().as_secs_f64();

    // Afterwards: nothing acknowledged lost, the chain holds, every desk saw its packs' events.
    let mut problems = Vec::new();
    let (saves, cycles) = runtime.block_on(async {
        let store = jiedu_store::Store::open(jiedu_store::DbLocation::parse(&pg))
            .await
            .expect("store");
        let mut saves = 0;
        let mut cycles = 0;
        for (i, desk) in desks.iter().enumerate() {
            // A copy, so that no lock is held across the queries below.
            let d = {
                let guard = desk.lock().expect("desk");
                Desk {
                    saved: guard.saved.clone(),
                    packs: guard.packs.clone(),
                    seen: guard.seen.clone(),
                    cycles: guard.cycles,
                }
            };
            cycles += d.cycles;
            for (pack, rev, hash) in &d.saved {
                saves += 1;
                let revisions = store.revisions(pack).await.expect("revisions");
                if !revisions
                    .iter()
                    .any(|r| r.revision == *rev && r.content_hash == *hash)
                {
                    problems.push(format!("desk {i}: saved {pack} r{rev} is missing"));
                }
            }
            for pack in &d.packs {
                for e in store.audit_for_pack(pack).await.expect("audit") {
                    if !d.seen.contains(&e.seq) {
                        problems.push(format!(
                            "desk {i}: never saw #{} {} on {pack}",
                            e.seq, e.action
                        ));
                    }
                }
            }
        }
        let audit = store.verify_audit().await.expect("verify");
        if let Some(b) = audit.first_broken {
            problems.push(format!("audit chain broken at #{}", b.seq));
        }
        let revisions = store.verify_revisions().await.expect("verify");
        if let Some(b) = revisions.first_broken {
            problems.push(format!("revision {} r{} altered", b.pack_id, b.revision));
        }
        store.close().await;
        (saves, cycles)
    });

    for f in faults.lock().expect("faults").iter() {
        println!("  fault  {f}");
    }
    let stats = stats.lock().expect("stats");
    println!(
        "  {cycles} full cycles and {saves} acknowledged saves in {elapsed:.1} s: {:.2} cycles/s; {} retries after faults",
        cycles as f64 / elapsed,
        stats.retries
    );
    println!(
        "  {:<8} {:>7} {:>9} {:>9} {:>9}",
        "op", "count", "per s", "p50 ms", "p99 ms"
    );
    for (op, times) in &stats.ops {
        let mut sorted = times.clone();
        sorted.sort_unstable();
        println!(
            "  {op:<8} {:>7} {:>9.1} {:>9.1} {:>9.1}",
            sorted.len(),
            sorted.len() as f64 / elapsed,
            percentile(&sorted, 0.5),
            percentile(&sorted, 0.99)
        );
    }
    if problems.is_empty() {
        println!("  checks: every acknowledged save present; audit chain and revisions verify; every desk saw every event of its packs");
    } else {
        for p in problems.iter().take(20) {
            println!("  ✗ {p}");
        }
        println!("  ✗ {} problems", problems.len());
        std::process::exit(1);
    }
}

fn resources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources")
}
