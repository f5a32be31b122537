//! YAML input files read the same way by every plugin (serde-saphyr), with errors as one
//! line that names the file, line and column: `experiment.yaml:4:7: unknown field "bogus"`.

/// Parses `text` (read from `source`, a path or `<stdin>`) into `T`.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str, source: &str) -> Result<T, String> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| describe(&e, source))
}

/// One line for a parse error: `SOURCE:LINE:COL: message`.
pub fn describe(e: &serde_saphyr::Error, source: &str) -> String {
    let text = e.to_string();
    let message = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("invalid YAML");
    // The message may end with its own position; the prefix already says it.
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    match e.location() {
        Some(l) if l.line() > 0 => format!("{source}:{}:{}: {message}", l.line(), l.column()),
        _ => format!("{source}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        count: u32,
    }

    #[test]
    fn errors_name_the_file_line_and_column_on_one_line() {
        let e = from_str::<Doc>("name: a\ncount: many\n", "x.yaml").expect_err("type");
        assert!(e.starts_with("x.yaml:2:"), "{e}");
        assert!(!e.contains('\n') && !e.contains("-->"), "{e}");
        let e = from_str::<Doc>("name: a\ncount: 1\nbogus: 2\n", "x.yaml").expect_err("unknown");
        assert!(e.starts_with("x.yaml:3:") && e.contains("bogus"), "{e}");
        let ok: Doc = from_str("name: a\ncount: 1\n", "x.yaml").expect("valid");
        assert_eq!(ok.count, 1);
    }
}
