//! The directory endpoints over real HTTP: the same engine as the app, facet
//! counts checked against counts computed here from the data file, CSV.

mod common;
use common::{root, start};
use serde_json::Value;

fn members() -> Vec<Value> {
    let doc: Value = serde_json::from_slice(&std::fs::read(root().join("public/data/cluster.json")).unwrap()).unwrap();
    doc["members"].as_array().unwrap().clone()
}

#[tokio::test]
async fn filters_facets_and_paging() {
    let (base, _) = start(0).await;
    let all = members();
    let r: Value =
        reqwest::get(format!("{base}/api/v1/members?sector=solar&sector=electrical&region=casablanca-settat&per_page=7&page=2&lang=fr"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let expected: Vec<&Value> =
        all.iter().filter(|m| (m["sector"] == "solar" || m["sector"] == "electrical") && m["region"] == "casablanca-settat").collect();
    assert_eq!(r["total"].as_u64().unwrap() as usize, expected.len());
    assert_eq!(r["per_page"], 7);
    assert_eq!(r["page"], 2);
    assert_eq!(r["items"].as_array().unwrap().len(), 7.min(expected.len().saturating_sub(7)));
    // Sector counts ignore the sector filter but respect the region filter.
    let solar = r["facets"]["sector"].as_array().unwrap().iter().find(|f| f["value"] == "solar").unwrap()["count"].as_u64().unwrap();
    assert_eq!(solar as usize, all.iter().filter(|m| m["sector"] == "solar" && m["region"] == "casablanca-settat").count());
    // Region counts respect the sector filter.
    let rabat =
        r["facets"]["region"].as_array().unwrap().iter().find(|f| f["value"] == "rabat-sale-kenitra").unwrap()["count"].as_u64().unwrap();
    assert_eq!(
        rabat as usize,
        all.iter().filter(|m| (m["sector"] == "solar" || m["sector"] == "electrical") && m["region"] == "rabat-sale-kenitra").count()
    );
}

#[tokio::test]
async fn search_in_any_language_and_per_page_bounds() {
    let (base, _) = start(0).await;
    let r: Value = reqwest::get(format!("{base}/api/v1/members?q=ENERGIE&per_page=100")).await.unwrap().json().await.unwrap();
    assert_eq!(r["per_page"], 100);
    assert!(r["total"].as_u64().unwrap() > 0);
    // Out of range or not a number: refused with the parameter named, as documented.
    let client = reqwest::Client::new();
    for query in ["per_page=1000", "per_page=0", "per_page=-1", "per_page=x", "page=0", "page=two"] {
        let res = client.get(format!("{base}/api/v1/members?{query}")).header("accept-language", "en").send().await.unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::BAD_REQUEST, "{query}");
        let p: Value = res.json().await.unwrap();
        assert_eq!(p["code"], "parameter_invalid");
        let name = query.split('=').next().unwrap();
        assert!(p["detail"].as_str().unwrap().starts_with(&format!("The parameter {name} must be a whole number")), "{p}");
    }
    let ar: Value =
        reqwest::get(format!("{base}/api/v1/members?q=%D8%A7%D9%84%D8%B7%D8%A7%D9%82%D9%87")).await.unwrap().json().await.unwrap();
    assert!(ar["total"].as_u64().unwrap() > 0, "Arabic search with ta marbuta folded");
    let none: Value = reqwest::get(format!("{base}/api/v1/startups?q=zzzzzz&cohort=2019")).await.unwrap().json().await.unwrap();
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn single_records_and_csv() {
    let (base, _) = start(0).await;
    let all = members();
    let id = all[0]["id"].as_str().unwrap();
    let m: Value = reqwest::get(format!("{base}/api/v1/members/{id}")).await.unwrap().json().await.unwrap();
    assert_eq!(m, all[0]);
    assert_eq!(reqwest::get(format!("{base}/api/v1/members/no-such-member")).await.unwrap().status(), 404);
    assert_eq!(reqwest::get(format!("{base}/api/v1/startups/no-such-startup")).await.unwrap().status(), 404);

    let client = reqwest::Client::new();
    let res = client
        .get(format!("{base}/api/v1/members?sector=finance"))
        .header("accept", "text/csv")
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let text = res.text().await.unwrap();
    assert!(text.starts_with("\u{FEFF}Identifiant,Nom,Type,Secteur"), "{}", &text[..80]);
    let rows = text.trim_end().split("\r\n").count() - 1;
    assert_eq!(rows, all.iter().filter(|m| m["sector"] == "finance").count(), "the whole filtered set, not a page");
    assert!(text.contains("Banques et fonds d'investissement"));
}
