//! The shape of one line of a text page: how many words and letters, whether it reads as
//! prose (a sentence, or a long run of words), as a headline, a ticker of headlines, a
//! breadcrumb, a bulleted item, a teaser cut off with an ellipsis, or a date line.
//! No language's words here: only punctuation, digits, letters, lengths.

/// What a line looks like.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Tokens holding a letter or a digit.
    pub words: usize,
    pub letters: usize,
    pub digits: usize,
    /// Ends with a sentence terminator (before closing quotes or brackets).
    pub terminal: bool,
    /// Ends with an ellipsis ("…", "..."): a cut-off teaser.
    pub ellipsis: bool,
    /// Segments separated by runs of 3+ spaces, when there are at least 3.
    pub ticker_segments: usize,
    /// Starts with a bullet character.
    pub bullet: bool,
    /// Segments of a breadcrumb ("Home / Politics / X"), when there are at least 3.
    pub crumbs: usize,
    /// Share of upper-case letters among cased letters.
    pub upper_ratio: f32,
    /// Holds a year-like number (1900–2099) or a numeric day.month.year date.
    pub has_year: bool,
    /// A sentence followed by a credit in capitals ("… on June 6, 2022. AFP"): an image
    /// caption.
    pub credit_tail: bool,
    /// Holds a copyright or credit sign.
    pub credit_sign: bool,
    /// Share of words starting with a capital, among words of a cased script.
    pub cap_ratio: f32,
    /// Commas (Latin and Arabic).
    pub commas: usize,
    /// Ends with "?" or "!" and holds no other sentence end: a question or exclamation alone
    /// on its line, as headlines are.
    pub lone_question: bool,
    /// Ends with a full stop.
    pub full_stop: bool,
    /// Ends with a colon: a lead-in to something else.
    pub ends_colon: bool,
    /// Template placeholders such as "{title}".
    pub placeholder: bool,
}

const TERMINATORS: &[char] = &['.', '!', '?', '؟', '。', '؛'];
const CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')', ']', '›', '“', '«'];
const BULLETS: &[char] = &['•', '·', '●', '▪', '■', '►', '▶', '◦', '‣', '-', '–', '—', '*', '>'];
/// Breadcrumb separators, each with the index of its middle character in `shape`'s counts.
const CRUMB_SEPARATORS: &[(&str, usize)] = &[(" / ", 0), (" > ", 1), (" » ", 2), (" › ", 3), (" | ", 4), (" :: ", 5), (" >> ", 1)];

