//! One test for every plugin: the completion scripts, man pages and `kubectl_complete-*`
//! shims in `completions/` are what the clap definitions generate today.

#[test]
fn completions_in_the_repository_are_current() {
    let dir = testcluster::repo_root().join("completions");
    for (name, command) in xtask::plugins() {
        let stale = shared::complete::stale_files(&command, name, &dir).expect("generate");
        assert!(
            stale.is_empty(),
            "{name}: stale in completions/: {stale:?}; run `cargo xtask completions`"
        );
    }
}
