//! Go-style durations as kubectl accepts them (`0`, `5s`, `1m30s`, `250ms`, `2h`, `3d`).

use std::time::Duration;

/// Parses a duration as Go's `time.ParseDuration` does (kubectl's duration flags): `0`, or a
/// sequence of `<number><unit>` with units `ns`, `us`, `ms`, `s`, `m`, `h` (and `d`, which
/// kubectl lacks but SREs expect for certificate windows). A bare number other than `0` is
/// refused: `10` could mean seconds or minutes, so it must say which.
pub fn parse(input: &str) -> Result<Duration, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("empty duration".to_string());
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<u64>() {
            Ok(0) => Ok(Duration::ZERO),
            _ => Err(format!(
                "missing unit in duration {input:?} (e.g. {s}s, {s}m)"
            )),
        };
    }
    let mut total = Duration::ZERO;
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| format!("missing unit in duration {input:?} (e.g. 30s, 5m, 1h)"))?;
        if digits == 0 {
            return Err(format!("invalid duration {input:?} (e.g. 30s, 5m, 1h)"));
        }
        let value: f64 = rest[..digits]
            .parse()
            .map_err(|_| format!("invalid number in duration {input:?}"))?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let seconds_per_unit = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            "d" => 86400.0,
            other => {
                return Err(format!(
                    "unknown unit {other:?} in duration {input:?} (use ns, us, ms, s, m, h or d)"
                ));
            }
        };
        total += Duration::from_secs_f64(value * seconds_per_unit);
        rest = &rest[unit_len..];
    }
    Ok(total)
}

/// [`parse`] for `--request-timeout`, where kubectl also takes a bare number of seconds.
pub fn parse_seconds_or_duration(input: &str) -> Result<Duration, String> {
    match input.trim().parse::<u64>() {
        Ok(secs) => Ok(Duration::from_secs(secs)),
        Err(_) => parse(input),
    }
}

/// A value parser for clap that refuses durations below `floor` with a usage error naming
/// it (a zero `--interval` would run a hot loop).
pub fn at_least(floor: Duration) -> impl Fn(&str) -> Result<Duration, String> + Clone {
    move |input: &str| {
        let d = parse(input)?;
        if d < floor {
            return Err(format!(
                "{input:?} is below the minimum of {}",
                human(floor)
            ));
        }
        Ok(d)
    }
}

/// Formats a duration compactly for tables: `45s`, `12m`, `3h`, `2d4h`.
pub fn human(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h", s / 3600),
        _ if s % 86400 / 3600 == 0 || s >= 10 * 86400 => format!("{}d", s / 86400),
        _ => format!("{}d{}h", s / 86400, s % 86400 / 3600),
    }
}

/// A point in time as users write it on the command line: RFC 3339
/// (`2026-12-01T00:00:00Z`) or Unix seconds.
pub fn timestamp(text: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(secs) = text.parse::<i64>() {
        return jiff::Timestamp::from_second(secs).map_err(|e| e.to_string());
    }
    text.parse::<jiff::Timestamp>().map_err(|e| {
        format!("{text:?} is not RFC 3339 (2026-12-01T00:00:00Z) or Unix seconds: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kubectl_forms() {
        assert_eq!(parse("0"), Ok(Duration::ZERO));
        assert!(parse("30").expect_err("bare").contains("missing unit"));
        assert_eq!(parse_seconds_or_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse("30d"), Ok(Duration::from_secs(30 * 86400)));
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse("").is_err());
        assert!(parse("s").is_err());
        assert!(parse("5x").is_err());
        assert!(parse("5s3").is_err());
        assert!(parse("-5s").is_err());
    }

    #[test]
    fn floors_refuse_tiny_values() {
        let p = at_least(Duration::from_secs(1));
        assert_eq!(p("2s"), Ok(Duration::from_secs(2)));
        assert!(p("0s").expect_err("zero").contains("minimum of 1s"));
        assert!(p("500ms").is_err());
    }

    #[test]
    fn formats_ages() {
        assert_eq!(human(Duration::from_secs(45)), "45s");
        assert_eq!(human(Duration::from_secs(600)), "10m");
        assert_eq!(human(Duration::from_secs(7200)), "2h");
        assert_eq!(human(Duration::from_secs(86400 + 4 * 3600)), "1d4h");
        assert_eq!(human(Duration::from_secs(20 * 86400)), "20d");
    }
}
