//! The one integration-test binary: each module tests one capability.

mod annotate;
mod bad_input;
// The example site in Chromium: needs Chromium, fonts, Java and Node packages, so it runs only
// with `--features browser-tests` (`tests/run.sh` installs them and turns it on).
#[cfg(feature = "browser-tests")]
mod browser;
mod cli;
mod common;
mod edit_series;
mod example;
mod files;
mod forms;
mod links;
mod matcher;
mod properties;
mod publisher;
mod render;
mod safety;
mod serve;
mod session;
mod templates;
