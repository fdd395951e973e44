//! The real reference data of the document: sectors with the 2023 report's
//! shares, member types, Morocco's 12 regions and main cities, the Taqa Pro
//! labels, the programmes, the partners named by sources, and the published
//! headline figures with their sources (docs/data.md, "The bundled file").

use cluster_core::model::*;
use cluster_core::text::Text;

fn t(fr: &str, ar: &str, en: &str) -> Text {
    Text::new(fr, ar, en)
}

/// (id, fr, ar, en, share of members in the 2023 report in %).
pub const SECTORS: [(&str, &str, &str, &str, u8); 7] = [
    ("solar", "Solutions solaires", "الحلول الشمسية", "Solar solutions", 33),
    ("metallurgy", "Métallurgie et montage industriel", "التعدين والتركيب الصناعي", "Metallurgy & industrial assembly", 14),
    (
        "electrical",
        "Électricité, électronique, câblage / EnR",
        "الكهرباء والإلكترونيات والكابلات / الطاقات المتجددة",
        "Electricity, electronics, cabling / RE",
        14,
    ),
    ("engineering", "Ingénierie et conception de projets", "الهندسة وتصميم المشاريع", "Engineering & project design", 13),
    ("construction", "Construction", "البناء", "Construction", 8),
    ("finance", "Banques et fonds d'investissement", "الأبناك وصناديق الاستثمار", "Banking & investment funds", 3),
    ("other", "Autres activités", "أنشطة أخرى", "Other activities", 15),
];

/// (id, fr, ar, en).
pub const MEMBER_TYPES: [(&str, &str, &str, &str); 8] = [
    ("federation", "Organisation professionnelle", "منظمة مهنية", "Professional organisation"),
    ("tpme", "TPME", "مقاولة صغيرة أو متوسطة", "Small or medium firm"),
    ("startup", "Start-up", "مقاولة ناشئة", "Start-up"),
    ("engineering-office", "Bureau d'études", "مكتب دراسات", "Engineering office"),
    ("training-centre", "Centre de formation", "مركز تكوين", "Training centre"),
    ("research-lab", "Laboratoire de recherche", "مختبر بحث", "Research laboratory"),
    ("institution", "Institution", "مؤسسة", "Institution"),
    ("finance", "Banque ou fonds d'investissement", "بنك أو صندوق استثمار", "Bank or investment fund"),
];

