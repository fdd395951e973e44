//! `cluster-data`: writes the bundled dataset and its schema, generates
//! datasets of any size, and validates dataset files.
//!
//! ```text
//! cluster-data generate [--seed N] [--members N] [--out FILE]
//! cluster-data schema [--out FILE]
//! cluster-data validate FILE...
//! cluster-data embeds --dataset FILE --out DIR
//! cluster-data entries DIR
//! cluster-data compress DIR
//! ```

use cluster_core::parse::check_document;
use cluster_data::{BUNDLED_MEMBERS, BUNDLED_SEED, generate, schema, schema_bytes};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: cluster-data generate [--seed N] [--members N] [--out FILE]\n       cluster-data schema [--out FILE]\n       cluster-data validate FILE...\n       cluster-data embeds --dataset FILE --out DIR\n       cluster-data entries DIR\n       cluster-data compress DIR"
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
        "entries" if files.len() == 1 => {
            write_entries(std::path::Path::new(&files[0]))?;
            Ok(ExitCode::SUCCESS)
        }
        "compress" if files.len() == 1 => {
            let written = compress_dir(std::path::Path::new(&files[0]))?;
            println!("compressed {written} files");
            Ok(ExitCode::SUCCESS)
        }
        _ => Ok(usage()),
    }
}

/// What is worth compressing: text and wasm.
const COMPRESSIBLE: [&str; 7] = ["html", "js", "wasm", "css", "json", "svg", "txt"];

/// Left for the server to compress per request: what a site changes after
/// the build (its `config.json`, the published data), where a copy written
/// now would be sent stale.
fn edited_after_build(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|n| n == "config.json") || path.parent().and_then(|p| p.file_name()).is_some_and(|n| n == "data")
}

/// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, best) next
/// to every compressible file under `dir`, so that a server sends the
/// smallest form without compressing on each request. Returns how many files.
/// The files (thousands of pre-rendered pages) are shared among the
/// machine's cores.
fn compress_dir(dir: &std::path::Path) -> Result<usize, String> {
    let mut files = Vec::new();
    compressible_files(dir, &mut files)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    while let Some(path) = files.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                        compress_file(path)?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().unwrap_or_else(|_| Err("a compression thread panicked".into())))
    })?;
    Ok(files.len())
}

/// The compressible files under `dir`, into `out`.
fn compressible_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            compressible_files(&path, out)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if COMPRESSIBLE.contains(&ext) && !edited_after_build(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Writes `path`'s `.br` and `.gz` copies.
fn compress_file(path: &std::path::Path) -> Result<(), String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (br, gz) = compressed(&bytes).map_err(|e| format!("cannot compress {}: {e}", path.display()))?;
    for (suffix, data) in [("br", br), ("gz", gz)] {
        let target = path.with_extension(format!("{ext}.{suffix}"));
        std::fs::write(&target, data).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(())
}

/// `bytes` as brotli (a window as large as the file needs, up to 4 MB: a
/// larger one only costs time) and as gzip (level 9). Brotli's quality is
/// 11 for the code and the data (over 64 KB), 10 for the thousands of
/// pre-rendered pages: 2 % larger, in half the time (measured on 2 477 pages).
fn compressed(bytes: &[u8]) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    use std::io::Write;
    let window = (usize::BITS - bytes.len().max(1).leading_zeros()).clamp(16, 22);
    let quality = if bytes.len() > 64 * 1024 { 11 } else { 10 };
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, quality, window);
        w.write_all(bytes)?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    Ok((br, gz.finish()?))
}

