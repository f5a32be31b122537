//! A minimal DER reader: enough to walk the private-key structures (PKCS#1, PKCS#8, SEC1)
//! that x509-parser does not cover. Pure, bounds-checked, never panics.

/// Reads one element with tag `tag` at the start of `input`; returns its contents and the
/// rest of the input. `None` when the tag differs or the length is malformed.
pub fn element(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let (&t, rest) = input.split_first()?;
    if t != tag {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some(rest.split_at(len))
}

/// Skips one element of any tag; returns the rest.
pub fn skip(input: &[u8]) -> Option<&[u8]> {
    let tag = *input.first()?;
    element(input, tag).map(|(_, rest)| rest)
}

/// DER tags used here.
pub mod tag {
    /// INTEGER.
    pub const INTEGER: u8 = 0x02;
    /// BIT STRING.
    pub const BIT_STRING: u8 = 0x03;
    /// OCTET STRING.
    pub const OCTET_STRING: u8 = 0x04;
    /// OBJECT IDENTIFIER.
    pub const OID: u8 = 0x06;
    /// SEQUENCE.
    pub const SEQUENCE: u8 = 0x30;
    /// `[1]` constructed, context-specific.
    pub const CONTEXT_1: u8 = 0xa1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_and_broken_lengths() {
        assert_eq!(
            element(&[0x02, 0x01, 0x05, 0xff], 0x02),
            Some((&[5u8][..], &[0xffu8][..]))
        );
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend(vec![7u8; 0x80]);
        assert_eq!(element(&long, 0x04).map(|(c, _)| c.len()), Some(0x80));
        assert_eq!(element(&[0x04, 0x05, 1], 0x04), None);
        assert_eq!(element(&[0x04, 0x85, 1, 1, 1, 1, 1], 0x04), None);
        assert_eq!(element(&[0x02, 0x01, 0x05], 0x04), None);
        assert_eq!(element(&[], 0x04), None);
    }
}
