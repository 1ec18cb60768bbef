//! The native CLI: `quotelens analyze [FILE|-] [--format json|annotated]` and
//! `quotelens batch --format attributions|conflicts|analysis [FILE|-]`.
//! Exit status: 0 all good; 1 some batch records failed; 2 usage or I/O error.

use quotelens::batch::{self, Format};
use quotelens::{annotated, Analyzer};
use std::io::{self, BufReader, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  quotelens analyze [FILE|-] [--format json|annotated]
  quotelens batch --format attributions|conflicts|analysis [FILE|-]
  quotelens --version";

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("quotelens: {msg}\n{USAGE}");
    ExitCode::from(2)
}

struct Args {
    cmd: String,
    file: Option<String>,
    format: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let cmd = it.next().ok_or_else(|| "missing command".to_string())?;
    let mut file = None;
    let mut format = None;
    while let Some(a) = it.next() {
        if a == "--format" || a == "-f" {
            format = Some(
                it.next()
                    .ok_or_else(|| "--format needs a value".to_string())?,
            );
        } else if let Some(v) = a.strip_prefix("--format=") {
            format = Some(v.to_string());
        } else if a.starts_with('-') && a != "-" {
            return Err(format!("unknown flag {a}"));
        } else if file.is_none() {
            file = Some(a);
        } else {
            return Err(format!("unexpected argument {a}"));
        }
    }
    Ok(Args { cmd, file, format })
}

fn read_input(file: Option<&str>) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    match file {
        None | Some("-") => {
            io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
        }
        Some(path) => {
            let meta = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
            if meta.is_dir() {
                return Err(format!("{path}: is a directory"));
            }
            buf = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    Ok(buf)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    match args.cmd.as_str() {
        "--version" | "-V" | "version" => {
            println!("quotelens {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        "--help" | "-h" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        "analyze" => analyze(&args),
        "batch" => run_batch(&args),
        other => usage_error(&format!("unknown command {other}")),
    }
}

fn analyze(args: &Args) -> ExitCode {
    let format = args.format.as_deref().unwrap_or("json");
    if format != "json" && format != "annotated" {
        return usage_error(&format!(
            "unknown format {format} for analyze (json or annotated)"
        ));
    }
    let bytes = match read_input(args.file.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("quotelens: {e}");
            return ExitCode::from(2);
        }
    };
    let name = args.file.as_deref().unwrap_or("-");
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "quotelens: {name}: invalid UTF-8 at byte offset {}",
                e.valid_up_to()
            );
            return ExitCode::from(2);
        }
    };
    let analyzer = Analyzer::new();
    let a = match analyzer.analyze(text) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("quotelens: {name}: {e}");
            return ExitCode::from(2);
        }
    };
    // JSON is written as it is serialised, through a buffer: the output (≈ 4.6× the input)
    // is never held whole next to the analysis (a 10 MB article: 46 MB of JSON)
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = if format == "json" {
        match serde_json::to_writer(&mut out, &a) {
            Ok(()) => out.write_all(b"\n"),
            Err(e) if e.is_io() => Err(e.into()),
            Err(e) => {
                eprintln!("quotelens: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        out.write_all(annotated::render(text, &a).as_bytes())
    };
    if written.and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn run_batch(args: &Args) -> ExitCode {
    let Some(fmt) = args.format.as_deref() else {
        return usage_error("batch needs --format attributions|conflicts|analysis");
    };
    let Some(format) = Format::parse(fmt) else {
        return usage_error(&format!("unknown format {fmt} for batch"));
    };
    let analyzer = Analyzer::new();
    let stdout = io::stdout();
    let out = io::BufWriter::new(stdout.lock());
    let result = match args.file.as_deref() {
        None | Some("-") => batch::run(&analyzer, format, io::stdin().lock(), out),
        Some(path) => {
            match std::fs::metadata(path) {
                Ok(m) if m.is_dir() => {
                    eprintln!("quotelens: {path}: is a directory");
                    return ExitCode::from(2);
                }
                Err(e) => {
                    eprintln!("quotelens: {path}: {e}");
                    return ExitCode::from(2);
                }
                _ => {}
            }
            match std::fs::File::open(path) {
                Ok(f) => batch::run(&analyzer, format, BufReader::new(f), out),
                Err(e) => {
                    eprintln!("quotelens: {path}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    match result {
        Ok(stats) if stats.failed == 0 => ExitCode::SUCCESS,
        Ok(stats) => {
            eprintln!(
                "quotelens: {} of {} records failed (see error records)",
                stats.failed,
                stats.failed + stats.ok
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("quotelens: {e}");
            ExitCode::from(2)
        }
    }
}
