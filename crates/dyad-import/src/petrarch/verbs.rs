//! PETRARCH verb dictionaries and discard lists → dyad verb lines (see the parent module's
//! docs for the mapping).

use super::{bracket, plural, strip_comment, strip_html_comments, CodePolicy};
use crate::{Report, Skipped};
use dyad_code::CodeTable;
use dyad_core::CameoCode;
use std::collections::{HashMap, HashSet};

/// Most patterns one PETRARCH pattern may become when multi-word synset members multiply.
const MAX_EXPANSION: usize = 64;

/// One dyad verb line.
struct Line {
    /// The PETRARCH code (first of a pair), before stand-ins.
    code: String,
    pattern: String,
    mutual: bool,
    /// The reverse (target → source) code of a paired code `[032:033]`, before stand-ins.
    reverse: Option<String>,
    /// The PETRARCH line it comes from.
    source: usize,
}

/// A converted verb file.
pub(super) struct Converted {
    lines: Vec<Line>,
    skipped_codes: Vec<(usize, String)>,
    /// The PETRARCH file, which skip reports name.
    pub(super) input: std::path::PathBuf,
}

impl Converted {
    /// The dyad text.
    pub(super) fn render(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&format!("# line {}\n{} | {}", l.source, l.code, l.pattern));
            let mut flags = Vec::new();
            if l.mutual {
                flags.push("mutual".to_owned());
            }
            if let Some(r) = &l.reverse {
                flags.push(format!("reverse={r}"));
            }
            if !flags.is_empty() {
                out.push_str(&format!(" | {}", flags.join(" ")));
            }
            out.push('\n');
        }
        out
    }

    /// Number of patterns.
    pub(super) fn count(&self) -> usize {
        self.lines.len()
    }
}

/// A verb of a block: its words, which one inflects, and its listed forms.
struct Verb {
    words: Vec<String>,
    at: usize,
    /// Irregular forms of the inflecting word; `Some` when `{…}` was written.
    forms: Option<Vec<String>>,
    code: Option<String>,
    line: usize,
}

impl Verb {
    fn element(&self) -> String {
        let w = &self.words[self.at];
        match &self.forms {
            None => format!("+{w}"),
            Some(forms) => {
                let mut alts = vec![format!("+{w}")];
                for f in forms {
                    if !alts.contains(f) {
                        alts.push(f.clone());
                    }
                }
                alts.join("|")
            }
        }
    }

    /// The verb's elements, with the inflecting word as `verb_element`.
    fn elements(&self, verb_element: &str) -> Vec<String> {
        self.words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == self.at {
                    verb_element.to_owned()
                } else {
                    w.clone()
                }
            })
            .collect()
    }
}

#[derive(Default)]
struct Block {
    code: Option<String>,
    verbs: Vec<Verb>,
    patterns: Vec<(usize, String)>,
}

/// An atom of a pattern, and whether words may stand between it and the one before.
#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Verb,
    Target,
    Source,
    Compound,
    Skip,
    Syn(String),
    Word(String, bool),
}

