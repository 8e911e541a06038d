//! Verb pattern dictionaries: the phrases that say which CAMEO event happened.
//!
//! One line per code and group of patterns:
//!
//! ```text
//! CODE | pattern; pattern; … [| flag flag]
//! ```
//!
//! Fields are separated by a spaced ` | `; a bare `|` inside a pattern separates alternatives.
//!
//! A pattern is a sequence of space-separated elements:
//!
//! - `word` — that word (case does not matter): `agreement`, `talks`.
//! - `+verb` — any inflection of the verb: `+sign` is sign, signs, signed, signing; irregular
//!   forms come from `data/irregular.txt` (`+meet` is also met).
//! - `a|b|+c` — any of the alternatives.
//! - `*` — up to four words of anything inside the clause: `+sign * agreement` matches "signed
//!   30 agreements" and "signed a new gas agreement".
//! - `@` — the target actor stands here (after an optional determiner): `+impose sanctions on @`.
//!   Without `@`, the target is the first actor after the pattern in its clause.
//! - `$` — the source actor stands here (after an optional determiner): `said * $ * +regret`
//!   ("said he regretted"), `+contribute * peso $` ("a million peso Bree"). For imported
//!   patterns (TABARI's `$`).
//! - `^` — an actor (with the actors listed with it), or else a phrase of one to four words
//!   without an actor, is skipped here: `+celebrate eid at ^ with @` ("celebrated Eid at
//!   Osgiliath with Gondor"). For imported patterns (PETRARCH's and TABARI's `^`).
//! - `_` — the act's object (the agreement signed, the issue discussed) starts here. Without
//!   `_`, a pattern with `*` has its object start at the first `*`.
//!
//! Flags: `mutual` (a reciprocal act: "Russia and China signed" codes both directions),
//! `noun` (a nominal event: "Putin's visit to Beijing", "sanctions on Russia") and
//! `reverse=CODE` (each event also codes the target → source event `CODE`; for imported
//! paired codes such as PETRARCH's `[032:033]`), and `source-before` (the source is the actor
//! right before the pattern; for TABARI's `$` before a pattern's first word) and `dominant`
//! (when it codes, the sentence's other acts do not; TABARI's `[031!]`). dyad's own
//! dictionaries use none of these.
//!
//! A dictionary directory may also hold `options.txt` with dictionary-wide settings for
//! imported dictionaries ([`DictOptions`]): `acts-as-stated` keeps a pattern's code under
//! future, intent and hypothetical modality, as PETRARCH and TABARI do; `located-targets`
//! lets an actor after "in" or "at" be the target; `open-gaps` lets a `*` span actors and
//! up to six words.
//!
//! The first element must be a word, a verb or alternatives: it is what the coder indexes.
//! The trigger of an event is the words of the pattern up to its first `*`, `@`, `$` or `_`.

use dyad_core::CameoCode;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The built-in verb dictionaries, one file per CAMEO root, as (relative name, text).
pub const BUILTIN_VERB_FILES: &[(&str, &str)] = &[
    (
        "verbs/01-statement.txt",
        include_str!("../data/verbs/01-statement.txt"),
    ),
    (
        "verbs/02-appeal.txt",
        include_str!("../data/verbs/02-appeal.txt"),
    ),
    (
        "verbs/03-intent.txt",
        include_str!("../data/verbs/03-intent.txt"),
    ),
    (
        "verbs/04-consult.txt",
        include_str!("../data/verbs/04-consult.txt"),
    ),
    (
        "verbs/05-diplomatic.txt",
        include_str!("../data/verbs/05-diplomatic.txt"),
    ),
    (
        "verbs/06-material.txt",
        include_str!("../data/verbs/06-material.txt"),
    ),
    ("verbs/07-aid.txt", include_str!("../data/verbs/07-aid.txt")),
    (
        "verbs/08-yield.txt",
        include_str!("../data/verbs/08-yield.txt"),
    ),
    (
        "verbs/09-investigate.txt",
        include_str!("../data/verbs/09-investigate.txt"),
    ),
    (
        "verbs/10-demand.txt",
        include_str!("../data/verbs/10-demand.txt"),
    ),
    (
        "verbs/11-disapprove.txt",
        include_str!("../data/verbs/11-disapprove.txt"),
    ),
    (
        "verbs/12-reject.txt",
        include_str!("../data/verbs/12-reject.txt"),
    ),
    (
        "verbs/13-threaten.txt",
        include_str!("../data/verbs/13-threaten.txt"),
    ),
    (
        "verbs/14-protest.txt",
        include_str!("../data/verbs/14-protest.txt"),
    ),
    (
        "verbs/15-force-posture.txt",
        include_str!("../data/verbs/15-force-posture.txt"),
    ),
    (
        "verbs/16-reduce-relations.txt",
        include_str!("../data/verbs/16-reduce-relations.txt"),
    ),
    (
        "verbs/17-coerce.txt",
        include_str!("../data/verbs/17-coerce.txt"),
    ),
    (
        "verbs/18-assault.txt",
        include_str!("../data/verbs/18-assault.txt"),
    ),
    (
        "verbs/19-fight.txt",
        include_str!("../data/verbs/19-fight.txt"),
    ),
    (
        "verbs/20-mass-violence.txt",
        include_str!("../data/verbs/20-mass-violence.txt"),
    ),
];

