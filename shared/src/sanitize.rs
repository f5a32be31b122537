//! Escaping of untrusted cluster text (annotations, event messages, certificate subjects,
//! log lines) before it reaches a terminal: control, bidi and zero-width characters become
//! visible escapes so that no object in the cluster can move the cursor, recolour the
//! screen or reorder what an SRE reads. Structured output (JSON, YAML) carries raw text.

use std::borrow::Cow;

/// Whether `c` could change how a terminal shows the text around it.
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width spaces and joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'              // zero-width no-break space
        )
}

/// Returns `text` with every dangerous character escaped (`\n`, `\t`, `\u{1b}` ...).
/// Text without any is returned borrowed, so the common case costs nothing.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_dangerous) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_dangerous(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched_and_borrowed() {
        assert!(matches!(
            for_terminal("pod web-1 OOMKilled"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_control_bidi_and_zero_width() {
        assert_eq!(for_terminal("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(for_terminal("line1\nline2\t!"), "line1\\nline2\\t!");
        assert_eq!(for_terminal("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(for_terminal("x\u{200B}y"), "x\\u{200b}y");
        assert_eq!(for_terminal("ünïcode ok ✓"), "ünïcode ok ✓");
    }
}
