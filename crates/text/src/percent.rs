//! Percent-decoding of URL paths and query values (`%41` -> `A`; `+` -> space in queries).

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// The bytes `s` percent-encodes; `plus_is_space` for query values. A `%` not followed by two
/// hex digits stays as it is.
pub fn percent_decode(s: &str, plus_is_space: bool) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => match (b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_broken_ones() {
        assert_eq!(percent_decode("%D8%A7%20a+b", false), "ا a+b".as_bytes());
        assert_eq!(percent_decode("a+b%2", true), b"a b%2");
        assert_eq!(percent_decode("%zz%", false), b"%zz%");
    }
}
