//! The deterministic generator of the illustrative lists: members whose sector
//! shares reproduce the 2023 report, and yearly start-up cohorts. Same seed and
//! size, same bytes: the generator uses its own small PRNG (SplitMix64) so no
//! dependency update can change the output.

use crate::reference::{REGIONS, SECTORS, skeleton};
use cluster_core::model::*;
use cluster_core::sym::Sym;
use cluster_core::text::Text;
use std::collections::HashSet;

/// SplitMix64: tiny, fast, and fixed forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn chance(&mut self, per_cent: u64) -> bool {
        self.below(100) < per_cent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// An index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len() - 1
    }
}

/// Member counts per sector for `n` members: largest-remainder rounding of the
/// report's shares, so each count is within one member of the exact share.
pub fn sector_counts(n: usize) -> Vec<usize> {
    let exact: Vec<f64> = SECTORS.iter().map(|s| n as f64 * f64::from(s.4) / 100.0).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let missing = n - counts.iter().sum::<usize>();
    for &i in order.iter().take(missing) {
        counts[i] += 1;
    }
    counts
}

/// Brand words of invented names: (Latin, Arabic).
const BRANDS: [(&str, &str); 24] = [
    ("Atlas", "أطلس"),
    ("Anfa", "أنفا"),
    ("Argana", "أركانة"),
    ("Sahel", "ساحل"),
    ("Oasis", "واحة"),
    ("Toubkal", "توبقال"),
    ("Nour", "نور"),
    ("Chergui", "شرقي"),
    ("Zagora", "زاكورة"),
    ("Ifrane", "إفران"),
    ("Tafraout", "تافراوت"),
    ("Massa", "ماسة"),
    ("Bouregreg", "أبي رقراق"),
    ("Sebou", "سبو"),
    ("Draa", "درعة"),
    ("Ziz", "زيز"),
    ("Amane", "أمان"),
    ("Nakhil", "نخيل"),
    ("Majal", "مجال"),
    ("Tilila", "تيليلا"),
    ("Assif", "أسيف"),
    ("Afoulki", "أفولكي"),
    ("Tizi", "تيزي"),
    ("Yakout", "ياقوت"),
];

/// Per sector: activity words of names, keywords, and description templates.
struct SectorText {
    words: &'static [(&'static str, &'static str)],
    keywords: &'static [&'static str],
    /// (fr, ar, en) with `{name}` and `{city}` placeholders.
    blurbs: &'static [(&'static str, &'static str, &'static str)],
}

