//! `/embed/:chart` over real HTTP: rendered live from the served dataset,
//! framable by any site, cacheable with an ETag; unknown ids are a 404 page.

mod common;

#[tokio::test]
async fn every_chart_is_served_live_and_framable() {
    let (base, _) = common::start(0).await;
    let client = reqwest::Client::new();
    let dataset = cluster_server::load_dataset(&common::root().join("public/data/cluster.json")).unwrap();
    for id in cluster_core::charts::ChartId::ALL {
        for path in [format!("/embed/{}", id.id()), format!("/embed/{}/?lang=ar", id.id())] {
            let res = client.get(format!("{base}{path}")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let h = res.headers().clone();
            assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
            let csp = h["content-security-policy"].to_str().unwrap();
            assert!(csp.ends_with("frame-ancestors *") && csp.contains("style-src 'self';"), "{csp}");
            assert!(h.get("x-frame-options").is_none(), "embeds may be framed");
            assert_eq!(h["cache-control"], "public, max-age=300");
            let body = res.text().await.unwrap();
            assert_eq!(body, cluster_core::charts::page::embed_page(&dataset, id), "the same renderer as the static build");
        }
    }
    let first = client.get(format!("{base}/embed/sectors")).send().await.unwrap();
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = client.get(format!("{base}/embed/sectors")).header("if-none-match", &tag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["cache-control"], "public, max-age=300");
}

#[tokio::test]
async fn unknown_chart_is_a_translated_404_page() {
    let (base, _) = common::start(0).await;
    for path in ["/embed/nope", "/embed/Sectors/", "/embed/%3Cscript%3E"] {
        let res = reqwest::get(format!("{base}{path}")).await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert!(res.headers()["content-security-policy"].to_str().unwrap().ends_with("frame-ancestors *"));
        let body = res.text().await.unwrap();
        assert!(body.contains("Graphique introuvable") && body.contains("Chart not found") && body.contains("الرسم البياني غير موجود"));
        assert!(!body.contains("<script>"), "no inline script");
    }
    // The app's own pages still refuse to be framed.
    let page = reqwest::get(format!("{base}/sectors")).await.unwrap();
    assert_eq!(page.headers()["x-frame-options"], "DENY");
}
