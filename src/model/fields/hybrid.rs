//! `[hybrid]`: routing between local and API.

use super::*;

pub(super) static FIELDS: &[Field] = &[number!(
    "hybrid.local_share",
    Range::closed(0.0, 1.0),
    "",
    "Local share",
    "h, share of requests routed to the self-hosted model",
    hybrid.local_share
)];