/// Writes the static embed pages and their assets under `out` (a Trunk
/// staging folder, say), from a strictly checked dataset, and the dataset
/// split in two beside it (`data/members.json`, `data/startups.json`: the
/// directories load only their own list).
fn write_embeds(dataset: &str, out: &str) -> Result<(), String> {
    let bytes = std::fs::read(dataset).map_err(|e| format!("cannot read {dataset}: {e}"))?;
    let d = match check_document(&bytes) {
        Ok((d, issues)) if issues.is_empty() => d,
        Ok((_, issues)) => return Err(format!("{dataset} is not valid: {}", issues[0])),
        Err(e) => return Err(format!("{dataset} is not valid: {e}")),
    };
    let mut files = cluster_core::charts::page::static_files(&d);
    for (name, part) in d.split() {
        let json = serde_json::to_string(&part).map_err(|e| format!("cannot write {name}: {e}"))?;
        files.push((name.to_owned(), json));
    }
    for (path, contents) in files {
        let path = std::path::Path::new(out).join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Names the entries Trunk does not load by their content and writes the
/// loader of every entry into `dir/index.html` (see `cluster_data::entries`).
fn write_entries(dir: &std::path::Path) -> Result<(), String> {
    use cluster_core::route::Entry;
    use cluster_data::entries::{Files, hashed_stem, integrity, portal_files, rewrite_index};
    let read = |p: &std::path::Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let index = dir.join("index.html");
    let html = String::from_utf8(read(&index)?).map_err(|_| "index.html is not UTF-8".to_owned())?;
    let (portal_js, portal_wasm, _) = portal_files(&html)?;
    let mut entries = Vec::new();
    let mut renames = Vec::new();
    for entry in Entry::ALL {
        // Trunk's own names for the portal; the bin's names for the others, renamed by their content.
        let (js_path, wasm_path) = if entry == Entry::Portal {
            (portal_js.clone(), portal_wasm.clone())
        } else {
            (format!("/{}.js", entry.bin()), format!("/{}_bg.wasm", entry.bin()))
        };
        let (js, wasm) = (read(&dir.join(js_path.trim_start_matches('/')))?, read(&dir.join(wasm_path.trim_start_matches('/')))?);
        let (js_url, wasm_url) = if entry == Entry::Portal {
            (js_path, wasm_path)
        } else {
            let stem = hashed_stem(entry.bin(), &js, &wasm);
            let named = (format!("/{stem}.js"), format!("/{stem}_bg.wasm"));
            for (from, to) in [(&js_path, &named.0), (&wasm_path, &named.1)] {
                renames.push((dir.join(from.trim_start_matches('/')), dir.join(to.trim_start_matches('/'))));
            }
            named
        };
        entries.push((entry, Files { js: js_url, wasm: wasm_url, js_integrity: integrity(&js), wasm_integrity: integrity(&wasm) }));
    }
    let rewritten = rewrite_index(&html, &entries)?;
    for (from, to) in renames {
        std::fs::rename(&from, &to).map_err(|e| format!("cannot rename {} to {}: {e}", from.display(), to.display()))?;
    }
    std::fs::write(&index, rewritten).map_err(|e| format!("cannot write {}: {e}", index.display()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    run(&args).unwrap_or_else(|e| {
        eprintln!("cluster-data: {e}");
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn compress_writes_copies_that_decompress_to_the_file_and_skips_other_files() {
        let dir = std::env::temp_dir().join(format!("cluster-compress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("embed/sectors")).unwrap();
        let page = "<!DOCTYPE html><p>Secteurs</p>".repeat(50);
        std::fs::write(dir.join("embed/sectors/index.html"), &page).unwrap();
        std::fs::write(dir.join("logo.png"), [0u8, 1, 2]).unwrap();
        std::fs::write(dir.join("config.json"), "{}").unwrap();
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("data/cluster.json"), "{}").unwrap();
        assert_eq!(compress_dir(&dir).unwrap(), 1);
        let mut text = String::new();
        brotli::Decompressor::new(std::fs::File::open(dir.join("embed/sectors/index.html.br")).unwrap(), 4096)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, page);
        text.clear();
        flate2::read::GzDecoder::new(std::fs::File::open(dir.join("embed/sectors/index.html.gz")).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, page);
        for never in ["logo.png.br", "config.json.br", "data/cluster.json.br"] {
            assert!(!dir.join(never).exists(), "{never}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
