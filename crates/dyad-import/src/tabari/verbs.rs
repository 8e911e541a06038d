//! TABARI `.verbs` files → dyad verb patterns and discards.
//!
//! A TABARI verb is a root line `VERB [CODE]`, an optional line of irregular forms
//! `{ FORM FORM … }`, and pattern lines `- PATTERN [CODE]` in which `*` stands for the verb.
//! Each root and each pattern becomes one dyad line (`CODE | pattern; pattern…`): a TABARI
//! pattern can become several dyad patterns when it holds `{ a | b }` alternatives or
//! `&SYNSET`s of several words.
//!
//! Elements:
//!
//! | TABARI | dyad |
//! |---|---|
//! | `WORD` (a stem) | the word with English endings (`words::STEM_SUFFIXES`) as alternatives |
//! | `WORD_` / `WORD=` | the whole word (verbs with TABARI's regular endings) / exactly it |
//! | words separated by a space | `*` between them (dyad's gap is at most four words) |
//! | words joined by `_` | consecutive elements |
//! | `*` | the verb: its forms as alternatives, then the rest of the root phrase |
//! | `{ a \| b }`, `&SYNSET` | alternatives `a\|b` when single words, else one pattern each |
//! | `+` after the verb | `@` (the target stands here); at the end, dropped: dyad takes the first actor after the pattern |
//! | `$` right before the first word (the verb or a word before it) | the `source-before` flag: the actor right before the pattern is the source |
//! | `$` before the first word, not right before it; `+`, `%` before the first or after the last word | dropped: dyad finds the source by its own rules (subject, or the `by` phrase of a passive); `%` sets the `mutual` flag |
//! | `$` between two words or after the last | `$` (the source stands here) |
//! | `%` between two words | not converted: a dyad gap never contains an actor |
//! | `^` | `^` (an actor, or a phrase without one, is skipped) |
//! | a dominant code `[031!]` | the `dominant` flag |

use super::words::Word;
use super::Output;
use dyad_code::CodeTable;
use dyad_core::CameoCode;
use std::collections::HashMap;
use std::path::Path;

/// Most dyad patterns one TABARI pattern may expand into.
const MAX_EXPANSION: usize = 256;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Alternative words; `true` when they are the verb (regular endings apply).
    Word(Vec<Word>, bool),
    Verb,
    Target,
    Source,
    Compound,
    Skip,
    Synset(String),
    Open,
    Bar,
    Close,
}

#[derive(Debug, Clone, PartialEq)]
struct T {
    tok: Tok,
    /// Joined to the token before by `_` (must follow it immediately).
    joined: bool,
    /// Part of the verb (what `*` stands for).
    verb: bool,
}

