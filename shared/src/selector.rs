//! Label and field selectors checked locally, with apimachinery's grammar
//! (`k8s.io/apimachinery/pkg/labels/selector.go`, `fields/selector.go`), so a malformed `-l`
//! is a usage error with a hint instead of the API server's raw 400 after connecting.

/// Checks a label selector: comma-separated requirements `key`, `!key`, `key=value`,
/// `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key>N`, `key<N`. Keys are
/// qualified names (`prefix/name`), values label values (at most 63 characters).
pub fn check_labels(selector: &str) -> Result<(), String> {
    let tokens = lex(selector)?;
    let mut p = Parser { tokens, at: 0 };
    if p.tokens.is_empty() {
        return Ok(());
    }
    loop {
        p.requirement()
            .map_err(|m| format!("label selector {selector:?}: {m}"))?;
        match p.next() {
            None => return Ok(()),
            Some(Token::Comma) => {}
            Some(t) => {
                return Err(format!(
                    "label selector {selector:?}: expected ',' between requirements, found {}",
                    t.show()
                ));
            }
        }
    }
}

/// A clap value parser for `-l/--selector`.
pub fn parse_labels(selector: &str) -> Result<String, String> {
    check_labels(selector)
        .map_err(|m| format!("{m} (e.g. -l app=web, -l 'tier in (web,api)', -l '!canary')"))?;
    Ok(selector.to_string())
}

/// Checks a field selector: comma-separated `key=value`, `key==value` or `key!=value`.
pub fn check_fields(selector: &str) -> Result<(), String> {
    for part in selector.split(',').map(str::trim) {
        if part.is_empty() {
            if selector.trim().is_empty() {
                return Ok(());
            }
            return Err(format!("field selector {selector:?}: empty requirement"));
        }
        let (key, value) = ["!=", "==", "="]
            .iter()
            .find_map(|op| part.split_once(op))
            .ok_or_else(|| {
                format!("field selector {selector:?}: {part:?} is not KEY=VALUE or KEY!=VALUE")
            })?;
        if key.trim().is_empty() {
            return Err(format!(
                "field selector {selector:?}: {part:?} has no field"
            ));
        }
        if value.contains('=') {
            return Err(format!(
                "field selector {selector:?}: {part:?} has more than one operator"
            ));
        }
    }
    Ok(())
}

/// A clap value parser for `--field-selector`.
pub fn parse_fields(selector: &str) -> Result<String, String> {
    check_fields(selector)
        .map_err(|m| format!("{m} (e.g. --field-selector status.phase=Running)"))?;
    Ok(selector.to_string())
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Not,
    Eq,
    DoubleEq,
    NotEq,
    Gt,
    Lt,
    Open,
    Close,
    Comma,
}

impl Token {
    fn show(&self) -> String {
        match self {
            Token::Word(w) => format!("{w:?}"),
            Token::Not => "'!'".into(),
            Token::Eq => "'='".into(),
            Token::DoubleEq => "'=='".into(),
            Token::NotEq => "'!='".into(),
            Token::Gt => "'>'".into(),
            Token::Lt => "'<'".into(),
            Token::Open => "'('".into(),
            Token::Close => "')'".into(),
            Token::Comma => "','".into(),
        }
    }
}

