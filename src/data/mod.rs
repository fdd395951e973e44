//! The data document, loaded once and shared through context. Where it comes
//! from is decided by `config.json` (docs/data.md): the bundled file, or the REST
//! API with the bundled file as a fallback. Both go through one reader.

pub mod api;
mod fetch;

pub use fetch::{Send, Slice, bytes, send, upload};

use crate::i18n::*;
use cluster_core::model::{Dataset, Lists};
use cluster_core::parse::ParseError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use std::sync::Arc;

/// Where the whole bundled document is served (also split in two: [`Lists`]).
pub const BUNDLED_URL: &str = "/data/cluster.json";
const CONFIG_URL: &str = "/config.json";

/// `public/config.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    /// Base of the REST API (`…/api/v1`); none means the bundled file.
    #[serde(default)]
    pub api_base_url: Option<String>,
    /// Above this many records the directories query the API page by page.
    #[serde(default = "default_limit")]
    pub client_side_limit: u64,
}

fn default_limit() -> u64 {
    20_000
}

impl Default for Config {
    fn default() -> Config {
        Config { api_base_url: None, client_side_limit: default_limit() }
    }
}

/// Why a source could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer at all (network down, server unreachable, CORS).
    Unreachable { url: String },
    /// An answer with an HTTP error status.
    Http { url: String, status: u16 },
    /// An answer that is not a valid document.
    Parse { url: String, error: ParseError },
}

/// Where the loaded document came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The bundled file, as configured.
    Bundled,
    /// The REST API.
    Api,
    /// The bundled file, because the API failed.
    Fallback(LoadError),
}

/// A loaded document.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document (without lists when `server_side`).
    pub dataset: Arc<Dataset>,
    /// Where it came from.
    pub origin: Origin,
    /// True when the lists are too large to hold: directories query the API.
    pub server_side: bool,
    /// The API base, in REST mode.
    pub api_base_url: Option<String>,
    /// Which lists the document holds: a split bundled file holds one, and
    /// the other is loaded when a page needs it; every other source holds both.
    pub lists: Lists,
}

/// The state of the document.
#[derive(Debug, Clone)]
pub enum DataState {
    /// Being read; how many records so far.
    Loading { records: usize },
    /// Ready to use.
    Ready(Loaded),
    /// Nothing usable: the error of the configured source.
    Failed(LoadError),
}

impl DataState {
    fn dataset(&self, need: Lists) -> Option<Arc<Dataset>> {
        match self {
            DataState::Ready(l) if l.lists.covers(need) => Some(l.dataset.clone()),
            _ => None,
        }
    }
}

/// The shared document, what the current page needs of it, and a way to
/// load it again.
#[derive(Clone, Copy)]
pub struct Data {
    /// The current state.
    pub state: RwSignal<DataState>,
    /// The lists the current page shows ([`Lists::for_path`]).
    need: RwSignal<Lists>,
}

impl Data {
    /// The loaded document, once it holds what the page needs (tracked).
    pub fn dataset(&self) -> Option<Arc<Dataset>> {
        let need = self.need.get();
        self.state.with(|s| s.dataset(need))
    }

    /// True once the page's data is there or has failed for good (tracked):
    /// what a page draws below its data waits for this, so that the data's
    /// arrival does not push it down (layout shift).
    pub fn settled(&self) -> bool {
        self.dataset().is_some() || self.state.with(|s| matches!(s, DataState::Failed(_)))
    }

    /// [`Data::dataset`], without subscribing.
    pub fn dataset_untracked(&self) -> Option<Arc<Dataset>> {
        let need = self.need.get_untracked();
        self.state.with_untracked(|s| s.dataset(need))
    }

    /// Starts (again) loading the document, for what the page needs.
    pub fn load(self) {
        self.state.set(DataState::Loading { records: 0 });
        let need = self.need.get_untracked();
        spawn_local(async move {
            let progress = move |records| self.state.set(DataState::Loading { records });
            let result = load(need, progress).await;
            self.settle(result);
        });
    }

