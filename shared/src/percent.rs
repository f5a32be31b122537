//! Percentages as users write them: `30`, `30%`, `0.5%`, on the command line and in files.

/// Parses `30`, `30%` or `2.5 %` into 30.0, 30.0, 2.5.
pub fn parse(input: &str) -> Result<f64, String> {
    let s = input.trim();
    let number = s.strip_suffix('%').unwrap_or(s).trim();
    number
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{input:?} is not a percentage (e.g. 30 or 30%)"))
}

/// A percentage in a YAML or JSON file: a number (`30`) or a string (`"30%"`).
pub fn deserialize_opt<'de, D>(d: D) -> Result<Option<f64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Either {
        Number(f64),
        Text(String),
    }
    match <Option<Either> as serde::Deserialize>::deserialize(d)? {
        None => Ok(None),
        Some(Either::Number(n)) => Ok(Some(n)),
        Some(Either::Text(t)) => parse(&t).map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_and_without_the_sign() {
        assert_eq!(parse("30"), Ok(30.0));
        assert_eq!(parse("30%"), Ok(30.0));
        assert_eq!(parse(" 2.5 % "), Ok(2.5));
        assert!(parse("thirty").is_err());
        assert!(parse("%").is_err());
        assert!(parse("NaN").is_err());
    }
}
