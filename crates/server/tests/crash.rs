//! Crash safety: the real server binary is killed with SIGKILL while clients
//! are submitting; after a restart every acknowledged application is there
//! exactly once and SQLite's integrity check passes. Several rounds.

mod common;
use common::{root, valid_application};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn spawn_server(db: &std::path::Path, static_dir: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cluster-enr-server"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--submissions-per-minute",
            "0",
            "--lookups-per-minute",
            "0",
            "--fixed-now",
            &common::NOW.to_string(),
        ])
        .arg("--db")
        .arg(db)
        .arg("--static")
        .arg(static_dir)
        .arg("--dataset")
        .arg(root().join("public/data/cluster.json"))
        // Each application is acknowledged by e-mail: into the test's folder, not the source tree.
        .arg("--outbox")
        .arg(db.with_file_name("outbox"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().trim_start_matches("cluster-enr-server: serving ").trim_end_matches('/').to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    (child, base)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_mid_write_loses_no_acknowledged_application() {
    let dir = common::scratch("cluster-crash");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), common::INDEX).unwrap();
    let db = dir.join("crash.db");
    let client = Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let acked: Arc<Mutex<Vec<(String, Value, String)>>> = Arc::default();
    // Every key sent, acknowledged or not: each may be stored at most once.
    let sent = Arc::new(std::sync::atomic::AtomicU64::new(0));

    for round in 0..3 {
        let (mut child, base) = spawn_server(&db, &dir);
        let clients: Vec<_> = (0..6)
            .map(|c| {
                let (client, base, acked, sent) = (client.clone(), base.clone(), acked.clone(), sent.clone());
                tokio::spawn(async move {
                    for i in 0.. {
                        let key = format!("crash-{round}-{c}-{i}");
                        let mut body = valid_application();
                        body["startup"]["name"] = Value::from(format!("Start-up {round} {c} {i}"));
                        sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let res =
                            client.post(format!("{base}/api/v1/applications")).header("idempotency-key", &key).json(&body).send().await;
                        match res {
                            Ok(r) if r.status() == StatusCode::CREATED => {
                                let v: Value = match r.json().await {
                                    Ok(v) => v,
                                    Err(_) => break,
                                };
                                acked.lock().unwrap().push((key, body, v["reference"].as_str().unwrap().to_owned()));
                            }
                            _ => break,
                        }
                    }
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(400 + 150 * round)).await;
        child.kill().unwrap(); // SIGKILL: no graceful shutdown
        child.wait().unwrap();
        for c in clients {
            c.await.unwrap();
        }
    }

    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() > 20, "the clients got {} acknowledgements before the kills", acked.len());
    let (child, base) = spawn_server(&db, &dir);
    // Killed even when an assertion below fails: a live server would hold
    // the test's output open.
    struct KillOnDrop(Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let child = KillOnDrop(child);
    for (key, body, reference) in &acked {
        let res = client.post(format!("{base}/api/v1/applications")).header("idempotency-key", key).json(body).send().await.unwrap();
        let v: Value = res.json().await.unwrap();
        assert_eq!(v["reference"].as_str(), Some(reference.as_str()), "{key} replays its first answer");
        let status = client.get(format!("{base}/api/v1/applications/{reference}")).send().await.unwrap();
        assert_eq!(status.status(), StatusCode::OK);
    }
    drop(child);
    let store = cluster_server::store::Store::open(&db).unwrap();
    assert!(store.integrity_ok().unwrap());
    let rows = store.count().unwrap();
    // Every acknowledged submission is stored; one in flight at a kill may
    // or may not be, but never twice: the acknowledged ones replayed above
    // added no row, and no key ever made more than one.
    let sent = sent.load(std::sync::atomic::Ordering::SeqCst);
    assert!(rows >= acked.len() as u64, "{rows} rows for {} acknowledged", acked.len());
    assert!(rows <= sent, "{rows} rows for {sent} keys sent: a submission was stored twice");
    assert!(
        rows <= acked.len() as u64 + 3 * 6,
        "{rows} rows, {} acknowledged: at most one unacknowledged per client and round",
        acked.len()
    );
    eprintln!("crash test: {} acknowledged, {rows} stored, integrity ok", acked.len());
}