/// A region: id, names, weight in the member spread (per mille), cities.
pub struct RegionDef {
    pub id: &'static str,
    pub name: (&'static str, &'static str, &'static str),
    pub weight: u32,
    pub cities: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

pub const REGIONS: [RegionDef; 12] = [
    RegionDef {
        id: "tanger-tetouan-al-hoceima",
        name: ("Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة", "Tanger-Tetouan-Al Hoceima"),
        weight: 90,
        cities: &[
            ("tanger", "Tanger", "طنجة", "Tangier"),
            ("tetouan", "Tétouan", "تطوان", "Tetouan"),
            ("al-hoceima", "Al Hoceïma", "الحسيمة", "Al Hoceima"),
        ],
    },
    RegionDef {
        id: "oriental",
        name: ("L'Oriental", "الشرق", "Oriental"),
        weight: 40,
        cities: &[("oujda", "Oujda", "وجدة", "Oujda"), ("nador", "Nador", "الناظور", "Nador"), ("berkane", "Berkane", "بركان", "Berkane")],
    },
    RegionDef {
        id: "fes-meknes",
        name: ("Fès-Meknès", "فاس مكناس", "Fez-Meknes"),
        weight: 70,
        cities: &[("fes", "Fès", "فاس", "Fez"), ("meknes", "Meknès", "مكناس", "Meknes"), ("ifrane", "Ifrane", "إفران", "Ifrane")],
    },
    RegionDef {
        id: "rabat-sale-kenitra",
        name: ("Rabat-Salé-Kénitra", "الرباط سلا القنيطرة", "Rabat-Sale-Kenitra"),
        weight: 190,
        cities: &[
            ("rabat", "Rabat", "الرباط", "Rabat"),
            ("sale", "Salé", "سلا", "Sale"),
            ("kenitra", "Kénitra", "القنيطرة", "Kenitra"),
            ("temara", "Témara", "تمارة", "Temara"),
        ],
    },
    RegionDef {
        id: "beni-mellal-khenifra",
        name: ("Béni Mellal-Khénifra", "بني ملال خنيفرة", "Beni Mellal-Khenifra"),
        weight: 20,
        cities: &[
            ("beni-mellal", "Béni Mellal", "بني ملال", "Beni Mellal"),
            ("khouribga", "Khouribga", "خريبكة", "Khouribga"),
            ("khenifra", "Khénifra", "خنيفرة", "Khenifra"),
        ],
    },
    RegionDef {
        id: "casablanca-settat",
        name: ("Casablanca-Settat", "الدار البيضاء سطات", "Casablanca-Settat"),
        weight: 360,
        cities: &[
            ("casablanca", "Casablanca", "الدار البيضاء", "Casablanca"),
            ("mohammedia", "Mohammédia", "المحمدية", "Mohammedia"),
            ("el-jadida", "El Jadida", "الجديدة", "El Jadida"),
            ("settat", "Settat", "سطات", "Settat"),
            ("berrechid", "Berrechid", "برشيد", "Berrechid"),
        ],
    },
    RegionDef {
        id: "marrakech-safi",
        name: ("Marrakech-Safi", "مراكش آسفي", "Marrakesh-Safi"),
        weight: 90,
        cities: &[
            ("marrakech", "Marrakech", "مراكش", "Marrakesh"),
            ("safi", "Safi", "آسفي", "Safi"),
            ("essaouira", "Essaouira", "الصويرة", "Essaouira"),
        ],
    },
    RegionDef {
        id: "draa-tafilalet",
        name: ("Drâa-Tafilalet", "درعة تافيلالت", "Draa-Tafilalet"),
        weight: 40,
        cities: &[
            ("ouarzazate", "Ouarzazate", "ورزازات", "Ouarzazate"),
            ("errachidia", "Errachidia", "الرشيدية", "Errachidia"),
            ("zagora", "Zagora", "زاكورة", "Zagora"),
        ],
    },
    RegionDef {
        id: "souss-massa",
        name: ("Souss-Massa", "سوس ماسة", "Souss-Massa"),
        weight: 60,
        cities: &[
            ("agadir", "Agadir", "أكادير", "Agadir"),
            ("taroudant", "Taroudant", "تارودانت", "Taroudant"),
            ("tiznit", "Tiznit", "تيزنيت", "Tiznit"),
        ],
    },
    RegionDef {
        id: "guelmim-oued-noun",
        name: ("Guelmim-Oued Noun", "كلميم واد نون", "Guelmim-Oued Noun"),
        weight: 12,
        cities: &[("guelmim", "Guelmim", "كلميم", "Guelmim"), ("tan-tan", "Tan-Tan", "طانطان", "Tan-Tan")],
    },
    RegionDef {
        id: "laayoune-sakia-el-hamra",
        name: ("Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء", "Laayoune-Sakia El Hamra"),
        weight: 15,
        cities: &[("laayoune", "Laâyoune", "العيون", "Laayoune"), ("tarfaya", "Tarfaya", "طرفاية", "Tarfaya")],
    },
    RegionDef {
        id: "dakhla-oued-ed-dahab",
        name: ("Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab"),
        weight: 13,
        cities: &[("dakhla", "Dakhla", "الداخلة", "Dakhla")],
    },
];

fn labels() -> Vec<Label> {
    let desc = |fr_kind: &str, ar_kind: &str, en_kind: &str| {
        t(
            &format!("Label de qualité des installateurs, porté avec l'AMEE et l'AMISOLE : {fr_kind}."),
            &format!("علامة جودة للمركّبين، بشراكة مع الوكالة المغربية للنجاعة الطاقية وAMISOLE: {ar_kind}."),
            &format!("Installer quality label run with AMEE and AMISOLE: {en_kind}."),
        )
    };
    vec![
        Label {
            id: "taqa-pro-pumping".into(),
            name: t("Taqa Pro – pompage solaire", "Taqa Pro – الضخ الشمسي", "Taqa Pro – solar pumping"),
            description: desc("pompage solaire", "الضخ الشمسي", "solar pumping"),
        },
        Label {
            id: "taqa-pro-pv".into(),
            name: t("Taqa Pro – PV (< 20 kW)", "Taqa Pro – كهروضوئي (أقل من 20 كيلوواط)", "Taqa Pro – PV (< 20 kW)"),
            description: desc(
                "installations photovoltaïques de moins de 20 kW",
                "المنشآت الكهروضوئية التي تقل عن 20 كيلوواط",
                "photovoltaic systems under 20 kW",
            ),
        },
        Label {
            id: "taqa-pro-pv-plus".into(),
            name: t("Taqa Pro – PV+ (20 kW – 2 MW)", "Taqa Pro – كهروضوئي+ (20 كيلوواط – 2 ميغاواط)", "Taqa Pro – PV+ (20 kW – 2 MW)"),
            description: desc(
                "installations photovoltaïques de 20 kW à 2 MW",
                "المنشآت الكهروضوئية من 20 كيلوواط إلى 2 ميغاواط",
                "photovoltaic systems from 20 kW to 2 MW",
            ),
        },
    ]
}

fn programmes() -> Vec<Programme> {
    let p = |id: &str, name: &str, fr: &str, ar: &str, en: &str| Programme {
        id: id.into(),
        name: Text::same(name),
        description: t(fr, ar, en),
    };
    vec![
        p(
            "gbi",
            "Green Business Incubator",
            "Incubation de 12 mois, renouvelable une fois : hébergement, formations, coaching, financement et mise en réseau. Depuis 2014.",
            "احتضان لمدة 12 شهرًا قابلة للتجديد مرة واحدة: الإيواء والتكوين والتأطير والتمويل والتشبيك. منذ 2014.",
            "12-month incubation, renewable once: hosting, training, coaching, financing and networking. Since 2014.",
        ),
        p(
            "innov-idea",
            "Innov Idea",
            "Subventions jusqu'à 200 kDH, deux appels par an, attribuées par un jury.",
            "منح تصل إلى 200 ألف درهم، دعوتان في السنة، تمنحها لجنة تحكيم.",
            "Grants of up to 200 kDH, two calls a year, awarded by a jury.",
        ),
        p(
            "tech-start",
            "Tech Start",
            "Financement du Fonds Innov Invest jusqu'à 400 000 DH pour les start-up titulaires d'un brevet, jusqu'à 80 % des dépenses.",
            "تمويل من صندوق Innov Invest يصل إلى 400 000 درهم للمقاولات الناشئة الحاصلة على براءة اختراع، حتى 80 % من النفقات.",
            "Innov Invest Fund financing of up to 400,000 DH for start-ups holding a patent, up to 80% of expenses.",
        ),
        p(
            "green-business-booster",
            "Green Business Booster",
            "Accélération de start-up matures avec la Banque mondiale et l'IFC, environ 8 par an.",
            "تسريع المقاولات الناشئة الناضجة مع البنك الدولي ومؤسسة التمويل الدولية، حوالي 8 في السنة.",
            "Acceleration of mature start-ups with the World Bank and IFC, about 8 a year.",
        ),
        p(
            "fast-track-to-market",
            "Fast Track to Market",
            "Avec le MCIC et la GIZ : subventions jusqu'à 500 kDH couvrant jusqu'à 50 % d'un investissement.",
            "بشراكة مع MCIC وGIZ: منح تصل إلى 500 ألف درهم تغطي حتى 50 % من الاستثمار.",
            "With MCIC and GIZ: grants of up to 500 kDH covering up to 50% of an investment.",
        ),
    ]
}

/// Partners named by the sources (real), then illustrative ones.
fn partners() -> Vec<Partner> {
    let real = |id: &str, kind: &str, fr: &str, ar: &str, en: &str| Partner {
        id: id.into(),
        name: t(fr, ar, en),
        kind: kind.into(),
        illustrative: false,
        website: None,
    };
    let mut out = vec![
        real(
            "masen",
            "institution",
            "Masen (Moroccan Agency for Sustainable Energy)",
            "الوكالة المغربية للطاقة المستدامة (مازن)",
            "Masen (Moroccan Agency for Sustainable Energy)",
        ),
        real(
            "amee",
            "institution",
            "AMEE – Agence marocaine pour l'efficacité énergétique",
            "الوكالة المغربية للنجاعة الطاقية",
            "AMEE – Moroccan Agency for Energy Efficiency",
        ),
        real(
            "amisole",
            "federation",
            "AMISOLE – Association marocaine des industries solaires et éoliennes",
            "الجمعية المغربية للصناعات الشمسية والريحية",
            "AMISOLE – Moroccan Solar and Wind Industries Association",
        ),
        real("fedenerg", "federation", "Fedenerg – Fédération de l'énergie", "الفيدرالية المغربية للطاقة", "Fedenerg – Energy Federation"),
        real(
            "ministere-industrie",
            "institution",
            "Ministère de l'Industrie et du Commerce",
            "وزارة الصناعة والتجارة",
            "Ministry of Industry and Trade",
        ),
        real("tamwilcom", "funder", "Tamwilcom", "تمويلكم", "Tamwilcom"),
        real("innov-invest", "funder", "Fonds Innov Invest", "صندوق Innov Invest", "Innov Invest Fund"),
        real("banque-mondiale-ifc", "international", "Banque mondiale / IFC", "البنك الدولي / مؤسسة التمويل الدولية", "World Bank / IFC"),
        real("giz", "international", "GIZ (coopération allemande)", "الوكالة الألمانية للتعاون الدولي (GIZ)", "GIZ (German cooperation)"),
        real(
            "mcic",
            "institution",
            "Moroccan Climate Innovation Center (MCIC)",
            "المركز المغربي للابتكار في مجال المناخ (MCIC)",
            "Moroccan Climate Innovation Center (MCIC)",
        ),
        real(
            "uir",
            "university",
            "Université Internationale de Rabat (UIR)",
            "الجامعة الدولية للرباط",
            "International University of Rabat (UIR)",
        ),
        real("technopark", "institution", "Technopark", "تكنوبارك", "Technopark"),
        real(
            "cri-draa-tafilalet",
            "institution",
            "Centre régional d'investissement Drâa-Tafilalet",
            "المركز الجهوي للاستثمار درعة تافيلالت",
            "Drâa-Tafilalet Regional Investment Centre",
        ),
    ];
    // Invented partners, flagged as such, so the list reaches the published 35+.
    let kinds = [
        ("university", "École d'ingénieurs", "مدرسة المهندسين", "Engineering school"),
        ("university", "Faculté des sciences et techniques", "كلية العلوم والتقنيات", "Faculty of science and technology"),
        ("funder", "Fonds d'amorçage vert", "صندوق الانطلاق الأخضر", "Green seed fund"),
        ("company", "Groupe industriel", "المجموعة الصناعية", "Industrial group"),
        ("institution", "Chambre de commerce", "غرفة التجارة", "Chamber of commerce"),
        ("federation", "Association régionale des installateurs", "الجمعية الجهوية للمركّبين", "Regional installers' association"),
    ];
    let places = [
        ("Atlas", "الأطلس"),
        ("Souss", "سوس"),
        ("Anfa", "أنفا"),
        ("Oriental", "الشرق"),
        ("Bouregreg", "أبي رقراق"),
        ("Drâa", "درعة"),
        ("Sebou", "سبو"),
        ("Tensift", "تانسيفت"),
        ("Moulouya", "ملوية"),
        ("Ziz", "زيز"),
        ("Massa", "ماسة"),
        ("Loukkos", "اللوكوس"),
    ];
    for i in 0..23 {
        let (kind, fr, ar, en) = kinds[i % kinds.len()];
        let (pfr, par) = places[(i * 5 + i / kinds.len()) % places.len()];
        let id = format!("partenaire-illustratif-{:02}", i + 1);
        out.push(Partner {
            id,
            name: t(&format!("{fr} {pfr} (illustratif)"), &format!("{ar} {par} (توضيحي)"), &format!("{en} {pfr} (illustrative)")),
            kind: kind.into(),
            illustrative: true,
            website: Some(format!("https://partenaire-{:02}.example", i + 1)),
        });
    }
    out
}

fn figure(value: u64, lower_bound: bool) -> Option<Figure> {
    Some(Figure { value, lower_bound })
}

fn figures() -> Vec<YearFigures> {
    let none = |year: u16, source: &str| YearFigures {
        year,
        source: source.into(),
        active_members: None,
        startups_per_year: None,
        startups_supported: None,
        incubator_fundraising_mad: None,
        committed_fundraising_mad: None,
        partnerships: None,
        collaborative_projects: None,
    };
    vec![
        YearFigures { active_members: figure(80, false), ..none(2018, "le360-2018") },
        YearFigures {
            active_members: figure(130, false),
            partnerships: figure(10, false),
            committed_fundraising_mad: figure(15_000_000, false),
            ..none(2019, "portail-sud-maroc-2019")
        },
        YearFigures {
            active_members: figure(200, true),
            partnerships: figure(30, false),
            collaborative_projects: figure(50, false),
            startups_supported: figure(300, true),
            ..none(2022, "le-matin-2022")
        },
        YearFigures {
            active_members: figure(210, true),
            startups_per_year: figure(40, true),
            startups_supported: figure(600, true),
            incubator_fundraising_mad: figure(14_000_000, false),
            partnerships: figure(35, true),
            ..none(2023, "rapport-2023")
        },
    ]
}

fn source() -> Source {
    let r = |id: &str, title: &str, publisher: &str, date: &str| Reference {
        id: id.into(),
        title: title.into(),
        publisher: publisher.into(),
        date: date.into(),
        url: None,
    };
    Source {
        text: t(
            "Chiffres clés : rapport annuel 2023 du Cluster EnR (publié en février 2024) et presse marocaine. Les entreprises, start-up, personnes et coordonnées des annuaires sont fictives (données d'illustration) ; les chiffres agrégés sont les chiffres publiés.",
            "الأرقام الرئيسية: التقرير السنوي 2023 لـ Cluster EnR (نُشر في فبراير 2024) والصحافة المغربية. الشركات والمقاولات الناشئة والأشخاص وبيانات الاتصال في الأدلة خيالية (بيانات توضيحية)؛ أما الأرقام الإجمالية فهي الأرقام المنشورة.",
            "Headline figures: Cluster EnR 2023 annual report (published February 2024) and the Moroccan press. The directories' companies, start-ups, people and contact details are fictitious (illustrative data); aggregate figures are the published ones.",
        ),
        urls: Vec::new(),
        references: vec![
            r(
                "rapport-2023",
                "Rapport annuel 2023 du Cluster EnR, cité dans « Le Cluster EnR veut construire un écosystème collaboratif «solide» »",
                "Aujourd'hui Le Maroc",
                "2024-02-23",
            ),
            r("le-matin-2022", "Le Cluster Solaire s'élargit à toutes les énergies renouvelables", "Le Matin", "2022"),
            r("portail-sud-maroc-2019", "Article de presse sur le Cluster Solaire (chiffres 2019)", "Portail Sud Maroc", "2019"),
            r("le360-2018", "Article de presse sur le Cluster Solaire (chiffres 2018)", "Le360", "2018"),
        ],
    }
}

/// The document without its lists: everything that is fact, not illustration.
/// The incubator's call. The sources publish no dates (the 2024 call selected
/// 20 start-ups): one illustrative rolling call, so the form can be used on
/// any date, until real dates replace it.
fn calls() -> Vec<Call> {
    vec![Call {
        id: "gbi-rolling".into(),
        programme: "gbi".into(),
        opens: "2024-01-01".into(),
        closes: None,
        places: 20,
        next_month: None,
        next_expected: None,
        illustrative: true,
    }]
}

pub fn skeleton() -> Dataset {
    Dataset {
        version: FORMAT_VERSION,
        as_of: "2024-02-23".into(),
        source: source(),
        sectors: SECTORS
            .iter()
            .map(|&(id, fr, ar, en, share)| Sector { id: id.into(), name: t(fr, ar, en), report_share: Some(share) })
            .collect(),
        member_types: MEMBER_TYPES.iter().map(|&(id, fr, ar, en)| MemberType { id: id.into(), name: t(fr, ar, en) }).collect(),
        regions: REGIONS
            .iter()
            .map(|r| Region {
                id: r.id.into(),
                name: t(r.name.0, r.name.1, r.name.2),
                cities: r.cities.iter().map(|&(id, fr, ar, en)| City { id: id.into(), name: t(fr, ar, en) }).collect(),
            })
            .collect(),
        labels: labels(),
        programmes: programmes(),
        members: Vec::new(),
        startups: Vec::new(),
        partners: partners(),
        figures: figures(),
        calls: calls(),
        totals: None,
    }
}