/// The built-in discard patterns: frames that must not code (sport, entertainment, …).
pub const BUILTIN_DISCARDS: (&str, &str) = ("discards.txt", include_str!("../data/discards.txt"));

/// The built-in irregular verb table.
pub const BUILTIN_IRREGULAR: &str = include_str!("../data/irregular.txt");

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// Any of these lower-case word forms.
    Words(Vec<Box<str>>),
    /// Up to this many words of anything inside the clause.
    Gap(u8),
    /// The target actor.
    Target,
    /// The source actor (`$`, for imported patterns: TABARI's "SAID $ *").
    Source,
    /// An actor group (or, without one, a phrase of up to four words) is skipped here:
    /// `^`, for imported patterns ("celebrated Eid at ^ with @").
    Skip,
    /// The object starts here.
    Object,
}

/// What a pattern's flags say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    /// A reciprocal act: a compound subject without a target codes both directions.
    pub mutual: bool,
    /// A nominal event ("visit to", "sanctions on").
    pub noun: bool,
    /// `reverse=CODE`: each event also codes the target → source event `CODE` (imported
    /// paired codes: PETRARCH `[032:033]`, TABARI `[042:043]`, "X visited Y" is also "Y
    /// hosted X").
    pub reverse: Option<CameoCode>,
    /// `source-before`: the source is the actor (with the actors listed with it) right before
    /// the pattern, not the clause's subject or first actor (TABARI's `$` before a pattern's
    /// first word: "- $ HOSTING ^ * TABASKI").
    pub source_before: bool,
    /// `dominant`: when the pattern codes, the sentence's other acts (but other dominant
    /// ones) do not, whatever `code-by` says (TABARI's `[031!]`).
    pub dominant: bool,
}

/// One pattern, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The CAMEO code it assigns.
    pub code: CameoCode,
    /// Its elements.
    pub elements: Vec<Element>,
    /// Its flags.
    pub flags: Flags,
    /// The pattern as written, for `dyad explain`.
    pub text: String,
    /// Dictionary file (relative name).
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl Pattern {
    /// `file:line`, the provenance string events carry.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// Number of leading elements that make the trigger.
    pub fn trigger_len(&self) -> usize {
        self.elements
            .iter()
            .take_while(|e| matches!(e, Element::Words(_)))
            .count()
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} | {}", self.code, self.text)
    }
}

/// A verb dictionary line that could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct VerbError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub reason: String,
}

/// Inflects verbs: regular rules plus the irregular table.
#[derive(Debug, Clone, Default)]
pub struct Inflector {
    irregular: HashMap<String, Vec<String>>,
    participles: HashSet<String>,
}

impl Inflector {
    /// The built-in inflector.
    pub fn builtin() -> Inflector {
        Inflector::parse(BUILTIN_IRREGULAR)
    }

