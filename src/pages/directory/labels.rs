//! The visitor's words for the core's facets, orders and CSV columns.

use crate::i18n::*;
use cluster_core::directory::{CsvColumn, Facet, Kind, Sort};
use leptos_i18n::I18nContext;

/// A facet's heading.
pub fn facet(i18n: I18nContext<Locale>, facet: Facet) -> String {
    match facet {
        Facet::Sector => t_string!(i18n, facet_sector),
        Facet::Type => t_string!(i18n, facet_type),
        Facet::Region => t_string!(i18n, facet_region),
        Facet::Label => t_string!(i18n, facet_label),
        Facet::Programme => t_string!(i18n, facet_programme),
        Facet::Cohort => t_string!(i18n, facet_cohort),
    }
    .to_owned()
}

/// An order's name in the sort menu.
pub fn sort(i18n: I18nContext<Locale>, kind: Kind, sort: Sort) -> String {
    match (sort, kind) {
        (Sort::Name, _) => t_string!(i18n, sort_name),
        (Sort::NameDesc, _) => t_string!(i18n, sort_name_desc),
        (Sort::Year, Kind::Members) => t_string!(i18n, sort_joined),
        (Sort::YearDesc, Kind::Members) => t_string!(i18n, sort_joined_desc),
        (Sort::Year, Kind::Startups) => t_string!(i18n, sort_founded),
        (Sort::YearDesc, Kind::Startups) => t_string!(i18n, sort_founded_desc),
    }
    .to_owned()
}

/// A CSV column's heading.
pub fn csv_header(i18n: I18nContext<Locale>, column: CsvColumn) -> String {
    match column {
        CsvColumn::Id => t_string!(i18n, csv_id),
        CsvColumn::Name => t_string!(i18n, csv_name),
        CsvColumn::Type => t_string!(i18n, csv_type),
        CsvColumn::Sector => t_string!(i18n, csv_sector),
        CsvColumn::Region => t_string!(i18n, csv_region),
        CsvColumn::City => t_string!(i18n, csv_city),
        CsvColumn::Joined => t_string!(i18n, csv_joined),
        CsvColumn::Labels => t_string!(i18n, csv_labels),
        CsvColumn::Programmes => t_string!(i18n, csv_programmes),
        CsvColumn::Website => t_string!(i18n, csv_website),
        CsvColumn::Email => t_string!(i18n, csv_email),
        CsvColumn::Phone => t_string!(i18n, csv_phone),
        CsvColumn::Founded => t_string!(i18n, csv_founded),
        CsvColumn::Cohort => t_string!(i18n, csv_cohort),
        CsvColumn::RaisedMad => t_string!(i18n, csv_raised_mad),
    }
    .to_owned()
}
