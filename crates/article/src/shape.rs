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
const CRUMB_SEPARATORS: &[&str] = &[" / ", " > ", " » ", " › ", " | ", " :: ", " >> "];

pub fn shape(line: &str) -> Shape {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let mut s = Shape::default();
    let mut upper = 0usize;
    let mut cased = 0usize;
    for c in t.chars() {
        if c.is_alphabetic() {
            s.letters += 1;
            if c.is_uppercase() {
                upper += 1;
                cased += 1;
            } else if c.is_lowercase() {
                cased += 1;
            }
        } else if c.is_numeric() {
            s.digits += 1;
        } else if c == ',' || c == '،' {
            s.commas += 1;
        }
    }
    s.upper_ratio = if cased == 0 { 0.0 } else { upper as f32 / cased as f32 };
    s.words = t.split_whitespace().filter(|w| w.chars().any(|c| c.is_alphanumeric())).count();
    let cased_words: Vec<char> = t
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .filter(|c| c.is_uppercase() || c.is_lowercase())
        .collect();
    s.cap_ratio = if cased_words.is_empty() {
        0.0
    } else {
        cased_words.iter().filter(|c| c.is_uppercase()).count() as f32 / cased_words.len() as f32
    };
    // scripts written without spaces: count two letters as a word
    let unspaced = t.chars().filter(|&c| is_unspaced_script(c)).count();
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
    s.ticker_segments = ticker_segments(t);
    s.crumbs = CRUMB_SEPARATORS
        .iter()
        .map(|sep| t.split(sep).filter(|p| !p.trim().is_empty()).count())
        .max()
        .unwrap_or(0);
    if s.crumbs < 3 {
        s.crumbs = 0;
    }
    s.has_year = has_year(t);
    s.credit_sign = t.contains('©') || t.contains('®');
    s.credit_tail = credit_tail(t);
    s.placeholder = t.contains('{') && t.contains('}');
    s
}

/// "Headline | Site", "Headline - Site": where the headline ends, when the segment after the
/// last separator is short and name-like (capitalised words or a domain; one or two words in
/// a script without case) and the headline has some length.
pub fn site_suffix_start(t: &str) -> Option<usize> {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « "] {
        let Some(at) = t.rfind(sep) else { continue };
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
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F)
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

/// Segments of a line split at runs of three or more white space characters (tickers of
/// headlines flattened into one line); 0 when fewer than three segments have words.
fn ticker_segments(t: &str) -> usize {
    let mut segments = 0;
    let mut run = 0;
    let mut current_has_word = false;
    for c in t.chars() {
        if c.is_whitespace() {
            run += 1;
            if run == 3 && current_has_word {
                segments += 1;
                current_has_word = false;
            }
        } else {
            run = 0;
            if c.is_alphanumeric() {
                current_has_word = true;
            }
        }
    }
    if current_has_word {
        segments += 1;
    }
    if segments >= 3 {
        segments
    } else {
        0
    }
}

/// A year 1900–2099 standing alone, or a numeric date such as 19.06.2023 or 10 . 02 . 2024.
fn has_year(t: &str) -> bool {
    let folded: String = t.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect();
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let y = &folded[start..i];
                if y.starts_with("19") || y.starts_with("20") {
                    return true;
                }
            }
        } else {
            i += 1;
        }
    }
    false
}

fn ascii_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_u32('0' as u32 + (c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => char::from_u32('0' as u32 + (c as u32 - 0x06F0)),
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