    /// Reads an irregular table: lines `base past participle [more forms…]`, `#` comments.
    pub fn parse(text: &str) -> Inflector {
        let mut inf = Inflector::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
            if let [base, rest @ ..] = words.as_slice() {
                if let Some(pp) = rest.get(1) {
                    inf.participles.insert(pp.clone());
                }
                inf.irregular
                    .entry(base.clone())
                    .or_default()
                    .extend(rest.iter().cloned());
            }
        }
        inf
    }

    /// Every form of `verb` (lower case): base, third person, past, participle, gerund.
    /// Regular rules may over-generate ("visitted"); such forms never occur, so no harm.
    pub fn forms(&self, verb: &str) -> Vec<String> {
        let v = verb.to_lowercase();
        let mut out = vec![v.clone()];
        let consonant = |c: char| !"aeiou".contains(c);
        let last = v.chars().last().unwrap_or(' ');
        let before = v.chars().rev().nth(1).unwrap_or(' ');
        // Third person.
        if v.ends_with('s')
            || v.ends_with('x')
            || v.ends_with("sh")
            || v.ends_with("ch")
            || v.ends_with('z')
            || v.ends_with('o')
        {
            out.push(format!("{v}es"));
        } else if last == 'y' && consonant(before) {
            out.push(format!("{}ies", &v[..v.len() - 1]));
        } else {
            out.push(format!("{v}s"));
        }
        // Past and gerund.
        if last == 'e' {
            out.push(format!("{v}d"));
            let stem = &v[..v.len() - 1];
            if v.ends_with("ee") || v.ends_with("ye") || v.ends_with("oe") {
                out.push(format!("{v}ing"));
            } else if v.ends_with("ie") {
                out.push(format!("{}ying", &v[..v.len() - 2]));
            } else {
                out.push(format!("{stem}ing"));
            }
        } else if last == 'y' && consonant(before) {
            out.push(format!("{}ied", &v[..v.len() - 1]));
            out.push(format!("{v}ing"));
        } else {
            out.push(format!("{v}ed"));
            out.push(format!("{v}ing"));
            // Consonant doubling (plan → planned, stop → stopping) when the word ends in
            // consonant-vowel-consonant; British doubling (travelled) too.
            let third = v.chars().rev().nth(2).unwrap_or('a');
            if consonant(last) && !"wxy".contains(last) && !consonant(before) && consonant(third) {
                out.push(format!("{v}{last}ed"));
                out.push(format!("{v}{last}ing"));
            }
        }
        if let Some(irr) = self.irregular.get(&v) {
            out.extend(irr.iter().cloned());
        }
        out.sort();
        out.dedup();
        out
    }

    /// True when `word` (lower case) can be a past participle: regular "-ed" or irregular.
    pub fn is_participle(&self, word: &str) -> bool {
        word.ends_with("ed") || self.participles.contains(word)
    }
}

/// Reads one verb (or discard) file; every bad line is reported, good lines are kept.
pub fn parse_verbs(
    file: &str,
    text: &str,
    inflector: &Inflector,
) -> (Vec<Pattern>, Vec<VerbError>) {
    let mut patterns = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |reason: String| VerbError {
            file: file.to_owned(),
            line: i + 1,
            reason,
        };
        // Fields are separated by " | " (spaced); a bare "|" separates alternatives.
        let fields: Vec<&str> = line.split(" | ").map(str::trim).collect();
        let (code, body, flags) = match fields.as_slice() {
            [c, b] => (*c, *b, ""),
            [c, b, f] => (*c, *b, *f),
            _ => {
                errors.push(err(
                    "expected `CODE | pattern; pattern [| flags]` (fields separated by \" | \")"
                        .into(),
                ));
                continue;
            }
        };
        let code = match parse_code(code) {
            Ok(c) => c,
            Err(reason) => {
                errors.push(err(reason));
                continue;
            }
        };
        let mut f = Flags::default();
        for flag in flags.split_whitespace() {
            match flag {
                "mutual" => f.mutual = true,
                "noun" => f.noun = true,
                "source-before" => f.source_before = true,
                "dominant" => f.dominant = true,
                other => match other.strip_prefix("reverse=") {
                    Some(c) => match parse_code(c) {
                        Ok(c) => f.reverse = Some(c),
                        Err(reason) => errors.push(err(format!("flag `{other}`: {reason}"))),
                    },
                    None => errors.push(err(format!(
                        "unknown flag `{other}`; the flags are `mutual`, `noun`, `source-before`, `dominant` and `reverse=CODE`"
                    ))),
                },
            }
        }
        for text in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match parse_pattern(text, inflector) {
                Ok(elements) => patterns.push(Pattern {
                    code: code.clone(),
                    elements,
                    flags: f.clone(),
                    text: text.to_owned(),
                    file: file.to_owned(),
                    line: i + 1,
                }),
                Err(reason) => errors.push(err(format!("pattern `{text}`: {reason}"))),
            }
        }
    }
    (patterns, errors)
}

fn parse_code(code: &str) -> Result<CameoCode, String> {
    CameoCode::new(code).map_err(|e| format!("`{code}` is not a CAMEO code ({e})"))
}