pub fn shape(line: &str) -> Shape {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let mut s = Shape::default();
    // One pass over the chars (a line's shape was ~77,000 instructions when each count
    // walked the line again and asked Unicode tables for the same chars several times).
    let (mut upper, mut cased) = (0usize, 0usize);
    let (mut cased_words, mut capital_words) = (0usize, 0usize);
    let mut unspaced = 0usize;
    // the current white-space-separated word: has it a letter or digit, and was its first
    // letter seen yet
    let (mut in_word, mut word_alnum, mut word_letter_seen) = (false, false, false);
    // ticker: the white space run, and whether the current segment has a word
    let (mut ws_run, mut segment_word, mut segments) = (0usize, false, 0usize);
    // year: the current run of digits (ASCII or Arabic-Indic), its length and first two
    let (mut digit_run, mut first_two) = (0usize, [0u32; 2]);
    // characters that separators of breadcrumbs need twice or more
    let mut crumb_chars = [0usize; 6];
    let (mut open_brace, mut close_brace) = (false, false);
    let mut classes = CharClasses::new();
    let year_run_ends = |run: usize, first_two: [u32; 2]| run == 4 && matches!(first_two, [1, 9] | [2, 0]);
    for c in t.chars() {
        let digit = ascii_digit_value(c);
        match digit {
            Some(d) => {
                if digit_run < 2 {
                    first_two[digit_run] = d;
                }
                digit_run += 1;
            }
            None => {
                s.has_year |= year_run_ends(digit_run, first_two);
                digit_run = 0;
            }
        }
        if c.is_whitespace() {
            if in_word && word_alnum {
                s.words += 1;
            }
            in_word = false;
            ws_run += 1;
            if ws_run == 3 && segment_word {
                segments += 1;
                segment_word = false;
            }
            continue;
        }
        if !in_word {
            (in_word, word_alnum, word_letter_seen) = (true, false, false);
        }
        ws_run = 0;
        unspaced += usize::from(is_unspaced_script(c));
        let class = classes.of(c);
        if class & ALPHABETIC != 0 {
            s.letters += 1;
            let up = class & UPPER != 0;
            let cased_char = class & (UPPER | LOWER) != 0;
            if up {
                upper += 1;
            }
            if cased_char {
                cased += 1;
            }
            if !word_letter_seen {
                word_letter_seen = true;
                if cased_char {
                    cased_words += 1;
                    capital_words += usize::from(up);
                }
            }
            word_alnum = true;
            segment_word = true;
        } else if class & NUMERIC != 0 {
            s.digits += 1;
            word_alnum = true;
            segment_word = true;
        } else {
            match c {
                ',' | '،' => s.commas += 1,
                '/' => crumb_chars[0] += 1,
                '>' => crumb_chars[1] += 1,
                '»' => crumb_chars[2] += 1,
                '›' => crumb_chars[3] += 1,
                '|' => crumb_chars[4] += 1,
                ':' => crumb_chars[5] += 1,
                '©' | '®' => s.credit_sign = true,
                '{' => open_brace = true,
                '}' => close_brace = true,
                _ => {}
            }
        }
    }
    s.has_year |= year_run_ends(digit_run, first_two);
    if in_word && word_alnum {
        s.words += 1;
    }
    if segment_word {
        segments += 1;
    }
    s.ticker_segments = if segments >= 3 { segments } else { 0 };
    s.upper_ratio = if cased == 0 { 0.0 } else { upper as f32 / cased as f32 };
    s.cap_ratio = if cased_words == 0 { 0.0 } else { capital_words as f32 / cased_words as f32 };
    // scripts written without spaces: count two letters as a word
    s.words = s.words.max(unspaced / 2);
    let core = strip_source_tag(t.trim_end_matches(|c: char| c.is_whitespace()));
    let core = core.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace());
    s.ellipsis = core.ends_with('…') || core.ends_with("...") || core.ends_with("…]") || t.ends_with("[…]");
    s.terminal = !s.ellipsis && core.ends_with(TERMINATORS);
    s.ends_colon = core.ends_with(':');
    s.full_stop = s.terminal && core.ends_with('.');
    s.lone_question = s.terminal
        && core.ends_with(['?', '!', '؟'])
        && core.trim_end_matches(['?', '!', '؟', ' ']).find(TERMINATORS).is_none();
    s.bullet = t.starts_with(BULLETS) && t.chars().nth(1).is_some_and(|c| c.is_whitespace());
    // three segments need the separator twice: only those are split
    s.crumbs = CRUMB_SEPARATORS
        .iter()
        .filter(|(_, at)| crumb_chars[*at] >= 2)
        .map(|(sep, _)| t.split(sep).filter(|p| !p.trim().is_empty()).count())
        .max()
        .unwrap_or(0);
    if s.crumbs < 3 {
        s.crumbs = 0;
    }
    s.credit_tail = credit_tail(t);
    s.placeholder = open_brace && close_brace;
    s
}

const ALPHABETIC: u8 = 1;
const NUMERIC: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;

/// The Unicode properties `shape` asks of a char, remembered for the last non-ASCII chars
/// seen (by their low bits): the standard library's table search costs ~460 instructions a
/// non-ASCII char, and a line of Arabic asks it of the same few dozen letters again and again.
struct CharClasses {
    recent: [(char, u8); 64],
}

impl CharClasses {
    fn new() -> CharClasses {
        // '\0' is ASCII, never looked up here, so it marks an empty slot
        CharClasses { recent: [('\0', 0); 64] }
    }

    fn of(&mut self, c: char) -> u8 {
        if c.is_ascii() {
            return Self::compute(c);
        }
        let slot = &mut self.recent[c as usize & 63];
        if slot.0 != c {
            *slot = (c, Self::compute(c));
        }
        slot.1
    }

    fn compute(c: char) -> u8 {
        let mut class = 0;
        if c.is_alphabetic() {
            class |= ALPHABETIC;
            if c.is_uppercase() {
                class |= UPPER;
            } else if c.is_lowercase() {
                class |= LOWER;
            }
        } else if c.is_numeric() {
            class |= NUMERIC;
        }
        class
    }
}