    /// Notes what the current page needs and, when the document loaded so
    /// far lacks a list it shows, loads that list (while a load is under way,
    /// its end checks again).
    pub fn require(self, need: Lists) {
        if self.need.get_untracked() != need {
            self.need.set(need);
        }
        let Some(have) = self.state.with_untracked(|s| match s {
            DataState::Ready(l) if !l.lists.covers(need) => Some(l.clone()),
            _ => None,
        }) else {
            return;
        };
        let Some(url) = have.lists.missing_file() else { return };
        self.state.set(DataState::Loading { records: 0 });
        spawn_local(async move {
            let progress = move |records| self.state.set(DataState::Loading { records });
            let result = fetch::document(url, progress).await.map(|part| {
                let mut whole = Arc::unwrap_or_clone(have.dataset);
                whole.add_list(part, Lists::of_file(url));
                Loaded { dataset: Arc::new(whole), lists: Lists::All, ..have }
            });
            self.settle(result);
        });
    }

    fn settle(self, result: Result<Loaded, LoadError>) {
        self.state.set(match result {
            Ok(loaded) => DataState::Ready(loaded),
            Err(e) => DataState::Failed(e),
        });
        // The page may have changed meanwhile.
        self.require(self.need.get_untracked());
    }
}

/// Provides the document's context with `dataset` already there, whole (as
/// the bundled source gives it): nothing is loaded. Pages render from memory
/// this way in component tests, and wherever the data is known beforehand.
pub fn provide_data_with(dataset: Arc<Dataset>) -> Data {
    let loaded = Loaded { dataset, origin: Origin::Bundled, server_side: false, api_base_url: None, lists: Lists::All };
    let data = Data { state: RwSignal::new(DataState::Ready(loaded)), need: RwSignal::new(Lists::All) };
    provide_context(data);
    data
}

/// Provides the document's context and starts loading what the current page
/// needs of it.
pub fn provide_data() -> Data {
    let path = crate::browser::window_opt().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let need = Lists::for_path(&path);
    let data = Data { state: RwSignal::new(DataState::Loading { records: 0 }), need: RwSignal::new(need) };
    provide_context(data);
    data.load();
    data
}

/// The document's context.
pub fn use_data() -> Data {
    expect_context::<Data>()
}

async fn load(need: Lists, progress: impl Fn(usize) + Clone + 'static) -> Result<Loaded, LoadError> {
    let config = fetch::config(CONFIG_URL).await;
    let Some(api) = config.api_base_url.clone().filter(|u| !u.trim().is_empty()) else {
        let url = need.first_file();
        let dataset = fetch::document(url, progress).await?;
        return Ok(Loaded {
            dataset: Arc::new(dataset),
            origin: Origin::Bundled,
            server_side: false,
            api_base_url: None,
            lists: Lists::of_file(url),
        });
    };
    let api = api.trim_end_matches('/').to_owned();
    match load_api(&api, config.client_side_limit, progress.clone()).await {
        Ok(loaded) => Ok(loaded),
        Err(api_error) => match fetch::document(BUNDLED_URL, progress).await {
            Ok(dataset) => Ok(Loaded {
                dataset: Arc::new(dataset),
                origin: Origin::Fallback(api_error),
                server_side: false,
                api_base_url: None,
                lists: Lists::All,
            }),
            // The configured source's error is the one to show.
            Err(_) => Err(api_error),
        },
    }
}

async fn load_api(api: &str, limit: u64, progress: impl Fn(usize) + Clone + 'static) -> Result<Loaded, LoadError> {
    let meta = fetch::document(&format!("{api}/dataset?include=meta"), progress.clone()).await?;
    let server_side = meta.member_count() > limit || meta.startup_count() > limit;
    let dataset = if server_side { meta } else { fetch::document(&format!("{api}/dataset"), progress).await? };
    Ok(Loaded { dataset: Arc::new(dataset), origin: Origin::Api, server_side, api_base_url: Some(api.to_owned()), lists: Lists::All })
}

/// The translated sentence for a load error.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, e: &LoadError) -> String {
    use cluster_core::format::isolate;
    match e {
        LoadError::Unreachable { url } => td_string!(i18n.get_locale(), data_error_unreachable, url = isolate(url)).to_string(),
        LoadError::Http { url, status } => td_string!(i18n.get_locale(), data_error_http, url = isolate(url), status = *status).to_string(),
        LoadError::Parse { url, error } => match error {
            ParseError::Syntax { line, column, .. } => {
                td_string!(i18n.get_locale(), data_error_syntax, url = isolate(url), line = *line, column = *column).to_string()
            }
            ParseError::Truncated { line } => {
                td_string!(i18n.get_locale(), data_error_truncated, url = isolate(url), line = *line).to_string()
            }
            ParseError::Shape { path, .. } => {
                td_string!(i18n.get_locale(), data_error_shape, url = isolate(url), path = isolate(path)).to_string()
            }
        },
    }
}
