//! The charts' own words in the three languages. They live here, not in the
//! app's locale files, because the static embed pages and the server render
//! charts without the app.

use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    AsOf,
    Source,
    Sources,
    SourceRecords,
    Illustrative,
    Rounding,
    NoData,
    Colon,
    Members,
    MarkShare,
    DescBars,
    DescColumns,
    DescTiles,
    SectorsTitle,
    SectorsTakeaway,
    TypesTitle,
    TypesTakeaway,
    RegionsTitle,
    RegionsTakeaway,
    StartupsTitle,
    StartupsTakeaway,
    StartupsMark,
    SeriesCohort,
    SeriesRunning,
    SeriesMembers,
    GrowthTitle,
    GrowthTakeaway,
    GrowthMark,
    GrowthMarkLower,
    FiguresTitle,
    FiguresTakeaway,
    FigMembers,
    FigStartupsYear,
    FigStartupsTotal,
    FigFundraising,
    FigPartnerships,
    ColSector,
    ColType,
    ColRegion,
    ColShare,
    ColMembers,
    ColCohort,
    ColStartups,
    ColRunning,
    ColYear,
    ColActiveMembers,
    ColSource,
    ColFigure,
    ColValue,
    TableToggle,
    BackLink,
    NotFoundTitle,
    NotFoundBody,
}

/// The text of `key` in `lang`; `{name}` placeholders are filled by the caller.
pub fn tr(key: Key, lang: Lang) -> &'static str {
    let [fr, ar, en] = words(key);
    match lang {
        Lang::Fr => fr,
        Lang::Ar => ar,
        Lang::En => en,
    }
}