fn tokenize(text: &str) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    let mut force_join = false;
    for chunk in text.split_whitespace() {
        // TABARI reads a dictionary's hyphens as underscores ("ANTI-" is "ANTI_").
        let pieces: Vec<&str> = chunk.split(['_', '-']).collect();
        let mut prev_in_chunk = false;
        for (k, piece) in pieces.iter().enumerate() {
            if piece.is_empty() {
                continue;
            }
            let followed = k + 1 < pieces.len();
            let joined = prev_in_chunk || force_join;
            force_join = false;
            prev_in_chunk = true;
            let tok = match *piece {
                "*" => Tok::Verb,
                "+" => Tok::Target,
                "$" => Tok::Source,
                "%" => Tok::Compound,
                "^" => Tok::Skip,
                "{" => Tok::Open,
                "|" => Tok::Bar,
                "}" => Tok::Close,
                p if p.starts_with('&') && p.len() > 1 => Tok::Synset(p[1..].to_uppercase()),
                p => {
                    if p.contains(['*', '+', '$', '%', '^', '{', '}', '|', '&', '[', ']', '@']) {
                        return Err(format!("cannot read `{p}`"));
                    }
                    if p.ends_with('~') {
                        force_join = true;
                    }
                    let up = p.to_uppercase();
                    // dyad's tokens split the clitics: "didn't" is "didn" + "'t".
                    let clitic = ["'T", "'S", "’T", "’S"]
                        .iter()
                        .find_map(|c| up.strip_suffix(c).map(|s| (s, *c)))
                        .filter(|(s, _)| !s.is_empty());
                    if let Some((stem, c)) = clitic {
                        out.push(T {
                            tok: Tok::Word(vec![Word::parse(stem, true)], false),
                            joined,
                            verb: false,
                        });
                        out.push(T {
                            tok: Tok::Word(vec![Word::parse(c, true)], false),
                            joined: true,
                            verb: false,
                        });
                        continue;
                    }
                    Tok::Word(vec![Word::parse(&up, followed)], false)
                }
            };
            out.push(T {
                tok,
                joined,
                verb: false,
            });
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
enum Node {
    T(T),
    Alt(Vec<Vec<Node>>, bool),
}

fn parse_nodes(toks: &[T], pos: &mut usize) -> Result<Vec<Node>, String> {
    let mut out = Vec::new();
    while let Some(t) = toks.get(*pos) {
        match t.tok {
            Tok::Bar | Tok::Close => return Ok(out),
            Tok::Open => {
                *pos += 1;
                let mut alts = Vec::new();
                loop {
                    alts.push(parse_nodes(toks, pos)?);
                    match toks.get(*pos).map(|t| &t.tok) {
                        Some(Tok::Bar) => *pos += 1,
                        Some(Tok::Close) => {
                            *pos += 1;
                            break;
                        }
                        _ => return Err("`{` without its `}`".into()),
                    }
                }
                out.push(Node::Alt(alts, t.joined));
            }
            _ => {
                out.push(Node::T(t.clone()));
                *pos += 1;
            }
        }
    }
    Ok(out)
}

/// What `*` and `&NAME` stand for while expanding.
struct Ctx<'a> {
    synsets: &'a HashMap<String, Vec<Vec<T>>>,
    verb: &'a [Vec<T>],
}

fn expand_tokens(toks: &[T], ctx: &Ctx<'_>, depth: usize) -> Result<Vec<Vec<T>>, String> {
    let mut pos = 0;
    let nodes = parse_nodes(toks, &mut pos)?;
    if pos < toks.len() {
        return Err("`|` or `}` outside `{ … }`".into());
    }
    expand(&nodes, ctx, depth)
}

fn rejoin(mut seqs: Vec<Vec<T>>, joined: bool, verb: bool) -> Vec<Vec<T>> {
    for s in &mut seqs {
        if let Some(f) = s.first_mut() {
            f.joined = joined;
        }
        if verb {
            for t in s.iter_mut() {
                t.verb = true;
            }
        }
    }
    seqs
}

fn expand(nodes: &[Node], ctx: &Ctx<'_>, depth: usize) -> Result<Vec<Vec<T>>, String> {
    if depth > 8 {
        return Err("synsets refer to each other too deeply".into());
    }
    let mut acc: Vec<Vec<T>> = vec![Vec::new()];
    for node in nodes {
        let options = match node {
            Node::T(t) => match &t.tok {
                Tok::Synset(name) => {
                    let members = ctx
                        .synsets
                        .get(name)
                        .ok_or_else(|| format!("synset &{name} is not defined"))?;
                    let mut v = Vec::new();
                    for m in members {
                        v.extend(rejoin(expand_tokens(m, ctx, depth + 1)?, t.joined, t.verb));
                    }
                    v
                }
                Tok::Verb => rejoin(ctx.verb.to_vec(), t.joined, true),
                _ => vec![vec![t.clone()]],
            },
            Node::Alt(alts, joined) => {
                let mut v = Vec::new();
                for a in alts {
                    v.extend(rejoin(expand(a, ctx, depth + 1)?, *joined, false));
                }
                v
            }
        };
        let options = merge_single_words(options);
        let mut next = Vec::with_capacity(acc.len() * options.len());
        for a in &acc {
            for o in &options {
                let mut s = a.clone();
                s.extend(o.iter().cloned());
                next.push(s);
            }
        }
        if next.len() > MAX_EXPANSION {
            return Err(format!(
                "its alternatives expand to more than {MAX_EXPANSION} patterns"
            ));
        }
        acc = next;
    }
    Ok(acc)
}

/// Alternatives that are one word each become one element with several forms; longer
/// alternatives stay patterns of their own.
fn merge_single_words(options: Vec<Vec<T>>) -> Vec<Vec<T>> {
    let single = |o: &Vec<T>| o.len() == 1 && matches!(o[0].tok, Tok::Word(..));
    if options.iter().filter(|o| single(o)).count() < 2 {
        return options;
    }
    let mut words = Vec::new();
    let mut verb_endings = false;
    let mut first: Option<&T> = None;
    let mut verb = false;
    for o in options.iter().filter(|o| single(o)) {
        if let Tok::Word(w, v) = &o[0].tok {
            words.extend(w.iter().cloned());
            verb_endings |= v;
        }
        first.get_or_insert(&o[0]);
        verb |= o[0].verb;
    }
    let joined = first.is_some_and(|t| t.joined);
    let mut out = vec![vec![T {
        tok: Tok::Word(words, verb_endings),
        joined,
        verb,
    }]];
    out.extend(options.iter().filter(|o| !single(o)).cloned());
    out
}

/// One flat sequence as dyad pattern text; `notes` collects what was dropped.
fn render(seq: &[T], notes: &mut Vec<&'static str>) -> Result<(String, bool, bool), String> {
    let is_word = |t: &T| matches!(t.tok, Tok::Word(..));
    let (Some(first), Some(last)) = (seq.iter().position(is_word), seq.iter().rposition(is_word))
    else {
        return Err("no words to match".into());
    };
    let verb_at = seq.iter().position(|t| t.verb);
    // "* AT ^ +": a skip after the last word skips something when a target follows it, and
    // the target then stands after what was skipped ("warned at the Gondor of the Prince").
    let skip_then_target = seq.iter().enumerate().skip(last + 1).any(|(i, t)| {
        matches!(t.tok, Tok::Skip) && seq[i + 1..].iter().any(|u| matches!(u.tok, Tok::Target))
    });
    let last = if skip_then_target && verb_at.is_some_and(|v| v <= last) {
        seq.iter()
            .rposition(|t| matches!(t.tok, Tok::Target))
            .unwrap_or(last)
    } else {
        last
    };
    let mut out: Vec<String> = Vec::new();
    let mut mutual = false;
    let mut source_before = false;
    let mut targets = 0;
    let mut sources = 0;
    for (i, t) in seq.iter().enumerate() {
        let edge = i < first || i > last;
        match &t.tok {
            Tok::Word(words, verb) => {
                let mut forms: Vec<String> =
                    words.iter().flat_map(|w| w.pattern_forms(*verb)).collect();
                forms.sort();
                forms.dedup();
                if !out.is_empty() && !t.joined {
                    out.push("*".into());
                }
                out.push(forms.join("|"));
            }
            Tok::Target if edge => {
                if i < first {
                    notes.push("the target `+` before the verb is dropped (dyad's target follows the verb, except in the passive)");
                }
            }
            Tok::Target if verb_at.is_some_and(|v| i > v) => {
                if !t.joined {
                    out.push("*".into());
                }
                out.push("@".into());
                targets += 1;
            }
            // "ANTI- + PARADE": dyad's `@` may stand between words before the verb too.
            Tok::Target => {
                if !t.joined {
                    out.push("*".into());
                }
                out.push("@".into());
                targets += 1;
            }
            // "$ HOSTING …": the source stands right before the pattern (`source-before`).
            Tok::Source if i + 1 == first => {
                source_before = true
            }
            // "PESO_$", "BY_ $": the source stands after the pattern's last word.
            Tok::Source if i > last => {
                if !t.joined {
                    out.push("*".into());
                }
                out.push("$".into());
                sources += 1;
            }
            Tok::Source if edge => notes.push(
                "the source `$` is dropped (dyad takes the subject, or the `by` phrase of a passive)",
            ),
            // "SAID $ *": dyad's `$` names the source between words.
            Tok::Source => {
                if !t.joined {
                    out.push("*".into());
                }
                out.push("$".into());
                sources += 1;
            }
            Tok::Compound if edge => mutual = true,
            Tok::Compound => {
                return Err("a compound `%` between words: dyad's gaps never contain an actor".into())
            }
            // A skip before the first or after the last word skips nothing dyad matches.
            Tok::Skip if edge => {}
            Tok::Skip => {
                if !t.joined {
                    out.push("*".into());
                }
                out.push("^".into());
            }
            Tok::Verb | Tok::Synset(_) | Tok::Open | Tok::Bar | Tok::Close => {
                return Err("unbalanced `{ … }`".into())
            }
        }
    }
    if targets > 1 {
        return Err("more than one target `+` after the verb".into());
    }
    if sources > 1 {
        return Err("more than one source `$` between words".into());
    }
    if mutual {
        notes.push("`%` becomes the `mutual` flag (a compound subject codes both directions)");
    }
    Ok((out.join(" "), mutual, source_before))
}

/// A TABARI event code.
#[derive(Debug, Clone, PartialEq, Eq)]
enum VCode {
    Null,
    Discard,
    Complex,
    Event {
        code: String,
        pair: Option<String>,
        subordinate: bool,
        dominant: bool,
    },
}

fn parse_code(raw: &str) -> Result<VCode, String> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    Ok(match s.as_str() {
        "---" => VCode::Null,
        "###" => VCode::Discard,
        "+++" => VCode::Complex,
        "" => return Err("empty code `[]`".into()),
        _ => {
            let subordinate = s.ends_with('?');
            let dominant = s.ends_with('!');
            let s = s.trim_end_matches(['?', '!']);
            let (code, pair) = match s.split_once(':') {
                Some((a, b)) => (a.to_owned(), Some(b.to_owned())),
                None => (s.to_owned(), None),
            };
            VCode::Event {
                code,
                pair,
                subordinate,
                dominant,
            }
        }
    })
}