fn lex(s: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                chars.next();
            }
            '!' => {
                chars.next();
                if chars.peek() == Some(&'=') {
                    chars.next();
                    out.push(Token::NotEq);
                } else {
                    out.push(Token::Not);
                }
            }
            '=' => {
                chars.next();
                if chars.peek() == Some(&'=') {
                    chars.next();
                    out.push(Token::DoubleEq);
                } else {
                    out.push(Token::Eq);
                }
            }
            '>' | '<' | '(' | ')' | ',' => {
                chars.next();
                out.push(match c {
                    '>' => Token::Gt,
                    '<' => Token::Lt,
                    '(' => Token::Open,
                    ')' => Token::Close,
                    _ => Token::Comma,
                });
            }
            _ => {
                let mut w = String::new();
                while let Some(&c) = chars.peek() {
                    if " \t\n\r!=><(),".contains(c) {
                        break;
                    }
                    w.push(c);
                    chars.next();
                }
                out.push(Token::Word(w));
            }
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn requirement(&mut self) -> Result<(), String> {
        let negated = self.peek() == Some(&Token::Not);
        if negated {
            self.next();
        }
        let key = match self.next() {
            Some(Token::Word(w)) => w,
            Some(t) => return Err(format!("expected a label key, found {}", t.show())),
            None => return Err("expected a label key at the end".into()),
        };
        check_key(&key)?;
        if negated {
            return match self.peek() {
                None | Some(Token::Comma) => Ok(()),
                Some(t) => Err(format!("'!{key}' takes no operator, found {}", t.show())),
            };
        }
        match self.peek().cloned() {
            None | Some(Token::Comma) => Ok(()),
            Some(Token::Eq | Token::DoubleEq | Token::NotEq) => {
                self.next();
                match self.peek().cloned() {
                    Some(Token::Word(v)) => {
                        self.next();
                        check_value(&v)
                    }
                    // `key=` selects an empty value.
                    None | Some(Token::Comma) => Ok(()),
                    Some(t) => Err(format!("expected a value after {key}, found {}", t.show())),
                }
            }
            Some(Token::Gt | Token::Lt) => {
                self.next();
                match self.next() {
                    Some(Token::Word(v)) if v.parse::<i64>().is_ok() => Ok(()),
                    Some(t) => Err(format!("'>' and '<' need an integer, found {}", t.show())),
                    None => Err("'>' and '<' need an integer".into()),
                }
            }
            Some(Token::Word(op)) if op == "in" || op == "notin" => {
                self.next();
                self.set(&key, &op)
            }
            Some(t) => Err(format!(
                "expected an operator after {key:?} (=, ==, !=, in, notin), found {}",
                t.show()
            )),
        }
    }

    fn set(&mut self, key: &str, op: &str) -> Result<(), String> {
        if self.next() != Some(Token::Open) {
            return Err(format!(
                "'{key} {op}' needs a set in parentheses, e.g. (a,b)"
            ));
        }
        loop {
            match self.next() {
                Some(Token::Word(v)) => check_value(&v)?,
                Some(Token::Close) => return Ok(()),
                Some(Token::Comma) => continue,
                Some(t) => return Err(format!("unexpected {} in the set of {key}", t.show())),
                None => return Err(format!("the set of '{key} {op}' is not closed with ')'")),
            }
            match self.next() {
                Some(Token::Comma) => {}
                Some(Token::Close) => return Ok(()),
                Some(t) => return Err(format!("unexpected {} in the set of {key}", t.show())),
                None => return Err(format!("the set of '{key} {op}' is not closed with ')'")),
            }
        }
    }
}

fn is_name(s: &str, max: usize) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

fn check_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    if let Some(p) = prefix {
        let dns = !p.is_empty()
            && p.len() <= 253
            && p.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            });
        if !dns {
            return Err(format!("{key:?}: the prefix must be a DNS subdomain"));
        }
    }
    if !is_name(name, 63) {
        return Err(format!(
            "{key:?} is not a valid label key (at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric)"
        ));
    }
    Ok(())
}

fn check_value(v: &str) -> Result<(), String> {
    if v.is_empty() || is_name(v, 63) {
        Ok(())
    } else {
        Err(format!(
            "{v:?} is not a valid label value (at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_kubectl_accepts() {
        for ok in [
            "",
            "app",
            "!app",
            "app=web",
            "app==web",
            "app!=web",
            "app=",
            "tier in (web,api)",
            "tier in (web, api),env notin (dev)",
            "app.kubernetes.io/name=shop,!canary",
            "gen>3",
            "gen<10",
            "a=b, c=d",
        ] {
            assert_eq!(check_labels(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_malformed_selectors_with_a_reason() {
        for (bad, why) in [
            ("app in (", "not closed"),
            ("app in web", "parentheses"),
            ("app=web=api", "expected ','"),
            ("=web", "expected a label key"),
            ("-app=web", "not a valid label key"),
            ("app=we b", "expected ','"),
            ("Bad_Prefix/app=x", "DNS subdomain"),
            ("app=-x", "not a valid label value"),
            ("gen>x", "integer"),
            ("!app=web", "takes no operator"),
            ("app,", "at the end"),
        ] {
            let e = check_labels(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
        assert!(parse_labels("app in (").expect_err("bad").contains("e.g."));
    }

    #[test]
    fn field_selectors() {
        assert_eq!(
            check_fields("status.phase=Running,spec.nodeName!=n1"),
            Ok(())
        );
        assert_eq!(check_fields("metadata.name==x"), Ok(()));
        assert_eq!(check_fields(""), Ok(()));
        assert!(check_fields("status.phase").is_err());
        assert!(check_fields("=x").is_err());
        assert!(check_fields("a=b,,c=d").is_err());
    }
}