/// Converts a verb file.
pub(super) fn convert_verbs(text: &str, skip: &mut impl FnMut(usize, String)) -> Converted {
    let text = strip_html_comments(text);
    let mut conv = Converted {
        lines: Vec::new(),
        skipped_codes: Vec::new(),
        input: std::path::PathBuf::new(),
    };
    let mut synsets: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let mut synset: Option<(String, bool)> = None;
    let mut block: Option<Block> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with("---") {
            synset = None;
            if let Some(b) = block.take() {
                emit_block(&b, &synsets, &mut conv, skip);
            }
            // As written (`032:033`): the verbs alone keep the pair's reverse code.
            let code = bracket(content).map(|c| c.trim().to_owned());
            block = Some(Block {
                code,
                ..Block::default()
            });
            continue;
        }
        if content.starts_with('~') {
            skip(
                line,
                "transformation not converted: dyad has no verb-in-verb rewriting (`~` rules)"
                    .into(),
            );
            continue;
        }
        if let Some(label) = content.strip_prefix('&') {
            let label = label.split_whitespace().next().unwrap_or("").to_uppercase();
            let no_plurals = label.ends_with('_');
            let label = label.trim_end_matches('_').to_owned();
            synsets.insert(label.clone(), Vec::new());
            synset = Some((label, no_plurals));
            continue;
        }
        if let (Some((label, no_plurals)), Some(member)) = (&synset, content.strip_prefix('+')) {
            let members = synset_member(member, *no_plurals, &synsets);
            match members {
                Ok(m) => {
                    if let Some(set) = synsets.get_mut(label) {
                        for x in m {
                            if !set.contains(&x) {
                                set.push(x);
                            }
                        }
                    }
                }
                Err(reason) => skip(line, reason),
            }
            continue;
        }
        synset = None;
        let Some(b) = block.as_mut() else {
            skip(
                line,
                format!(
                    "line outside a verb block: `{content}` comes before any `--- VERB [code] ---`"
                ),
            );
            continue;
        };
        if let Some(p) = content.strip_prefix('-') {
            b.patterns.push((line, p.trim().to_owned()));
            continue;
        }
        match parse_verb(content, line) {
            Some(v) => b.verbs.push(v),
            None => skip(line, format!("verb line not understood: `{content}`")),
        }
    }
    if let Some(b) = block.take() {
        emit_block(&b, &synsets, &mut conv, skip);
    }
    conv
}

/// The first code of `032:033`; `None` for the null code `---`.
fn primary_code(c: &str) -> Option<&str> {
    let c = c.split(':').next().unwrap_or("").trim();
    if c.is_empty() || c.chars().all(|ch| ch == '-') {
        None
    } else {
        Some(c)
    }
}

/// The reverse code of a paired code (`032:033` → 033; `031:031` → 031: "X will meet Y"
/// codes Y meeting X too, as PETRARCH does).
fn paired_code(c: &str) -> Option<String> {
    c.split_once(':')
        .map(|(_, b)| b.trim())
        .filter(|b| !b.is_empty() && !b.chars().all(|ch| ch == '-'))
        .map(str::to_owned)
}

/// `ABANDON`, `BREAK { BROKE BROKEN }`, `+CORDON_OFF {+CORDONED_OFF …}`, `WIRE_+TAP`,
/// `DOWNPLAY [014]`.
fn parse_verb(content: &str, line: usize) -> Option<Verb> {
    let code = bracket(content).map(|c| c.trim().to_owned());
    let head = content.split('[').next().unwrap_or("");
    let (phrase, forms) = match (head.find('{'), head.find('}')) {
        (Some(a), Some(b)) if a < b => (&head[..a], Some(&head[a + 1..b])),
        _ => (head, None),
    };
    let (words, at) = verb_words(phrase)?;
    let forms = forms.map(|f| {
        f.split_whitespace()
            .filter_map(|form| {
                let (w, a) = verb_words(form)?;
                w.get(a).cloned()
            })
            .collect::<Vec<_>>()
    });
    Some(Verb {
        words,
        at,
        forms,
        code,
        line,
    })
}

/// The lower-case words of a verb phrase and the index of the one marked `+` (else 0).
fn verb_words(phrase: &str) -> Option<(Vec<String>, usize)> {
    let mut words = Vec::new();
    let mut at = 0;
    for w in phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if let Some(v) = w.strip_prefix('+') {
            at = words.len();
            words.push(v.to_lowercase());
        } else {
            words.push(w.to_lowercase());
        }
    }
    let ok = !words.is_empty()
        && words
            .iter()
            .all(|w| !w.is_empty() && !w.contains(['|', ';', '*', '&', '$', '%', '^']));
    ok.then_some((words, at))
}

