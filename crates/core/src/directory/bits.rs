//! Bit sets: a facet's values per record, and sets of records.

/// One facet's values for every record: per record, the bit set of its
/// values, stored no wider than the facet needs (a byte for up to eight
/// values instead of sixteen bytes: at 100 000 members, 0.6 MB instead of 8 MB).
pub(super) enum Column {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
    U64(Vec<u64>),
    U128(Vec<u128>),
}

impl Column {
    /// An empty column for a facet of `values` values, room for `records`.
    pub(super) fn new(values: usize, records: usize) -> Column {
        match values {
            0..=8 => Column::U8(Vec::with_capacity(records)),
            9..=16 => Column::U16(Vec::with_capacity(records)),
            17..=32 => Column::U32(Vec::with_capacity(records)),
            33..=64 => Column::U64(Vec::with_capacity(records)),
            _ => Column::U128(Vec::with_capacity(records)),
        }
    }

    /// Appends a record's bits (no bit above the facet's values is set).
    pub(super) fn push(&mut self, bits: u128) {
        match self {
            Column::U8(v) => v.push(bits as u8),
            Column::U16(v) => v.push(bits as u16),
            Column::U32(v) => v.push(bits as u32),
            Column::U64(v) => v.push(bits as u64),
            Column::U128(v) => v.push(bits),
        }
    }

    /// Record `i`'s bits.
    pub(super) fn get(&self, i: usize) -> u128 {
        match self {
            Column::U8(v) => v[i].into(),
            Column::U16(v) => v[i].into(),
            Column::U32(v) => v[i].into(),
            Column::U64(v) => v[i].into(),
            Column::U128(v) => v[i],
        }
    }
}

/// A set of record indices, one bit each.
pub(super) struct Bits(Vec<u64>);

impl Bits {
    pub(super) fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    pub(super) fn insert(&mut self, i: u32) {
        self.0[i as usize / 64] |= 1 << (i % 64);
    }

    pub(super) fn contains(&self, i: u32) -> bool {
        self.0.get(i as usize / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub(super) fn intersect(&mut self, other: &Bits) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a &= b);
    }

    /// The members, ascending.
    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            let mut bits = w;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros();
                    bits &= bits - 1;
                    (k * 64) as u32 + b
                })
            })
        })
    }
}