/// "Headline | Site", "Headline - Site": where the headline ends, when the segment after the
/// last separator is short and name-like (capitalised words or a domain; one or two words in
/// a script without case) and the headline has some length.
pub fn site_suffix_start(t: &str) -> Option<usize> {
    const SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " :: ", " « "];
    // the last place of each separator, found in one backward pass over the line's spaces
    // (six `rfind`s were most of this function)
    let mut last = [None; SEPARATORS.len()];
    let mut missing = SEPARATORS.len();
    let bytes = t.as_bytes();
    for i in (0..bytes.len()).rev() {
        if bytes[i] != b' ' {
            continue;
        }
        for (k, sep) in SEPARATORS.iter().enumerate() {
            if last[k].is_none() && bytes[i..].starts_with(sep.as_bytes()) {
                last[k] = Some(i);
                missing -= 1;
            }
        }
        if missing == 0 {
            break;
        }
    }
    for (sep, at) in SEPARATORS.iter().zip(last) {
        let Some(at) = at else { continue };
        let head = t.get(..at).unwrap_or("");
        let tail = t.get(at + sep.len()..).unwrap_or("").trim();
        let tail_words: Vec<&str> = tail.split_whitespace().collect();
        if head.split_whitespace().count() < 4 || tail_words.is_empty() || tail_words.len() > 3 {
            continue;
        }
        let cased = tail.chars().any(|c| c.is_uppercase() || c.is_lowercase());
        let name_like = if cased {
            tail.contains('.') || tail_words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()))
        } else {
            tail_words.len() <= 2
        };
        if name_like {
            return Some(at);
        }
    }
    None
}

fn credit_tail(t: &str) -> bool {
    let Some(at) = t.rfind(". ") else { return false };
    let tail = t.get(at + 2..).unwrap_or("").trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    let letters: Vec<char> = tail.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && t.get(..at).is_some_and(|h| h.split_whitespace().count() >= 4)
}

/// Han, kana, hangul, Thai: scripts that do not separate words by spaces.
fn is_unspaced_script(c: char) -> bool {
    let c = c as u32;
    c >= 0x0E00 && matches!(c, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F)
}

/// A sentence followed by its source in brackets ("… attended the meeting.-(Petra)"): the
/// text before the bracket.
fn strip_source_tag(t: &str) -> &str {
    if !t.ends_with(')') {
        return t;
    }
    let Some(open) = t.rfind('(') else { return t };
    let inside = t.get(open + 1..t.len() - 1).unwrap_or("");
    if inside.split_whitespace().count() > 3 || inside.chars().count() > 30 {
        return t;
    }
    let before = t.get(..open).unwrap_or("").trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    if before.ends_with(TERMINATORS) {
        before
    } else {
        t
    }
}

/// A year 1900–2099 standing alone, or a numeric date such as 19.06.2023 or 10 . 02 . 2024
/// (`shape` tells the same in its own pass).
pub(crate) fn has_year(t: &str) -> bool {
    let (mut run, mut first_two) = (0usize, [0u32; 2]);
    for c in t.chars() {
        match ascii_digit_value(c) {
            Some(d) => {
                if run < 2 {
                    first_two[run] = d;
                }
                run += 1;
            }
            None => {
                if run == 4 && matches!(first_two, [1, 9] | [2, 0]) {
                    return true;
                }
                run = 0;
            }
        }
    }
    run == 4 && matches!(first_two, [1, 9] | [2, 0])
}

/// The value of an ASCII or Arabic-Indic (both series) digit.
fn ascii_digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

impl Shape {
    /// Reads as running text: a sentence of some length, or a long run of words (a paragraph
    /// cut off by the crawler). Tickers, teasers and lists are not prose.
    pub fn is_prose(&self) -> bool {
        if self.ticker_segments > 0 || self.ellipsis || self.crumbs > 0 || self.placeholder {
            return false;
        }
        if self.lone_question && self.words <= 16 {
            return false;
        }
        (self.words >= 8 && self.terminal && self.letters >= 30)
            || (self.words >= 25 && self.letters >= 120)
            || (self.words >= 20 && self.commas >= 2 && self.letters >= 100)
    }

    /// Reads like a sentence without its final stop: long enough, with a comma, mostly
    /// lower-case words. Not prose on its own; prose when it continues a run of prose.
    pub fn is_weak_prose(&self) -> bool {
        !self.is_prose()
            && !self.ellipsis
            && self.ticker_segments == 0
            && self.crumbs == 0
            && self.words >= 14
            && self.letters >= 70
            && self.commas >= 1
            && self.cap_ratio < 0.5
    }

