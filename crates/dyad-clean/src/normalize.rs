/// Characters that are spaces in all but name: NBSP and the Unicode space separators.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Invisible characters that only get in the way of matching words.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Bullet markers that start a list item when followed by a space.
fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '●' | '◦' | '‣' | '-' | '*' | '–' | '—') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        _ => false,
    }
}

struct Line<'a> {
    indent: usize,
    text: &'a str,
    /// A blank line came before this one.
    after_blank: bool,
}

/// Normalises text into dyad's block layout (see the crate docs).
///
/// Hard-wrapped text — most lines of similar length below about 100 characters, as newswire
/// bodies are — is unwrapped: a line that reached the wrap width continues on the next one
/// unless that line is indented or is a list item. Other text keeps its lines as blocks.
pub fn normalize_text(input: &str) -> String {
    let input = &*crate::mojibake::repair(input);
    let mut flat = String::with_capacity(input.len());
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII is copied as it is, a run at a time; only the rest is looked at
        // char by char.
        let run = bytes[i..]
            .iter()
            .position(|b| !(0x20..0x7f).contains(b))
            .map_or(bytes.len(), |p| i + p);
        flat.push_str(&input[i..run]);
        // `run` follows ASCII bytes (or is `i`, a char boundary): a char starts there.
        let Some(c) = input.get(run..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i = run + c.len_utf8();
        match c {
            '\r' => {
                if bytes.get(i) != Some(&b'\n') {
                    flat.push('\n');
                }
            }
            '\n' => flat.push('\n'),
            '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' => flat.push('\n'),
            '\t' => flat.push(' '),
            c if is_odd_space(c) => flat.push(' '),
            c if is_invisible(c) || c.is_control() => {}
            c => flat.push(c),
        }
    }

    let mut lines = Vec::new();
    let mut after_blank = false;
    for raw in flat.split('\n') {
        let text = raw.trim();
        if text.is_empty() {
            after_blank = true;
            continue;
        }
        lines.push(Line {
            indent: raw.len() - raw.trim_start().len(),
            text,
            after_blank,
        });
        after_blank = false;
    }

    let wrap = wrap_width(&lines);
    let mut out = String::with_capacity(flat.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            let new_block = line.after_blank
                || starts_with_bullet(line.text)
                || match wrap {
                    Some(w) => line.indent > prev.indent || prev.text.chars().count() * 10 < w * 6,
                    None => true,
                };
            if !new_block {
                out.push(' ');
            } else if line.after_blank || (wrap.is_some() && line.indent > prev.indent) {
                out.push_str("\n\n");
            } else {
                out.push('\n');
            }
        }
        push_collapsed(&mut out, line.text);
    }
    out
}

/// Appends `text` with runs of spaces folded into one.
fn push_collapsed(out: &mut String, text: &str) {
    for (k, word) in text.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The wrap width of hard-wrapped text, or `None` when lines are blocks of their own.
fn wrap_width(lines: &[Line<'_>]) -> Option<usize> {
    if lines.len() < 3 {
        return None;
    }
    let mut lens: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    lens.sort_unstable();
    let p90 = lens[(lens.len() * 9 / 10).min(lens.len() - 1)];
    if !(50..=100).contains(&p90) {
        return None;
    }
    // Wrapped text has most lines near the width; a menu or a poem does not.
    let long = lens.iter().filter(|&&n| n * 10 >= p90 * 6).count();
    (long * 2 >= lens.len()).then_some(p90)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_and_invisibles_are_normalised_but_quotes_and_dashes_kept() {
        let got = normalize_text(
            "Putin.\u{a0}“Russia\u{200b} remains” — the\tlargest\u{feff}  supplier.\r\n",
        );
        assert_eq!(got, "Putin. “Russia remains” — the largest supplier.");
    }

    #[test]
    fn paragraphs_and_list_items_keep_their_layout() {
        let input =
            "Headline here\n\n\n\nFirst paragraph.\n\n  • one item;\n  • two items;\nNext line.";
        assert_eq!(
            normalize_text(input),
            "Headline here\n\nFirst paragraph.\n\n• one item;\n• two items;\nNext line."
        );
    }

    #[test]
    fn hard_wrapped_newswire_is_unwrapped_at_indented_paragraphs() {
        let input = "Showers continued throughout the week in the cocoa zone,\n\
                     alleviating the drought since early January and improving\n\
                     prospects for the coming harvest, the exporters said.\n    \
                     The dry period means the harvest will be late this year\n\
                     and arrivals will stay low.\n";
        assert_eq!(
            normalize_text(input),
            "Showers continued throughout the week in the cocoa zone, alleviating the drought \
             since early January and improving prospects for the coming harvest, the exporters \
             said.\n\nThe dry period means the harvest will be late this year and arrivals will \
             stay low."
        );
    }

    #[test]
    fn short_lines_are_not_mistaken_for_wrapping() {
        let input = "Home\nWorld\nPolitics\nBusiness\nSport";
        assert_eq!(normalize_text(input), input);
        let long = "a".repeat(300);
        let input = format!("{long}\n{long}\n{long}");
        assert_eq!(normalize_text(&input), input);
    }

    #[test]
    fn empty_and_blank_input() {
        assert_eq!(normalize_text(""), "");
        assert_eq!(normalize_text(" \n\u{a0}\n\t"), "");
    }
}
