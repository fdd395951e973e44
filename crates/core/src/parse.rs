//! Reading a data document from bytes, whole or as a stream of chunks, with
//! errors that say where the problem is. The stream reader lets the browser
//! read a 100 000-member document in small steps instead of one long parse.

use crate::model::{Dataset, Member, Partner, Startup};
use crate::validate::{Code, Issue, validate};
use serde::de::DeserializeOwned;
use std::fmt;

/// Why bytes are not a data document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON: the position of the first error (1-based line and column).
    Syntax { line: usize, column: usize, message: String },
    /// The bytes stop before the document ends (a cut download).
    Truncated { line: usize },
    /// JSON, but a field has the wrong shape: its path and what was expected.
    Shape { path: String, message: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Syntax { line, column, message } => write!(f, "malformed JSON at line {line}, column {column}: {message}"),
            ParseError::Truncated { line } => write!(f, "the file ends too early (line {line})"),
            ParseError::Shape { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Turns a serde_json error met at `path` into a [`ParseError`], shifting its
/// position by where the parsed text started in the document.
fn convert(err: &serde_json::Error, path: String, line0: usize, col0: usize) -> ParseError {
    use serde_json::error::Category;
    let line = line0 + err.line().saturating_sub(1);
    let column = if err.line() <= 1 { col0 + err.column().saturating_sub(1) } else { err.column() };
    match err.classify() {
        Category::Eof => ParseError::Truncated { line },
        Category::Syntax | Category::Io => ParseError::Syntax { line, column, message: strip_position(&err.to_string()) },
        Category::Data => {
            ParseError::Shape { path: if path.is_empty() { "(document)".into() } else { path }, message: strip_position(&err.to_string()) }
        }
    }
}

fn strip_position(msg: &str) -> String {
    msg.split(" at line ").next().unwrap_or(msg).to_owned()
}

fn join(prefix: &str, inner: &str) -> String {
    match (prefix.is_empty(), inner.is_empty() || inner == ".") {
        (_, true) => prefix.to_owned(),
        (true, false) => inner.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{prefix}{inner}"),
        (false, false) => format!("{prefix}.{inner}"),
    }
}

/// Deserializes `bytes` as `T`, reporting a wrong shape with its full path.
fn from_slice_at<T: DeserializeOwned>(bytes: &[u8], prefix: &str, line0: usize, col0: usize) -> Result<T, ParseError> {
    serde_json::from_slice(bytes).map_err(|e| {
        // serde_json says where the bad value ends; the path is found from there.
        let inner = if e.classify() == serde_json::error::Category::Data { path_at(bytes, e.line(), e.column()) } else { String::new() };
        convert(&e, join(prefix, &inner), line0, col0)
    })
}

/// Deserializes one JSON value (an API answer) as `T`, with the same errors
/// as a document: position, cut, or the path of a wrong field.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
    from_slice_at(bytes, "", 1, 1)
}

/// The path (`contact.website`, `programmes[1].year`) of the value at or just
/// before the 1-based `line` and `column` of `json`: the innermost key or index
/// open there. Used to name the field behind a serde_json error, whose
/// column counts bytes, as here.
pub fn path_at(json: &[u8], line: usize, column: usize) -> String {
    #[derive(Clone)]
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    // Byte offset of the position.
    let mut offset = json.len();
    let (mut l, mut c) = (1, 0);
    for (i, &b) in json.iter().enumerate() {
        if b == b'\n' {
            l += 1;
            c = 0;
        } else {
            c += 1;
        }
        if l == line && c >= column || l > line {
            offset = i;
            break;
        }
    }
    let mut stack: Vec<Frame> = Vec::new();
    let (mut in_str, mut esc, mut expecting_key) = (false, false, false);
    let mut text = Vec::new();
    for &b in &json[..offset.min(json.len())] {
        if in_str {
            if esc {
                esc = false;
                text.push(b);
            } else if b == b'\\' {
                esc = true;
            } else if b == b'"' {
                in_str = false;
                if expecting_key {
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(String::from_utf8_lossy(&text).into_owned());
                    }
                    expecting_key = false;
                }
            } else {
                text.push(b);
            }
            continue;
        }
        match b {
            b'"' => {
                in_str = true;
                text.clear();
            }
            b'{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(i)) => *i += 1,
                Some(Frame::Object(_)) => expecting_key = true,
                None => {}
            },
            _ => {}
        }
    }
    // At a closing brace the error is about the object itself (a missing field).
    if json.get(offset) == Some(&b'}')
        && let Some(Frame::Object(k)) = stack.last_mut()
    {
        *k = None;
    }
    let mut out = String::new();
    for f in &stack {
        match f {
            Frame::Object(Some(k)) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Parses a whole document, tolerantly (unknown fields are ignored).
pub fn parse_document(bytes: &[u8]) -> Result<Dataset, ParseError> {
    from_slice_at(bytes, "", 1, 1)
}

/// Parses a whole document strictly: unknown fields are [`Code::UnknownField`]
/// issues, and then [`validate`] runs. An empty list means valid.
pub fn check_document(bytes: &[u8]) -> Result<(Dataset, Vec<Issue>), ParseError> {
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let dataset: Dataset =
        serde_ignored::deserialize(&mut de, |path| unknown.push(ignored_path(&path))).and_then(|d| de.end().map(|()| d)).map_err(|e| {
            let path = if e.classify() == serde_json::error::Category::Data { path_at(bytes, e.line(), e.column()) } else { String::new() };
            convert(&e, path, 1, 1)
        })?;
    let mut issues: Vec<Issue> = unknown.into_iter().map(|path| Issue { path, code: Code::UnknownField, detail: None }).collect();
    issues.extend(validate(&dataset));
    Ok((dataset, issues))
}

fn ignored_path(p: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    match p {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        Path::Map { parent, key } => join(&ignored_path(parent), key),
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}

/// The top-level lists read element by element; everything else is "meta".
pub const LISTS: [&str; 3] = ["members", "startups", "partners"];

/// Splits a document arriving in chunks: each element of a top-level list in
/// [`LISTS`] goes to a callback as soon as it is complete; the rest of the
/// document (with those lists emptied, line breaks kept) is kept as "meta".
/// It tracks only nesting and strings; serde_json checks each piece.
#[derive(Debug, Default)]
pub struct Splitter {
    meta: Vec<u8>,
    depth: u32,
    in_str: bool,
    esc: bool,
    collecting_key: bool,
    key: Vec<u8>,
    last_key: Option<Vec<u8>>,
    after_colon: bool,
    list: Option<usize>,
    elem: Vec<u8>,
    index: usize,
    elem_pos: (usize, usize),
    line: usize,
    col: usize,
}

/// A complete list element: which list, its index, its bytes and position.
pub struct Piece<'a> {
    /// Index into [`LISTS`].
    pub list: usize,
    /// Index of the element in its list.
    pub index: usize,
    /// The element's JSON.
    pub bytes: &'a [u8],
    /// 1-based line and column where it starts.
    pub pos: (usize, usize),
}

impl Splitter {
    /// A splitter at the start of a document.
    pub fn new() -> Splitter {
        Splitter { line: 1, col: 0, ..Default::default() }
    }

    fn error(&self, message: &str) -> ParseError {
        ParseError::Syntax { line: self.line, column: self.col, message: message.to_owned() }
    }

    /// Feeds the next bytes; calls `sink` for each element they complete.
    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn FnMut(Piece) -> Result<(), ParseError>) -> Result<(), ParseError> {
        for &b in chunk {
            if b == b'\n' {
                self.line += 1;
                self.col = 0;
            } else if b & 0xC0 != 0x80 {
                self.col += 1;
            }
            if let Some(list) = self.list {
                if b == b'\n' {
                    self.meta.push(b'\n');
                }
                if self.in_str {
                    self.elem.push(b);
                    self.string_byte(b);
                    continue;
                }
                match b {
                    b']' | b',' if self.depth == 2 => {
                        let empty = self.elem.iter().all(u8::is_ascii_whitespace);
                        if empty && (b == b',' || self.index > 0) {
                            return Err(self.error("a list element is missing (extra comma?)"));
                        }
                        if !empty {
                            sink(Piece { list, index: self.index, bytes: &self.elem, pos: self.elem_pos })?;
                            self.index += 1;
                        }
                        self.elem.clear();
                        if b == b']' {
                            self.depth = 1;
                            self.list = None;
                            self.meta.push(b']');
                        }
                        continue;
                    }
                    b'}' if self.depth == 2 => return Err(self.error("unexpected '}' in a list")),
                    b'"' => self.in_str = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => self.depth -= 1,
                    _ => {}
                }
                if self.elem.iter().all(u8::is_ascii_whitespace) && !b.is_ascii_whitespace() {
                    self.elem.clear();
                    self.elem_pos = (self.line, self.col);
                }
                self.elem.push(b);
                continue;
            }

            self.meta.push(b);
            if self.in_str {
                if self.collecting_key && (b != b'"' || self.esc) {
                    self.key.push(b);
                }
                if self.string_byte(b) && self.collecting_key {
                    self.collecting_key = false;
                    self.last_key = Some(std::mem::take(&mut self.key));
                }
                continue;
            }
            match b {
                b'"' => {
                    self.in_str = true;
                    if self.depth == 1 && !self.after_colon {
                        self.collecting_key = true;
                        self.key.clear();
                    }
                }
                b':' if self.depth == 1 => self.after_colon = true,
                b',' if self.depth == 1 => {
                    self.after_colon = false;
                    self.last_key = None;
                }
                b'[' if self.depth == 1 && self.after_colon => {
                    let key = self.last_key.as_deref().unwrap_or_default();
                    self.list = LISTS.iter().position(|l| l.as_bytes() == key);
                    self.depth = 2;
                    self.index = 0;
                    self.elem.clear();
                }
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.checked_sub(1).ok_or_else(|| self.error("unbalanced closing bracket"))?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Handles a byte inside a string; returns true when it closed the string.
    fn string_byte(&mut self, b: u8) -> bool {
        if self.esc {
            self.esc = false;
        } else if b == b'\\' {
            self.esc = true;
        } else if b == b'"' {
            self.in_str = false;
            return true;
        }
        false
    }

    /// Ends the input: the meta document, or why the input stopped early.
    pub fn finish(self) -> Result<Vec<u8>, ParseError> {
        if self.depth != 0 || self.in_str || self.list.is_some() {
            return Err(ParseError::Truncated { line: self.line });
        }
        Ok(self.meta)
    }
}

/// Reads a document from chunks (one parser for the bundled file and the
/// API): list elements are parsed as they complete, the rest at the end.
#[derive(Default)]
pub struct DocumentReader {
    splitter: Splitter,
    members: Vec<Member>,
    startups: Vec<Startup>,
    partners: Vec<Partner>,
}

impl DocumentReader {
    /// A reader at the start of a document.
    pub fn new() -> DocumentReader {
        DocumentReader { splitter: Splitter::new(), ..Default::default() }
    }

    /// Feeds the next bytes (any split, even inside a UTF-8 character).
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), ParseError> {
        let (members, startups, partners) = (&mut self.members, &mut self.startups, &mut self.partners);
        self.splitter.feed(chunk, &mut |p: Piece| {
            let prefix = format!("{}[{}]", LISTS[p.list], p.index);
            let (line, col) = p.pos;
            match p.list {
                0 => members.push(from_slice_at(p.bytes, &prefix, line, col)?),
                1 => startups.push(from_slice_at(p.bytes, &prefix, line, col)?),
                _ => partners.push(from_slice_at(p.bytes, &prefix, line, col)?),
            }
            Ok(())
        })
    }

    /// Records read so far (for progress).
    pub fn records(&self) -> usize {
        self.members.len() + self.startups.len() + self.partners.len()
    }

    /// Ends the input and returns the document.
    pub fn finish(self) -> Result<Dataset, ParseError> {
        let meta = self.splitter.finish()?;
        let mut d: Dataset = from_slice_at(&meta, "", 1, 1)?;
        // The lists grew by doubling: what they did not fill goes back to
        // the allocator (at 100 000 members, 6 MB the index can use).
        d.members = self.members;
        d.members.shrink_to_fit();
        d.startups = self.startups;
        d.startups.shrink_to_fit();
        d.partners = self.partners;
        d.partners.shrink_to_fit();
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_in_chunks(bytes: &[u8], size: usize) -> Result<Dataset, ParseError> {
        let mut r = DocumentReader::new();
        for c in bytes.chunks(size.max(1)) {
            r.feed(c)?;
        }
        r.finish()
    }

    const MINI: &str = r#"{"version":1,"as_of":"2024-02-23","source":{"text":{"fr":"s"}},
"sectors":[],"member_types":[],"regions":[],"labels":[],"programmes":[],
"members":[{"id":"a","name":{"fr":"A \"[x]\" ]},"},"type":"tpme","sector":"solar","region":"r","city":"c","joined":2020,"description":{"fr":"d"}}],
"figures":[]}"#;

    #[test]
    fn stream_equals_whole_parse_at_any_chunk_size() {
        let whole = parse_document(MINI.as_bytes()).unwrap();
        assert_eq!(whole.members[0].name.fr, "A \"[x]\" ]},");
        for size in [1, 2, 3, 7, 64, 10_000] {
            assert_eq!(read_in_chunks(MINI.as_bytes(), size).unwrap(), whole, "chunk size {size}");
        }
    }

    #[test]
    fn wrong_shape_has_its_path_in_a_list() {
        let bad = MINI.replace(r#""joined":2020"#, r#""joined":"2020""#);
        match read_in_chunks(bad.as_bytes(), 5) {
            Err(ParseError::Shape { path, .. }) => assert_eq!(path, "members[0].joined"),
            other => panic!("{other:?}"),
        }
        match parse_document(bad.as_bytes()) {
            Err(ParseError::Shape { path, .. }) => assert_eq!(path, "members[0].joined"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_shape_outside_lists() {
        let bad = MINI.replace(r#""as_of":"2024-02-23""#, r#""as_of":20240223"#);
        match read_in_chunks(bad.as_bytes(), 3) {
            Err(ParseError::Shape { path, .. }) => assert_eq!(path, "as_of"),
            other => panic!("{other:?}"),
        }
        let bad = MINI.replace(r#""members":["#, r#""members":{"x":["#).replace(r#"}}],"#, r#"}}]},"#);
        assert!(matches!(read_in_chunks(bad.as_bytes(), 3), Err(ParseError::Shape { path, .. }) if path == "members"));
    }

    #[test]
    fn truncated_anywhere_is_reported_not_panicking() {
        for cut in 1..MINI.len() - 1 {
            let r = read_in_chunks(&MINI.as_bytes()[..cut], 4);
            assert!(r.is_err(), "cut at {cut} parsed");
        }
        assert!(matches!(read_in_chunks(&MINI.as_bytes()[..MINI.len() / 2], 4), Err(ParseError::Truncated { .. })));
    }

    #[test]
    fn syntax_error_position_is_in_the_document() {
        let bad = MINI.replace(r#""joined":2020"#, r#""joined":20x20"#);
        let whole = parse_document(bad.as_bytes()).unwrap_err();
        let streamed = read_in_chunks(bad.as_bytes(), 9).unwrap_err();
        assert_eq!(whole, streamed);
        assert!(matches!(whole, ParseError::Syntax { line: 3, .. }), "{whole:?}");
    }

    #[test]
    fn path_at_names_the_innermost_field() {
        let j = br#"{"a":{"b":[1,{"c":"x"}]},"d":true}"#;
        let at = |needle: &str| {
            let i = std::str::from_utf8(j).unwrap().find(needle).unwrap() + needle.len();
            path_at(j, 1, i)
        };
        assert_eq!(at(r#""c":"x""#), "a.b[1].c");
        assert_eq!(at(r#"[1"#), "a.b[0]");
        assert_eq!(at(r#""d":true"#), "d");
        let multi = b"{\n \"x\": [\n  1,\n  \"two\"\n ]\n}";
        assert_eq!(path_at(multi, 4, 7), "x[1]");
    }

    #[test]
    fn a_wrong_field_after_non_ascii_text_is_named() {
        // serde_json counts columns in bytes: Arabic before the field must not shift the path.
        let j = r#"{"name":{"ar":"أسيف ستيل","fr":"Assif"},"joined":"last year","description":{"fr":"d"}}"#;
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct R {
            name: serde_json::Value,
            joined: u16,
            description: serde_json::Value,
        }
        match from_slice::<R>(j.as_bytes()) {
            Err(ParseError::Shape { path, .. }) => assert_eq!(path, "joined"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nested_wrong_shapes_have_full_paths() {
        let bad = MINI.replace(r#""description":{"fr":"d"}"#, r#""description":{"fr":"d","ar":7}"#);
        match read_in_chunks(bad.as_bytes(), 6) {
            Err(ParseError::Shape { path, .. }) => assert_eq!(path, "members[0].description.ar"),
            other => panic!("{other:?}"),
        }
        let bad = MINI.replace(r#""name":{"fr":"A"#, r#""nom":{"fr":"A"#);
        match parse_document(bad.as_bytes()) {
            Err(ParseError::Shape { path, message }) => {
                assert_eq!(path, "members[0]");
                assert!(message.contains("missing field `name`"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn extra_comma_is_a_syntax_error() {
        let bad = MINI.replace(r#"}}],"#, r#"}},],"#);
        assert!(matches!(read_in_chunks(bad.as_bytes(), 2), Err(ParseError::Syntax { .. })));
    }

    #[test]
    fn strict_check_reports_unknown_fields_with_paths() {
        let extra =
            MINI.replace(r#""joined":2020"#, r#""joined":2020,"mood":"sunny""#).replace(r#""version":1"#, r#""version":1,"generator":"x""#);
        let (_, issues) = check_document(extra.as_bytes()).unwrap();
        let unknown: Vec<&str> = issues.iter().filter(|i| i.code == Code::UnknownField).map(|i| i.path.as_str()).collect();
        assert_eq!(unknown, ["generator", "members[0].mood"]);
        // …while the tolerant readers accept the document.
        assert!(parse_document(extra.as_bytes()).is_ok());
        assert!(read_in_chunks(extra.as_bytes(), 8).is_ok());
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300), size in 1usize..50) {
            let _ = read_in_chunks(&bytes, size);
            let _ = parse_document(&bytes);
            let _ = check_document(&bytes);
        }

        #[test]
        fn mutated_documents_never_panic(pos in 0usize..400, byte in any::<u8>(), size in 1usize..40) {
            let mut bytes = MINI.as_bytes().to_vec();
            let p = pos % bytes.len();
            bytes[p] = byte;
            let streamed = read_in_chunks(&bytes, size);
            let whole = parse_document(&bytes);
            // Whatever the damage, both readers agree on success.
            prop_assert_eq!(streamed.is_ok(), whole.is_ok());
        }
    }
}
