//! `cluster-enr-server`: the reference REST API and the built app.
//! Every option can also be given through the environment.

use clap::{Parser, Subcommand};
use cluster_core::staff::{Action, Role};
use cluster_server::store::Store;
use cluster_server::{Settings, app, load_dataset};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(version, about = "Cluster EnR reference server: REST API and the built app")]
struct Args {
    /// With no command, the server serves.
    #[command(subcommand)]
    command: Option<Command>,
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
    #[arg(long, env = "CLUSTER_DB", default_value = "cluster-enr.db", global = true)]
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
    /// No longer used: its presence stops the server with what replaces it.
    #[arg(long, env = "CLUSTER_STAFF_TOKEN", hide = true, hide_env_values = true)]
    staff_token: Option<String>,
    /// The portal's public origin (https://portal.example): sign-in links
    /// point there and staff changes must come from it [default:
    /// http://localhost:PORT]. WebAuthn refuses an IP address: use a name.
    #[arg(long, env = "CLUSTER_PUBLIC_URL", global = true)]
    public_url: Option<String>,
    /// SMTP server for sign-in e-mails (smtps://user:password@host:465, or
    /// smtp://host:587?tls=required). Without it, messages are written as
    /// .eml files into --outbox.
    #[arg(long, env = "CLUSTER_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Folder for e-mails when no SMTP server is given.
    #[arg(long, env = "CLUSTER_OUTBOX", default_value = "outbox")]
    outbox: PathBuf,
    /// Sender of the server's e-mails.
    #[arg(long, env = "CLUSTER_MAIL_FROM", default_value = "Cluster EnR <no-reply@localhost>")]
    mail_from: String,
    /// Sign-in link requests and uses allowed per client address in 15 minutes.
    #[arg(long, env = "CLUSTER_SIGN_IN_ATTEMPTS", default_value_t = 10)]
    sign_in_attempts: u32,
    /// Origins allowed to submit applications from another site (comma-separated).
    #[arg(long, env = "CLUSTER_ALLOWED_ORIGINS", value_delimiter = ',')]
    allowed_origins: Vec<String>,
    /// Delete decided and withdrawn applications unchanged for this many days, then exit.
    #[arg(long, env = "CLUSTER_PURGE_AFTER_DAYS")]
    purge_after_days: Option<u32>,
    /// Run with a fixed "now" (seconds since 1970-01-01 UTC) instead of the
    /// system clock: for tests, so that none depends on today's date.
    #[arg(long, env = "CLUSTER_FIXED_NOW", hide = true, global = true)]
    fixed_now: Option<u64>,
    /// Write an online backup of the database to this file, then exit.
    #[arg(long, env = "CLUSTER_BACKUP_TO")]
    backup_to: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Staff accounts, managed on the server machine (the only place trusted
    /// before any account exists). Each change is in the audit trail.
    #[command(subcommand)]
    Staff(StaffCommand),
}

#[derive(Subcommand, Debug)]
enum StaffCommand {
    /// Creates an account and prints a one-time sign-in link (15 minutes).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, reviewer or juror.
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// Lists the accounts.
    List,
    /// Prints a new one-time sign-in link for an account.
    Link {
        #[arg(long)]
        email: String,
    },
    /// Changes an account's role.
    Role {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// Disables an account: its sessions end and its tokens stop at once.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enables a disabled account again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Prints a new personal API token of an account, for a script on this machine.
    Token {
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("{s:?} is not a role: admin, reviewer or juror"))
}

/// Runs a `staff` command on the database.
fn staff_command(store: &Store, command: StaffCommand, origin: &str, clock: cluster_server::Clock) -> Result<(), String> {
    use cluster_server::accounts::manage::{account_fields, cli_audit, create_token};
    use cluster_server::accounts::sign_in::new_link;
    let now = clock.unix_seconds();
    let at = cluster_server::rfc3339(now);
    let account = |email: &str| -> Result<cluster_core::api::Account, String> {
        store.account_by_email(email.trim()).map_err(|e| e.0)?.ok_or_else(|| format!("no account has the address {email}"))
    };
    let change = |email: &str, role: Option<Role>, disabled: Option<bool>, action: Action| -> Result<(), String> {
        let a = account(email)?;
        match store.change_account(a.id, role, disabled, &at, &cli_audit(clock, action, "")).map_err(|e| e.0)? {
            Some(true) => Ok(()),
            Some(false) => Err("this is the last enabled admin: make another account admin first".to_owned()),
            None => Err(format!("no account has the address {email}")),
        }
    };
    match command {
        StaffCommand::Add { email, name, role } => {
            let (email, name) = account_fields(&email, &name)
                .map_err(|errors| errors.iter().map(|e| format!("{}: {}", e.field, e.code)).collect::<Vec<_>>().join(", "))?;
            let created = store
                .create_account(&email, &name, role, &at, &cli_audit(clock, Action::AccountCreated, ""))
                .map_err(|e| e.0)?
                .ok_or_else(|| format!("{email} has an account already (`staff link --email {email}` prints a sign-in link)"))?;
            println!("account {} created: {} <{}>, {}", created.id, created.name, created.email, created.role.as_str());
            println!("one-time sign-in link (15 minutes): {}", new_link(store, origin, created.id, now)?);
        }
        StaffCommand::List => {
            for a in store.accounts().map_err(|e| e.0)? {
                let state = a.disabled_at.as_deref().map_or_else(|| "enabled".to_owned(), |d| format!("disabled since {d}"));
                println!("{}\t{}\t{}\t{}\t{}", a.id, a.email, a.name, a.role.as_str(), state);
            }
        }
        StaffCommand::Link { email } => {
            let a = account(&email)?;
            if a.disabled_at.is_some() {
                return Err(format!("{email}'s account is disabled (`staff enable` first)"));
            }
            println!("one-time sign-in link (15 minutes): {}", new_link(store, origin, a.id, now)?);
        }
        StaffCommand::Role { email, role } => change(&email, Some(role), None, Action::RoleChanged)?,
        StaffCommand::Disable { email } => change(&email, None, Some(true), Action::AccountDisabled)?,
        StaffCommand::Enable { email } => change(&email, None, Some(false), Action::AccountEnabled)?,
        StaffCommand::Token { email, name } => {
            let a = account(&email)?;
            let name = name.trim();
            if name.is_empty() {
                return Err("the token needs a name (what it is for)".to_owned());
            }
            let (_, secret) = create_token(store, a.id, name, &at)?;
            store.audit(&cli_audit(clock, Action::TokenCreated, format!("{} for {}", name, a.email))).map_err(|e| e.0)?;
            println!("{secret}");
        }
    }
    Ok(())
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
    if args.staff_token.as_deref().is_some_and(|t| !t.is_empty()) {
        eprintln!(
            "cluster-enr-server: CLUSTER_STAFF_TOKEN (--staff-token) is no longer supported: every person signs in with their own account.\n  \
             Create the first admin:   cluster-enr-server staff add --email you@example.org --name \"Your Name\" --role admin\n  \
             Give a script a token:    cluster-enr-server staff token --email you@example.org --name \"export script\"\n  \
             (or POST /api/v1/staff/tokens once signed in). Then unset CLUSTER_STAFF_TOKEN. See docs/staff.md."
        );
        return ExitCode::from(2);
    }
    let clock = args.fixed_now.map_or(cluster_server::Clock::System, cluster_server::Clock::Fixed);
    let public_url = args.public_url.clone().unwrap_or_else(|| format!("http://localhost:{}", args.addr.port()));
    let public_url = public_url.trim_end_matches('/').to_owned();
    if cluster_server::csp::origin_of(&public_url).as_deref() != Some(public_url.as_str()) {
        eprintln!("cluster-enr-server: --public-url must be an origin such as https://portal.example (no path), not {public_url:?}");
        return ExitCode::from(2);
    }
    let store = match Store::open(&args.db) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("cluster-enr-server: cannot open the database {}: {}", args.db.display(), e.0);
            return ExitCode::FAILURE;
        }
    };
    if let Some(Command::Staff(command)) = args.command {
        return match staff_command(&store, command, &public_url, clock) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cluster-enr-server: {e}");
                ExitCode::FAILURE
            }
        };
    }
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
    let mailer = match cluster_server::accounts::mail::Mailer::new(args.smtp_url.as_deref(), args.outbox.clone(), &args.mail_from) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("cluster-enr-server: {e}");
            return ExitCode::from(2);
        }
    };
    if args.smtp_url.is_none() {
        tracing::info!("no SMTP server (--smtp-url): e-mails are written into {}", args.outbox.display());
    }
    match store.accounts() {
        Ok(a) if a.is_empty() => {
            tracing::warn!("no staff account yet: create the first admin with `cluster-enr-server staff add --role admin …`")
        }
        _ => {}
    }
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cluster-enr-server: cannot listen on {}: {e}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().map_or(args.addr, |a| a);
    // Without --public-url, links point at this server on localhost (the port it got).
    let public_url = if args.public_url.is_some() { public_url } else { format!("http://localhost:{}", local.port()) };
    let settings = Settings {
        submissions_per_minute: args.submissions_per_minute,
        lookups_per_minute: args.lookups_per_minute,
        public_url,
        mailer: Arc::new(mailer),
        sign_in_attempts: args.sign_in_attempts,
        allowed_origins: args.allowed_origins,
        clock,
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