/// A synset member: its words (and plural), or other synsets' members (`+&TIETYPES`).
fn synset_member(
    member: &str,
    no_plurals: bool,
    synsets: &HashMap<String, Vec<Vec<String>>>,
) -> Result<Vec<Vec<String>>, String> {
    let member = member.trim();
    if let Some(name) = member.strip_prefix('&') {
        let name = name.trim().trim_end_matches('_').to_uppercase();
        return synsets
            .get(&name)
            .cloned()
            .ok_or_else(|| format!("undefined synset: `&{name}` is used before it is defined"));
    }
    let exact = no_plurals || member.ends_with('_');
    let words: Vec<String> = member
        .split(|c: char| c == '_' || c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let words = normalise(words);
    if words.is_empty() || words.iter().any(|w| w.contains(['|', ';'])) {
        return Err(format!("synset member not expressible: `{member}`"));
    }
    let mut out = vec![words.clone()];
    if !exact && words.last().is_some_and(|w| pluralisable(w)) {
        let mut p = words;
        if let Some(last) = p.last_mut() {
            *last = plural(last);
        }
        out.push(p);
    }
    Ok(out)
}

/// Splits clitics as dyad's tokenizer does: `don't` → `don 't`, Treebank `did n't` →
/// `didn 't`, `valentine's` → `valentine 's`.
fn normalise(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        if w == "n't" {
            if let Some(prev) = out.last_mut() {
                prev.push('n');
            }
            out.push("'t".into());
        } else if let Some(stem) = w.strip_suffix("'t").or_else(|| w.strip_suffix("'s")) {
            let clitic = w[stem.len()..].to_owned();
            if !stem.is_empty() {
                out.push(stem.to_owned());
            }
            out.push(clitic);
        } else {
            out.push(w);
        }
    }
    out
}

/// Reads a pattern's atoms; the flag says whether words may stand before the atom.
fn atoms(body: &str) -> Vec<(Atom, bool)> {
    let mut out: Vec<(Atom, bool)> = Vec::new();
    let mut gap = true;
    let mut brace = 0usize;
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '{' => {
                brace += 1;
                gap = true;
                i += 1;
            }
            '}' => {
                brace = brace.saturating_sub(1);
                gap = true;
                i += 1;
            }
            '(' | ')' => {
                gap = true;
                i += 1;
            }
            c if c.is_whitespace() => {
                if brace == 0 {
                    gap = true;
                }
                i += 1;
            }
            '_' => {
                // `WORD_` before a blank: the word exactly; otherwise a connector.
                let end = chars
                    .get(i + 1)
                    .is_none_or(|n| n.is_whitespace() || matches!(n, ')' | '}'));
                if end {
                    if let Some((Atom::Word(_, exact), _)) = out.last_mut() {
                        *exact = true;
                    }
                    gap = true;
                }
                i += 1;
            }
            '*' | '+' | '$' | '%' | '^' => {
                let atom = match c {
                    '*' => Atom::Verb,
                    '+' => Atom::Target,
                    '$' => Atom::Source,
                    '%' => Atom::Compound,
                    _ => Atom::Skip,
                };
                out.push((atom, gap));
                gap = false;
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '_' | '(' | ')' | '{' | '}' | '*')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let atom = match word.strip_prefix('&') {
                    Some(name) => Atom::Syn(name.to_uppercase()),
                    None => Atom::Word(word.to_lowercase(), false),
                };
                out.push((atom, gap));
                gap = false;
            }
        }
    }
    out
}