/// One pattern's elements.
pub fn parse_pattern(text: &str, inflector: &Inflector) -> Result<Vec<Element>, String> {
    let mut elements = Vec::new();
    for part in text.split_whitespace() {
        let element = match part {
            "*" => Element::Gap(4),
            "@" => Element::Target,
            "$" => Element::Source,
            "_" => Element::Object,
            "^" => Element::Skip,
            words => {
                let mut forms: Vec<Box<str>> = Vec::new();
                for alt in words.split('|') {
                    if alt.is_empty() {
                        return Err(format!("empty alternative in `{words}`"));
                    }
                    if let Some(verb) = alt.strip_prefix('+') {
                        forms.extend(
                            inflector
                                .forms(verb)
                                .into_iter()
                                .map(String::into_boxed_str),
                        );
                    } else {
                        forms.push(alt.to_lowercase().into_boxed_str());
                    }
                }
                forms.sort();
                forms.dedup();
                Element::Words(forms)
            }
        };
        elements.push(element);
    }
    match elements.first() {
        None => Err("empty pattern".into()),
        Some(Element::Words(_)) => {
            if elements.iter().filter(|e| **e == Element::Target).count() > 1 {
                return Err("more than one `@`".into());
            }
            if elements.iter().filter(|e| **e == Element::Source).count() > 1 {
                return Err("more than one `$`".into());
            }

            if matches!(elements.last(), Some(Element::Gap(_))) {
                return Err("a pattern cannot end with `*`".into());
            }
            if matches!(elements.last(), Some(Element::Skip)) {
                return Err("a pattern cannot end with `^`".into());
            }
            Ok(elements)
        }
        Some(_) => Err("a pattern must start with a word or `+verb`".into()),
    }
}

