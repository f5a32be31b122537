//! Standard 5-field cron schedules (as CronJob `spec.schedule` takes them): `*`, numbers,
//! ranges, steps, lists, month and weekday names, and the `@hourly`...`@yearly` macros.
//! Evaluated in UTC; only what the missed-schedule check needs: the next run after a time.

use jiff::civil::DateTime;
use jiff::{SignedDuration, Timestamp, tz::TimeZone};

/// A parsed schedule: the allowed values of each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    minutes: u64,
    hours: u64,
    days: u64,
    months: u64,
    weekdays: u64,
    days_restricted: bool,
    weekdays_restricted: bool,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

fn value(text: &str, names: &[&str], offset: u32) -> Option<u32> {
    text.parse().ok().or_else(|| {
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(text))
            .map(|i| i as u32 + offset)
    })
}

/// Parses one field into a bit set; `true` when it is not `*`.
fn field(text: &str, min: u32, max: u32, names: &[&str], offset: u32) -> Option<(u64, bool)> {
    let mut bits = 0u64;
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().ok().filter(|s| *s > 0)?),
            None => (part, 1),
        };
        let (lo, hi) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (value(a, names, offset)?, value(b, names, offset)?)
        } else {
            let v = value(range, names, offset)?;
            (v, if part.contains('/') { max } else { v })
        };
        if lo < min || hi > max || lo > hi {
            return None;
        }
        let mut v = lo;
        while v <= hi {
            bits |= 1 << v;
            v += step;
        }
    }
    Some((bits, text != "*"))
}

impl Schedule {
    /// Parses a schedule; `None` when it is not a valid 5-field expression or macro.
    pub fn parse(text: &str) -> Option<Self> {
        let expanded = match text.trim() {
            "@yearly" | "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" | "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            other => other,
        };
        let f: Vec<&str> = expanded.split_whitespace().collect();
        if f.len() != 5 {
            return None;
        }
        let (minutes, _) = field(f[0], 0, 59, &[], 0)?;
        let (hours, _) = field(f[1], 0, 23, &[], 0)?;
        let (days, days_restricted) = field(f[2], 1, 31, &[], 0)?;
        let (months, _) = field(f[3], 1, 12, &MONTHS, 1)?;
        let (mut weekdays, weekdays_restricted) = field(f[4], 0, 7, &WEEKDAYS, 0)?;
        if weekdays & (1 << 7) != 0 {
            weekdays |= 1; // 7 is Sunday too
        }
        Some(Self {
            minutes,
            hours,
            days,
            months,
            weekdays,
            days_restricted,
            weekdays_restricted,
        })
    }

    fn matches(&self, t: DateTime) -> bool {
        let bit = |set: u64, v: i8| set & (1 << v) != 0;
        let dom = bit(self.days, t.day());
        let dow = bit(self.weekdays, t.weekday().to_sunday_zero_offset());
        // cron: when both day fields are restricted, either may match.
        let day_ok = if self.days_restricted && self.weekdays_restricted {
            dom || dow
        } else {
            dom && dow
        };
        bit(self.minutes, t.minute())
            && bit(self.hours, t.hour())
            && bit(self.months, t.month())
            && day_ok
    }

    /// The first run strictly after `after` (UTC), looking at most `horizon` ahead.
    pub fn next_after(&self, after: Timestamp, horizon: SignedDuration) -> Option<Timestamp> {
        let tz = TimeZone::UTC;
        let start = after.to_zoned(tz.clone()).datetime();
        let mut t = start
            .checked_add(SignedDuration::from_secs(60 - i64::from(start.second())))
            .ok()?;
        t = t.with().subsec_nanosecond(0).build().ok()?;
        let end = start.checked_add(horizon).ok()?;
        while t <= end {
            if self.matches(t) {
                return tz.to_timestamp(t).ok();
            }
            t = t.checked_add(SignedDuration::from_mins(1)).ok()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn next_runs() {
        let day = SignedDuration::from_hours(24 * 400);
        let s = Schedule::parse("0 3 * * *").expect("valid");
        assert_eq!(
            s.next_after(ts("2026-11-23T04:00:00Z"), day),
            Some(ts("2026-11-24T03:00:00Z"))
        );
        let s = Schedule::parse("*/15 * * * *").expect("valid");
        assert_eq!(
            s.next_after(ts("2026-11-23T04:07:30Z"), day),
            Some(ts("2026-11-23T04:15:00Z"))
        );
        let s = Schedule::parse("30 9 * * mon-fri").expect("valid");
        assert_eq!(
            s.next_after(ts("2026-11-21T00:00:00Z"), day),
            Some(ts("2026-11-23T09:30:00Z"))
        ); // Sat -> Mon
        let s = Schedule::parse("@monthly").expect("valid");
        assert_eq!(
            s.next_after(ts("2026-11-23T00:00:00Z"), day),
            Some(ts("2026-12-01T00:00:00Z"))
        );
        let s = Schedule::parse("0 0 13 * 5").expect("valid"); // the 13th or any Friday
        assert_eq!(
            s.next_after(ts("2026-11-23T00:00:00Z"), day),
            Some(ts("2026-11-27T00:00:00Z"))
        );
        let s = Schedule::parse("0 0 30 2 *").expect("valid"); // never
        assert_eq!(s.next_after(ts("2026-11-23T00:00:00Z"), day), None);
    }

    #[test]
    fn rejects_bad_schedules() {
        for bad in [
            "",
            "* * * *",
            "60 * * * *",
            "* * * * * *",
            "*/0 * * * *",
            "5-1 * * * *",
            "0 0 * foo *",
        ] {
            assert_eq!(Schedule::parse(bad), None, "{bad}");
        }
    }
}