const SECTOR_TEXT: [SectorText; 7] = [
    SectorText {
        words: &[
            ("Solaire", "سولير"),
            ("Sun Energy", "صن إنرجي"),
            ("PV Systems", "بي في سيستمز"),
            ("Helios", "هيليوس"),
            ("Photon", "فوتون"),
        ],
        keywords: &["photovoltaïque", "pompage solaire", "autoconsommation", "onduleurs", "chauffe-eau solaire"],
        blurbs: &[
            (
                "{name} conçoit et installe des centrales photovoltaïques pour les industriels et les exploitations agricoles, depuis {city}.",
                "تصمم {name} وتركّب محطات كهروضوئية لفائدة المصنعين والضيعات الفلاحية، انطلاقًا من {city}.",
                "{name} designs and installs photovoltaic plants for manufacturers and farms, from {city}.",
            ),
            (
                "{name} équipe les exploitations agricoles en pompage solaire et en assure la maintenance, à {city} et dans sa région.",
                "تجهّز {name} الضيعات الفلاحية بأنظمة الضخ الشمسي وتتولى صيانتها، في {city} ونواحيها.",
                "{name} equips farms with solar pumping and maintains it, in {city} and its region.",
            ),
            (
                "{name} propose l'autoconsommation solaire clé en main aux PME, hôtels et bâtiments publics autour de {city}.",
                "تقدم {name} حلول الاستهلاك الذاتي للطاقة الشمسية جاهزة للمقاولات الصغيرة والمتوسطة والفنادق والمباني العمومية حول {city}.",
                "{name} offers turnkey solar self-consumption to SMEs, hotels and public buildings around {city}.",
            ),
        ],
    },
    SectorText {
        words: &[("Métal", "ميتال"), ("Steel Structures", "ستيل ستركتشرز"), ("Chaudronnerie", "شودرونري"), ("Galva", "غالفا")],
        keywords: &["charpente métallique", "structures PV", "galvanisation", "chaudronnerie", "trackers"],
        blurbs: &[
            (
                "{name} fabrique à {city} des structures métalliques galvanisées pour centrales solaires et trackers.",
                "تصنع {name} في {city} هياكل معدنية مجلفنة للمحطات الشمسية وأنظمة التتبع.",
                "{name} manufactures galvanised steel structures for solar plants and trackers in {city}.",
            ),
            (
                "{name} assure la chaudronnerie et le montage industriel de projets énergétiques, depuis son atelier de {city}.",
                "تتولى {name} أشغال الحدادة والتركيب الصناعي لمشاريع الطاقة، انطلاقًا من ورشتها في {city}.",
                "{name} provides boiler-making and industrial assembly for energy projects, from its workshop in {city}.",
            ),
        ],
    },
    SectorText {
        words: &[("Électrique", "إلكتريك"), ("Câblage", "كابلاج"), ("Power Electronics", "باور إلكترونيكس"), ("Volt", "فولت")],
        keywords: &["câblage", "tableaux électriques", "onduleurs", "stockage", "réseaux"],
        blurbs: &[
            (
                "{name} réalise le câblage, les tableaux électriques et le raccordement au réseau d'installations renouvelables, à {city}.",
                "تنجز {name} أشغال الكابلات واللوحات الكهربائية والربط بالشبكة لمنشآت الطاقات المتجددة، في {city}.",
                "{name} does cabling, switchboards and grid connection for renewable installations, in {city}.",
            ),
            (
                "{name} intègre des systèmes de stockage par batteries et d'électronique de puissance pour l'industrie, depuis {city}.",
                "تدمج {name} أنظمة التخزين بالبطاريات وإلكترونيات القدرة لفائدة الصناعة، انطلاقًا من {city}.",
                "{name} integrates battery storage and power electronics for industry, from {city}.",
            ),
        ],
    },
    SectorText {
        words: &[("Ingénierie", "إنجينيري"), ("Conseil Énergie", "كونساي إنرجي"), ("Études", "إيتود"), ("Engineering", "إنجينيرينغ")],
        keywords: &["études de faisabilité", "EPC", "audit énergétique", "maîtrise d'œuvre", "efficacité énergétique"],
        blurbs: &[
            (
                "{name} mène les études de faisabilité, l'ingénierie et la maîtrise d'œuvre de projets solaires et éoliens, depuis {city}.",
                "تنجز {name} دراسات الجدوى والهندسة والإشراف على مشاريع الطاقة الشمسية والريحية، انطلاقًا من {city}.",
                "{name} carries out feasibility studies, engineering and project management for solar and wind projects, from {city}.",
            ),
            (
                "{name} réalise des audits énergétiques et conçoit des plans d'efficacité pour les industriels de la région de {city}.",
                "تنجز {name} افتحاصات طاقية وتصمم مخططات للنجاعة الطاقية لفائدة المصنعين في جهة {city}.",
                "{name} performs energy audits and designs efficiency plans for manufacturers in the {city} area.",
            ),
        ],
    },
    SectorText {
        words: &[("Bâtiment", "باتيمون"), ("Construction", "كونستروكسيون"), ("BTP", "بي تي بي")],
        keywords: &["bâtiment basse consommation", "génie civil", "isolation", "efficacité énergétique"],
        blurbs: &[(
            "{name} construit des bâtiments basse consommation et réalise le génie civil de centrales solaires, à {city}.",
            "تشيّد {name} مباني منخفضة الاستهلاك وتنجز الهندسة المدنية للمحطات الشمسية، في {city}.",
            "{name} builds low-energy buildings and does civil works for solar plants, in {city}.",
        )],
    },
    SectorText {
        words: &[("Capital", "كابيتال"), ("Green Finance", "غرين فاينانس"), ("Invest", "إنفست")],
        keywords: &["financement vert", "capital-risque", "crédit", "leasing"],
        blurbs: &[(
            "{name} finance la transition énergétique des entreprises : crédit vert, leasing d'équipements et capital-risque, depuis {city}.",
            "تموّل {name} الانتقال الطاقي للمقاولات: قروض خضراء وإيجار المعدات ورأسمال المخاطرة، انطلاقًا من {city}.",
            "{name} finances companies' energy transition: green loans, equipment leasing and venture capital, from {city}.",
        )],
    },
    SectorText {
        words: &[("Énergies", "إنرجي"), ("Eco Services", "إيكو سيرفيس"), ("Green Logistics", "غرين لوجيستيك"), ("Hydrogène", "هيدروجين")],
        keywords: &["éolien", "biomasse", "hydrogène vert", "logistique", "conseil", "valorisation des déchets"],
        blurbs: &[
            (
                "{name} développe à {city} des services pour la filière : logistique, valorisation des déchets et biomasse.",
                "تطور {name} في {city} خدمات لفائدة القطاع: اللوجستيك وتثمين النفايات والكتلة الحيوية.",
                "{name} develops services for the sector in {city}: logistics, waste recovery and biomass.",
            ),
            (
                "{name} accompagne les projets éoliens et d'hydrogène vert, du développement à l'exploitation, depuis {city}.",
                "تواكب {name} مشاريع الطاقة الريحية والهيدروجين الأخضر، من التطوير إلى الاستغلال، انطلاقًا من {city}.",
                "{name} supports wind and green hydrogen projects, from development to operation, from {city}.",
            ),
        ],
    },
];

