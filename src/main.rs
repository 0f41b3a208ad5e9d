use clap::Parser;

mod cli;

fn main() {
    let code = cli::run(cli::Cli::parse());
    std::process::exit(code);
}
