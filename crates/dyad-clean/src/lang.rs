use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const LANGUAGES: &str = include_str!("../data/languages.tsv");
const ENGLISH_STOPWORDS: &str = include_str!("../data/stopwords-en.txt");

fn english_stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        ENGLISH_STOPWORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect()
    })
}

/// True when the sample is clearly English: at least 15 words, a quarter of them function
/// words. Running prose in other languages stays far below that share, and the check costs a
/// fraction of the trigram model, which dominated cleaning time on newswire.
fn clearly_english(sample: &str) -> bool {
    let stop = english_stopwords();
    let (mut words, mut hits) = (0usize, 0usize);
    let mut buf = String::new();
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        if stop.contains(buf.as_str()) {
            hits += 1;
        }
    }
    words >= 15 && hits * 5 >= words
}

fn iso639_1() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        LANGUAGES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// How much text language detection looks at: a paragraph is enough for a reliable answer,
/// and detection cost grows with the sample (it was half of all ingest time at 4 KiB).
const SAMPLE_BYTES: usize = 1024;

/// The ISO 639-1 code of the text's language, or `None` when it cannot be told reliably.
pub fn detect_language(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if clearly_english(sample) {
        return Some("en".to_owned());
    }
    let info = whatlang::detect(sample)?;
    // Short or mixed snippets give unreliable guesses; "unknown" beats a wrong code.
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    Some(iso639_1().get(code).copied().unwrap_or(code).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_row_is_well_formed() {
        for line in LANGUAGES.lines().filter(|l| !l.starts_with('#')) {
            let (three, two) = line.split_once('\t').expect("tab-separated");
            assert_eq!(three.len(), 3, "{line}");
            assert_eq!(two.len(), 2, "{line}");
        }
    }

    #[test]
    fn tells_common_languages() {
        let en = "The two presidents met in the capital on Wednesday and signed a series of \
                  agreements on energy, trade and transport, officials said.";
        let ru = "Президенты двух стран встретились в столице в среду и подписали ряд соглашений \
                  об энергетике, торговле и транспорте, сообщили чиновники. По словам министра, \
                  товарооборот между странами вырос на четверть, а новые проекты будут \
                  запущены уже в следующем году.";
        let fr = "Les deux présidents se sont rencontrés mercredi dans la capitale et ont signé \
                  une série d'accords sur l'énergie, le commerce et les transports.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        assert_eq!(detect_language(ru).as_deref(), Some("ru"));
        assert_eq!(detect_language(fr).as_deref(), Some("fr"));
        assert_eq!(detect_language(""), None);
        // The English fast path must not claim other languages written in Latin script.
        let de = "Die beiden Präsidenten trafen sich am Mittwoch in der Hauptstadt und \
                  unterzeichneten eine Reihe von Abkommen über Energie, Handel und Verkehr, \
                  wie Beamte mitteilten. Nach Angaben des Ministers ist der Handel zwischen den \
                  Ländern um ein Viertel gewachsen, und neue Projekte sollen im nächsten Jahr \
                  beginnen.";
        assert!(!clearly_english(fr) && !clearly_english(de));
        assert_eq!(detect_language(de).as_deref(), Some("de"));
        let long_en = en.repeat(3);
        assert!(clearly_english(&long_en));
    }
}