/// Checks that `code` is in dyad's CAMEO table, else gives it a stand-in when the import
/// hands them out.
fn cameo(code: &str, out: &mut Output) -> Result<CameoCode, String> {
    if let Some(c) = CameoCode::new(code)
        .ok()
        .filter(|c| CodeTable::builtin().get(c).is_some())
    {
        return Ok(c);
    }
    let plausible =
        (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric());
    if let Some(st) = out.stand_ins.as_mut().filter(|_| plausible) {
        if let Some(c) = st.get(code).and_then(|s| CameoCode::new(&s).ok()) {
            return Ok(c);
        }
    }
    Err(format!(
        "code {code} is not a CAMEO code (dyad codes only the codes of data/cameo.tsv)"
    ))
}

/// A verb root with its forms and pattern lines.
struct Root {
    line: usize,
    phrase: String,
    code: String,
    forms: Option<(usize, String)>,
    patterns: Vec<(usize, String, String)>,
}

/// Splits `TEXT [CODE] ; comment` into text and code.
fn split_code(content: &str) -> Option<(&str, &str)> {
    let open = content.rfind('[')?;
    let close = content[open..].find(']')? + open;
    Some((content[..open].trim(), &content[open + 1..close]))
}

/// Converts one `.verbs` file; returns the dyad file text and its number of patterns.
pub(crate) fn convert(file: &Path, text: &str, out: &mut Output) -> (String, usize) {
    let mut synsets: HashMap<String, Vec<Vec<T>>> = HashMap::new();
    let mut current_synset: Option<String> = None;
    let mut section: Option<String> = None;
    let mut roots: Vec<Root> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let content = raw.split(';').next().unwrap_or("").trim();
        if content.starts_with("~~") {
            break;
        }
        if content.is_empty() || content.starts_with('#') || content.starts_with("//") {
            continue;
        }
        if content.starts_with("</") {
            section = None;
            current_synset = None;
            continue;
        }
        if content.starts_with('<') && content.ends_with('>') {
            section = Some(content.trim_matches(['<', '>']).to_uppercase());
            continue;
        }
        match section.as_deref() {
            Some("SYNSETS" | "SYNSET") => {
                if let Some(name) = content.strip_prefix('&') {
                    let name = name.trim().to_uppercase();
                    synsets.entry(name.clone()).or_default();
                    current_synset = Some(name);
                } else if let (Some(member), Some(name)) =
                    (content.strip_prefix('+'), current_synset.as_ref())
                {
                    match tokenize(member) {
                        Ok(t) => synsets.entry(name.clone()).or_default().push(t),
                        Err(e) => out.skip(file, n, format!("synset member: {e}")),
                    }
                } else {
                    out.skip(file, n, "synset line outside `&NAME` / `+member`".into());
                }
                continue;
            }
            Some("TIME") => {
                out.skip(
                    file,
                    n,
                    "<TIME> shift: dyad dates events from the sentence's own date expressions"
                        .into(),
                );
                continue;
            }
            Some(other) => {
                out.skip(file, n, format!("<{other}> section: no dyad equivalent"));
                continue;
            }
            None => {}
        }
        if content.starts_with('{') {
            match roots.last_mut() {
                Some(r) if r.patterns.is_empty() && r.forms.is_none() => {
                    r.forms = Some((n, content.trim_matches(['{', '}', ' ']).to_owned()));
                }
                _ => out.skip(file, n, "verb forms `{…}` not right after a verb".into()),
            }
            continue;
        }
        let (is_pattern, body) = match content.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, content),
        };
        let Some((text, code)) = split_code(body) else {
            out.skip(file, n, "no code `[…]`".into());
            continue;
        };
        if is_pattern {
            match roots.last_mut() {
                Some(r) => r.patterns.push((n, text.to_owned(), code.to_owned())),
                None => out.skip(file, n, "pattern before any verb".into()),
            }
        } else {
            roots.push(Root {
                line: n,
                phrase: text.to_owned(),
                code: code.to_owned(),
                forms: None,
                patterns: Vec::new(),
            });
        }
    }
    let mut lines = vec![format!(
        "# Converted from TABARI {} by `dyad dict import --format tabari`.",
        file.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    )];
    let mut count = 0;
    for root in &roots {
        count += convert_root(file, root, &synsets, &mut lines, out);
    }
    lines.push(String::new());
    (lines.join("\n"), count)
}