/// Dictionary-wide settings from `DIR/options.txt`, for dictionaries imported from coders
/// whose conventions differ from dyad's (see `CODING.md`, "Imported dictionaries").
///
/// One option a line, `#` comments:
///
/// - `acts-as-stated` — a pattern's code holds whatever the modality: a future or intended
///   act ("will visit") keeps its own code instead of CAMEO's intent code, and hypothetical
///   acts ("could", "would", "if") and questions code as well, as PETRARCH and TABARI do.
///   Negated acts still code nothing.
/// - `located-targets` — an actor after a locative preposition ("in", "at", …) may be the
///   target of a pattern without `@`: "fired two artillery shells at Seoul" codes Seoul,
///   as PETRARCH and TABARI take the first actor after the verb phrase. dyad's own rule
///   treats such an actor as a place ("talks in Washington").
///
/// - `open-gaps` — a pattern's `*` may span up to six words, actors among them, and a
///   pattern without `@` takes the first actor after its verb even past "that": "allowed
///   that Mordor isn't a really pleasant place" matches `+allow * really pleasant` with
///   Mordor as the target, as TABARI and PETRARCH match words anywhere in the verb phrase.
///   A speech verb ("said", "believes") then ends no clause either, a `*` crosses a comma
///   between adjectives, and without another subject the owner of the noun phrase before
///   the pattern is its subject ("Ithilen's militia vowed").
///   dyad's own gaps are short and stop at actors, so that an actor inside one does not
///   change who the act is about.
///
/// - `minimum-words N` — a sentence of fewer than N words codes nothing (a comma counts as
///   a word), as TABARI skips sentence fragments (its `SET: MINIMUM WORDS`, default 8).
/// - `default-source CODE [prior]`, `default-target CODE [after]` — an act whose source
///   (target) no actor names gets the actor code CODE, as TABARI's `DEFAULT:` command does.
///   With `prior` the default source stands whenever no actor precedes the verb; without it
///   the first actor after the verb is the source, its other actors the targets. With `after`
///   the default target stands whenever no actor follows; without it an actor before the
///   verb of another code than the source is the target. `no-defaults` clears both.
/// - `code-by clause|sentence|all` — which acts of a sentence code: only the first (leftmost
///   verb) of each clause, only the first of the sentence, or all (dyad's way, the default),
///   as TABARI's `SET: CODE BY …` (its default: by clause).
/// - `convert-agents` — an agent without a country ("guerrillas", "the Muslims") is an actor
///   coded by its roles alone (REB, MOS), as TABARI's `SET: CONVERT AGENTS = TRUE`;
///   `no-convert-agents` switches it off again (the default: such an agent codes nothing).
/// - `first-actor-pronouns` — TABARI's pronoun rules: "he", "she", "it", "him", object "her"
///   are the sentence's first actor; "they", "them" the first compound actor ("X and Y"),
///   else the first actor.
/// - `and-clauses` — "and" (or "and then") before an actor followed by a verb starts a new
///   clause ("X urged Y to chill out and then it requested …"), which `code-by clause` codes
///   on its own; TABARI splits compound sentences so.
/// - `forward-pronouns` — with `first-actor-pronouns`, a pronoun before any actor of its
///   sentence is the first actor named in the document's previous sentence (its country
///   block), as TABARI's `FORWARD:`; `no-forward-pronouns` switches it off.
/// - `first-actor-roles` — TABARI's default actor search for a pattern that names no source:
///   the source is the first actor of the sentence before the verb (or the actor right after
///   a conjunction that starts the verb's clause), the target the first actor after the verb,
///   up to the next conjunction and past commas, whose code differs from the source's, else
///   the first such actor before the verb.
/// - `comma-clauses MIN MAX EMIN EMAX BMIN BMAX` — before coding, a comma-delimited phrase of
///   more than MIN and at most MAX words is dropped (EMIN/EMAX for the phrase ending the
///   sentence, BMIN/BMAX for the one starting it), as TABARI's `COMMA:` (its defaults:
///   `2 10 2 10 128 0`, which never drops the first phrase); `no-comma-clauses` keeps all.
/// - `no-actor-prior` — a sentence whose first verb (the leftmost verb pattern that matches,
///   other than one naming its source with `$`) has no actor before it codes nothing, unless a `default-source` stands in: its subject
///   is not in the dictionary. TABARI's `COMPLEX: NOACTPRIOR`.
/// - `complex-verbs N`, `complex-conjunctions N` — a sentence with N or more verbs (words
///   where a verb pattern matches) or N or more conjunctions ("and", "or", "but", "nor", not
///   between two actors) is too complex to code and codes nothing, as TABARI's `COMPLEX:
///   VERBS[N] CONJ[N]` (0, the default: no limit).
///
/// The built-in dictionaries have none of these: dyad's own conventions hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DictOptions {
    /// `acts-as-stated`: no intent codes, no hypothetical filter.
    pub acts_as_stated: bool,
    /// `located-targets`: an actor after "in", "at", … may be the target.
    pub located_targets: bool,
    /// `open-gaps`: long gaps that may hold actors; targets past "that".
    pub open_gaps: bool,
    /// `minimum-words N`: shorter sentences code nothing (0: no minimum).
    pub min_words: u16,
    /// `default-source CODE [prior]`.
    pub default_source: Option<DefaultActor>,
    /// `default-target CODE [after]`.
    pub default_target: Option<DefaultActor>,
    /// `code-by …`: which of a sentence's acts code.
    pub code_by: CodeBy,
    /// `convert-agents`: an agent without a country is an actor, coded by its roles.
    pub convert_agents: bool,
    /// `first-actor-pronouns`: TABARI's pronoun rules.
    pub first_actor_pronouns: bool,
    /// `and-clauses`: "and (then) ACTOR VERB" starts a clause.
    pub and_clauses: bool,
    /// `forward-pronouns` (with `first-actor-pronouns`): a pronoun before any actor of its
    /// sentence is the first actor of the document's previous sentence (TABARI's `FORWARD`).
    pub forward_pronouns: bool,
    /// `first-actor-roles`: TABARI's default source and target search.
    pub first_actor_roles: bool,
    /// `comma-clauses …`: the word-count limits of dropped comma-delimited phrases.
    pub comma_clauses: Option<CommaClauses>,
    /// `no-actor-prior`: a sentence whose first verb has no actor before it codes nothing.
    pub no_actor_prior: bool,
    /// `complex-verbs N`: a sentence with N or more verbs codes nothing (0: no limit).
    pub complex_verbs: u16,
    /// `complex-conjunctions N`: a sentence with N or more clause conjunctions codes nothing
    /// (0: no limit).
    pub complex_conjunctions: u16,
}

/// Which comma-delimited phrases are dropped before coding (`comma-clauses`): a phrase of
/// more than `min` and at most `max` words, with its own limits at the sentence's end and
/// beginning. TABARI's `COMMA:` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaClauses {
    /// Limits for a phrase between two commas.
    pub min: u16,
    /// Upper limit for a phrase between two commas.
    pub max: u16,
    /// Lower limit for the phrase from the last comma to the end.
    pub end_min: u16,
    /// Upper limit for the phrase from the last comma to the end.
    pub end_max: u16,
    /// Lower limit for the phrase from the start to the first comma.
    pub begin_min: u16,
    /// Upper limit for the phrase from the start to the first comma.
    pub begin_max: u16,
}

