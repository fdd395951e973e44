//! Full-text search over the records' folded text.

use super::bits::Bits;

/// The folded text of every record as a vocabulary of whitespace-separated
/// tokens, each with the records holding it. A query word has no whitespace,
/// so it occurs in a record's text exactly when it occurs inside one of the
/// record's tokens: searching the (small) vocabulary instead of every text
/// gives the same answer as a substring search, many times faster.
#[derive(Default)]
pub(super) struct TextIndex {
    /// Every distinct token, each followed by a newline, so that one scan
    /// of one string finds a word in all of them.
    vocabulary: String,
    /// Where each token starts in `vocabulary`.
    starts: Vec<u32>,
    /// Per token, the records holding it, ascending, as [`Postings`].
    postings: Vec<Postings>,
}

/// The records holding a token, ascending: the first one, then the gap to
/// each next one, as LEB128 varints. Most take one or two bytes instead of
/// four: at 100 000 members, the lists are most of the index's memory. A
/// list of up to seven bytes (a name's own words: one or a few records) is
/// kept in place, without an allocation of its own.
pub(super) enum Postings {
    Inline { len: u8, bytes: [u8; 7] },
    Heap(Vec<u8>),
}

impl Default for Postings {
    fn default() -> Postings {
        Postings::Inline { len: 0, bytes: [0; 7] }
    }
}

impl Postings {
    pub(super) fn bytes(&self) -> &[u8] {
        match self {
            Postings::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Postings::Heap(v) => v,
        }
    }

    pub(super) fn push_byte(&mut self, b: u8) {
        match self {
            Postings::Inline { len, bytes } if usize::from(*len) < bytes.len() => {
                bytes[usize::from(*len)] = b;
                *len += 1;
            }
            Postings::Inline { bytes, .. } => {
                let mut v = Vec::with_capacity(16);
                v.extend_from_slice(bytes);
                v.push(b);
                *self = Postings::Heap(v);
            }
            Postings::Heap(v) => v.push(b),
        }
    }

    /// Adds `record`, which is never below `last`, the last one added (again:
    /// no change); `last` becomes `record`.
    pub(super) fn push(&mut self, record: u32, last: &mut u32) {
        let mut v = if self.bytes().is_empty() {
            record
        } else if record > *last {
            record - *last
        } else {
            return;
        };
        *last = record;
        while v >= 0x80 {
            self.push_byte((v as u8) | 0x80);
            v >>= 7;
        }
        self.push_byte(v as u8);
    }

    /// Calls `f` with each record, ascending.
    pub(super) fn for_each(&self, mut f: impl FnMut(u32)) {
        let (mut record, mut v, mut shift) = (None::<u32>, 0u32, 0u32);
        for &b in self.bytes() {
            v |= u32::from(b & 0x7f) << (shift & 31);
            if b < 0x80 {
                let next = record.map_or(v, |r| r.wrapping_add(v));
                record = Some(next);
                f(next);
                (v, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
    }
}

/// Each token's id while records are added, found by the token's text in
/// the vocabulary: an open-addressing table of ids, four bytes a token (a map
/// keyed by `String` held a second copy of every token: at 100 000 members,
/// 3.5 MB more while the index was built).
#[derive(Default)]
pub(super) struct TokenIds {
    /// A token's id plus one; zero is an empty slot. Never more than half full.
    slots: Vec<u32>,
    /// Per token, the last record added to its list.
    last: Vec<u32>,
}

impl TokenIds {
    /// Where `token`'s search starts in a table of `2^bits` slots.
    pub(super) fn home(token: &str, bits: u32) -> usize {
        use std::hash::BuildHasher;
        (rustc_hash::FxBuildHasher.hash_one(token).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// The id of `token`, or the empty slot where it goes.
    pub(super) fn find(&self, text: &TextIndex, token: &str) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = Self::home(token, self.slots.len().trailing_zeros());
        loop {
            match self.slots[i] {
                0 => return Err(i),
                id if text.token(id - 1) == token => return Ok(id - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Makes room for one more token than `text` has.
    pub(super) fn reserve(&mut self, text: &TextIndex) {
        let tokens = text.starts.len();
        if (tokens + 1) * 2 <= self.slots.len() {
            return;
        }
        self.slots = vec![0; (self.slots.len() * 2).max(1024)];
        for id in 0..tokens as u32 {
            if let Err(slot) = self.find(text, text.token(id)) {
                self.slots[slot] = id + 1;
            }
        }
    }
}

impl TextIndex {
    /// Token `t`'s text.
    pub(super) fn token(&self, t: u32) -> &str {
        let t = t as usize;
        let end = self.starts.get(t + 1).map_or(self.vocabulary.len(), |&s| s as usize) - 1;
        &self.vocabulary[self.starts[t] as usize..end]
    }

    /// Adds the tokens of `record`'s folded text (records come in order).
    pub(super) fn add(&mut self, ids: &mut TokenIds, record: u32, text: &str) {
        for token in text.split(|c: char| c.is_whitespace() || c == '\u{1}').filter(|t| !t.is_empty()) {
            ids.reserve(self);
            let id = match ids.find(self, token) {
                Ok(id) => id,
                Err(slot) => {
                    ids.slots[slot] = self.starts.len() as u32 + 1;
                    self.starts.push(self.vocabulary.len() as u32);
                    self.vocabulary.push_str(token);
                    self.vocabulary.push('\n');
                    self.postings.push(Postings::default());
                    ids.last.push(0);
                    self.starts.len() as u32 - 1
                }
            };
            self.postings[id as usize].push(record, &mut ids.last[id as usize]);
        }
    }

    /// The tokens holding `word`, ascending.
    pub(super) fn tokens_with(&self, word: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut t = 0;
        for (pos, _) in self.vocabulary.match_indices(word) {
            // Matches come in order: walk the token starts alongside.
            while self.starts.get(t + 1).is_some_and(|&s| s as usize <= pos) {
                t += 1;
            }
            if out.last() != Some(&(t as u32)) {
                out.push(t as u32);
            }
        }
        out
    }

    /// The records whose text holds every word.
    pub(super) fn search(&self, words: &[String], records: usize) -> Bits {
        let mut hits: Option<Bits> = None;
        for w in words {
            let mut bits = Bits::new(records);
            for t in self.tokens_with(w) {
                self.postings[t as usize].for_each(|r| bits.insert(r));
            }
            match &mut hits {
                Some(h) => h.intersect(&bits),
                None => hits = Some(bits),
            }
        }
        hits.unwrap_or_else(|| Bits::new(records))
    }
}
