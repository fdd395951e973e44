//! What the route declarations cannot say by themselves, added to the
//! OpenAPI document once every route is in: the answers every staff
//! operation can give without its token, and the links from a list or a
//! submission to the records it names (so a client, or a stateful fuzzer,
//! can follow them).

use serde_json::{Value, json};

/// A problem+json answer described in the document.
fn problem(description: &str) -> Value {
    json!({ "description": description, "content": { "application/problem+json": { "schema": { "type": "object" } } } })
}

/// A link: its name, the target's operationId, the target's parameter and
/// the runtime expression giving it.
type Link = (&'static str, &'static str, &'static str, &'static str);

/// Links from the answer `status` of `method path` to other operations.
const LINKS: &[(&str, &str, &str, &[Link])] = &[
    ("/members", "get", "200", &[("member", "member", "id", "$response.body#/items/0/id")]),
    ("/startups", "get", "200", &[("startup", "startup", "id", "$response.body#/items/0/id")]),
    (
        "/applications",
        "post",
        "201",
        &[
            ("status", "status", "reference", "$response.body#/reference"),
            ("staff_read", "read", "reference", "$response.body#/reference"),
            ("staff_export", "export", "reference", "$response.body#/reference"),
            ("staff_move", "move_stage", "reference", "$response.body#/reference"),
            // No link to the staff erase: it removes the applicant's view too
            // (`GET /applications/{reference}`), a path a client cannot tell
            // is the same resource, so a fuzzer following it would report the
            // erased application as lost.
        ],
    ),
];

/// Completes the generated document (see the module's description).
pub fn complete(mut doc: Value) -> Value {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return doc };
    for op in paths.values_mut().filter_map(Value::as_object_mut).flat_map(|item| item.values_mut()) {
        let staff = op["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "staff"));
        if staff && let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
            responses.entry("401").or_insert_with(|| problem("No valid staff token (see WWW-Authenticate)"));
        }
    }
    for (path, method, status, links) in LINKS {
        if let Some(response) = paths.get_mut(*path).and_then(|p| p.get_mut(*method)).and_then(|o| o["responses"].get_mut(*status)) {
            let out: serde_json::Map<String, Value> = links
                .iter()
                .map(|(name, op, param, expr)| ((*name).to_owned(), json!({ "operationId": op, "parameters": { *param: expr } })))
                .collect();
            response["links"] = Value::Object(out);
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    #[test]
    fn staff_operations_answer_401_and_links_name_real_operations() {
        let doc = super::complete(serde_json::json!({ "paths": {
            "/staff/applications": { "get": { "tags": ["staff"], "operationId": "list", "responses": { "200": {} } } },
            "/members": { "get": { "tags": ["directories"], "operationId": "members", "responses": { "200": {} } } },
        }}));
        assert!(doc["paths"]["/staff/applications"]["get"]["responses"]["401"].is_object());
        assert!(doc["paths"]["/members"]["get"]["responses"].get("401").is_none());
        assert_eq!(doc["paths"]["/members"]["get"]["responses"]["200"]["links"]["member"]["operationId"], "member");
    }
}
