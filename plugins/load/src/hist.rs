//! Latency histograms: HdrHistogram (microseconds, 1 µs to 1 h, 3 significant digits), merged
//! exactly across workers and runners, and carried between processes as base64 of the
//! standard compressed V2 encoding (readable by any HdrHistogram implementation).

use hdrhistogram::Histogram;
use hdrhistogram::serialization::{Deserializer, Serializer, V2DeflateSerializer};
use serde::{Deserialize, Deserializer as De, Serialize, Serializer as Ser};

/// Highest trackable latency: one hour, in microseconds.
const HIGHEST_US: u64 = 3_600_000_000;

/// A latency histogram in microseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Hist(pub Histogram<u64>);

impl Default for Hist {
    fn default() -> Self {
        Self::with_precision(3)
    }
}

impl Hist {
    /// An empty histogram with `sigfig` significant digits.
    pub fn with_precision(sigfig: u8) -> Self {
        // The bounds are constants that HdrHistogram accepts.
        #[allow(clippy::unwrap_used)]
        Self(Histogram::new_with_bounds(1, HIGHEST_US, sigfig).unwrap())
    }

    /// Records one latency (clamped into range).
    pub fn record(&mut self, us: u64) {
        self.0.saturating_record(us.clamp(1, HIGHEST_US));
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: &Hist) {
        // Same bounds everywhere; a precision mismatch is resolved by re-recording.
        if self.0.add(&other.0).is_err() {
            for v in other.0.iter_recorded() {
                self.0
                    .saturating_record_n(v.value_iterated_to(), v.count_at_value());
            }
        }
    }

    /// Samples recorded.
    pub fn count(&self) -> u64 {
        self.0.len()
    }

    /// The value at quantile `q` (0..=1), microseconds; 0 when empty.
    pub fn quantile(&self, q: f64) -> u64 {
        if self.0.is_empty() {
            0
        } else {
            self.0.value_at_quantile(q)
        }
    }

    /// Largest value, microseconds.
    pub fn max(&self) -> u64 {
        if self.0.is_empty() { 0 } else { self.0.max() }
    }

    /// Mean, microseconds.
    pub fn mean(&self) -> f64 {
        if self.0.is_empty() {
            0.0
        } else {
            self.0.mean()
        }
    }

    /// base64 of the compressed V2 encoding.
    pub fn encode(&self) -> String {
        use base64::Engine as _;
        let mut buf = Vec::new();
        if V2DeflateSerializer::new()
            .serialize(&self.0, &mut buf)
            .is_err()
        {
            return String::new();
        }
        base64::engine::general_purpose::STANDARD.encode(buf)
    }

    /// Reads [`Hist::encode`]'s output.
    pub fn decode(s: &str) -> Result<Self, String> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(s)
            .map_err(|e| format!("histogram is not base64: {e}"))?;
        let h: Histogram<u64> = Deserializer::new()
            .deserialize(&mut bytes.as_slice())
            .map_err(|e| format!("histogram does not decode: {e:?}"))?;
        Ok(Self(h))
    }
}

impl Serialize for Hist {
    fn serialize<S: Ser>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Hist {
    fn deserialize<D: De<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Hist::decode(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_and_round_trip() {
        let mut a = Hist::default();
        let mut b = Hist::default();
        for v in 1..=1000 {
            a.record(v * 1000);
        }
        b.record(5_000_000);
        a.merge(&b);
        assert_eq!(a.count(), 1001);
        let p50 = a.quantile(0.5) as f64;
        assert!((p50 - 500_000.0).abs() / 500_000.0 < 0.01, "{p50}");
        assert!(a.max() >= 5_000_000);
        let back = Hist::decode(&a.encode()).expect("decodes");
        assert_eq!(back, a);
        let json = serde_json::to_string(&a).expect("json");
        let again: Hist = serde_json::from_str(&json).expect("json back");
        assert_eq!(again.count(), 1001);
        let mut coarse = Hist::with_precision(2);
        coarse.merge(&a);
        assert_eq!(coarse.count(), 1001);
    }
}
