//! Top-level texts: name, description, currency, prices_as_of.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    text!(
        "name",
        "Name",
        "the name shown in the title bar and on exports",
        name
    ),
    text!(
        "description",
        "Description",
        "one or two sentences about the scenario",
        description
    ),
    text!(
        "currency",
        "Currency",
        "a currency label (no conversion)",
        currency
    ),
    text!(
        "prices_as_of",
        "Prices as of",
        "when the prices were checked, YYYY-MM or YYYY-MM-DD",
        prices_as_of
    ),
];