/// Which acts of a sentence code (`code-by`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CodeBy {
    /// Every act (dyad's way).
    #[default]
    All,
    /// The first act (leftmost verb) of each clause.
    Clause,
    /// The first act of the sentence.
    Sentence,
}

/// A default actor code (`default-source`, `default-target`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultActor {
    /// The code given.
    pub code: dyad_core::ActorCode,
    /// `prior` / `after`: the default stands whenever no actor stands on its side of the
    /// verb, instead of only when no actor at all is found.
    pub own_side: bool,
}

impl DictOptions {
    /// Applies one line of an options file.
    pub fn apply(&mut self, line: &str) -> Result<(), String> {
        let mut words = line.split_whitespace();
        let head = words.next().unwrap_or("");
        let args: Vec<&str> = words.collect();
        let default_actor = |side: &str| -> Result<DefaultActor, String> {
            let code = args
                .first()
                .ok_or_else(|| format!("`{head}` needs an actor code"))?;
            let code = dyad_core::ActorCode::new(code).map_err(|e| e.to_string())?;
            match args.get(1..).unwrap_or(&[]) {
                [] => Ok(DefaultActor {
                    code,
                    own_side: false,
                }),
                [w] if *w == side => Ok(DefaultActor {
                    code,
                    own_side: true,
                }),
                _ => Err(format!("`{head}` takes a code and optionally `{side}`")),
            }
        };
        // Numeric options: `comma-clauses` takes six numbers, the others one.
        let wanted = if head == "comma-clauses" {
            "six numbers"
        } else {
            "a number"
        };
        let number = |w: &str| {
            w.parse::<u16>()
                .map_err(|_| format!("`{head}` needs {wanted}, not `{w}`"))
        };
        match (head, args.as_slice()) {
            ("acts-as-stated", []) => self.acts_as_stated = true,
            ("located-targets", []) => self.located_targets = true,
            ("open-gaps", []) => self.open_gaps = true,
            ("minimum-words", [n]) => self.min_words = number(n)?,
            ("default-source", _) => self.default_source = Some(default_actor("prior")?),
            ("default-target", _) => self.default_target = Some(default_actor("after")?),
            ("code-by", ["all"]) => self.code_by = CodeBy::All,
            ("code-by", ["clause"]) => self.code_by = CodeBy::Clause,
            ("code-by", ["sentence"]) => self.code_by = CodeBy::Sentence,
            ("convert-agents", []) => self.convert_agents = true,
            ("no-convert-agents", []) => self.convert_agents = false,
            ("first-actor-pronouns", []) => self.first_actor_pronouns = true,
            ("and-clauses", []) => self.and_clauses = true,
            ("forward-pronouns", []) => self.forward_pronouns = true,
            ("no-forward-pronouns", []) => self.forward_pronouns = false,
            ("first-actor-roles", []) => self.first_actor_roles = true,
            ("comma-clauses", [a, b, c, d, e, f]) => {
                let mut n = [0u16; 6];
                for (slot, w) in n.iter_mut().zip([a, b, c, d, e, f]) {
                    *slot = number(w)?;
                }
                self.comma_clauses = Some(CommaClauses {
                    min: n[0],
                    max: n[1],
                    end_min: n[2],
                    end_max: n[3],
                    begin_min: n[4],
                    begin_max: n[5],
                });
            }
            ("no-comma-clauses", []) => self.comma_clauses = None,
            ("no-actor-prior", []) => self.no_actor_prior = true,
            ("complex-verbs", [n]) => self.complex_verbs = number(n)?,
            ("complex-conjunctions", [n]) => self.complex_conjunctions = number(n)?,
            ("no-defaults", []) => {
                self.default_source = None;
                self.default_target = None;
            }
            _ => {
                return Err(format!(
                    "unknown option `{line}`; the options are `acts-as-stated`, \
                     `located-targets`, `open-gaps`, `minimum-words N`, \
                     `default-source CODE [prior]`, `default-target CODE [after]`, `no-defaults`, \
                     `code-by clause|sentence|all`, `convert-agents`, `no-convert-agents`, \
                     `first-actor-pronouns`, `and-clauses`, `forward-pronouns`, \
                     `no-forward-pronouns`, `first-actor-roles`, \
                     `comma-clauses MIN MAX EMIN EMAX BMIN BMAX`, `no-comma-clauses`, \
                     `no-actor-prior`, `complex-verbs N`, `complex-conjunctions N`"
                ))
            }
        }
        Ok(())
    }
}