/// Member type ids with weights, per sector index (finance members are banks
/// or funds; engineering leans to engineering offices).
fn type_weights(sector: usize) -> &'static [(&'static str, u32)] {
    match SECTORS[sector].0 {
        "finance" => &[("finance", 1)],
        "engineering" => &[("engineering-office", 70), ("tpme", 15), ("startup", 10), ("research-lab", 5)],
        "other" => &[("tpme", 30), ("federation", 15), ("training-centre", 20), ("research-lab", 15), ("institution", 15), ("startup", 5)],
        _ => &[("tpme", 68), ("startup", 22), ("engineering-office", 5), ("federation", 3), ("training-centre", 2)],
    }
}

struct Name {
    fr: String,
    ar: String,
    en: String,
}

fn member_name(rng: &mut Rng, sector: usize, member_type: &str) -> Name {
    let (b, b_ar) = *rng.pick(&BRANDS);
    let (w, w_ar) = *rng.pick(SECTOR_TEXT[sector].words);
    let same = |fr: String, ar: String| Name { en: fr.clone(), fr, ar };
    match member_type {
        "federation" => Name {
            fr: format!("Association {b} des professionnels de l'énergie"),
            ar: format!("جمعية {b_ar} لمهنيي الطاقة"),
            en: format!("{b} Association of Energy Professionals"),
        },
        "training-centre" => Name {
            fr: format!("Centre de formation {b} aux métiers verts"),
            ar: format!("مركز {b_ar} للتكوين في المهن الخضراء"),
            en: format!("{b} Green Skills Training Centre"),
        },
        "research-lab" => Name {
            fr: format!("Laboratoire {b} de recherche en énergie"),
            ar: format!("مختبر {b_ar} للبحث في الطاقة"),
            en: format!("{b} Energy Research Laboratory"),
        },
        "institution" => {
            Name {
                fr: format!("Observatoire {b} de l'énergie"), ar: format!("مرصد {b_ar} للطاقة"), en: format!("{b} Energy Observatory")
            }
        }
        "engineering-office" => same(format!("Bureau d'études {b} {w}"), format!("مكتب الدراسات {b_ar} {w_ar}")),
        "startup" => same(format!("{b} {w} Lab"), format!("{b_ar} {w_ar} لاب")),
        "finance" => same(format!("{b} {w}"), format!("{b_ar} {w_ar}")),
        _ => {
            let (form, form_ar) = *rng.pick(&[("SARL", "ش.م.م"), ("SA", "ش.م"), ("SARL AU", "ش.م.م.ش.و")]);
            same(format!("{b} {w} {form}"), format!("{b_ar} {w_ar} {form_ar}"))
        }
    }
}

/// A lowercase ASCII slug of `s` (accents dropped).
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'œ' => 'o',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn place(rng: &mut Rng) -> (usize, usize) {
    let weights: Vec<u32> = REGIONS.iter().map(|r| r.weight).collect();
    let r = rng.weighted(&weights);
    // The first city of a region is its main one: weigh it double.
    let cw: Vec<u32> = (0..REGIONS[r].cities.len()).map(|i| if i == 0 { 3 } else { 1 }).collect();
    (r, rng.weighted(&cw))
}

fn fill(template: &str, name: &str, city: &str) -> String {
    template.replace("{name}", name).replace("{city}", city)
}

