//! Writes the pre-rendered pages into a built site (docs/prerender.md):
//! `cluster-enr-prerender --dataset <site>/data/cluster.json --out <site>
//! [--origin https://example.org]`. Run by Trunk.toml's hook (release
//! builds only), with the app's `ssr` feature as the server has it. The origin is
//! the site's public address (canonical links, previews, the sitemap): the
//! flag, else `CLUSTER_SITE_URL`, else the address `scripts/serve.sh` serves.
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut dataset, mut out, mut origin) = (None, None, std::env::var("CLUSTER_SITE_URL").ok());
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--dataset", Some(v)) => dataset = Some(PathBuf::from(v)),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--origin", Some(v)) => origin = Some(v),
            _ => {
                eprintln!("usage: cluster-enr-prerender --dataset FILE --out DIR [--origin URL]");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(dataset), Some(out)) = (dataset, out) else {
        eprintln!("usage: cluster-enr-prerender --dataset FILE --out DIR [--origin URL]");
        return ExitCode::from(2);
    };
    let origin = origin.filter(|o| !o.trim().is_empty()).unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
    let started = std::time::Instant::now();
    let d = match std::fs::read(&dataset)
        .map_err(|e| e.to_string())
        .and_then(|b| cluster_core::parse::parse_document(&b).map_err(|e| format!("{e:?}")))
    {
        Ok(d) => std::sync::Arc::new(d),
        Err(e) => {
            eprintln!("{}: {e}", dataset.display());
            return ExitCode::FAILURE;
        }
    };
    match cluster_enr_portal::prerender::write_site(d, &out, &origin) {
        Ok(w) => {
            println!(
                "[prerender] {} pages and {} images, {} bytes, in {:.1} s, for {origin}",
                w.pages,
                w.images,
                w.bytes,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("[prerender] {e}");
            ExitCode::FAILURE
        }
    }
}
