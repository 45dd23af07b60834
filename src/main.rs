//! `sotay`: the command line of the electronic party member handbook. Thin on purpose: argument
//! parsing and output here, everything else in `crates/`.

mod cli;

/// jemalloc, for `sotay serve`'s waiting devices: hyper gives every connection an 8 KB read and an
/// 8 KB write buffer, and a device waiting in `/v1/live` writes a few hundred bytes of the one and
/// nothing of the other. glibc's malloc writes a header at the edge of each block, which made the
/// pages around both buffers resident; jemalloc keeps no header beside a block, and a waiting
/// device costs 7.5 KiB instead of 12.4 (BENCHMARKS.md, "Devices waiting for news").
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