/// The text of `key` in `lang` with its `{name}` placeholders filled from
/// `args` (one pass, one function: smaller in the app's wasm than a chain of
/// `str::replace`). A placeholder without an argument stays as it is.
pub fn fill(key: Key, lang: Lang, args: &[(&str, &str)]) -> String {
    let template = tr(key, lang);
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| args.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, v))) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn words(key: Key) -> [&'static str; 3] {
    use Key::*;
    match key {
        AsOf => ["Données au {date}", "البيانات بتاريخ {date}", "Data as of {date}"],
        Source => ["Source : {refs}", "المصدر: {refs}", "Source: {refs}"],
        Sources => ["Sources : {refs}", "المصادر: {refs}", "Sources: {refs}"],
        SourceRecords => {
            ["Source : fiches de l'annuaire du portail", "المصدر: بطاقات دليل البوابة", "Source: the portal's directory records"]
        }
        Illustrative => [
            "Données d'illustration : calculées à partir de fiches fictives.",
            "بيانات توضيحية: محسوبة من بطاقات خيالية.",
            "Illustrative data: computed from fictitious records.",
        ],
        Rounding => [
            "Parts arrondies à l'unité : leur total fait {sum}.",
            "نسب مقرّبة إلى أقرب عدد صحيح: مجموعها {sum}.",
            "Shares rounded to whole numbers: they add up to {sum}.",
        ],
        NoData => ["Aucune donnée à afficher pour l'instant.", "لا توجد بيانات لعرضها حاليا.", "No data to show yet."],
        Colon => [" :", ":", ":"],
        Members => ["{n} membres", "{n} عضوا", "{n} members"],
        MarkShare => ["{label} : {share} des membres", "{label}: {share} من الأعضاء", "{label}: {share} of members"],
        DescBars => [
            "Diagramme en barres, de la plus grande à la plus petite :",
            "رسم بياني بالأعمدة الأفقية، من الأكبر إلى الأصغر:",
            "Bar chart, largest first:",
        ],
        DescColumns => ["Histogramme par année :", "رسم بياني بالأعمدة حسب السنة:", "Column chart by year:"],
        DescTiles => ["Chiffres clés :", "الأرقام الرئيسية:", "Key figures:"],
        SectorsTitle => ["Les membres par secteur d'activité", "الأعضاء حسب قطاع النشاط", "Members by sector"],
        SectorsTakeaway => [
            "{label} : le premier secteur, avec {share} des membres.",
            "{label}: القطاع الأول، بنسبة {share} من الأعضاء.",
            "{label} is the largest sector, with {share} of members.",
        ],
        TypesTitle => ["Les membres par type", "الأعضاء حسب النوع", "Members by type"],
        TypesTakeaway => [
            "{label} : le type le plus représenté ({n} membres sur {total}).",
            "{label}: النوع الأكثر تمثيلا ({n} عضوا من أصل {total}).",
            "{label} is the largest group ({n} of {total} members).",
        ],
        RegionsTitle => ["Les membres par région", "الأعضاء حسب الجهة", "Members by region"],
        RegionsTakeaway => [
            "{label} accueille {n} membres sur {total}.",
            "تحتضن جهة {label} {n} عضوا من أصل {total}.",
            "{label} is home to {n} of {total} members.",
        ],
        StartupsTitle => ["Start-up accompagnées par promotion", "المقاولات الناشئة المواكبة حسب الفوج", "Start-ups supported per cohort"],
        StartupsTakeaway => [
            "{total} start-up accompagnées de {first} à {last}.",
            "{total} مقاولة ناشئة تمت مواكبتها من {first} إلى {last}.",
            "{total} start-ups supported from {first} to {last}.",
        ],
        StartupsMark => [
            "{year} : {n} start-up ({total} au total)",
            "{year}: {n} مقاولة ناشئة ({total} إجمالا)",
            "{year}: {n} start-ups ({total} in all)",
        ],
        SeriesCohort => ["Par promotion", "حسب الفوج", "Per cohort"],
        SeriesRunning => ["Cumul", "المجموع التراكمي", "Running total"],
        SeriesMembers => ["Membres actifs", "الأعضاء النشطون", "Active members"],
        GrowthTitle => ["L'évolution du nombre de membres", "تطور عدد الأعضاء", "Members over the years"],
        GrowthTakeaway => [
            "De {first_n} membres en {first} à {last_n} en {last}.",
            "من {first_n} عضوا سنة {first} إلى {last_n} سنة {last}.",
            "From {first_n} members in {first} to {last_n} in {last}.",
        ],
        GrowthMark => ["{year} : {n} membres actifs", "{year}: {n} عضوا نشطا", "{year}: {n} active members"],
        GrowthMarkLower => [
            "{year} : plus de {n} membres actifs (borne inférieure)",
            "{year}: أكثر من {n} عضوا نشطا (حد أدنى)",
            "{year}: over {n} active members (a lower bound)",
        ],
        FiguresTitle => ["Le cluster en chiffres", "الكتلة بالأرقام", "The cluster in figures"],
        FiguresTakeaway => [
            "Les chiffres publiés les plus récents, chacun avec sa source.",
            "أحدث الأرقام المنشورة، كل رقم مع مصدره.",
            "The latest published figures, each with its source.",
        ],
        FigMembers => ["Membres actifs", "عضو نشط", "Active members"],
        FigStartupsYear => ["Start-up accompagnées par an", "مقاولة ناشئة مواكبة سنويا", "Start-ups supported a year"],
        FigStartupsTotal => ["Start-up accompagnées depuis 2015", "مقاولة ناشئة مواكبة منذ 2015", "Start-ups supported since 2015"],
        FigFundraising => [
            "Levées de fonds de start-up vertes accompagnées",
            "تمويلات المقاولات الناشئة الخضراء المواكبة",
            "Green start-up fundraising supported",
        ],
        FigPartnerships => ["Partenariats stratégiques", "شراكة استراتيجية", "Strategic partnerships"],
        ColSector => ["Secteur", "القطاع", "Sector"],
        ColType => ["Type", "النوع", "Type"],
        ColRegion => ["Région", "الجهة", "Region"],
        ColShare => ["Part des membres", "نسبة الأعضاء", "Share of members"],
        ColMembers => ["Membres", "الأعضاء", "Members"],
        ColCohort => ["Promotion", "الفوج", "Cohort"],
        ColStartups => ["Start-up", "المقاولات الناشئة", "Start-ups"],
        ColRunning => ["Cumul", "المجموع التراكمي", "Running total"],
        ColYear => ["Année", "السنة", "Year"],
        ColActiveMembers => ["Membres actifs", "الأعضاء النشطون", "Active members"],
        ColSource => ["Source", "المصدر", "Source"],
        ColFigure => ["Chiffre", "الرقم", "Figure"],
        ColValue => ["Valeur", "القيمة", "Value"],
        TableToggle => ["Tableau des données", "جدول البيانات", "Data table"],
        BackLink => [
            "Tous les graphiques sur le site du Cluster EnR",
            "جميع الرسوم البيانية على موقع Cluster EnR",
            "Every chart on the Cluster EnR site",
        ],
        NotFoundTitle => ["Graphique introuvable", "الرسم البياني غير موجود", "Chart not found"],
        NotFoundBody => [
            "Ce graphique n'existe pas. Les graphiques disponibles sont sur le site du Cluster EnR.",
            "هذا الرسم البياني غير موجود. الرسوم البيانية المتاحة موجودة على موقع Cluster EnR.",
            "This chart does not exist. The available charts are on the Cluster EnR site.",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_by_name() {
        assert_eq!(
            fill(Key::GrowthTakeaway, Lang::En, &[("first_n", "80"), ("first", "2018"), ("last_n", "210+"), ("last", "2023")]),
            "From 80 members in 2018 to 210+ in 2023."
        );
        assert_eq!(fill(Key::AsOf, Lang::Fr, &[]), "Données au {date}");
        assert_eq!(fill(Key::Source, Lang::En, &[("refs", "{x}")]), "Source: {x}");
    }
}
