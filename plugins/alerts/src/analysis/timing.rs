//! When alerts fire: an hour-of-day × weekday heat map of firing starts in a chosen time
//! zone, and the share that started outside business hours (Monday to Friday).

use crate::model::Episode;
use serde::Serialize;

/// Starts per weekday (Monday first) and hour.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatMap {
    /// The time zone the hours are in.
    pub time_zone: String,
    /// `counts[weekday][hour]`, Monday = 0.
    pub counts: Vec<Vec<u64>>,
    /// Share of notifications outside business hours, percent.
    pub off_hours_percent: f64,
    /// Business hours, `[from, to)`.
    pub business_hours: (u8, u8),
    /// The busiest hour of the week, as `Mon 14:00`.
    pub peak: Option<String>,
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The heat map of firing `episodes` in `tz`.
pub fn heat_map(episodes: &[&Episode], tz: &jiff::tz::TimeZone, hours: (u8, u8)) -> HeatMap {
    let mut counts = vec![vec![0u64; 24]; 7];
    let (mut off, mut total) = (0u64, 0u64);
    for e in episodes {
        let Ok(ts) = jiff::Timestamp::from_second(e.start as i64) else {
            continue;
        };
        let local = ts.to_zoned(tz.clone());
        let day = local.weekday().to_monday_zero_offset() as usize;
        let hour = local.hour() as usize;
        let n = u64::from(e.notifications);
        counts[day][hour] += n;
        total += n;
        if day >= 5 || hour < hours.0 as usize || hour >= hours.1 as usize {
            off += n;
        }
    }
    let peak = (0..7)
        .flat_map(|d| (0..24).map(move |h| (d, h)))
        .max_by_key(|&(d, h)| (counts[d][h], std::cmp::Reverse((d, h))))
        .filter(|&(d, h)| counts[d][h] > 0)
        .map(|(d, h)| format!("{} {h:02}:00", DAYS[d]));
    HeatMap {
        time_zone: tz.iana_name().unwrap_or("UTC").to_string(),
        counts,
        off_hours_percent: if total == 0 {
            0.0
        } else {
            (off as f64 * 1000.0 / total as f64).round() / 10.0
        },
        business_hours: hours,
        peak,
    }
}

/// The weekday names, Monday first.
pub fn days() -> &'static [&'static str; 7] {
    &DAYS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Labels, State};

    fn at(rfc: &str) -> Episode {
        let t: jiff::Timestamp = rfc.parse().expect("test input");
        Episode {
            alertname: "A".into(),
            labels: Labels::new(),
            state: State::Firing,
            start: t.as_second() as f64,
            end: t.as_second() as f64 + 60.0,
            open: false,
            notifications: 1,
        }
    }

    #[test]
    fn starts_land_in_their_local_weekday_and_hour() {
        // 2026-12-02 is a Wednesday. 03:30 UTC is 22:30 on Tuesday in New York.
        let e = [
            at("2026-12-02T03:30:00Z"),
            at("2026-12-02T14:10:00Z"),
            at("2026-12-02T14:50:00Z"),
        ];
        let refs: Vec<&Episode> = e.iter().collect();
        let utc = heat_map(&refs, &jiff::tz::TimeZone::UTC, (9, 18));
        assert_eq!(utc.counts[2][3], 1);
        assert_eq!(utc.counts[2][14], 2);
        assert_eq!(utc.peak.as_deref(), Some("Wed 14:00"));
        assert!((utc.off_hours_percent - 33.3).abs() < 0.01);
        let ny = jiff::tz::TimeZone::get("America/New_York").expect("test input");
        let m = heat_map(&refs, &ny, (9, 18));
        assert_eq!(m.counts[1][22], 1);
        assert_eq!(m.counts[2][9], 2);
    }
}
