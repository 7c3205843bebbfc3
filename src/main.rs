use clap::Parser;

fn main() {
    let cli = thanhtra::cli::Cli::parse();
    let code = actix_web::rt::System::new().block_on(thanhtra::cli::run(cli));
    match code {
        Ok(c) => std::process::exit(c),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}
