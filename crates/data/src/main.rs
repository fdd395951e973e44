//! `cluster-data`: writes the bundled dataset and its schema, generates
//! datasets of any size, and validates dataset files.
//!
//! ```text
//! cluster-data generate [--seed N] [--members N] [--out FILE]
//! cluster-data schema [--out FILE]
//! cluster-data validate FILE...
//! cluster-data embeds --dataset FILE --out DIR
//! ```

use cluster_core::parse::check_document;
use cluster_data::{BUNDLED_MEMBERS, BUNDLED_SEED, generate, schema, schema_bytes};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: cluster-data generate [--seed N] [--members N] [--out FILE]\n       cluster-data schema [--out FILE]\n       cluster-data validate FILE...\n       cluster-data embeds --dataset FILE --out DIR"
    );
    ExitCode::from(2)
}

fn write(out: Option<&str>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) => std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}")),
        None => {
            use std::io::Write;
            std::io::stdout().write_all(bytes).map_err(|e| e.to_string())
        }
    }
}

/// Validates one file: the JSON Schema first, then the typed checks. Returns
/// the problems, one line each.
fn validate_file(path: &str, validator: &jsonschema::Validator) -> Vec<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return vec![format!("cannot read the file: {e}")],
    };
    let mut problems = Vec::new();
    match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(value) => {
            for err in validator.iter_errors(&value) {
                let pointer = err.instance_path().to_string();
                problems.push(format!("schema: {}: {}", pointer_to_path(&pointer), err));
            }
            match check_document(&bytes) {
                Ok((_, issues)) => problems.extend(issues.iter().map(ToString::to_string)),
                Err(e) => problems.push(e.to_string()),
            }
        }
        // Not JSON at all: the document reader says where and why.
        Err(_) => problems.push(check_document(&bytes).err().map_or_else(|| "malformed JSON".to_owned(), |e| e.to_string())),
    }
    problems.dedup();
    problems
}

/// `/members/17/website` → `members[17].website`.
fn pointer_to_path(pointer: &str) -> String {
    let mut out = String::new();
    for part in pointer.split('/').skip(1) {
        if part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() {
            out.push_str(&format!("[{part}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&part.replace("~1", "/").replace("~0", "~"));
        }
    }
    if out.is_empty() { "(document)".into() } else { out }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some(cmd) = args.first() else {
        return Ok(usage());
    };
    let mut seed = BUNDLED_SEED;
    let mut members = BUNDLED_MEMBERS;
    let mut out: Option<String> = None;
    let mut files = Vec::new();
    let mut dataset: Option<String> = None;
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--seed" => seed = value("--seed")?.parse().map_err(|_| "--seed takes a number")?,
            "--members" => members = value("--members")?.parse().map_err(|_| "--members takes a number")?,
            "--out" => out = Some(value("--out")?),
            "--dataset" => dataset = Some(value("--dataset")?),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => files.push(a.clone()),
        }
    }
    match cmd.as_str() {
        "generate" => {
            write(out.as_deref(), &generate::to_bytes(&generate::dataset(seed, members)))?;
            Ok(ExitCode::SUCCESS)
        }
        "schema" => {
            write(out.as_deref(), &schema_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        "validate" if !files.is_empty() => {
            let validator = jsonschema::validator_for(&schema()).map_err(|e| format!("the schema does not compile: {e}"))?;
            let mut failed = false;
            for f in &files {
                let problems = validate_file(f, &validator);
                if problems.is_empty() {
                    println!("{f}: valid");
                } else {
                    failed = true;
                    println!("{f}: {} problem(s)", problems.len());
                    for p in problems {
                        println!("  {p}");
                    }
                }
            }
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        "embeds" => {
            let (Some(dataset), Some(out)) = (dataset, out) else {
                return Ok(usage());
            };
            write_embeds(&dataset, &out)?;
            Ok(ExitCode::SUCCESS)
        }
        _ => Ok(usage()),
    }
}

/// Writes the static embed pages and their assets under `out` (a Trunk
/// staging folder, say), from a strictly checked dataset.
fn write_embeds(dataset: &str, out: &str) -> Result<(), String> {
    let bytes = std::fs::read(dataset).map_err(|e| format!("cannot read {dataset}: {e}"))?;
    let d = match check_document(&bytes) {
        Ok((d, issues)) if issues.is_empty() => d,
        Ok((_, issues)) => return Err(format!("{dataset} is not valid: {}", issues[0])),
        Err(e) => return Err(format!("{dataset} is not valid: {e}")),
    };
    for (path, contents) in cluster_core::charts::page::static_files(&d) {
        let path = std::path::Path::new(out).join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    run(&args).unwrap_or_else(|e| {
        eprintln!("cluster-data: {e}");
        ExitCode::from(2)
    })
}
