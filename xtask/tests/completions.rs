//! One test for every plugin, instead of a copy in each: the clap definitions are
//! consistent, and the completion scripts, man pages and `kubectl_complete-*` shims in
//! `completions/` are what they generate today.

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

#[test]
fn every_plugin_cli_definition_is_consistent() {
    for (name, command) in xtask::plugins() {
        let mut command = command;
        command.build();
        // clap's own consistency checks (duplicate flags, bad defaults, conflicts).
        command.clone().debug_assert();
        assert!(command.get_about().is_some(), "{name}: no about text");
    }
}
