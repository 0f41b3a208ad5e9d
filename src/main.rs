use clap::Parser;

mod cli;

// A build allocates and frees millions of short strings across threads (template contexts,
// rendered fragments); glibc's allocator spent a sixth of a build's CPU on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = cli::run(cli::Cli::parse());
    std::process::exit(code);
}