/// The name of the options file in a dictionary directory.
pub const OPTIONS_FILE: &str = "options.txt";

/// Reads an options file; every unknown option is reported.
pub fn parse_options(file: &str, text: &str) -> (DictOptions, Vec<VerbError>) {
    let mut options = DictOptions::default();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Err(reason) = options.apply(line) {
            errors.push(VerbError {
                file: file.to_owned(),
                line: i + 1,
                reason,
            });
        }
    }
    (options, errors)
}

/// The verb dictionaries and discards the coder uses.
#[derive(Debug, Clone)]
pub struct VerbDictionary {
    /// Event patterns.
    pub patterns: Vec<Pattern>,
    /// Discard patterns: a sentence matching one codes nothing. Their `code` is unused.
    pub discards: Vec<Pattern>,
    /// The inflector the patterns were built with (the coder uses it for passives).
    pub inflector: Inflector,
    /// Dictionary-wide settings (`options.txt`); the default for the built-in dictionaries.
    pub options: DictOptions,
}

impl VerbDictionary {
    /// The built-in dictionaries.
    pub fn builtin() -> Result<VerbDictionary, Vec<VerbError>> {
        Self::from_texts(
            BUILTIN_VERB_FILES
                .iter()
                .map(|(f, t)| ((*f).to_owned(), (*t).to_owned())),
            BUILTIN_DISCARDS.1,
            BUILTIN_IRREGULAR,
        )
    }

