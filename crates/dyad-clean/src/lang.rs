use std::collections::HashMap;
use std::sync::OnceLock;

const LANGUAGES: &str = include_str!("../data/languages.tsv");

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

/// How much text language detection looks at: enough for a reliable answer, bounded cost.
const SAMPLE_BYTES: usize = 4096;

/// The ISO 639-1 code of the text's language, or `None` when it cannot be told reliably.
pub fn detect_language(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
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
    }
}
