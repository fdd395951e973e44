//! HTTP for the data sources: `window.fetch`, status checks, and reading the
//! body as a stream fed to the core's [`DocumentReader`] in small steps, so a
//! large document never blocks the page for long.

use super::{Config, LoadError};
use cluster_core::model::Dataset;
use cluster_core::parse::{DocumentReader, ParseError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Work between two yields to the browser, in milliseconds (the document
/// read here, the directory's index). Each yield may cost a frame, so fewer
/// pay at 100 000 members (bench/RESULTS.md: ready in 3.6 s instead of 5.0 s
/// with 8 ms and timers); the last slice, the end of the read and the
/// list's first drawing still fit in one task under 50 ms at full speed,
/// which they did not with 40 ms.
const SLICE_MS: f64 = 16.0;
/// Bytes fed to the reader at a time.
const STEP: usize = 32 * 1024;

/// Milliseconds since the page started (for time-sliced work).
fn now() -> f64 {
    crate::browser::window_opt().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Time-sliced work: the start of the current slice.
pub struct Slice(f64);

impl Slice {
    pub fn start() -> Slice {
        Slice(now())
    }

    /// The slice has used its [`SLICE_MS`].
    pub fn spent(&self) -> bool {
        now() - self.0 > SLICE_MS
    }

    /// Yields to the browser, then starts the next slice.
    pub async fn next(&mut self) {
        yield_to_browser().await;
        self.0 = now();
    }
}

/// Lets the browser paint and handle input before going on: `scheduler.yield()`
/// where the browser has it (a chain of `setTimeout(0)` is held back at least
/// 4 ms a step once nested), a timer otherwise.
async fn yield_to_browser() {
    use js_sys::{Function, Promise, Reflect};
    let scheduler = Reflect::get(&js_sys::global(), &JsValue::from_str("scheduler")).ok().filter(JsValue::is_object);
    let yielded = scheduler.and_then(|s| {
        let f: Function = Reflect::get(&s, &JsValue::from_str("yield")).ok()?.dyn_into().ok()?;
        f.call0(&s).ok()?.dyn_into::<Promise>().ok()
    });
    let promise = yielded.unwrap_or_else(|| {
        Promise::new(&mut |resolve, _| {
            if let Some(w) = crate::browser::window_opt() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        })
    });
    let _ = JsFuture::from(promise).await;
}

/// A request to send: method, headers and body beyond a plain `GET`.
#[derive(Default)]
pub struct Send<'a> {
    /// `None` is `GET`.
    pub method: Option<&'a str>,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: Option<&'a wasm_bindgen::JsValue>,
    pub signal: Option<&'a web_sys::AbortSignal>,
}

/// The one HTTP call of the app. `Err` only when no answer came (network,
/// CORS, aborted); every answer, error statuses included, is `Ok`.
pub async fn send(url: &str, req: Send<'_>) -> Result<web_sys::Response, LoadError> {
    let unreachable = || LoadError::Unreachable { url: url.to_owned() };
    let window = crate::browser::window_opt().ok_or_else(unreachable)?;
    let init = web_sys::RequestInit::new();
    if let Some(m) = req.method {
        init.set_method(m);
    }
    if !req.headers.is_empty() {
        let headers = web_sys::Headers::new().map_err(|_| unreachable())?;
        for (k, v) in req.headers {
            headers.set(k, v).map_err(|_| unreachable())?;
        }
        init.set_headers(&headers);
    }
    if let Some(b) = req.body {
        init.set_body(b);
    }
    init.set_signal(req.signal);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| unreachable())?;
    response.dyn_into().map_err(|_| unreachable())
}

/// `GET url` with an optional `Accept` header and abort signal; an error
/// status is an error.
pub async fn get(url: &str, accept: Option<&str>, signal: Option<&web_sys::AbortSignal>) -> Result<web_sys::Response, LoadError> {
    let preloaded = if accept.is_none() && signal.is_none() { take_preloaded(url).await } else { None };
    let response = match preloaded {
        Some(r) => r,
        None => {
            let headers = accept.map(|a| [("Accept", a)]);
            send(url, Send { headers: headers.as_ref().map_or(&[], |h| &h[..]), signal, ..Send::default() }).await?
        }
    };
    if !response.ok() {
        return Err(LoadError::Http { url: url.to_owned(), status: response.status() });
    }
    Ok(response)
}

/// The response the page's loader (crates/data/src/entries.rs) started for
/// `url` before the app ran, if any: taken once (a retry asks again), `None`
/// when it failed or was not started, so that the caller fetches it itself.
async fn take_preloaded(url: &str) -> Option<web_sys::Response> {
    let window = crate::browser::window_opt()?;
    let table = js_sys::Reflect::get(&window, &JsValue::from_str("__preloaded")).ok().filter(JsValue::is_object)?;
    let key = JsValue::from_str(url);
    let promise = js_sys::Reflect::get(&table, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(table.unchecked_ref::<js_sys::Object>(), &key);
    JsFuture::from(promise).await.ok()?.dyn_into::<web_sys::Response>().ok()
}

/// The whole body of an answer.
pub async fn bytes(url: &str, response: &web_sys::Response) -> Result<Vec<u8>, LoadError> {
    let cut = || LoadError::Unreachable { url: url.to_owned() };
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| cut())?).await.map_err(|_| cut())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads `public/config.json`; a missing or unreadable file means the
/// defaults (the bundled data), with a warning in the console.
pub async fn config(url: &str) -> Config {
    let bytes = async { bytes(url, &get(url, None, None).await.ok()?).await.ok() }.await;
    // from_slice, like the document reader, so one serde_json reader is compiled in.
    match bytes.map(|b| serde_json::from_slice::<Config>(&b)) {
        Some(Ok(config)) => config,
        Some(Err(e)) => {
            web_sys::console::warn_1(&JsValue::from_str(&format!("{url}: {e}; using the bundled data")));
            Config::default()
        }
        None => Config::default(),
    }
}

/// A response body read chunk by chunk.
enum Body {
    /// A byte stream read into one buffer, handed back and forth: reading a
    /// large document leaves no chunk behind for the garbage collector (at
    /// 100 000 members, up to 30 MB of chunks were still uncollected once
    /// the list was on screen).
    Bytes(web_sys::ReadableStreamByobReader, js_sys::ArrayBuffer),
    /// Where the browser's bodies are not byte streams: a new chunk each read.
    Chunks(web_sys::ReadableStreamDefaultReader),
}

impl Body {
    fn new(stream: &web_sys::ReadableStream) -> Option<Body> {
        match web_sys::ReadableStreamByobReader::new(stream) {
            Ok(reader) => Some(Body::Bytes(reader, js_sys::ArrayBuffer::new(64 * 1024))),
            Err(_) => stream.get_reader().dyn_into().ok().map(Body::Chunks),
        }
    }

    /// Reads the next chunk into `out`; false at the end, `Err` when cut.
    async fn read(&mut self, out: &mut Vec<u8>) -> Result<bool, JsValue> {
        let promise = match self {
            Body::Bytes(reader, buffer) => reader.read_with_array_buffer_view(&js_sys::Uint8Array::new(buffer)),
            Body::Chunks(reader) => reader.read(),
        };
        let chunk = JsFuture::from(promise).await?;
        if js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))?.as_bool() != Some(false) {
            return Ok(false);
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))?.dyn_into()?;
        out.resize(value.length() as usize, 0);
        value.copy_to(out);
        if let Body::Bytes(_, buffer) = self {
            *buffer = value.buffer();
        }
        Ok(true)
    }
}

