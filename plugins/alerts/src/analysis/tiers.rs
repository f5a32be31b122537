//! Severity tiers: each alert's `severity` label mapped to P0–P4 (configurable), and the
//! mix of notifications per tier against a target share of urgent (P0 and P1) pages.

use crate::model::Episode;
use serde::Serialize;
use std::collections::BTreeMap;

/// The default mapping, `severity=tier` pairs; a missing or unknown severity is P4.
pub const DEFAULT: &str = "page=P0,emergency=P0,critical=P1,error=P2,high=P2,major=P2,warning=P3,minor=P3,info=P4,low=P4,none=P4";

/// Severity → tier.
#[derive(Debug, Clone, PartialEq)]
pub struct TierMap(BTreeMap<String, String>);

impl TierMap {
    /// Parses `severity=P0,...` over the defaults.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut map = Self::pairs(DEFAULT)?;
        map.extend(Self::pairs(text)?);
        Ok(Self(map))
    }

    fn pairs(text: &str) -> Result<BTreeMap<String, String>, String> {
        let mut map = BTreeMap::new();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (sev, tier) = pair
                .split_once('=')
                .ok_or_else(|| format!("{pair:?} is not SEVERITY=TIER (e.g. critical=P1)"))?;
            let tier = tier.trim().to_ascii_uppercase();
            if !matches!(tier.as_str(), "P0" | "P1" | "P2" | "P3" | "P4") {
                return Err(format!("{tier:?} is not a tier: use P0 to P4"));
            }
            map.insert(sev.trim().to_ascii_lowercase(), tier);
        }
        Ok(map)
    }

    /// The tier of `severity`.
    pub fn tier(&self, severity: Option<&str>) -> &str {
        severity
            .and_then(|s| self.0.get(&s.to_ascii_lowercase()))
            .map(String::as_str)
            .unwrap_or("P4")
    }
}

impl Default for TierMap {
    fn default() -> Self {
        Self::parse("").unwrap_or(Self(BTreeMap::new()))
    }
}

/// Notifications per tier.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierMix {
    /// Notifications per tier, P0..P4.
    pub notifications: BTreeMap<String, u64>,
    /// Share of P0 and P1, percent.
    pub urgent_percent: f64,
    /// The target share of urgent pages, percent.
    pub urgent_target_percent: f64,
}

/// The mix over firing `episodes`.
pub fn mix(episodes: &[&Episode], map: &TierMap, target: f64) -> TierMix {
    let mut n: BTreeMap<String, u64> = ["P0", "P1", "P2", "P3", "P4"]
        .iter()
        .map(|t| (t.to_string(), 0))
        .collect();
    for e in episodes {
        *n.entry(map.tier(e.label("severity")).to_string())
            .or_default() += u64::from(e.notifications);
    }
    let total: u64 = n.values().sum();
    let urgent = n["P0"] + n["P1"];
    TierMix {
        urgent_percent: if total == 0 {
            0.0
        } else {
            (urgent as f64 * 1000.0 / total as f64).round() / 10.0
        },
        notifications: n,
        urgent_target_percent: target,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_map_to_tiers_and_overrides_win() {
        let m = TierMap::parse("warning=P2, Sev1=p0").expect("test input");
        assert_eq!(m.tier(Some("critical")), "P1");
        assert_eq!(m.tier(Some("WARNING")), "P2");
        assert_eq!(m.tier(Some("sev1")), "P0");
        assert_eq!(m.tier(None), "P4");
        assert!(TierMap::parse("critical=P9").is_err());
        assert!(TierMap::parse("critical").is_err());
    }
}
