use super::page::{embed_page, not_found_page};
use super::render::{BAR_MAX, W, esc, svg};
use super::*;
use crate::model::Dataset;

fn bundled() -> Dataset {
    serde_json::from_str(include_str!("../../../../public/data/cluster.json")).expect("the bundled dataset parses")
}

/// Every `attr="…"` value of `markup`, in order.
fn attrs<'a>(markup: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    markup.match_indices(&pat).map(|(i, _)| &markup[i + pat.len()..]).map(|rest| &rest[..rest.find('"').unwrap_or(0)]).collect()
}

fn figure_of(c: &Chart) -> String {
    figure(c, &Options::page(c))
}

#[test]
fn coordinates_keep_one_decimal() {
    assert_eq!(super::render::num_for_tests(12.0), "12");
    assert_eq!(super::render::num_for_tests(12.34), "12.3");
    assert_eq!(super::render::num_for_tests(-0.25), "-0.3");
    assert_eq!(super::render::num_for_tests(-3.0), "-3");
}

#[test]
fn long_labels_are_squeezed_into_the_drawing() {
    let d = bundled();
    let c = build(&d, ChartId::Sectors, Lang::Fr);
    let s = svg(&c, &Options::page(&c));
    let long = c.rows.iter().find(|r| r.mark_label.chars().count() as f64 * 8.0 > W).expect("a long label");
    let i = s.find(&format!(">{}</text>", esc(&long.mark_label))).unwrap();
    let tag = &s[s[..i].rfind("<text").unwrap()..i];
    assert!(tag.contains(&format!(r#"textLength="{}""#, W)), "{tag}");
    let short = c.rows.iter().find(|r| r.mark_label.chars().count() as f64 * 8.0 <= W).unwrap();
    let i = s.find(&format!(">{}</text>", esc(&short.mark_label))).unwrap();
    assert!(!s[s[..i].rfind("<text").unwrap()..i].contains("textLength"));
}

#[test]
fn chart_ids_round_trip() {
    for c in ChartId::ALL {
        assert_eq!(ChartId::from_id(c.id()), Some(c));
    }
    assert_eq!(ChartId::from_id("Sectors"), None);
    assert_eq!(ChartId::from_id(""), None);
}

#[test]
fn shares_round_and_report_their_sum() {
    assert_eq!(shares(&[1, 1, 1]), (vec![33, 33, 33], 99));
    assert_eq!(shares(&[70, 30]), (vec![70, 30], 100));
    assert_eq!(shares(&[0, 0]), (vec![0, 0], 0));
    assert_eq!(shares(&[1, 2]), (vec![33, 67], 100));
}

#[test]
fn sectors_show_the_published_split_and_other_activities() {
    let d = bundled();
    let c = build(&d, ChartId::Sectors, Lang::Fr);
    let shares: Vec<(&str, u64)> = c.rows.iter().map(|r| (r.key.as_str(), r.value)).collect();
    assert_eq!(
        shares,
        [("solar", 33), ("metallurgy", 14), ("electrical", 14), ("engineering", 13), ("construction", 8), ("finance", 3), ("other", 15)]
    );
    assert_eq!(c.rows.iter().map(|r| r.value).sum::<u64>(), 100);
    assert!(c.rounding.is_none());
    assert!(c.illustrative.is_none(), "published figures are not illustrative");
    let other = c.rows.last().unwrap();
    assert!(other.muted && other.label == "Autres activités");
    assert_eq!(c.rows[0].shown, "33\u{202F}%");
    assert!(c.source.contains("Aujourd'hui Le Maroc"), "{}", c.source);
    // The bundled records match the report's split within rounding.
    let total = d.members.len() as f64;
    for s in &d.sectors {
        let n = d.members.iter().filter(|m| m.sector == s.id).count() as f64;
        let pct = n / total * 100.0;
        assert!((pct - f64::from(s.report_share.unwrap())).abs() <= 1.0, "{}: {pct:.1} %", s.id);
    }
}

#[test]
fn computed_shares_say_when_rounding_misses_100() {
    let mut d = bundled();
    for s in &mut d.sectors {
        s.report_share = None;
    }
    d.members.truncate(3);
    for (m, sector) in d.members.iter_mut().zip(["solar", "finance", "other"]) {
        m.sector = sector.into();
    }
    let c = build(&d, ChartId::Sectors, Lang::En);
    assert!(c.illustrative.is_some());
    assert_eq!(c.rows.iter().filter(|r| r.value == 33).count(), 3);
    assert_eq!(c.rounding.as_deref(), Some("Shares rounded to whole numbers: they add up to 99%."));
    assert!(figure_of(&c).contains("they add up to 99%"));
}

#[test]
fn counts_are_ranked_linked_and_illustrative() {
    let d = bundled();
    for (id, facet) in [(ChartId::MemberTypes, "type"), (ChartId::Regions, "region")] {
        let c = build(&d, id, Lang::Fr);
        assert!(c.rows.windows(2).all(|w| w[0].value >= w[1].value), "{id:?} ranked");
        assert_eq!(c.rows.iter().map(|r| r.value).sum::<u64>(), d.members.len() as u64);
        assert_eq!(c.rows[0].href.as_deref(), Some(format!("/members?{facet}={}", c.rows[0].key).as_str()));
        assert!(c.illustrative.as_deref().unwrap().contains("illustration"));
        assert_eq!(c.table.rows.len(), c.rows.len());
    }
    assert_eq!(build(&d, ChartId::Regions, Lang::Ar).rows.len(), 12);
}

#[test]
fn startups_per_year_run_up_to_the_total() {
    let d = bundled();
    let c = build(&d, ChartId::StartupsPerYear, Lang::En);
    assert_eq!(c.rows.last().unwrap().running, Some(d.startups.len() as u64));
    assert_eq!(c.rows.first().unwrap().key, "2015");
    let mut sum = 0;
    for r in &c.rows {
        sum += r.value;
        assert_eq!(r.running, Some(sum));
    }
    assert!(c.takeaway.starts_with(&format!("{} start-ups supported from 2015", format::int(sum, Lang::En))), "{}", c.takeaway);
}

#[test]
fn growth_shows_lower_bounds_as_such() {
    let d = bundled();
    let c = build(&d, ChartId::MembersGrowth, Lang::Fr);
    let shown: Vec<&str> = c.rows.iter().map(|r| r.shown.as_str()).collect();
    assert_eq!(shown, ["80", "130", "200+", "210+"]);
    assert!(c.rows[3].mark_label.contains("plus de 210+") || c.rows[3].mark_label.contains("borne inférieure"));
    let f = figure_of(&c);
    assert!(f.contains(">210+<") && !f.contains(">210<"));
    // Years without a figure stay gaps on the time axis (2020 and 2021).
    let s = svg(&c, &Options::page(&c));
    assert_eq!(attrs(&s, "class").into_iter().filter(|c| *c == "axis-label").count(), 4);
}

#[test]
fn key_figures_each_with_a_source() {
    let d = bundled();
    let c = build(&d, ChartId::KeyFigures, Lang::Fr);
    let shown: Vec<&str> = c.rows.iter().map(|r| r.shown.as_str()).collect();
    assert_eq!(shown, ["210+", "40+", "600+", "14\u{a0}MDH", "35+"]);
    assert!(c.rows.iter().all(|r| r.note.as_deref().is_some_and(|n| n.contains("Le Maroc"))));
    assert_eq!(build(&d, ChartId::KeyFigures, Lang::Ar).rows[3].shown, "14 مليون درهم");
    // Nothing to point at: an image, not a group.
    let s = svg(&c, &Options::page(&c));
    assert_eq!(attrs(&s, "role"), ["img"]);
    assert!(!s.contains("tabindex"));
}

#[test]
fn bar_lengths_scale_with_values() {
    let d = bundled();
    let c = build(&d, ChartId::Regions, Lang::Fr);
    let s = svg(&c, &Options::page(&c));
    let widths: Vec<f64> = s
        .match_indices(r#"<rect class="bar""#)
        .map(|(i, _)| {
            let tail = &s[i..];
            attrs(tail, "width")[0].parse().unwrap()
        })
        .collect();
    assert_eq!(widths.len(), c.rows.len());
    assert!((widths[0] - BAR_MAX).abs() < 0.01, "the largest bar is full length");
    for (w, r) in widths.iter().zip(&c.rows) {
        let expected = (r.value as f64 / c.rows[0].value as f64 * BAR_MAX).max(2.0);
        assert!((w - expected).abs() <= 0.06, "{} → {w}, expected {expected}", r.key);
    }
}

#[test]
fn column_axis_ticks_are_round() {
    let d = bundled();
    let c = build(&d, ChartId::StartupsPerYear, Lang::Fr);
    let s = svg(&c, &Options::page(&c));
    let ticks: Vec<String> =
        s.split(r#"<text class="tick" "#).skip(1).map(|t| t[t.find('>').unwrap() + 1..t.find('<').unwrap()].to_owned()).collect();
    assert_eq!(ticks, ["0", "20", "40", "60", "80", "100"]);
}

#[test]
fn right_to_left_mirrors_placement() {
    let d = bundled();
    let fr = build(&d, ChartId::Sectors, Lang::Fr);
    let ar = build(&d, ChartId::Sectors, Lang::Ar);
    let (sf, sa) = (svg(&fr, &Options::page(&fr)), svg(&ar, &Options::page(&ar)));
    assert!(sf.contains(r#"direction="ltr""#) && sa.contains(r#"direction="rtl""#));
    let xs = |s: &str, class: &str| -> Vec<f64> {
        s.split(&format!(r#"<text class="{class}" x=""#)).skip(1).map(|t| t[..t.find('"').unwrap()].parse().unwrap()).collect()
    };
    for class in ["label", "value"] {
        let (l, r) = (xs(&sf, class), xs(&sa, class));
        assert_eq!(l.len(), r.len());
        for (a, b) in l.iter().zip(&r) {
            assert!((a + b - W).abs() < 0.11, "{class}: {a} and {b} mirror around the middle");
        }
    }
    // Bars grow from the reading start: the right edge in Arabic.
    let first_bar = |s: &str| {
        let i = s.find(r#"<rect class="bar""#).unwrap();
        let a = attrs(&s[i..], "x")[0].parse::<f64>().unwrap();
        let w = attrs(&s[i..], "width")[0].parse::<f64>().unwrap();
        (a, w)
    };
    assert_eq!(first_bar(&sf).0, 0.0);
    let (x, w) = first_bar(&sa);
    assert!((x + w - W).abs() < 0.11);
    // Arabic labels and numbers.
    assert!(sa.contains("الحلول الشمسية") && sa.contains("33%"));
}

#[test]
fn hostile_names_are_inert_text() {
    let mut d = bundled();
    d.regions[0].name.fr = "<script>alert(1)</script>".into();
    d.regions[1].name.fr = "\"><img src=x onerror=alert(1)>".into();
    d.regions[2].name.fr = "\u{202E}evil\u{202C} & co".into();
    for m in d.members.iter_mut().take(80) {
        m.region = d.regions[m.joined as usize % 3].id.as_str().into();
    }
    let c = build(&d, ChartId::Regions, Lang::Fr);
    let html = figure_of(&c);
    assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains('\u{202E}') && !html.contains('\u{202C}'));
    assert!(html.contains("evil &amp; co"));
    let file = standalone_svg(&c, "https://example.org");
    assert!(!file.contains("<script") && !file.contains("<img"));
    assert_eq!(esc("a\u{0}b\u{202D}c"), "a bc");
}

#[test]
fn ids_carry_the_callers_prefix_and_never_repeat() {
    let d = bundled();
    let mut all = Vec::new();
    for id in ChartId::ALL {
        for lang in Lang::ALL {
            let c = build(&d, id, lang);
            let html = figure_of(&c);
            let ids = attrs(&html, "id");
            assert!(!ids.is_empty());
            let prefix = format!("chart-{}-{}-", id.id(), lang.code());
            assert!(ids.iter().all(|i| i.starts_with(&prefix)), "{ids:?}");
            // Every reference points at an id of the same figure.
            for r in attrs(&html, "aria-labelledby").into_iter().chain(attrs(&html, "aria-describedby")) {
                assert!(ids.contains(&r), "{r} in {}", id.id());
            }
            all.extend(ids.into_iter().map(str::to_owned));
        }
    }
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "an id repeats across charts and languages");
}

#[test]
fn interactive_charts_are_named_groups_with_named_marks() {
    let d = bundled();
    for id in [ChartId::Sectors, ChartId::MemberTypes, ChartId::Regions, ChartId::StartupsPerYear, ChartId::MembersGrowth] {
        let c = build(&d, id, Lang::En);
        let s = svg(&c, &Options::page(&c));
        assert_eq!(attrs(&s, "role")[0], "group", "{id:?}");
        assert!(s.contains("aria-labelledby=\""));
        let marks = s.matches(r#"class="mark""#).count();
        assert_eq!(marks, c.rows.len(), "{id:?}: one focusable mark per row");
        assert_eq!(s.matches("aria-label=\"").count(), marks, "{id:?}: each mark named");
        assert_eq!(s.matches(r#"class="tip""#).count(), marks, "{id:?}: each mark shows its label on hover and focus");
    }
}

#[test]
fn every_chart_has_its_parts_in_every_language() {
    let d = bundled();
    for id in ChartId::ALL {
        for lang in Lang::ALL {
            let c = build(&d, id, lang);
            assert!(!c.rows.is_empty(), "{id:?}");
            for part in [&c.title, &c.takeaway, &c.description, &c.source, &c.as_of] {
                assert!(!part.is_empty(), "{id:?} {lang:?}");
            }
            let html = figure_of(&c);
            assert!(html.starts_with("<figure") && html.ends_with("</figure>"));
            for piece in ["<figcaption>", "<h2 ", "class=\"chart-takeaway\"", "<svg ", "<desc ", "<table>", "class=\"chart-source\""] {
                assert!(html.contains(piece), "{id:?} {lang:?}: {piece}");
            }
            assert_eq!(html.matches("<tr>").count(), c.rows.len() + 1);
            let illustrative = matches!(id, ChartId::MemberTypes | ChartId::Regions | ChartId::StartupsPerYear);
            assert_eq!(c.illustrative.is_some(), illustrative, "{id:?}");
            assert!(!html.contains("style="), "no style attribute under a strict CSP");
        }
    }
}

#[test]
fn table_and_csv_carry_the_same_numbers() {
    let d = bundled();
    let c = build(&d, ChartId::MemberTypes, Lang::Fr);
    let file = csv(&c);
    let mut lines = file.lines();
    assert_eq!(lines.next(), Some("\u{FEFF}Type,Membres,Part des membres"));
    let top = &c.rows[0];
    assert_eq!(lines.next(), Some(format!("{},{},{}", top.label, top.value, c.table.rows[0][2].raw).as_str()));
    let k = csv(&build(&d, ChartId::KeyFigures, Lang::En));
    assert!(k.contains("\r\nActive members,210+,"), "{k}");
}

#[test]
fn standalone_svg_has_its_style_and_absolute_links() {
    let d = bundled();
    let c = build(&d, ChartId::Sectors, Lang::Ar);
    let s = standalone_svg(&c, "https://portal.example");
    assert!(s.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg""#));
    assert!(s.contains("<style>") && s.contains("--chart-bar:#0072b2"));
    assert!(s.contains(r#"href="https://portal.example/members?sector=solar&amp;lang=ar""#));
    assert!(s.contains("جميع") || s.contains(&c.title));
}

#[test]
fn embed_pages_hold_three_languages_and_open_links_in_a_new_tab() {
    let d = bundled();
    for id in ChartId::ALL {
        let p = embed_page(&d, id);
        assert!(p.starts_with("<!DOCTYPE html>"));
        for lang in Lang::ALL {
            assert!(p.contains(&format!(r#"<div class="copy" lang="{0}" dir="{1}""#, lang.code(), lang.dir())));
        }
        assert_eq!(p.matches("<h1 ").count(), 3);
        assert!(!p.contains("<style") && !p.contains("style=\"") && !p.contains("<script>"), "external script and styles only");
        for tag in p.split("<a ").skip(1) {
            assert!(tag.contains(r#"target="_blank""#), "{id:?}: {tag}");
        }
        assert!(p.contains(r#"href="/sectors?lang=ar""#));
    }
    let sectors = embed_page(&d, ChartId::Sectors);
    assert!(sectors.contains(r#"href="/members?sector=solar&amp;lang=fr""#));
    assert!(not_found_page().contains("Chart not found") && not_found_page().contains("الرسم البياني غير موجود"));
}
