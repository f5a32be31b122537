//! The one escaping function of every XML and HTML renderer of the suite.

/// Escapes text for XML and HTML, element text and attribute values alike (`& < > " '`).
/// Control characters that XML 1.0 forbids are dropped; newlines and tabs are kept.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a Markdown table cell: pipes and newlines would break the row.
pub fn markdown_cell(text: &str) -> String {
    markup(text).replace('|', "\\|").replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_special_character_and_drops_controls() {
        assert_eq!(
            markup("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(markup("bell\u{7}x\u{1b}[31m"), "bellx[31m");
        assert_eq!(markup("a\nb"), "a\nb");
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b c");
    }
}
