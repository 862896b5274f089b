//! Links the `rapport` executable at a fixed address on Linux (glibc).
//!
//! A position-independent executable is relocated by the dynamic loader at every start: 40,000
//! pointers in 1.2 MB of read-only data are patched and every page of it copied. That took a
//! quarter of the CPU of a one-row `rapport issue add` (1.5 ms of 4.9 ms for `--version`),
//! and every command, the TUI's first frame and each script's call pay it. The executable
//! gives up address randomisation of its own code and data (libraries, stack and heap keep
//! theirs); it reads local files and takes no input from the network.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
