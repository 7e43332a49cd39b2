//! Bytes to text: byte-order marks, UTF-8, then a declared charset, then detection
//! (chardetng) for legacy encodings such as Windows-1256 Arabic or Windows-1252 French.

use encoding_rs::Encoding;

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why bytes are not a text page.
#[derive(Debug, Clone, PartialEq)]
pub enum NotText {
    Empty,
    Binary(&'static str),
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Empty => write!(f, "empty input"),
            NotText::Binary(kind) => write!(f, "binary content ({kind}), not a text or HTML page"),
        }
    }
}

fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"%PDF", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7fELF", "executable"),
        (b"RIFF", "RIFF media"),
        (b"\x00\x00\x01\x00", "icon"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head.iter().filter(|&&b| b < 0x09 || (0x0e..0x1b).contains(&b)).count();
    if controls * 20 > head.len().max(1) {
        return Some("control bytes");
    }
    None
}

/// Decodes `bytes`, using `declared` (a charset label from the container) when the bytes are
/// not valid UTF-8 and carry no byte-order mark.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded { text: text.into_owned(), encoding: enc.name() });
    }
    if let Some(kind) = sniff_binary(bytes) {
        return Err(NotText::Binary(kind));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: s.to_string(), encoding: "UTF-8" });
    }
    let enc = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Deny)
        });
    let (text, _, _) = enc.decode(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: enc.name() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1256_arabic() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("استقبل المدير العام للأمن الوطني السيد دايفيد فيشر سفير الولايات المتحدة");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert!(d.text.starts_with("استقبل المدير"));
    }

    #[test]
    fn decodes_windows_1252_french() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Le directeur général de la Sûreté nationale a reçu l'ambassadeur des États-Unis à Rabat.");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Sûreté"));
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Bonjour à tous".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).unwrap().text, "Bonjour à tous");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None), Err(NotText::Binary(_))));
        assert_eq!(decode(b"  \n", None), Err(NotText::Empty));
    }
}
