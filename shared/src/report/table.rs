//! The findings table in kubectl's look, the same columns in every plugin: severity,
//! check, namespace (with `-A`), object, message, and the hint with `-o wide`.

use crate::finding::Finding;
use crate::sanitize::for_terminal;
use crate::term::Styles;

/// How the table is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A namespace column (the run spanned namespaces).
    pub all_namespaces: bool,
    /// A hint column.
    pub wide: bool,
    /// No header row.
    pub no_headers: bool,
    /// Colours.
    pub styles: Styles,
}

/// The table of `findings`; `object` names a finding's object (`kind/name`, or with the
/// plugin's detail such as a Secret key). Empty when there are no findings.
pub fn findings<X>(
    findings: &[&Finding<X>],
    opts: Options,
    object: impl Fn(&Finding<X>) -> String,
) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut headers = vec!["severity", "check"];
    if opts.all_namespaces {
        headers.push("namespace");
    }
    headers.extend(["object", "message"]);
    if opts.wide {
        headers.push("hint");
    }
    let rows: Vec<Vec<String>> = findings
        .iter()
        .map(|f| {
            let mut row = vec![f.severity.styled(opts.styles), f.check.clone()];
            if opts.all_namespaces {
                row.push(f.object.namespace.clone().unwrap_or_default());
            }
            let place = match &f.location {
                Some(l) => format!("{}:{}:{}", l.file, l.line, l.column),
                None => object(f),
            };
            row.push(for_terminal(&place).into_owned());
            row.push(for_terminal(&f.message).into_owned());
            if opts.wide {
                row.push(for_terminal(&f.hint).into_owned());
            }
            row
        })
        .collect();
    crate::output::table(&headers, &rows, opts.no_headers)
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn columns_follow_the_scope_and_wide() {
        let f = fixture::findings();
        let refs: Vec<&Finding> = f.iter().collect();
        let opts = Options {
            all_namespaces: true,
            wide: true,
            no_headers: false,
            styles: Styles::default(),
        };
        let t = findings(&refs, opts, |f| f.object.kind_name());
        let header = t.lines().next().unwrap_or_default();
        assert!(
            header.starts_with("SEVERITY   CHECK")
                && header.contains("NAMESPACE")
                && header.ends_with("HINT"),
            "{t}"
        );
        assert!(
            t.contains("node/n1") && t.contains("deploy/web.yaml:12:16"),
            "{t}"
        );
        assert!(!t.contains('\u{7}'), "terminal-safe");
        let narrow = findings(
            &refs,
            Options {
                all_namespaces: false,
                wide: false,
                ..opts
            },
            |f| f.object.kind_name(),
        );
        assert!(!narrow.contains("NAMESPACE") && !narrow.contains("HINT"));
        assert_eq!(
            findings::<crate::finding::NoExtra>(&[], opts, |_| String::new()),
            ""
        );
    }
}
