//! `cluster-enr-server`: the reference REST API and the built app.
//! Every option can also be given through the environment.

use clap::Parser;
use cluster_server::store::Store;
use cluster_server::{Settings, app, load_dataset};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(version, about = "Cluster EnR reference server: REST API and the built app")]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "CLUSTER_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Dataset document to serve.
    #[arg(long, env = "CLUSTER_DATASET", default_value = "public/data/cluster.json")]
    dataset: PathBuf,
    /// The built app (Trunk's output).
    #[arg(long = "static", env = "CLUSTER_STATIC", default_value = "dist")]
    static_dir: PathBuf,
    /// SQLite database file for applications (created and migrated on start).
    #[arg(long, env = "CLUSTER_DB", default_value = "cluster-enr.db")]
    db: PathBuf,
    /// Application submissions allowed per client address and minute (0: no limit).
    #[arg(long, env = "CLUSTER_SUBMISSIONS_PER_MINUTE", default_value_t = 10)]
    submissions_per_minute: u32,
    /// Application status lookups allowed per client address and minute (0: no limit).
    #[arg(long, env = "CLUSTER_LOOKUPS_PER_MINUTE", default_value_t = 30)]
    lookups_per_minute: u32,
    /// Megabytes that pitch decks not yet claimed by an application may hold
    /// together (each is deleted after a day if still unclaimed).
    #[arg(long, env = "CLUSTER_UNCLAIMED_UPLOADS_MB", default_value_t = 200)]
    unclaimed_uploads_mb: u64,
    /// Megabytes that the decks of one client address, not yet claimed by an
    /// application, may hold (so that one address cannot fill the above).
    #[arg(long, env = "CLUSTER_UNCLAIMED_UPLOADS_PER_ADDRESS_MB", default_value_t = 30)]
    unclaimed_uploads_per_address_mb: u64,
    /// Directory queries and CSV downloads allowed per client address and minute (0: no limit).
    #[arg(long, env = "CLUSTER_READS_PER_MINUTE", default_value_t = 600)]
    reads_per_minute: u32,
    /// Address of a reverse proxy in front of the server (repeatable or
    /// comma-separated): its X-Forwarded-For / Forwarded header gives the
    /// client's address. Without it those headers are ignored.
    #[arg(long = "trusted-proxy", env = "CLUSTER_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Milliseconds within which every request but an upload is answered
    /// (tests shorten it).
    #[arg(long, env = "CLUSTER_REQUEST_TIMEOUT_MS", default_value_t = 30_000, hide = true)]
    request_timeout_ms: u64,
    /// Milliseconds over which an upload must average 16 KB/s (tests shorten it).
    #[arg(long, env = "CLUSTER_UPLOAD_RATE_WINDOW_MS", default_value_t = 30_000, hide = true)]
    upload_rate_window_ms: u64,
    /// Bearer token for the staff endpoints (unset: staff endpoints refuse every request).
    #[arg(long, env = "CLUSTER_STAFF_TOKEN", hide_env_values = true)]
    staff_token: Option<String>,
    /// Origins allowed to submit applications from another site (comma-separated).
    #[arg(long, env = "CLUSTER_ALLOWED_ORIGINS", value_delimiter = ',')]
    allowed_origins: Vec<String>,
    /// Delete decided and withdrawn applications unchanged for this many days, then exit.
    #[arg(long, env = "CLUSTER_PURGE_AFTER_DAYS")]
    purge_after_days: Option<u32>,
    /// Run with a fixed "now" (seconds since 1970-01-01 UTC) instead of the
    /// system clock: for tests, so that none depends on today's date.
    #[arg(long, env = "CLUSTER_FIXED_NOW", hide = true)]
    fixed_now: Option<u64>,
    /// Write an online backup of the database to this file, then exit.
    #[arg(long, env = "CLUSTER_BACKUP_TO")]
    backup_to: Option<PathBuf>,
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let args = Args::parse();
    let store = match Store::open(&args.db) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("cluster-enr-server: cannot open the database {}: {}", args.db.display(), e.0);
            return ExitCode::FAILURE;
        }
    };
    if let Some(dest) = &args.backup_to {
        return match store.backup(dest) {
            Ok(()) => {
                println!("cluster-enr-server: backup written to {}", dest.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cluster-enr-server: backup failed: {}", e.0);
                ExitCode::FAILURE
            }
        };
    }
    if let Some(days) = args.purge_after_days {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let cutoff_day = cluster_core::application::Day::from_unix_days((secs / 86_400) as i64 - i64::from(days));
        let cutoff = format!("{}T00:00:00Z", cutoff_day.iso());
        let day_ago = format!("{}T00:00:00Z", cluster_core::application::Day::from_unix_days((secs / 86_400) as i64 - 1).iso());
        let purged = store.purge_decided_before(&cutoff).and_then(|n| Ok((n, store.purge_unclaimed_uploads_before(&day_ago)?)));
        return match purged {
            Ok((n, uploads)) => {
                println!(
                    "cluster-enr-server: {n} decided or withdrawn application(s) unchanged since before {cutoff} deleted, with their pitch decks"
                );
                println!("cluster-enr-server: {uploads} pitch deck(s) no application claimed, uploaded before {day_ago}, deleted");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cluster-enr-server: purge failed: {}", e.0);
                ExitCode::FAILURE
            }
        };
    }
    let dataset = match load_dataset(&args.dataset) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cluster-enr-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !args.static_dir.join("index.html").is_file() {
        tracing::warn!("no index.html in {}: build the app with `trunk build --release`", args.static_dir.display());
    }
    if args.staff_token.as_deref().is_none_or(str::is_empty) {
        tracing::warn!("CLUSTER_STAFF_TOKEN is not set: the staff endpoints refuse every request");
    }
    let settings = Settings {
        submissions_per_minute: args.submissions_per_minute,
        lookups_per_minute: args.lookups_per_minute,
        staff_token: args.staff_token,
        allowed_origins: args.allowed_origins,
        clock: args.fixed_now.map_or(cluster_server::Clock::System, cluster_server::Clock::Fixed),
        unclaimed_uploads_cap: args.unclaimed_uploads_mb.saturating_mul(1024 * 1024),
        unclaimed_uploads_per_address: args.unclaimed_uploads_per_address_mb.saturating_mul(1024 * 1024),
        reads_per_minute: args.reads_per_minute,
        trusted_proxies: args.trusted_proxies,
        request_timeout: std::time::Duration::from_millis(args.request_timeout_ms.max(1)),
        upload_min_rate: cluster_server::MinRate {
            window: std::time::Duration::from_millis(args.upload_rate_window_ms.max(1)),
            ..cluster_server::MinRate::default()
        },
        ..Settings::new(args.static_dir)
    };
    let router = app(dataset, store, &settings);
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cluster-enr-server: cannot listen on {}: {e}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().map_or(args.addr, |a| a);
    println!("cluster-enr-server: serving http://{local}/");
    // In-flight requests finish before the process exits on SIGTERM or Ctrl-C.
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    match axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cluster-enr-server: {e}");
            ExitCode::FAILURE
        }
    }
}
