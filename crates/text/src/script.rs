use dossier_lang::Script;

/// Letters of the Arabic script blocks (base, supplement, extended-A, presentation forms).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06D5 | 0x06FA..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The script most letters of `text` are written in, if any letters are.
pub fn dominant_script(text: &str) -> Option<Script> {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
        } else if c.is_alphabetic() && (c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)) {
            latin += 1;
        }
    }
    match (arabic, latin) {
        (0, 0) => None,
        (a, l) if a >= l => Some(Script::Arabic),
        _ => Some(Script::Latin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn scripts() {
        assert_eq!(dominant_script("استقبل المدير العام"), Some(Script::Arabic));
        assert_eq!(dominant_script("Hammouchi reçoit l’ambassadeur"), Some(Script::Latin));
        assert_eq!(dominant_script("2020 - 15:57"), None);
    }
}