/// The Taqa Pro labels a small solar or electrical firm may hold.
const TAQA_PRO: [&str; 3] = ["taqa-pro-pumping", "taqa-pro-pv", "taqa-pro-pv-plus"];

/// `n` members with the report's sector shares, in a shuffled but fixed order.
pub fn members(rng: &mut Rng, n: usize) -> Vec<Member> {
    let mut sectors: Vec<usize> = sector_counts(n).iter().enumerate().flat_map(|(s, &c)| std::iter::repeat_n(s, c)).collect();
    for i in (1..sectors.len()).rev() {
        sectors.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut used = HashSet::new();
    let big = n > 5_000;
    sectors
        .into_iter()
        .enumerate()
        .map(|(i, sector)| {
            let weights = type_weights(sector);
            let member_type = weights[rng.weighted(&weights.iter().map(|w| w.1).collect::<Vec<_>>())].0;
            let mut name = member_name(rng, sector, member_type);
            if big {
                // Large test datasets: numbered names so every record is distinct.
                for s in [&mut name.fr, &mut name.ar, &mut name.en] {
                    s.push_str(&format!(" {}", i + 1));
                }
            }
            let id = if big { format!("m-{:06}", i + 1) } else { unique_id(slugify(&name.fr), &mut used) };
            let (r, c) = place(rng);
            let region = &REGIONS[r];
            let city = region.cities[c];
            // Membership grew from 2014 (founding) to 2023: later years weigh more.
            let joined = 2014 + rng.weighted(&[4, 6, 8, 10, 14, 16, 12, 12, 14, 12]) as u16;
            let text = &SECTOR_TEXT[sector];
            let &(bfr, bar, ben) = rng.pick(text.blurbs);
            let description = Text::new(
                &format!("{} Membre du cluster depuis {joined}.", fill(bfr, &name.fr, city.1)),
                &format!("{} عضو في التجمع منذ {joined}.", fill(bar, &name.ar, city.2)),
                &format!("{} Cluster member since {joined}.", fill(ben, &name.en, city.3)),
            );
            let mut keywords: Vec<Sym> = Vec::new();
            for _ in 0..2 + rng.below(2) {
                let k = Sym::from(*rng.pick(text.keywords));
                if !keywords.contains(&k) {
                    keywords.push(k);
                }
            }
            let mut labels: Vec<Sym> = Vec::new();
            if matches!(SECTORS[sector].0, "solar" | "electrical") && member_type == "tpme" && rng.chance(40) {
                labels.push(Sym::from(*rng.pick(&TAQA_PRO)));
                if rng.chance(30) {
                    let extra = Sym::from(*rng.pick(&TAQA_PRO));
                    if !labels.contains(&extra) {
                        labels.push(extra);
                    }
                }
            }
            let mut programmes = Vec::new();
            if member_type == "startup" {
                programmes.push(Participation { programme: "gbi".into(), year: joined.max(2015) });
                if rng.chance(35) {
                    programmes.push(Participation {
                        programme: (*rng.pick(&["innov-idea", "tech-start", "green-business-booster", "fast-track-to-market"])).into(),
                        year: (joined + 1).min(2023),
                    });
                }
            } else if member_type == "tpme" && rng.chance(12) {
                programmes.push(Participation {
                    programme: (*rng.pick(&["green-business-booster", "fast-track-to-market"])).into(),
                    year: joined.max(2016),
                });
            }
            let domain = if big {
                format!("{id}.example")
            } else {
                format!("{}.example", slugify(&name.fr).chars().take(40).collect::<String>().trim_end_matches('-'))
            };
            let contact = Contact {
                website: rng.chance(85).then(|| format!("https://www.{domain}")),
                email: rng.chance(70).then(|| format!("contact@{domain}")),
                phone: rng.chance(50).then(|| {
                    let k = (i % 10_000) as u64;
                    format!("+212 5 00 00 {:02} {:02}", k / 100, k % 100)
                }),
            };
            Member {
                id,
                name: Text { fr: name.fr, ar: Some(name.ar), en: Some(name.en) },
                member_type: member_type.into(),
                sector: SECTORS[sector].0.into(),
                region: region.id.into(),
                city: city.0.into(),
                joined,
                description,
                keywords,
                labels,
                programmes,
                contact,
            }
        })
        .collect()
}

const STARTUP_PREFIX: [(&str, &str); 20] = [
    ("Sun", "صن"),
    ("Agri", "أغري"),
    ("Hydro", "هيدرو"),
    ("Volt", "فولت"),
    ("Eco", "إيكو"),
    ("Green", "غرين"),
    ("Smart", "سمارت"),
    ("Wind", "ويند"),
    ("Bio", "بيو"),
    ("Aqua", "أكوا"),
    ("Terra", "تيرا"),
    ("Sol", "سول"),
    ("Ampere", "أمبير"),
    ("Lumi", "لومي"),
    ("Watt", "وات"),
    ("Helio", "هيليو"),
    ("Nexa", "نيكسا"),
    ("Oasis", "أويسيس"),
    ("Argan", "أركان"),
    ("Kasbah", "قصبة"),
];
const STARTUP_SUFFIX: [(&str, &str); 15] = [
    ("Tech", "تك"),
    ("Box", "بوكس"),
    ("Grid", "غريد"),
    ("Lab", "لاب"),
    ("Pump", "بامب"),
    ("Track", "تراك"),
    ("Hub", "هاب"),
    ("Cell", "سيل"),
    ("Flow", "فلو"),
    ("Link", "لينك"),
    ("Power", "باور"),
    ("Drop", "دروب"),
    ("Loop", "لوب"),
    ("Farm", "فارم"),
    ("Mobility", "موبيليتي"),
];
const STARTUP_TAIL: [(&str, &str); 4] = [("", ""), (" Maroc", " ماروك"), (" Africa", " أفريكا"), (" Solutions", " سولوشنز")];

/// (fr, ar, en) products per sector for start-up blurbs.
const STARTUP_PRODUCTS: [&[(&str, &str, &str)]; 7] = [
    &[
        (
            "un kit de pompage solaire connecté pour les petites exploitations",
            "عدة ضخ شمسي متصلة للضيعات الصغيرة",
            "a connected solar pumping kit for smallholder farms",
        ),
        (
            "des panneaux solaires nettoyés sans eau par robot",
            "ألواحًا شمسية تُنظَّف بالروبوت دون ماء",
            "robot-cleaned, waterless solar panels",
        ),
        ("un séchoir solaire pour les coopératives agricoles", "مجففًا شمسيًا للتعاونيات الفلاحية", "a solar dryer for farming cooperatives"),
    ],
    &[(
        "des structures PV légères en acier recyclé",
        "هياكل كهروضوئية خفيفة من الفولاذ المعاد تدويره",
        "light PV structures made of recycled steel",
    )],
    &[
        (
            "un système de stockage par batteries de seconde vie",
            "نظام تخزين ببطاريات الحياة الثانية",
            "a second-life battery storage system",
        ),
        ("des bornes de recharge solaires pour deux-roues", "محطات شحن شمسية للدراجات", "solar charging points for two-wheelers"),
    ],
    &[
        (
            "un logiciel de suivi de la performance des centrales solaires",
            "برنامجًا لتتبع أداء المحطات الشمسية",
            "software that monitors solar plant performance",
        ),
        (
            "une plateforme d'audit énergétique pour les PME",
            "منصة للافتحاص الطاقي للمقاولات الصغيرة والمتوسطة",
            "an energy audit platform for SMEs",
        ),
    ],
    &[("des briques isolantes à base de matériaux locaux", "طوبًا عازلًا من مواد محلية", "insulating bricks made from local materials")],
    &[(
        "une plateforme de financement participatif de projets solaires",
        "منصة تمويل تشاركي لمشاريع الطاقة الشمسية",
        "a crowdfunding platform for solar projects",
    )],
    &[
        ("du biogaz issu des déchets agricoles", "غازًا حيويًا من النفايات الفلاحية", "biogas from farm waste"),
        ("un dessalement d'eau alimenté par le soleil", "تحلية مياه تعمل بالطاقة الشمسية", "solar-powered water desalination"),
        (
            "une solution de mobilité électrique pour la logistique urbaine",
            "حلًا للتنقل الكهربائي في اللوجستيك الحضري",
            "an electric mobility solution for urban logistics",
        ),
    ],
];

/// Start-ups per cohort year 2015–2023 (total 605, average over 40 a year).
pub const COHORTS: [(u16, usize); 9] =
    [(2015, 52), (2016, 58), (2017, 63), (2018, 66), (2019, 70), (2020, 64), (2021, 72), (2022, 76), (2023, 84)];
/// Green Business Incubator places per cohort.
const INCUBATED_PER_COHORT: usize = 19;
/// What the incubated start-ups raised in all (2023 report: 14 MDH).
pub const INCUBATED_RAISED_MAD: u64 = 14_000_000;

/// The start-up cohorts; the incubated ones' fundraising sums to 14 MDH.
pub fn startups(rng: &mut Rng) -> Vec<Startup> {
    let mut used_names = HashSet::new();
    let mut out = Vec::new();
    let sector_weights = [40u32, 5, 14, 14, 5, 4, 18];
    for &(cohort, count) in &COHORTS {
        for k in 0..count {
            let (name, name_ar) = loop {
                let (p, p_ar) = *rng.pick(&STARTUP_PREFIX);
                let (s, s_ar) = *rng.pick(&STARTUP_SUFFIX);
                let (t, t_ar) = *rng.pick(&STARTUP_TAIL);
                let name = format!("{p}{s}{t}");
                if used_names.insert(name.clone()) {
                    break (name, format!("{p_ar} {s_ar}{t_ar}"));
                }
            };
            let sector = rng.weighted(&sector_weights);
            let (r, c) = place(rng);
            let city = REGIONS[r].cities[c];
            let incubated = k < INCUBATED_PER_COHORT;
            let mut programmes: Vec<Sym> = Vec::new();
            if incubated {
                programmes.push("gbi".into());
                if rng.chance(25) {
                    programmes.push("tech-start".into());
                }
                if cohort <= 2021 && rng.chance(15) {
                    programmes.push("green-business-booster".into());
                }
            } else {
                programmes.push((*rng.pick(&["innov-idea", "innov-idea", "innov-idea", "fast-track-to-market"])).into());
            }
            let &(pfr, par, pen) = rng.pick(STARTUP_PRODUCTS[sector]);
            let description = Text::new(
                &format!("{name} développe {pfr}. Accompagnée par le cluster en {cohort}, à {}.", city.1),
                &format!("تطوّر {name_ar} {par}. واكبها التجمع سنة {cohort}، في {}.", city.2),
                &format!("{name} develops {pen}. Supported by the cluster in {cohort}, in {}.", city.3),
            );
            let slug = slugify(&name);
            out.push(Startup {
                id: slug.clone(),
                name: Text { fr: name.clone(), ar: Some(name_ar), en: None },
                sector: SECTORS[sector].0.into(),
                region: REGIONS[r].id.into(),
                city: city.0.into(),
                founded: cohort - rng.below(5) as u16,
                cohort,
                programmes,
                // Incubated amounts are scaled to the published total below.
                raised_mad: if incubated {
                    if rng.chance(55) {
                        let w = 1 + rng.below(30);
                        w * w
                    } else {
                        0
                    }
                } else if rng.chance(30) {
                    10_000 * (5 + rng.below(45))
                } else {
                    0
                },
                description,
                website: rng.chance(60).then(|| format!("https://{slug}.example")),
            });
        }
    }
    scale_incubated(&mut out);
    out
}

/// Turns the incubated start-ups' raw weights into dirham amounts (multiples of
/// 10 000) that add up exactly to [`INCUBATED_RAISED_MAD`].
fn scale_incubated(list: &mut [Startup]) {
    let incubated: Vec<usize> = (0..list.len()).filter(|&i| list[i].programmes.iter().any(|p| p == "gbi")).collect();
    let weight: u64 = incubated.iter().map(|&i| list[i].raised_mad).sum();
    let unit = 10_000;
    let units = INCUBATED_RAISED_MAD / unit;
    let mut given = 0;
    for &i in &incubated {
        let u = list[i].raised_mad * units / weight.max(1);
        list[i].raised_mad = u * unit;
        given += u;
    }
    if let Some(&top) = incubated.iter().max_by_key(|&&i| (list[i].raised_mad, std::cmp::Reverse(i))) {
        list[top].raised_mad += (units - given) * unit;
    }
}

/// The whole document: reference data, `members` members, the start-up
/// cohorts and the partners, from `seed`.
pub fn dataset(seed: u64, members_count: usize) -> Dataset {
    let mut rng = Rng::new(seed);
    let mut d = skeleton();
    d.members = members(&mut rng, members_count);
    d.startups = startups(&mut rng);
    d
}

/// The document as the bytes of the bundled file (pretty JSON, final newline).
pub fn to_bytes(d: &Dataset) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(d).expect("a Dataset always serializes");
    out.push(b'\n');
    out
}
