//! A directory's CSV export: its columns and their cells.

use super::Kind;
use crate::lang::Lang;
use crate::model::Dataset;

/// A column of a directory's CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvColumn {
    Id,
    Name,
    Type,
    Sector,
    Region,
    City,
    Joined,
    Labels,
    Programmes,
    Website,
    Email,
    Phone,
    Founded,
    Cohort,
    RaisedMad,
}

impl CsvColumn {
    /// The message key of the column's heading.
    pub fn key(self) -> &'static str {
        match self {
            CsvColumn::Id => "csv_id",
            CsvColumn::Name => "csv_name",
            CsvColumn::Type => "csv_type",
            CsvColumn::Sector => "csv_sector",
            CsvColumn::Region => "csv_region",
            CsvColumn::City => "csv_city",
            CsvColumn::Joined => "csv_joined",
            CsvColumn::Labels => "csv_labels",
            CsvColumn::Programmes => "csv_programmes",
            CsvColumn::Website => "csv_website",
            CsvColumn::Email => "csv_email",
            CsvColumn::Phone => "csv_phone",
            CsvColumn::Founded => "csv_founded",
            CsvColumn::Cohort => "csv_cohort",
            CsvColumn::RaisedMad => "csv_raised_mad",
        }
    }
}

/// The CSV cells of records `ids`, names of referenced things in `lang`.
pub fn csv_rows(d: &Dataset, kind: Kind, ids: &[u32], lang: Lang) -> Vec<Vec<String>> {
    let name = |what: &str, id: &str| d.name_in(what, id, lang);
    match kind {
        Kind::Members => ids
            .iter()
            .filter_map(|&i| d.members.get(i as usize))
            .map(|m| {
                vec![
                    m.id.clone(),
                    m.name.in_lang(lang).to_owned(),
                    name("type", &m.member_type),
                    name("sector", &m.sector),
                    name("region", &m.region),
                    name("city", &m.city),
                    m.joined.to_string(),
                    m.labels.iter().map(|l| name("label", l)).collect::<Vec<_>>().join("; "),
                    m.programmes.iter().map(|p| format!("{} ({})", name("programme", &p.programme), p.year)).collect::<Vec<_>>().join("; "),
                    m.contact.website.clone().unwrap_or_default(),
                    m.contact.email.clone().unwrap_or_default(),
                    m.contact.phone.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        Kind::Startups => ids
            .iter()
            .filter_map(|&i| d.startups.get(i as usize))
            .map(|s| {
                vec![
                    s.id.clone(),
                    s.name.in_lang(lang).to_owned(),
                    name("sector", &s.sector),
                    name("region", &s.region),
                    name("city", &s.city),
                    s.founded.to_string(),
                    s.cohort.to_string(),
                    s.programmes.iter().map(|p| name("programme", p)).collect::<Vec<_>>().join("; "),
                    s.raised_mad.to_string(),
                    s.website.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}
