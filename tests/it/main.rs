//! The one integration-test binary: each module tests one capability.

mod cli;
mod common;
mod matcher;
mod render;