/// Fetches and reads a document, reporting the records read so far.
pub async fn document(url: &str, progress: impl Fn(usize)) -> Result<Dataset, LoadError> {
    let response = get(url, None, None).await?;
    let cut = || LoadError::Unreachable { url: url.to_owned() };
    let parse_err = |error: ParseError| LoadError::Parse { url: url.to_owned(), error };
    let mut reader = DocumentReader::new();
    let mut body = response.body().as_ref().and_then(Body::new).ok_or_else(cut)?;
    let mut bytes = Vec::new();
    let mut slice = Slice::start();
    while body.read(&mut bytes).await.map_err(|_| cut())? {
        for step in bytes.chunks(STEP) {
            reader.feed(step).map_err(parse_err)?;
            if slice.spent() {
                progress(reader.records());
                slice.next().await;
            }
        }
    }
    reader.finish().map_err(parse_err)
}

/// An upload whose progress can be followed (fetch cannot report it):
/// `POST url` with `body` through `XMLHttpRequest`, `progress` called with
/// the fraction sent. `Err` when no answer came (network, aborted with
/// [`web_sys::XmlHttpRequest::abort`]); otherwise the status and body text.
pub async fn upload(
    xhr: &web_sys::XmlHttpRequest,
    url: &str,
    headers: &[(&str, &str)],
    body: &web_sys::Blob,
    progress: impl Fn(f64) + 'static,
) -> Result<(u16, String), LoadError> {
    use wasm_bindgen::closure::Closure;
    let unreachable = || LoadError::Unreachable { url: url.to_owned() };
    xhr.open_with_async("POST", url, true).map_err(|_| unreachable())?;
    for (k, v) in headers {
        xhr.set_request_header(k, v).map_err(|_| unreachable())?;
    }
    let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress(e.loaded() / e.total());
        }
    });
    if let Ok(u) = xhr.upload() {
        u.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
        xhr.set_ontimeout(Some(&reject));
    });
    xhr.send_with_opt_blob(Some(body)).map_err(|_| unreachable())?;
    let answered = JsFuture::from(done).await.is_ok();
    drop(on_progress);
    if !answered {
        return Err(unreachable());
    }
    Ok((xhr.status().unwrap_or(0), xhr.response_text().ok().flatten().unwrap_or_default()))
}