/// Converts a block: its verbs alone, and its patterns for every verb.
fn emit_block(
    b: &Block,
    synsets: &HashMap<String, Vec<Vec<String>>>,
    conv: &mut Converted,
    skip: &mut impl FnMut(usize, String),
) {
    // The verb alone, with its own code or the block's.
    // "--- ARRIVE [032:033] ---": the verb alone keeps the paired code's reverse.
    let mut by_code: Vec<(String, Option<String>, Vec<&Verb>)> = Vec::new();
    for v in &b.verbs {
        let raw = match v.code.as_deref() {
            Some(c) => Some(c),
            None => b.code.as_deref(),
        };
        let code = match v.code.as_deref() {
            Some(c) => primary_code(c),
            None => b.code.as_deref().and_then(primary_code),
        };
        let Some(code) = code else { continue };
        let reverse = raw.and_then(paired_code);
        match by_code
            .iter_mut()
            .find(|(c, r, _)| c == code && *r == reverse)
        {
            Some((_, _, vs)) => vs.push(v),
            None => by_code.push((code.to_owned(), reverse, vec![v])),
        }
    }
    for (code, reverse, verbs) in by_code {
        let singles: Vec<String> = verbs
            .iter()
            .filter(|v| v.words.len() == 1)
            .map(|v| v.element())
            .collect();
        if !singles.is_empty() {
            conv.lines.push(Line {
                code: code.clone(),
                pattern: singles.join("|"),
                mutual: false,
                reverse: reverse.clone(),
                source: verbs[0].line,
            });
        }
        for v in verbs.iter().filter(|v| v.words.len() > 1) {
            conv.lines.push(Line {
                code: code.clone(),
                pattern: v.elements(&v.element()).join(" "),
                mutual: false,
                reverse: reverse.clone(),
                source: v.line,
            });
        }
    }
    // The verb elements the patterns' `*` stands for.
    let mut verb_forms: Vec<Vec<String>> = Vec::new();
    let singles: Vec<String> = b
        .verbs
        .iter()
        .filter(|v| v.words.len() == 1)
        .map(|v| v.element())
        .collect();
    if !singles.is_empty() {
        verb_forms.push(vec![singles.join("|")]);
    }
    for v in b.verbs.iter().filter(|v| v.words.len() > 1) {
        verb_forms.push(v.elements(&v.element()));
    }
    for (line, p) in &b.patterns {
        if verb_forms.is_empty() {
            skip(
                *line,
                "pattern without a verb: its block lists no verb".to_owned(),
            );
            continue;
        }
        match convert_pattern(p, &verb_forms, synsets) {
            Ok((code, patterns, mutual, reverse)) => {
                for pattern in patterns {
                    conv.lines.push(Line {
                        code: code.clone(),
                        pattern,
                        mutual,
                        reverse: reverse.clone(),
                        source: *line,
                    });
                }
            }
            Err(reason) => skip(*line, reason),
        }
    }
}

type Patterns = (String, Vec<String>, bool, Option<String>);

