//! The one integration-test binary: each module tests one capability.

mod annotate;
mod bad_input;
mod browser;
mod cli;
mod common;
mod example;
mod links;
mod matcher;
mod properties;
mod render;
mod safety;
mod serve;
mod session;