    /// Could be a headline: a few words of text, not a sentence-long paragraph.
    pub fn headline_like(&self) -> bool {
        self.words >= 2 && self.words <= 30 && self.letters >= 8 && !self.ends_colon && self.ticker_segments == 0 && self.crumbs == 0
    }

    /// Mostly upper case (section labels such as "SAUDI ARABIA").
    pub fn shouting(&self) -> bool {
        self.letters >= 4 && self.upper_ratio > 0.8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_long_runs_are_prose() {
        assert!(shape("Les deux parties ont évoqué les mécanismes de coopération et de coordination.").is_prose());
        assert!(shape("وأضاف المصدر ذاته أن الجانبين تناولا مختلف المواضيع الأمنية التي تحظى بالاهتمام المشترك.").is_prose());
        let cut = "The meeting was attended by Deputy Minister of Interior Dr. Nasser Al-Dawood, Director of Public Security Lt. Gen. Mohammed Al-Bassami, Minister’s Office for Studies and Research Director General";
        assert!(shape(cut).is_prose());
        assert!(!shape("Maroc-USA : Hammouchi reçoit l’ambassadeur américain").is_prose());
        assert!(shape("وحضر اللقاء رئيس هيئة الأركان المشتركة اللواء الركن محمود عبدالحليم فريحات.-(بترا)").is_prose());
        assert!(shape("Finalmente, el funcionario viajó a Washington para reunirse con su par estadounidense, Pete Hegseth, con quien firmó un acuerdo de cooperación en ciberdefensa, frontera").is_prose());
        assert!(!shape("A Jordanian soldier participates in military drills in Zarqa, northeast of Amman, on June 6, 2022. AFP").is_prose());
    }

    #[test]
    fn teasers_tickers_crumbs_bullets() {
        let teaser = shape("Le Conseil préfectoral de Casablanca a élu ce vendredi Abdelkader Boudraa comme nouveau président, remplaçant Said Naciri. Boudraa, proposé …");
        assert!(teaser.ellipsis && !teaser.is_prose());
        let ticker = shape("Une visite à Rabat\u{a0}\u{a0}\u{a0}\u{a0}Le temps qu'il fera demain\u{a0}\u{a0}\u{a0}\u{a0}Un accord signé à Madrid\u{a0}\u{a0}\u{a0}\u{a0}");
        assert_eq!(ticker.ticker_segments, 3);
        assert!(!ticker.is_prose());
        assert_eq!(shape("Accueil / Politique / Maroc-USA : X reçoit Y").crumbs, 3);
        assert!(shape("  • رسميا.. حمد الله ينضم إلى الهلال").bullet);
        assert!(!shape("-5 degrees").bullet);
    }

    #[test]
    fn years_and_shouting() {
        assert!(shape("22 - Mai - 2019").has_year);
        assert!(shape("فيينا / السبت 10 . 02 . ٢٠٢٤").has_year);
        assert!(!shape("Temps de lecture : 2 minutes").has_year);
        assert!(!shape("Il y a 12345 personnes").has_year);
        assert!(shape("SAUDI ARABIA").shouting());
        let t = "Maroc-USA : Hammouchi reçoit l’ambassadeur américain | Le360";
        assert_eq!(site_suffix_start(t).map(|i| &t[..i]), Some("Maroc-USA : Hammouchi reçoit l’ambassadeur américain"));
        assert_eq!(site_suffix_start("Maroc – USA : Renforcement de la coopération sécuritaire"), None);
        assert_eq!(site_suffix_start("Le ministre reçoit son homologue - en visite"), None);
        assert!(shape("A soldier takes part in drills in Zarqa, on June 6, 2022. AFP").credit_tail);
        assert!(!shape("The talks took place in Washington. They lasted two hours.").credit_tail);
        assert!(!shape("Pourquoi le directeur de la DGST s'est-il rendu à Madrid cette semaine ?").is_prose());
        assert!(shape("Pourquoi s'est-il rendu à Madrid ? Personne ne le sait encore, disent ses proches.").is_prose());
        assert!(shape("商品の改造が商標法違反に").words >= 5);
        assert!(shape("Tell me more …").ellipsis);
        assert!(shape("He said: «it is over.»").terminal);
    }
}