/// One PETRARCH pattern (`* DIPLOMATIC TIES [064]`) for every verb form of its block:
/// the code, the dyad patterns, the `mutual` flag and the reverse code of a paired code.
fn convert_pattern(
    p: &str,
    verb_forms: &[Vec<String>],
    synsets: &HashMap<String, Vec<Vec<String>>>,
) -> Result<Patterns, String> {
    let Some(raw_code) = bracket(p) else {
        return Err(format!("pattern without a code: `- {p}`"));
    };
    let raw_code = raw_code.trim();
    let Some(code) = primary_code(raw_code) else {
        return Err(format!(
            "null code not expressible: `- {p}` blocks shorter patterns; dyad has no null code"
        ));
    };
    // A paired code `[032:033]` also codes the target → source event (the `reverse` flag);
    // `[030:030]` is a reciprocal act, which `%` marks.
    let reverse = raw_code
        .split_once(':')
        .filter(|(a, b)| a.trim() != b.trim())
        .map(|(_, b)| b.trim().to_owned());
    let body = p.split('[').next().unwrap_or("");
    let atoms = atoms(body);
    let Some(verb_at) = atoms.iter().position(|(a, _)| *a == Atom::Verb) else {
        return Err(format!("pattern without `*`: `- {p}` has no verb position"));
    };
    if atoms.iter().any(|(a, _)| *a == Atom::Source) {
        return Err(format!(
            "source position not expressible: `- {p}` places the source (`$`); dyad's source \
             is the subject, or the by-phrase of a passive"
        ));
    }
    if matches!(atoms.first(), Some((Atom::Target, _))) {
        return Err(format!(
            "target before the verb not expressible: `- {p}` starts with `+`; dyad's target \
             follows the verb (a passive's subject is its target without a pattern)"
        ));
    }
    let mut mutual = false;
    // Each atom becomes a list of alternatives, each a run of dyad elements.
    let mut slots: Vec<Vec<Vec<String>>> = Vec::new();
    for (i, (atom, gap)) in atoms.iter().enumerate() {
        if *gap && i > 0 && !slots.is_empty() {
            slots.push(vec![vec!["*".into()]]);
        }
        let slot: Vec<Vec<String>> = match atom {
            Atom::Verb => verb_forms.to_vec(),
            Atom::Target => vec![vec!["@".into()]],
            Atom::Compound if i < verb_at => {
                mutual = true;
                continue;
            }
            Atom::Compound => vec![vec!["@".into()]],
            Atom::Skip => vec![vec!["^".into()]],
            // Rejected above.
            Atom::Source => continue,
            Atom::Syn(name) => {
                let name = name.trim_end_matches('_');
                let Some(members) = synsets.get(name) else {
                    return Err(format!(
                        "undefined synset: `&{name}` in `- {p}` is not defined before it"
                    ));
                };
                alternatives(members)
            }
            Atom::Word(w, exact) => {
                let w = w.trim_end_matches('_');
                if w.is_empty() || w.contains(['|', ';', '@']) {
                    return Err(format!("word not expressible: `{w}` in `- {p}`"));
                }
                let words = normalise(vec![w.to_owned()]);
                let last = words.len() - 1;
                let mut run = words.clone();
                if !exact && pluralisable(&words[last]) {
                    run[last] = format!("{}|{}", words[last], plural(&words[last]));
                }
                vec![run]
            }
        };
        slots.push(slot);
    }
    let total: usize = slots.iter().map(Vec::len).product();
    if total > MAX_EXPANSION {
        return Err(format!(
            "synset expansion too large: `- {p}` would make {total} patterns (at most \
             {MAX_EXPANSION}); list fewer multi-word members"
        ));
    }
    let mut patterns: Vec<Vec<String>> = vec![Vec::new()];
    for slot in &slots {
        let mut next = Vec::with_capacity(patterns.len() * slot.len());
        for p in &patterns {
            for alt in slot {
                let mut q = p.clone();
                q.extend(alt.iter().cloned());
                next.push(q);
            }
        }
        patterns = next;
    }
    let mut out = Vec::new();
    for mut els in patterns {
        els.dedup_by(|a, b| a == "*" && b == "*");
        // A gap or skip (`^`) at either end matches nothing dyad needs.
        while els.last().is_some_and(|e| e == "*" || e == "^") {
            els.pop();
        }
        while els.first().is_some_and(|e| e == "*" || e == "^") {
            els.remove(0);
        }
        if els.first().is_some_and(|e| e == "@") {
            return Err(format!(
                "target before the verb not expressible: `- {p}` starts with the target"
            ));
        }
        if els.iter().filter(|e| *e == "@").count() > 1 {
            return Err(format!("two targets not expressible: `- {p}`"));
        }
        let text = els.join(" ");
        if !out.contains(&text) {
            out.push(text);
        }
    }
    Ok((code.to_owned(), out, mutual, reverse))
}

