//! The core's document reader and directory index, exported to a host that
//! feeds a document in chunks (`run.mjs`, as a browser's fetch does) and
//! steps the index (as the app does between yields), reading the wasm
//! memory and timing each step between calls.

use cluster_core::directory::{Index, IndexBuilder, Kind};
use cluster_core::parse::DocumentReader;
use std::cell::RefCell;

thread_local! {
    static CHUNK: RefCell<Vec<u8>> = RefCell::default();
    static READER: RefCell<Option<DocumentReader>> = RefCell::new(Some(DocumentReader::new()));
    static BUILDER: RefCell<Option<IndexBuilder<'static>>> = const { RefCell::new(None) };
    static INDEX: RefCell<Option<Index>> = const { RefCell::new(None) };
}

/// Room for the next `n` bytes of the document: where the host writes them.
#[unsafe(no_mangle)]
pub extern "C" fn chunk(n: usize) -> *mut u8 {
    CHUNK.with_borrow_mut(|c| {
        c.resize(n, 0);
        c.as_mut_ptr()
    })
}

/// Reads the `n` bytes written; false on a malformed document.
#[unsafe(no_mangle)]
pub extern "C" fn feed(n: usize) -> bool {
    CHUNK.with_borrow(|c| READER.with_borrow_mut(|r| r.as_mut().is_some_and(|r| r.feed(&c[..n]).is_ok())))
}

/// Ends the document and starts indexing its members; false on an error.
#[unsafe(no_mangle)]
pub extern "C" fn finish() -> bool {
    let Some(Ok(d)) = READER.with_borrow_mut(Option::take).map(DocumentReader::finish) else { return false };
    CHUNK.with_borrow_mut(|c| *c = Vec::new());
    // Kept for the rest of the run, like the app's document.
    let d = Box::leak(Box::new(d));
    BUILDER.with_borrow_mut(|b| *b = Some(IndexBuilder::new(d, Kind::Members)));
    true
}

/// One step of the index, of 100 records as in the app; true once built.
#[unsafe(no_mangle)]
pub extern "C" fn step() -> bool {
    BUILDER.with_borrow_mut(|b| {
        let Some(builder) = b.as_mut() else { return true };
        if !builder.step(100) {
            return false;
        }
        let index = b.take().map(IndexBuilder::finish);
        INDEX.with_borrow_mut(|i| *i = index);
        true
    })
}
