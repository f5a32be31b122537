//! The library behind `cargo xtask`: release archives and krew manifests ([`dist`]).

pub mod dist;