    /// Reads `DIR/verbs/*.txt`, `DIR/discards.txt` and `DIR/irregular.txt`; a missing file
    /// falls back to the built-in one, so users can override only what they change.
    /// `DIR/options.txt`, when present, sets [`DictOptions`].
    pub fn from_dir(dir: &std::path::Path) -> Result<VerbDictionary, Vec<VerbError>> {
        let io_err = |path: &std::path::Path, e: std::io::Error| {
            vec![VerbError {
                file: path.display().to_string(),
                line: 0,
                reason: format!("cannot read: {e}"),
            }]
        };
        let verbs_dir = dir.join("verbs");
        let files: Vec<(String, String)> = if verbs_dir.is_dir() {
            let mut paths: Vec<_> = std::fs::read_dir(&verbs_dir)
                .map_err(|e| io_err(&verbs_dir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            let mut out = Vec::new();
            for p in paths {
                let text = std::fs::read_to_string(&p).map_err(|e| io_err(&p, e))?;
                let name = format!(
                    "verbs/{}",
                    p.file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default()
                );
                out.push((name, text));
            }
            out
        } else {
            BUILTIN_VERB_FILES
                .iter()
                .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
                .collect()
        };
        let read_or = |name: &str, builtin: &str| -> Result<String, Vec<VerbError>> {
            let p = dir.join(name);
            if p.is_file() {
                std::fs::read_to_string(&p).map_err(|e| io_err(&p, e))
            } else {
                Ok(builtin.to_owned())
            }
        };
        let discards = read_or("discards.txt", BUILTIN_DISCARDS.1)?;
        let irregular = read_or("irregular.txt", BUILTIN_IRREGULAR)?;
        let options = read_or(OPTIONS_FILE, "")?;
        let (options, mut errors) = parse_options(OPTIONS_FILE, &options);
        match Self::from_texts(files.into_iter(), &discards, &irregular) {
            Ok(mut d) if errors.is_empty() => {
                d.options = options;
                Ok(d)
            }
            Ok(_) => Err(errors),
            Err(e) => {
                errors.extend(e);
                Err(errors)
            }
        }
    }

    fn from_texts(
        files: impl Iterator<Item = (String, String)>,
        discards: &str,
        irregular: &str,
    ) -> Result<VerbDictionary, Vec<VerbError>> {
        let inflector = Inflector::parse(irregular);
        let mut patterns = Vec::new();
        let mut errors = Vec::new();
        for (name, text) in files {
            let (p, e) = parse_verbs(&name, &text, &inflector);
            patterns.extend(p);
            errors.extend(e);
        }
        let (discards, e) = parse_verbs("discards.txt", discards, &inflector);
        errors.extend(e);
        if errors.is_empty() {
            Ok(VerbDictionary {
                patterns,
                discards,
                inflector,
                options: DictOptions::default(),
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(v: &str) -> Vec<String> {
        Inflector::builtin().forms(v)
    }

    #[test]
    fn regular_and_irregular_verbs_inflect() {
        for (verb, want) in [
            ("sign", &["sign", "signs", "signed", "signing"][..]),
            ("praise", &["praise", "praises", "praised", "praising"]),
            ("rally", &["rally", "rallies", "rallied", "rallying"]),
            ("impose", &["imposes", "imposed", "imposing"]),
            ("plan", &["plans", "planned", "planning"]),
            (
                "travel",
                &["traveled", "travelled", "traveling", "travelling"],
            ),
            ("meet", &["meets", "met", "meeting"]),
            ("hold", &["holds", "held", "holding"]),
            ("reach", &["reaches", "reached"]),
            ("agree", &["agreed", "agreeing"]),
        ] {
            let got = forms(verb);
            for w in want {
                assert!(
                    got.iter().any(|g| g == w),
                    "{verb}: {w} missing from {got:?}"
                );
            }
        }
        let inf = Inflector::builtin();
        assert!(inf.is_participle("slapped") && inf.is_participle("held"));
        assert!(!inf.is_participle("holds"));
    }

    #[test]
    fn patterns_parse_into_elements() {
        let inf = Inflector::builtin();
        let (p, e) = parse_verbs(
            "t.txt",
            "# c\n057 | +sign * agreement|deal; +sign _ @ | mutual\n163 | +impose sanctions on @\n",
            &inf,
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(p.len(), 3);
        assert!(p[0].flags.mutual && p[1].flags.mutual && !p[2].flags.mutual);
        assert_eq!(p[0].trigger_len(), 1);
        assert_eq!(p[2].trigger_len(), 3);
        assert_eq!(p[2].elements[3], Element::Target);
        assert!(matches!(&p[0].elements[2], Element::Words(w) if w.len() == 2));
        assert_eq!(p[2].location(), "t.txt:3");
    }

    #[test]
    fn bad_lines_are_named_and_good_ones_kept() {
        let inf = Inflector::builtin();
        let (p, e) = parse_verbs(
            "t.txt",
            "05x | +sign\n057 | * deal\n057 | +sign | sideways\n040 | +meet @ @\n042 | +visit @\n",
            &inf,
        );
        assert_eq!(p.len(), 2, "{p:?}");
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3, 4]);
        assert!(e[2].reason.contains("unknown flag"));
    }

    #[test]
    fn reverse_flags_and_options_parse() {
        let inf = Inflector::builtin();
        let (p, e) = parse_verbs(
            "t.txt",
            "042 | +visit @ | reverse=043\n042 | +tour | reverse=04x\n",
            &inf,
        );
        assert_eq!(p[0].flags.reverse.as_ref().map(|c| c.as_str()), Some("043"));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].reason.contains("reverse=04x"));
        let (o, e) = parse_options("options.txt", "# c\nacts-as-stated\n");
        assert!(o.acts_as_stated && !o.located_targets && e.is_empty());
        let (o, e) = parse_options("options.txt", "acts-as-stated\nlocated-targets\n");
        assert!(o.acts_as_stated && o.located_targets && e.is_empty());
        let (o, e) = parse_options("options.txt", "\nloud\n");
        assert!(!o.acts_as_stated);
        assert_eq!(e[0].line, 2);
        // dyad's own dictionaries code by dyad's conventions.
        let builtin = VerbDictionary::builtin().unwrap();
        assert_eq!(builtin.options, DictOptions::default());
        assert!(builtin.patterns.iter().all(|p| p.flags.reverse.is_none()));
    }

    #[test]
    fn the_builtin_dictionaries_cover_every_cameo_code() {
        let d = VerbDictionary::builtin().unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        let table = crate::CodeTable::builtin();
        let have: HashSet<&CameoCode> = d.patterns.iter().map(|p| &p.code).collect();
        let missing: Vec<String> = table
            .iter()
            // A root ("04") is covered by its general code ("040"), which means the same.
            .filter(|i| {
                let general = CameoCode::new(&format!("{}0", i.code)).ok();
                !(have.contains(&i.code)
                    || (i.code.as_str().len() == 2 && general.is_some_and(|g| have.contains(&g))))
            })
            .map(|i| i.code.to_string())
            .collect();
        assert!(missing.is_empty(), "codes without a pattern: {missing:?}");
        for p in &d.patterns {
            assert!(
                table.get(&p.code).is_some(),
                "{}: unknown code {}",
                p.location(),
                p.code
            );
        }
    }
}