/// What `*` stands for: the root phrase (its first word with verb endings) and each form.
fn verb_alternatives(root: &Root) -> Result<Vec<Vec<T>>, String> {
    let mut phrase = tokenize(&root.phrase)?;
    if phrase.is_empty() || !phrase.iter().all(|t| matches!(t.tok, Tok::Word(..))) {
        return Err(format!("cannot read the verb {:?}", root.phrase));
    }
    let tail = phrase.split_off(1);
    let mark = |mut seq: Vec<T>| -> Vec<T> {
        if let Some(T {
            tok: Tok::Word(_, v),
            ..
        }) = seq.first_mut()
        {
            *v = true;
        }
        for t in &mut seq {
            t.verb = true;
        }
        seq
    };
    let mut first = phrase;
    first.extend(tail.iter().cloned());
    let mut alts = vec![mark(first)];
    if let Some((_, forms)) = &root.forms {
        for f in forms.split_whitespace() {
            let mut seq = tokenize(f)?;
            if seq.is_empty() || !seq.iter().all(|t| matches!(t.tok, Tok::Word(..))) {
                return Err(format!("cannot read the verb form {f:?}"));
            }
            seq.extend(tail.iter().cloned());
            alts.push(mark(seq));
        }
    }
    Ok(alts)
}