/// Words that take no plural: function words, and words that already end in `s`.
fn pluralisable(w: &str) -> bool {
    const NONE: &[&str] = &[
        "a", "an", "the", "to", "in", "on", "at", "by", "of", "for", "from", "with", "into",
        "onto", "about", "against", "over", "under", "near", "between", "after", "before",
        "through", "toward", "towards", "up", "down", "out", "off", "not", "no", "never", "will",
        "would", "shall", "should", "can", "could", "may", "might", "must", "have", "has", "had",
        "was", "were", "is", "are", "be", "been", "being", "am", "do", "does", "did", "said",
        "say", "and", "or", "nor", "neither", "that", "this", "their", "its", "his", "her", "our",
        "it", "they", "he", "she", "we", "so", "now", "again", "also", "very", "more", "most",
        "than", "then", "as", "if", "when", "while",
    ];
    w.chars().all(char::is_alphabetic)
        && !w.ends_with('s')
        && !w.ends_with("ed")
        && !w.ends_with("ly")
        && !NONE.contains(&w)
}

/// A synset's members as slot alternatives: all single words in one `a|b|c` element, each
/// multi-word member a run of its own.
fn alternatives(members: &[Vec<String>]) -> Vec<Vec<String>> {
    let singles: Vec<&str> = members
        .iter()
        .filter(|m| m.len() == 1)
        .map(|m| m[0].as_str())
        .collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    if !singles.is_empty() {
        out.push(vec![singles.join("|")]);
    }
    for m in members.iter().filter(|m| m.len() > 1) {
        out.push(m.clone());
    }
    out
}

/// Checks every line's code against dyad's CAMEO table: codes outside it are dropped
/// (reported) or get stand-ins. Returns the stand-ins as (stand-in, original).
pub(super) fn assign_codes(
    files: &mut [(String, Converted)],
    policy: CodePolicy,
    report: &mut Report,
) -> Vec<(String, String)> {
    let table = CodeTable::builtin();
    let known = |c: &str| {
        CameoCode::new(c)
            .ok()
            .is_some_and(|c| table.get(&c).is_some())
    };
    let used: HashSet<String> = files
        .iter()
        .flat_map(|(_, c)| c.lines.iter())
        .flat_map(|l| std::iter::once(&l.code).chain(l.reverse.as_ref()))
        .filter(|c| known(c))
        .cloned()
        .collect();
    let mut stand_ins: Vec<(String, String)> = Vec::new();
    let mut free: Vec<String> = {
        let all: Vec<String> = table.iter().map(|i| i.code.to_string()).collect();
        let mut ordered = Vec::new();
        for root in ["02", "03", "13", "01"] {
            ordered.extend(all.iter().filter(|c| c.starts_with(root)).cloned());
        }
        ordered.extend(
            all.iter()
                .filter(|c| !["02", "03", "13", "01"].contains(&&c[..2]))
                .cloned(),
        );
        // Never a code the coder turns intended acts into (064 → 0314), which would read
        // back as the stand-in's original.
        let intent_targets: HashSet<&str> = dyad_code::IntentTable::builtin()
            .map(|t| t.targets().map(|c| c.as_str()).collect())
            .unwrap_or_default();
        ordered.retain(|c| !used.contains(c) && !intent_targets.contains(c.as_str()));
        ordered.reverse();
        ordered
    };
    let mut map: HashMap<String, Option<String>> = HashMap::new();
    for (_, conv) in files.iter_mut() {
        let mut kept = Vec::with_capacity(conv.lines.len());
        for mut l in std::mem::take(&mut conv.lines) {
            // A reverse code outside CAMEO takes a stand-in too, or is dropped: the event
            // itself still codes.
            if let Some(r) = l.reverse.clone().filter(|r| !known(r)) {
                l.reverse = match policy {
                    CodePolicy::Skip => None,
                    CodePolicy::StandIn => map
                        .entry(r.clone())
                        .or_insert_with(|| {
                            let s = free.pop();
                            if let Some(s) = &s {
                                stand_ins.push((s.clone(), r.clone()));
                            }
                            s
                        })
                        .clone(),
                };
            }
            if known(&l.code) {
                kept.push(l);
                continue;
            }
            let replacement = match policy {
                CodePolicy::Skip => None,
                CodePolicy::StandIn => map
                    .entry(l.code.clone())
                    .or_insert_with(|| {
                        let s = free.pop();
                        if let Some(s) = &s {
                            stand_ins.push((s.clone(), l.code.clone()));
                        }
                        s
                    })
                    .clone(),
            };
            match replacement {
                Some(s) => {
                    l.code = s;
                    kept.push(l);
                }
                None => {
                    if !conv.skipped_codes.iter().any(|(n, _)| *n == l.source) {
                        conv.skipped_codes.push((l.source, l.code.clone()));
                    }
                }
            }
        }
        conv.lines = kept;
        for (line, code) in &conv.skipped_codes {
            report.skipped.push(Skipped {
                file: conv.input.clone(),
                line: *line,
                reason: format!(
                    "code outside CAMEO: `{code}` is not in dyad's CAMEO table, so the \
                     pattern could never code"
                ),
            });
        }
    }
    stand_ins
}

