//! The model as a library: invariants over the whole allowed input space (proptest) and the
//! throughput estimate's properties and calibration against published measurements. One test
//! binary with a module per area.

mod properties;
mod throughput_calibration;
mod throughput_properties;