fn convert_root(
    file: &Path,
    root: &Root,
    synsets: &HashMap<String, Vec<Vec<T>>>,
    lines: &mut Vec<String>,
    out: &mut Output,
) -> usize {
    let verb = match verb_alternatives(root) {
        Ok(v) => v,
        Err(e) => {
            out.skip(file, root.line, e.clone());
            if let Some((n, _)) = root.forms {
                out.skip(file, n, format!("forms of an unreadable verb: {e}"));
            }
            for (n, _, _) in &root.patterns {
                out.skip(file, *n, format!("pattern of an unreadable verb: {e}"));
            }
            return 0;
        }
    };
    let ctx = Ctx {
        synsets,
        verb: &verb,
    };
    lines.push(format!(
        "# {} ({}:{})",
        root.phrase,
        file_name(file),
        root.line
    ));
    let mut count = convert_line(file, root.line, "*", &root.code, false, &ctx, lines, out);
    for (n, text, code) in &root.patterns {
        count += convert_line(file, *n, text, code, true, &ctx, lines, out);
    }
    count
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn convert_line(
    file: &Path,
    n: usize,
    text: &str,
    code: &str,
    is_pattern: bool,
    ctx: &Ctx<'_>,
    lines: &mut Vec<String>,
    out: &mut Output,
) -> usize {
    let code = match parse_code(code) {
        Ok(c) => c,
        Err(e) => {
            out.skip(file, n, e);
            return 0;
        }
    };
    let mut notes: Vec<&'static str> = Vec::new();
    let mut partly: Vec<String> = Vec::new();
    let mut reverse: Option<CameoCode> = None;
    let mut is_dominant = false;
    let target = match &code {
        VCode::Null if !is_pattern => return 0,
        VCode::Null => {
            out.skip(
                file,
                n,
                "null code [---]: dyad has no null patterns, so the verb's shorter patterns may code these words"
                    .into(),
            );
            return 0;
        }
        VCode::Discard | VCode::Complex => None,
        VCode::Event {
            code,
            pair,
            subordinate,
            dominant,
        } => {
            if *subordinate {
                out.skip(
                    file,
                    n,
                    format!("subordinate code [{code}?]: dyad has no patterns that code only when nothing else does"),
                );
                return 0;
            }
            let c = match cameo(code, out) {
                Ok(c) => c,
                Err(e) => {
                    out.skip(file, n, e);
                    return 0;
                }
            };
            // A paired code `[042:043]` also codes the target → source event: the
            // `reverse` flag (`[031:031]` too: "X will meet Y" is also Y meeting X). A
            // reverse code dyad cannot hold is dropped and reported.
            if let Some(p) = pair.as_deref() {
                match cameo(p, out) {
                    Ok(r) => reverse = Some(r),
                    Err(_) => partly.push(format!(
                        "paired code [{code}:{p}]: the reverse event {p} (target → source) is not coded"
                    )),
                }
            }
            is_dominant = *dominant;
            Some(c)
        }
    };
    let seqs = match tokenize(text).and_then(|t| expand_tokens(&t, ctx, 0)) {
        Ok(s) => s,
        Err(e) => {
            out.skip(file, n, e);
            return 0;
        }
    };
    let mut patterns: Vec<String> = Vec::new();
    let mut mutual = false;
    let mut source_before = false;
    // A synset member dyad cannot express (`PESO_$` in `&CURRENCY`) drops that alternative,
    // not the pattern's others.
    let mut failed: Option<String> = None;
    let mut dropped = 0;
    for seq in &seqs {
        match render(seq, &mut notes) {
            Ok((p, m, b)) => {
                mutual |= m;
                source_before |= b;
                if !patterns.contains(&p) {
                    patterns.push(p);
                }
            }
            Err(e) => {
                dropped += 1;
                failed.get_or_insert(e);
            }
        }
    }
    if let Some(e) = failed {
        if patterns.is_empty() {
            out.skip(file, n, e);
            return 0;
        }
        partly.push(format!(
            "{dropped} of {} alternatives not converted ({e})",
            seqs.len()
        ));
    }
    notes.sort();
    notes.dedup();
    partly.extend(notes.iter().map(|s| (*s).to_owned()));
    if !partly.is_empty() {
        out.skip(file, n, format!("partly converted: {}", partly.join("; ")));
    }
    match target {
        None => {
            for p in &patterns {
                out.discard(p.clone());
            }
            0
        }
        Some(c) => {
            let mut flags = Vec::new();
            if mutual {
                flags.push("mutual".to_owned());
            }
            if source_before {
                flags.push("source-before".to_owned());
            }
            if is_dominant {
                flags.push("dominant".to_owned());
            }
            if let Some(r) = &reverse {
                flags.push(format!("reverse={r}"));
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" | {}", flags.join(" "))
            };
            lines.push(format!("{c} | {}{flags}", patterns.join("; ")));
            patterns.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<String>, Output) {
        let mut out = Output::default();
        let (t, _) = convert(Path::new("t.verbs"), text, &mut out);
        let lines = t
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_owned)
            .collect();
        (lines, out)
    }

    fn reasons(out: &Output) -> Vec<(usize, String)> {
        out.skipped
            .iter()
            .map(|s| (s.line, s.reason.clone()))
            .collect()
    }

    /// The forms of a whole-word verb as a dyad element.
    fn v(w: &str) -> String {
        Word::parse(w, true).pattern_forms(true).join("|")
    }

    #[test]
    fn a_root_and_its_patterns_become_lines() {
        let (l, out) = run("ACCUSE_  [112]\n- * OF_ SPYING_ [111]\n- FAILED_TO_* [120]\n");
        assert!(out.skipped.is_empty(), "{:?}", reasons(&out));
        assert_eq!(v("ACCUSE"), "accuse|accused|accusen|accuses|accusing");
        assert_eq!(l[0], format!("112 | {}", v("ACCUSE")));
        assert_eq!(l[1], format!("111 | {} * of * spying", v("ACCUSE")));
        assert_eq!(l[2], format!("120 | failed to {}", v("ACCUSE")));
    }

    #[test]
    fn stems_and_irregular_forms_are_alternatives() {
        let (l, _) = run("BREAK_ [190]\n{ BROKE_ BROKEN_DOWN_ }\n- * TREAT [161]\n");
        assert_eq!(l.len(), 2);
        // The one-word forms merge; the two-word form is a pattern of its own.
        assert!(
            l[0].starts_with("190 | ") && l[0].contains("|broke|"),
            "{}",
            l[0]
        );
        assert!(l[0].contains("; broken|"), "{}", l[0]);
        assert!(l[0].ends_with(" down"), "{}", l[0]);
        assert!(
            l[1].contains(" * treat|") && l[1].contains("|treaty"),
            "{}",
            l[1]
        );
    }

    #[test]
    fn markers_become_slots_flags_or_are_dropped() {
        let (l, out) = run(
            "FLEW_ [042]\n- $ * TO_ + [042:043]\n- % * TALKS_ [046]\n- * WITH_ + NOW_ [040]\n- + WAS_* BY_ $ [190]\n",
        );
        let f = v("FLEW");
        assert_eq!(l[1], format!("042 | {f} * to | source-before reverse=043"));
        assert_eq!(l[2], format!("046 | {f} * talks | mutual"));
        assert_eq!(l[3], format!("040 | {f} * with * @ * now"));
        assert_eq!(l[4], format!("190 | was {f} * by * $"));
        let (l, _) = run("ATTEND_ [031!]\n");
        assert_eq!(l[0], format!("031 | {} | dominant", v("ATTEND")));
        let r = reasons(&out);
        assert!(r.iter().all(|x| !x.1.contains("paired code")), "{r:?}");
        assert!(r[0].1.contains("mutual"), "{r:?}");
        assert!(r[1].1.contains("target `+` before the verb"), "{r:?}");
    }

    #[test]
    fn hyphens_join_words_and_targets_may_precede_the_verb() {
        let (l, out) = run("PARADE_ [017]\n- ANTI- + * [111]\nWARN_ [160]\n- * AT_ ^ + [162]\n");
        assert!(out.skipped.is_empty(), "{:?}", reasons(&out));
        assert_eq!(l[1], format!("111 | anti * @ * {}", v("PARADE")));
        assert_eq!(l[3], format!("162 | {} * at * ^ * @", v("WARN")));
    }

    #[test]
    fn unconvertible_patterns_are_reported_with_their_reason() {
        let (l, out) = run(
            "MEET_ [040]\n- * IN ^ WITH + [040]\n- SAID $ * [040]\n- * % TALKS % [040]\n- * RIOT [---]\n- * HERE [903]\n- * THERE [023?]\n- * ALONE [sdf]\n",
        );
        // `^` (skip an actor) converts to dyad's `^`, a `$` between words to dyad's `$`.
        assert_eq!(l.len(), 3);
        assert!(l[1].contains(" * ^ * with|"), "{}", l[1]);
        assert!(
            l[2].starts_with("040 | said|") && l[2].contains(" * $ * meet|"),
            "{}",
            l[2]
        );
        let r = reasons(&out);
        assert_eq!(r.len(), 5, "{r:?}");
        assert!(r[0].1.contains("compound `%` between words"));
        assert!(r[1].1.starts_with("null code"));
        assert!(r[2].1.contains("903 is not a CAMEO code"));
        assert!(r[3].1.starts_with("subordinate code"));
        assert!(r[4].1.contains("sdf"));
    }

    #[test]
    fn alternatives_and_synsets_expand() {
        let text = "<SYNSETS>\n&TIES\n+MILITARY_\n+CULTURAL_\n&PHRASE\n+&TIES_MEMOS_\n+MEMOS_ON_&TIES\n</SYNSETS>\nASK_ [090]\n- * FOR_ { SANCTIONS_ | TOTAL_BOYCOTT_ } [163]\n- * &TIES [091]\n- * &PHRASE [092]\n";
        let (l, out) = run(text);
        assert!(out.skipped.is_empty(), "{:?}", reasons(&out));
        let f = v("ASK");
        assert_eq!(
            l[1],
            format!("163 | {f} * for * sanctions; {f} * for * total boycott")
        );
        assert_eq!(l[2], format!("091 | {f} * cultural|military"));
        assert_eq!(
            l[3],
            format!("092 | {f} * cultural|military memos; {f} * memos on cultural|military")
        );
        // A synset member may hold a source ("a million peso Bree").
        let text = "<SYNSETS>\n&CURRENCY\n+DOLLAR_\n+PESO_$\n</SYNSETS>\nGIVE_ [070]\n- * &CURRENCY_RATE_ [071]\n";
        let (l, out) = run(text);
        let g = v("GIVE");
        assert_eq!(l[1], format!("071 | {g} * dollar rate; {g} * peso $ rate"));
        // A synset member dyad cannot express drops only itself.
        let text = "<SYNSETS>\n&CURRENCY\n+DOLLAR_\n+PESO_%\n</SYNSETS>\nGIVE_ [070]\n- * &CURRENCY_RATE_ [071]\n";
        let (l, out2) = run(text);
        assert_eq!(l[1], format!("071 | {g} * dollar rate"));
        assert!(reasons(&out).is_empty(), "{:?}", reasons(&out));
        let r = reasons(&out2);
        assert!(r[0].1.contains("1 of 2 alternatives"), "{r:?}");
    }

    #[test]
    fn discards_and_complex_codes_go_to_the_discards() {
        let (l, out) =
            run("SOCCER_  [###]\nKILL_ [190]\n- * IN_ ACCIDENT_ [###]\nPLANETARY_ CUP_ [+++]\n");
        assert_eq!(l.len(), 1);
        assert_eq!(
            out.discards,
            [
                v("SOCCER"),
                format!("{} * in * accident", v("KILL")),
                format!("{} * cup", v("PLANETARY"))
            ]
        );
    }

    #[test]
    fn clitics_and_joined_stems_follow_dyad_tokens() {
        let (l, _) = run("CLASH_ [190]\n- DIDN'T * OVER [190]\n- REAL~ GOOD_* [191]\n");
        assert!(l[1].starts_with("190 | didn 't * clash|"), "{}", l[1]);
        assert!(l[2].starts_with("191 | real|"), "{}", l[2]);
        assert!(l[2].contains("|realy good clash|"), "{}", l[2]);
    }

    #[test]
    fn the_output_parses_as_dyad_verbs() {
        let (l, _) = run("ACCUSE  [112]\n- * OF_ + [111]\n- % * TALKS [046]\n");
        let text = l.join("\n");
        let (p, e) = dyad_code::parse_verbs("verbs/t.txt", &text, &dyad_code::Inflector::builtin());
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(p.len(), 3);
        assert!(p[2].flags.mutual);
    }
}
