//! Rendering data to stdout: kubectl-looking tables, and JSON/YAML inside a versioned list
//! envelope (`apiVersion`, `kind`, `metadata`, `items`) that is a documented public schema
//! (docs/output-schema.md). Everything renders into a `&mut dyn Write`, so tests render into
//! a `Vec<u8>` and a closed pipe surfaces as an `io::Error` that the runner treats as success.

use serde::Serialize;
use std::io::Write;
use tabled::builder::Builder;
use tabled::settings::{Padding, Style};

/// The API group of every sre-toolkit schema: `<plugin>.sre-toolkit.io/<version>`.
pub const API_GROUP: &str = "sre-toolkit.io";

/// The envelope around every structured list the suite prints.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct List<M: Serialize, T: Serialize> {
    /// `<plugin>.sre-toolkit.io/v1alpha1`; bumped when the schema breaks.
    pub api_version: String,
    /// What the items are, e.g. `FindingList`.
    pub kind: String,
    /// Facts about the run: context, scope, timestamps, summaries.
    pub metadata: M,
    /// The items.
    pub items: Vec<T>,
}

/// `<plugin>.sre-toolkit.io/<version>`, the `apiVersion` of every schema of the suite.
pub fn api_version(plugin: &str, version: &str) -> String {
    format!("{plugin}.{API_GROUP}/{version}")
}

/// The envelope of a structured document that is not a list (a fault's report): its
/// `apiVersion` and `kind`, then the document's own fields.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document<T: Serialize> {
    /// `<plugin>.sre-toolkit.io/v1alpha1`.
    pub api_version: String,
    /// What it is, e.g. `FaultReport`.
    pub kind: String,
    /// The document.
    #[serde(flatten)]
    pub body: T,
}

impl<T: Serialize> Document<T> {
    /// A document of `plugin` at schema `version`.
    pub fn new(plugin: &str, version: &str, kind: &str, body: T) -> Self {
        Self {
            api_version: api_version(plugin, version),
            kind: kind.to_string(),
            body,
        }
    }
}

impl<M: Serialize, T: Serialize> List<M, T> {
    /// A list for `plugin` (e.g. `doctor`) at schema `version` (e.g. `v1alpha1`).
    pub fn new(plugin: &str, version: &str, kind: &str, metadata: M, items: Vec<T>) -> Self {
        Self {
            api_version: api_version(plugin, version),
            kind: kind.to_string(),
            metadata,
            items,
        }
    }
}

/// Writes `value` as pretty JSON and a trailing newline.
pub fn write_json<T: Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    // An I/O failure (a closed pipe) stays an io::Error, so the runner can treat it as such.
    serde_json::to_writer_pretty(&mut *w, value).map_err(|e| {
        if e.is_io() {
            anyhow::Error::from(std::io::Error::from(e))
        } else {
            anyhow::Error::from(e)
        }
    })?;
    writeln!(w)?;
    Ok(())
}

/// Writes `value` as YAML.
pub fn write_yaml<T: Serialize>(w: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    let text = serde_saphyr::to_string(value)?;
    w.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        writeln!(w)?;
    }
    Ok(())
}

/// How a plugin's catalogue (`kubectl <plugin> checks`) is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Render {
    /// A `CheckList` envelope as JSON.
    Json,
    /// The same as YAML.
    Yaml,
    /// A kubectl-style table.
    Table {
        /// `--no-headers`.
        no_headers: bool,
    },
}

/// Writes a plugin's check catalogue (`kubectl <plugin> checks`): a `CheckList` envelope
/// (`<plugin>.sre-toolkit.io/<version>`) whose items are `{id, category, severity, title}`,
/// or a table with the columns check, category, severity and description.
pub fn write_check_list(
    w: &mut dyn Write,
    render: Render,
    plugin: &str,
    version: &str,
    checks: &[crate::finding::CheckInfo],
) -> anyhow::Result<()> {
    match render {
        Render::Json | Render::Yaml => {
            let list = List::new(
                plugin,
                version,
                "CheckList",
                serde_json::json!({}),
                checks.to_vec(),
            );
            if render == Render::Json {
                write_json(w, &list)
            } else {
                write_yaml(w, &list)
            }
        }
        Render::Table { no_headers } => {
            let rows: Vec<Vec<&str>> = checks
                .iter()
                .map(|c| vec![c.id, c.category, c.severity.as_str(), c.title])
                .collect();
            let headers = ["check", "category", "severity", "description"];
            w.write_all(table(&headers, &rows, no_headers).as_bytes())?;
            Ok(())
        }
    }
}

/// Renders rows the way kubectl does: upper-case headers, no borders, three spaces between
/// columns, no trailing whitespace. Cells may carry ANSI colour; widths ignore it.
pub fn table<S: AsRef<str>>(headers: &[&str], rows: &[Vec<S>], no_headers: bool) -> String {
    let mut builder = Builder::default();
    if !no_headers {
        builder.push_record(headers.iter().map(|h| h.to_uppercase()));
    }
    for row in rows {
        builder.push_record(row.iter().map(|c| c.as_ref().to_string()));
    }
    if builder.count_records() == 0 {
        return String::new();
    }
    let mut t = builder.build();
    t.with(Style::empty()).with(Padding::new(0, 3, 0, 0));
    let mut out = String::new();
    for line in t.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_looks_like_kubectl() {
        let rows = vec![
            vec!["web-1", "Running", "0"],
            vec!["db", "CrashLoopBackOff", "12"],
        ];
        let out = table(&["name", "status", "restarts"], &rows, false);
        assert_eq!(
            out,
            "NAME    STATUS             RESTARTS\nweb-1   Running            0\ndb      CrashLoopBackOff   12\n"
        );
        let bare = table(&["name"], &[vec!["a"]], true);
        assert_eq!(bare, "a\n");
        assert_eq!(table::<&str>(&["name"], &[], true), "");
    }

    #[test]
    fn coloured_cells_keep_alignment() {
        let red = "\u{1b}[31mbad\u{1b}[0m".to_string();
        let rows = vec![vec![red, "x".into()], vec!["good!!".into(), "y".into()]];
        let out = table(&["a", "b"], &rows, true);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "good!!   y");
        assert_eq!(lines[0], "\u{1b}[31mbad\u{1b}[0m      x");
    }

    #[test]
    fn envelope_shape() {
        #[derive(Serialize)]
        struct Meta {
            context: &'static str,
        }
        let list = List::new(
            "doctor",
            "v1alpha1",
            "FindingList",
            Meta { context: "admin" },
            vec![1, 2],
        );
        let mut buf = Vec::new();
        write_json(&mut buf, &list).expect("json");
        let v: serde_json::Value = serde_json::from_slice(&buf).expect("valid json");
        assert_eq!(v["apiVersion"], "doctor.sre-toolkit.io/v1alpha1");
        assert_eq!(v["kind"], "FindingList");
        assert_eq!(v["metadata"]["context"], "admin");
        assert_eq!(v["items"], serde_json::json!([1, 2]));
        let mut y = Vec::new();
        write_yaml(&mut y, &list).expect("yaml");
        let text = String::from_utf8(y).expect("utf8");
        assert!(
            text.contains("apiVersion: doctor.sre-toolkit.io/v1alpha1"),
            "{text}"
        );
    }
}