/// Converts a discard list; returns the dyad text and its number of patterns.
pub(super) fn convert_discards(
    text: &str,
    skip: &mut impl FnMut(usize, String),
) -> (String, usize) {
    let text = strip_html_comments(text);
    let mut out = String::new();
    let mut count = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        let (story, phrase) = match content.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, content),
        };
        let exact = phrase.ends_with('_');
        let words: Vec<String> = phrase
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut words = normalise(words);
        if words.is_empty() || words.iter().any(|w| w.contains(['|', ';', '*', '@'])) {
            skip(line, format!("discard not expressible: `{content}`"));
            continue;
        }
        if !exact {
            if let Some(last) = words.last_mut() {
                if pluralisable(last) {
                    *last = format!("{last}|{}", plural(last));
                }
            }
        }
        if story {
            skip(
                line,
                format!(
                    "partly converted, story discard applies to its sentence: `{content}`; \
                     dyad decides sentence by sentence"
                ),
            );
        }
        out.push_str(&format!("# line {line}\n010 | {}\n", words.join(" ")));
        count += 1;
    }
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verbs(text: &str) -> (Vec<String>, Vec<(usize, String)>) {
        let mut skipped = Vec::new();
        let conv = convert_verbs(text, &mut |l, r| skipped.push((l, r)));
        let lines = conv
            .render()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        (lines, skipped)
    }

    fn parses(lines: &[String]) {
        let inf = dyad_code::Inflector::builtin();
        let (_, errors) = dyad_code::parse_verbs("t.txt", &lines.join("\n"), &inf);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn petrarch1_patterns_become_dyad_patterns() {
        let text = "--- RESTORE  [064]  ---\nRESTORE    # pas\n- * DIPLOMATIC  [064]\n- NOT * RELATIONS  [112]\n- * THE_FULL_ [0311]\n- IN_*_OUT [074]\n";
        let (lines, skipped) = verbs(text);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(
            lines,
            [
                "064 | +restore",
                "064 | +restore * diplomatic|diplomatics",
                "112 | not * +restore * relations",
                "0311 | +restore * the full",
                "074 | in +restore out",
            ]
        );
        parses(&lines);
    }

    #[test]
    fn targets_compounds_and_skips_map_to_dyad_elements() {
        let text = "--- AGREE  [081] ---\nAGREE\n- * WITH % [031]\n- % * [030:030]\n- * EID AT ^ WITH +  [043]\n- NOTED + * [115]\n";
        let (lines, skipped) = verbs(text);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(
            lines,
            [
                "081 | +agree",
                "031 | +agree * with * @",
                "030 | +agree | mutual",
                "043 | +agree * eid|eids * at * ^ * with * @",
                "115 | noted * @ * +agree",
            ]
        );
        parses(&lines);
    }

    #[test]
    fn what_dyad_cannot_express_is_reported() {
        let text = "--- EXTRADITE  [174]  ---\nEXTRADITE\n- + WAS_ *  [174]\n- $ NOT * ^ TO_ +  [124]\n- * RELIEF [---]\n- * WITHOUT CODE\n- NO VERB [010]\n- * &NOPE [010]\n- * ARRIVAL [032:033]\n~ a (a b ATTACK) SAY = a b 015\n";
        let (lines, skipped) = verbs(text);
        let reasons: Vec<&str> = skipped
            .iter()
            .map(|(_, r)| r.split(':').next().unwrap_or(""))
            .collect();
        assert_eq!(
            reasons,
            [
                "transformation not converted",
                "target before the verb not expressible",
                "source position not expressible",
                "null code not expressible",
                "pattern without a code",
                "pattern without `*`",
                "undefined synset",
            ],
            "{skipped:?}"
        );
        assert_eq!(
            lines,
            [
                "174 | +extradite",
                "032 | +extradite * arrival|arrivals | reverse=033"
            ]
        );
    }

    #[test]
    fn a_verb_alone_keeps_its_paired_code() {
        let text = "--- ARRIVE  [032:033]  ---\nARRIVE\n--- MEET  [031:031]  ---\nMEET\n";
        let (lines, skipped) = verbs(text);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(
            lines,
            ["032 | +arrive | reverse=033", "031 | +meet | reverse=031"]
        );
        parses(&lines);
    }

    #[test]
    fn synsets_expand_into_alternatives_and_patterns() {
        let text = "&TIETYPES\n+MILITARY\n+ECONOMIC\n&CURRENCY\n+DOLLAR\n+SWISS FRANCS_\n&NEG_\n+DID N'T\n+WILL NOT\n--- ABANDON [345] ---\nABANDON\n- * NEW_&TIETYPES_RELATIONS [903]\n- &NEG * [904]\n--- CONTRIBUTE [070] ---\nCONTRIBUTE\n- * &CURRENCY [903]\n";
        let (lines, skipped) = verbs(text);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(
            lines,
            [
                "345 | +abandon",
                "903 | +abandon * new|news military|militaries|economic|economics relations",
                "904 | didn 't * +abandon",
                "904 | will not * +abandon",
                "070 | +contribute",
                "903 | +contribute * dollar|dollars",
                "903 | +contribute * swiss francs",
            ]
        );
    }

    #[test]
    fn block_verbs_share_patterns_and_multiword_verbs_stay_whole() {
        let text = "--- DELAY [120] ---\nDELAY\nDOWNPLAY [014]\nBREAK { BROKE BROKEN }\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}\nWIRE_+TAP\n- % HAVE * [191]\n--- ACCELERATE [---] ---\nRUSH\n- * (TO BORDER) [154]\n- * {ARMS SHIPMENT} [072]\n";
        let (lines, skipped) = verbs(text);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(
            lines,
            [
                "120 | +delay|+break|broke|broken",
                "120 | +cordon|cordoned|cordons off",
                "120 | wire +tap",
                "014 | +downplay",
                "191 | have * +delay|+downplay|+break|broke|broken | mutual",
                "191 | have * +cordon|cordoned|cordons off | mutual",
                "191 | have * wire +tap | mutual",
                "154 | +rush * to * border|borders",
                "072 | +rush * arms shipment|shipments",
            ]
        );
        parses(&lines);
    }

    #[test]
    fn discards_keep_their_words_and_note_story_discards() {
        let mut skipped = Vec::new();
        let (out, n) = convert_discards(
            "# c\nMONTHS LATER\n+TYPHOON   # x\nWORLD_CUP_\n",
            &mut |l, r| skipped.push((l, r)),
        );
        assert_eq!(n, 3);
        let lines: Vec<&str> = out.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            lines,
            [
                "010 | months later|laters",
                "010 | typhoon|typhoons",
                "010 | world cup"
            ]
        );
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].0, 3);
    }
}
