//! The dataset tool's library: the real reference data, the deterministic
//! generator of illustrative lists, and the JSON Schema of the document.

pub mod entries;
pub mod generate;
pub mod reference;

/// The seed of the bundled `public/data/cluster.json`.
pub const BUNDLED_SEED: u64 = 2014;
/// Members in the bundled file (the 2023 report's "210+").
pub const BUNDLED_MEMBERS: usize = 212;

/// The JSON Schema of the document, generated from the `core` types; strict
/// (no unknown field), like the validator.
pub fn schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(cluster_core::model::Dataset)).expect("a schema serializes");
    s["$id"] = "https://cluster-enr.example/data/cluster.schema.json".into();
    s
}

/// The schema as the bytes of the committed file.
pub fn schema_bytes() -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&schema()).expect("a schema serializes");
    out.push(b'\n');
    out
}
