//! `[catalog]`: what catalog picks recorded (the date of each picked entry, the GPU offering),
//! so that stale prices can be named.

use super::*;

pub(super) static FIELDS: &[Field] = &[
    text!(
        "catalog.api_as_of",
        "API prices as of",
        "date of the API model's catalog entry (set by --api or m)",
        catalog.api_as_of
    ),
    text!(
        "catalog.gpu_offering",
        "GPU offering",
        "the GPU offering picked (set by --gpu NAME@OFFERING or g)",
        catalog.gpu_offering
    ),
    text!(
        "catalog.gpu_as_of",
        "GPU price as of",
        "date of the GPU offering's catalog entry",
        catalog.gpu_as_of
    ),
    text!(
        "catalog.model_as_of",
        "Local model as of",
        "date of the local model's catalog entry (set by --local or l)",
        catalog.model_as_of
    ),
    text!(
        "catalog.cheap_as_of",
        "Cheap prices as of",
        "date of the cheap API tier's catalog entry (set by --cheap or m on a cheap-tier row)",
        catalog.cheap_as_of
    ),
];
