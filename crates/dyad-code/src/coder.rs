//! The coder: from a sentence to "who did what to whom".
//!
//! Per sentence: tokens → actor mentions (dictionary matches, titles joined to names,
//! references resolved) → clauses → verb patterns → for each pattern that fires, its source,
//! target, modality and object → events. `CODING.md` states the conventions; this file
//! implements them. Every decision is also written to an optional [`Trace`] for `dyad explain`.

use crate::intent::IntentTable;
use crate::tokens::{lower_into, tokenize, Token};
use crate::verbs::{Element, Pattern, VerbDictionary, VerbError};
use crate::CodeTable;
use dyad_core::{Actor, ActorCode, DatePrecision, Event, PartialDate, Plover, Quantity, TextSpan};
use dyad_recognise::{
    find_figures_and_dates, governing_date, ActorMatch, Dictionary, Kind, Matcher, TimeExpr,
};
use rustc_hash::{FxHashMap, FxHashSet};

/// Why the coder could not be built.
#[derive(Debug, thiserror::Error)]
pub enum CoderError {
    /// A verb dictionary line is wrong.
    #[error("verb dictionary errors:\n{}", .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Verbs(Vec<VerbError>),
    /// The actor automaton could not be built.
    #[error("actor dictionary: {0}")]
    Actors(String),
    /// The intent table is wrong.
    #[error(transparent)]
    Intent(#[from] crate::intent::IntentError),
}

/// Coder settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoderOptions {
    /// Keep negated acts as events flagged `negated: true` instead of dropping them.
    pub keep_negated: bool,
}

/// The event coder: actor and verb dictionaries, compiled once, shared by all threads.
pub struct Coder {
    dict: &'static Dictionary,
    matcher: Matcher<'static>,
    verbs: VerbDictionary,
    /// First-word form → patterns starting with it.
    index: FxHashMap<Box<str>, Vec<u32>>,
    /// Per pattern, a word signature for each of its word elements after the first: a pattern
    /// whose element shares no bit with the sentence's signature cannot match, so it is not
    /// tried (large imported sets put hundreds of patterns behind one first word).
    needs: Vec<Box<[WordMask]>>,
    discard_index: FxHashMap<Box<str>, Vec<u32>>,
    /// First words of verb (not noun) patterns: a clause starts at "and praised".
    verb_starts: FxHashSet<Box<str>>,
    intent: &'static IntentTable,
    table: &'static CodeTable,
    options: CoderOptions,
}

/// What the coder carries from one sentence of a document to the next (for "he", "the two
/// leaders").
#[derive(Debug, Clone, Default)]
pub struct DocContext {
    last_person: Option<Mention>,
    /// The person before `last_person` (of another code), for "him" after two people.
    previous_person: Option<Mention>,
    /// The most recent actors with distinct codes, newest last.
    recent: Vec<Mention>,
    /// Lower-case parts of people's names seen so far ("li", "qiang"), for surname mentions.
    name_parts: Vec<(String, Mention)>,
    /// `forward-pronouns`: the first actor named in the previous sentence, without its agent
    /// roles (TABARI forwards the actor, not "President"), for a pronoun opening the next.
    forward: Option<Mention>,
}

/// One actor mention in a sentence: a dictionary match, joined title and name, or a resolved
/// reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Actor code.
    pub code: ActorCode,
    /// Canonical name when known ("Vladimir Putin").
    pub name: Option<String>,
    /// How the words named it.
    pub kind: Kind,
    /// Byte span in the sentence.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Token span.
    tok: (usize, usize),
    /// Resolved from a pronoun or a title ("he", "the two leaders").
    pub resolved: bool,
    /// Index of the pair partner when a plural reference ("the two leaders") stands for two.
    pair: Option<usize>,
    /// For an object pronoun, the next candidate, used when the first is the act's source.
    alt: Option<Box<Mention>>,
    /// A possessive pronoun ("his", "our"): names the owner of a thing, not an actor acting.
    possessive: bool,
    /// An agent composed with a country ("French citizens"): its head noun may be a pattern's
    /// word ("released two French citizens").
    composed: bool,
    /// Dictionary provenance.
    pub rule: String,
}

/// Everything `dyad explain` shows about one sentence.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    /// The tokens.
    pub tokens: Vec<String>,
    /// Actor mentions with code and provenance.
    pub actors: Vec<String>,
    /// Clause of each token (`tokens[i]` is in clause `clauses[i]`).
    pub clauses: Vec<usize>,
    /// Each pattern tried and what became of it.
    pub patterns: Vec<String>,
}

impl std::fmt::Debug for Coder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coder")
            .field("actor_entries", &self.dict.entries.len())
            .field("patterns", &self.verbs.patterns.len())
            .finish()
    }
}

impl Coder {
    /// The coder over the built-in dictionaries, built once per process.
    pub fn builtin() -> Result<&'static Coder, &'static CoderError> {
        static CODER: std::sync::OnceLock<Result<Coder, CoderError>> = std::sync::OnceLock::new();
        CODER
            .get_or_init(|| {
                let dict = Dictionary::builtin().map_err(|e| {
                    CoderError::Actors(
                        e.iter()
                            .map(|e| e.to_string())
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                })?;
                let verbs = VerbDictionary::builtin().map_err(CoderError::Verbs)?;
                Coder::new(dict, verbs, CoderOptions::default())
            })
            .as_ref()
    }

    /// A coder over the given dictionaries. The actor dictionary lives as long as the process
    /// (coders are built once at start-up and shared by every thread).
    pub fn new(
        dict: Dictionary,
        verbs: VerbDictionary,
        options: CoderOptions,
    ) -> Result<Coder, CoderError> {
        let dict: &'static Dictionary = Box::leak(Box::new(dict));
        let matcher = Matcher::new(dict).map_err(|e| CoderError::Actors(e.to_string()))?;
        let build = |patterns: &[Pattern]| {
            let mut index: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
            for (i, p) in patterns.iter().enumerate() {
                if let Some(Element::Words(forms)) = p.elements.first() {
                    for f in forms {
                        index.entry(f.clone()).or_default().push(i as u32);
                    }
                }
            }
            index
        };
        let index = build(&verbs.patterns);
        let needs = verbs
            .patterns
            .iter()
            .map(|p| {
                p.elements
                    .iter()
                    .skip(1)
                    .filter_map(|e| match e {
                        Element::Words(forms) => {
                            let mut m = WordMask::default();
                            forms.iter().for_each(|f| m.add(f));
                            Some(m)
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let verb_starts: FxHashSet<Box<str>> = verbs
            .patterns
            .iter()
            .filter(|p| !p.flags.noun)
            .filter_map(|p| match p.elements.first() {
                Some(Element::Words(forms)) => Some(forms.iter().cloned()),
                _ => None,
            })
            .flatten()
            .collect();
        let discard_index = build(&verbs.discards);
        let table = CodeTable::builtin();
        let intent = IntentTable::builtin()?;
        Ok(Coder {
            dict,
            matcher,
            verbs,
            index,
            needs,
            discard_index,
            verb_starts,
            intent,
            table,
            options,
        })
    }

    /// The verb dictionaries in use.
    pub fn verbs(&self) -> &VerbDictionary {
        &self.verbs
    }

    /// Replaces the dictionary-wide options ([`crate::DictOptions`]), as a test suite whose
    /// records switch options on and off does.
    pub fn set_dict_options(&mut self, options: crate::DictOptions) {
        self.verbs.options = options;
    }

    /// The actor dictionary in use.
    pub fn actors(&self) -> &Dictionary {
        self.dict
    }

    /// Codes a document and finds what its sentences state: events with the dates their
    /// sentences give (else the document's, marked `document`), and the figures with the actors
    /// named beside them. `sentences` are `(byte offset in clean_text, text)`; all spans are
    /// offsets into `clean_text`.
    pub fn analyse_document<'a>(
        &self,
        sentences: impl IntoIterator<Item = (usize, &'a str)>,
        date: Option<PartialDate>,
    ) -> Analysis {
        let mut ctx = DocContext::default();
        let mut scratch = Scratch::default();
        let mut out = Analysis::default();
        for (i, (offset, text)) in sentences.into_iter().enumerate() {
            let first = out.events.len();
            self.code_into(
                text,
                offset,
                i as u32,
                date,
                &mut ctx,
                &mut scratch,
                None,
                &mut out.events,
            );
            // Dates only for a sentence with events or figures to date.
            let events = first < out.events.len();
            let (figures, dates) = find_figures_and_dates(text, date, events);
            if !events && figures.is_empty() {
                continue;
            }
            for e in &mut out.events[first..] {
                date_event(e, text, &dates, offset);
            }
            let last = figures.len().saturating_sub(1);
            for (k, f) in figures.into_iter().enumerate() {
                // The last figure takes the sentence's actors: `code_into` clears them for the
                // next sentence anyway, and a copy costs a string per actor.
                let actors = if k == last {
                    std::mem::take(&mut scratch.actors)
                } else {
                    scratch.actors.clone()
                };
                out.quantities.push(Quantity {
                    sentence_index: i as u32,
                    text: f.text,
                    value: f.value,
                    unit: f.unit,
                    qualifier: f.qualifier,
                    measure: f.measure,
                    start: offset + f.start,
                    end: offset + f.end,
                    max: f.max,
                    per: f.per,
                    actors,
                    date: governing_date(text, &dates, (f.start, f.end), None).map(|d| d.date),
                });
            }
        }
        complete_figure_actors(&mut out);
        out
    }

    /// Codes every sentence of a document, in order (references carry across sentences).
    /// `sentences` are `(byte offset in clean_text, text)`; event spans are offsets into
    /// `clean_text`.
    pub fn code_document<'a>(
        &self,
        sentences: impl IntoIterator<Item = (usize, &'a str)>,
        date: Option<PartialDate>,
    ) -> Vec<Event> {
        let mut ctx = DocContext::default();
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for (i, (offset, text)) in sentences.into_iter().enumerate() {
            self.code_into(
                text,
                offset,
                i as u32,
                date,
                &mut ctx,
                &mut scratch,
                None,
                &mut out,
            );
        }
        out
    }

    /// Codes one sentence on its own (`dyad explain`), with its trace.
    pub fn explain(&self, sentence: &str, date: Option<PartialDate>) -> (Vec<Event>, Trace) {
        let mut trace = Trace::default();
        let mut out = Vec::new();
        self.code_into(
            sentence,
            0,
            0,
            date,
            &mut DocContext::default(),
            &mut Scratch::default(),
            Some(&mut trace),
            &mut out,
        );
        (out, trace)
    }

    /// Codes one sentence with a document context (for callers that split themselves).
    pub fn code_sentence(
        &self,
        sentence: &str,
        date: Option<PartialDate>,
        ctx: &mut DocContext,
    ) -> Vec<Event> {
        let mut out = Vec::new();
        self.code_into(
            sentence,
            0,
            0,
            date,
            ctx,
            &mut Scratch::default(),
            None,
            &mut out,
        );
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn code_into(
        &self,
        text: &str,
        offset: usize,
        index: u32,
        date: Option<PartialDate>,
        ctx: &mut DocContext,
        sc: &mut Scratch,
        mut trace: Option<&mut Trace>,
        out: &mut Vec<Event>,
    ) {
        sc.actors.clear();
        let o = &self.verbs.options;
        // An imported set may skip sentence fragments (`minimum-words`; a comma is a word).
        if o.min_words > 0 {
            let words = text.split_whitespace().count() + text.matches(',').count();
            if words < usize::from(o.min_words) {
                if let Some(t) = trace {
                    t.patterns.push(format!(
                        "{words} words, fewer than the minimum {}: nothing to code",
                        o.min_words
                    ));
                }
                return;
            }
        }
        // `comma-clauses`: TABARI drops short comma-delimited phrases before coding; they are
        // blanked out so that every byte offset still points into the sentence as given.
        let given = text;
        let dropped = o
            .comma_clauses
            .as_ref()
            .and_then(|c| drop_comma_clauses(text, c));
        let text = dropped.as_deref().unwrap_or(text);
        let events_before = out.len();
        // Default actors (`default-source`, `default-target`) let an act code with fewer
        // than two actors named.
        let defaults = o.default_source.is_some() || o.default_target.is_some();
        let matches = self.matcher.find(text, date);
        // Nothing named here and nothing earlier to refer back to: no event can come of it.
        let nothing_to_resolve = ctx.last_person.is_none()
            && ctx.recent.is_empty()
            && ctx.name_parts.is_empty()
            && ctx.forward.is_none();
        if matches.is_empty() && nothing_to_resolve && trace.is_none() && !defaults {
            return;
        }
        lower_into(text, &mut sc.lower);
        tokenize(text, &mut sc.tokens);
        let s = Sentence {
            text,
            lower: &sc.lower,
            tokens: &sc.tokens,
            options: &self.verbs.options,
        };
        let mut mentions = mentions(&s, &matches);
        resolve_name_parts(&s, &mut mentions, ctx);
        resolve_references(&s, &mut mentions, ctx);
        remember(ctx, &mentions);
        if o.forward_pronouns {
            // TABARI forwards only to the next sentence: one without actors breaks the chain.
            ctx.forward = forwardable(&mentions);
        }
        for m in &mentions {
            let code = m.code.to_string();
            if !sc.actors.contains(&code) {
                sc.actors.push(code);
            }
        }
        // An event needs two actors; most sentences of a wire corpus have fewer, and skip the
        // clause and pattern work.
        let few = mentions.len() < 2 && !defaults;
        if few && trace.is_none() {
            return;
        }
        let clauses = clauses(&s, &mentions, &self.verb_starts);
        if let Some(t) = trace.as_deref_mut() {
            t.tokens = s.tokens.iter().map(|t| t.text(text).to_owned()).collect();
            t.clauses = clauses.id.clone();
            t.actors = mentions
                .iter()
                .map(|m| {
                    format!(
                        "{:<12} {:<10} {:?}{}{}  ({})",
                        m.code,
                        m.kind.to_string(),
                        &text[m.start..m.end],
                        m.name
                            .as_ref()
                            .map(|n| format!(" = {n}"))
                            .unwrap_or_default(),
                        if m.resolved { " [resolved]" } else { "" },
                        m.rule
                    )
                })
                .collect();
        }
        if few {
            if let Some(t) = trace {
                t.patterns
                    .push("fewer than two actors: nothing to code".into());
            }
            return;
        }
        let note = |trace: &mut Option<&mut Trace>, msg: String| {
            if let Some(t) = trace.as_deref_mut() {
                t.patterns.push(msg);
            }
        };
        // Imported sets code acts as stated, questions too (`acts-as-stated`).
        if text.trim_end().ends_with('?') && !self.verbs.options.acts_as_stated {
            note(&mut trace, "a question: nothing is coded".into());
            return;
        }
        let owner = mention_owner(&s, &mentions);
        if let Some(d) = self.find_first(
            &s,
            &owner,
            &clauses,
            &self.verbs.discards,
            &self.discard_index,
        ) {
            note(
                &mut trace,
                format!(
                    "discarded by {} ({}): not a political frame",
                    d.location(),
                    d.text
                ),
            );
            return;
        }
        let mut found = self.find_all(&s, &owner, &clauses, &mentions);
        // `complex-verbs`, `complex-conjunctions`: too many acts or clauses to attribute.
        if o.complex_verbs > 0 || o.complex_conjunctions > 0 {
            let mut verbs: Vec<usize> = found
                .iter()
                .filter(|f| !f.pattern.flags.noun)
                .map(|f| f.start)
                .collect();
            verbs.sort_unstable();
            verbs.dedup();
            // "Ithilen and Dagolath" is a compound actor, not two clauses.
            let conjunctions = (0..s.tokens.len())
                .filter(|&u| {
                    matches!(s.word(u), "and" | "or" | "but" | "nor")
                        && !(mentions.iter().any(|m| m.tok.1 == u)
                            && mentions.iter().any(|m| m.tok.0 == u + 1))
                })
                .count();
            let over = |n: usize, limit: u16| limit > 0 && n >= usize::from(limit);
            if over(verbs.len(), o.complex_verbs) || over(conjunctions, o.complex_conjunctions) {
                note(
                    &mut trace,
                    format!(
                        "{} verbs, {conjunctions} conjunctions: too complex, nothing is coded",
                        verbs.len()
                    ),
                );
                return;
            }
        }
        // `no-actor-prior`: no actor before the first verb means the subject is not in the
        // dictionary, and whatever the later verbs code would be misattributed.
        if o.no_actor_prior && o.default_source.is_none() {
            // A pattern that names its source (`$`) has its actor wherever it starts.
            let first_verb = found
                .iter()
                .filter(|f| !f.pattern.flags.noun && f.source.is_none())
                .map(|f| f.start)
                .min();
            if let Some(v) = first_verb {
                if !mentions.iter().any(|m| m.tok.1 <= v && !m.possessive) {
                    note(
                        &mut trace,
                        format!(
                            "no actor before the first verb {:?}: nothing is coded",
                            s.word(v)
                        ),
                    );
                    return;
                }
            }
        }
        // Longest first, then the more specific code, then the earlier line.
        found.sort_by(|a, b| {
            (b.literal_count, b.pattern.code.as_str().len())
                .cmp(&(a.literal_count, a.pattern.code.as_str().len()))
                .then(a.start.cmp(&b.start))
        });
        let mut used = vec![false; s.tokens.len()];
        let first_event = out.len();
        let code_by = self.verbs.options.code_by;
        sc.fired.clear();
        sc.dominant.clear();
        for m in &found {
            if m.literal.iter().any(|&t| used[t]) {
                note(
                    &mut trace,
                    format!(
                        "  {:<40} {:<28} skipped: its words belong to a longer match",
                        m.pattern.to_string(),
                        m.pattern.location()
                    ),
                );
                continue;
            }
            let before = out.len();
            let result = self.events_for(&s, &mentions, &clauses, m, offset, index, date, ctx, out);
            if code_by != crate::CodeBy::All && out.len() > before {
                // TABARI's clauses (`first-actor-roles`) are split by conjunctions alone.
                let clause = if s.options.first_actor_roles {
                    (0..m.start)
                        .filter(|&u| clause_ends_at(&s, &mentions, &self.verb_starts, u))
                        .count()
                } else {
                    clauses.id[m.start]
                };
                sc.fired.push((clause, m.start, before, out.len()));
            }
            if m.pattern.flags.dominant && out.len() > before {
                sc.dominant.push((before, out.len()));
            }
            // A match that found no source or target leaves its words to shorter patterns.
            if !result.contains("found no") {
                for &t in &m.literal {
                    used[t] = true;
                }
            }
            note(
                &mut trace,
                format!(
                    "  {:<40} {:<28} {}",
                    m.pattern.to_string(),
                    m.pattern.location(),
                    result
                ),
            );
        }
        if found.is_empty() {
            note(&mut trace, "no verb pattern matched".into());
        }
        // `dominant` patterns that coded leave only their own acts, whatever `code-by` says.
        if !sc.dominant.is_empty() {
            let dropped =
                out.len() - first_event - sc.dominant.iter().map(|(a, b)| b - a).sum::<usize>();
            note(
                &mut trace,
                format!("{dropped} event(s) dropped for a dominant pattern"),
            );
            // `k` is each event's index in `out`, as the ranges are.
            let mut k = 0;
            let dominant = &sc.dominant;
            out.retain(|_| {
                k += 1;
                k - 1 < first_event || dominant.iter().any(|&(a, b)| a < k && k <= b)
            });
            sc.fired.clear();
        }
        // `code-by clause|sentence`: only the acts of the leftmost verb that coded, in each
        // clause or in the sentence, stay.
        if sc.fired.len() > 1 {
            let by_clause = code_by == crate::CodeBy::Clause;
            let first = |clause: usize| {
                sc.fired
                    .iter()
                    .filter(|f| !by_clause || f.0 == clause)
                    .map(|f| f.1)
                    .min()
            };
            let mut dropped = 0;
            let mut keep: Vec<bool> = vec![true; out.len() - first_event];
            for &(clause, start, from, to) in &sc.fired {
                if first(clause) != Some(start) {
                    keep[from - first_event..to - first_event].fill(false);
                    dropped += to - from;
                }
            }
            if dropped > 0 {
                note(
                    &mut trace,
                    format!("{dropped} event(s) of later verbs dropped (code-by {code_by:?})"),
                );
                let mut k = keep.iter();
                let mut i = 0;
                out.retain(|_| {
                    i += 1;
                    i <= first_event || k.next().copied().unwrap_or(true)
                });
            }
        }
        // One event per dyad and code in a sentence.
        let mut seen: Vec<(Option<String>, Option<String>, String)> = Vec::new();
        let mut i = first_event;
        while i < out.len() {
            let e = &out[i];
            let key = (
                e.source
                    .as_ref()
                    .and_then(|a| a.code.as_ref())
                    .map(ToString::to_string),
                e.target
                    .as_ref()
                    .and_then(|a| a.code.as_ref())
                    .map(ToString::to_string),
                e.cameo.to_string(),
            );
            if seen.contains(&key) {
                out.remove(i);
            } else {
                seen.push(key);
                i += 1;
            }
        }
        if dropped.is_some() {
            for e in &mut out[events_before..] {
                e.sentence = given.to_owned();
            }
        }
    }

    fn find_first<'p>(
        &self,
        s: &Sentence<'_>,
        owner: &[Option<usize>],
        clauses: &Clauses,
        patterns: &'p [Pattern],
        index: &FxHashMap<Box<str>, Vec<u32>>,
    ) -> Option<&'p Pattern> {
        for (i, t) in s.tokens.iter().enumerate() {
            if let Some(ids) = index.get(t.text(s.lower)) {
                for &id in ids {
                    let p = &patterns[id as usize];
                    if match_at(s, owner, clauses, &[], p, i, false, &self.verbs.inflector)
                        .is_some()
                    {
                        return Some(p);
                    }
                }
            }
        }
        None
    }

    fn find_all<'p>(
        &'p self,
        s: &Sentence<'_>,
        owner: &[Option<usize>],
        clauses: &Clauses,
        mentions: &[Mention],
    ) -> Vec<Found<'p>> {
        let mut found = Vec::new();
        // The sentence's signature, made at the first word that starts a pattern.
        let mut words: Option<WordMask> = None;
        for (i, t) in s.tokens.iter().enumerate() {
            if owner[i].is_some() {
                continue;
            }
            let Some(ids) = self.index.get(t.text(s.lower)) else {
                continue;
            };
            let passive = is_passive(s, i, &self.verbs.inflector);
            let words = words.get_or_insert_with(|| {
                let mut m = WordMask::default();
                (0..s.tokens.len()).for_each(|i| m.add(s.word(i)));
                m
            });
            for &id in ids {
                let fits = |needs: &[WordMask]| needs.iter().all(|m| m.meets(words));
                if !self.needs.get(id as usize).is_none_or(|n| fits(n)) {
                    continue;
                }
                let p = &self.verbs.patterns[id as usize];
                if let Some(mut f) = match_at(
                    s,
                    owner,
                    clauses,
                    mentions,
                    p,
                    i,
                    passive,
                    &self.verbs.inflector,
                ) {
                    f.passive = passive && !p.flags.noun;
                    found.push(f);
                }
            }
        }
        // A word that starts both a verb and a noun pattern ("sanctions") is a noun after an
        // article or adjective ("fresh sanctions"), a verb after its subject or an auxiliary.
        let noun_at: Vec<usize> = found
            .iter()
            .filter(|f| f.pattern.flags.noun)
            .map(|f| f.start)
            .collect();
        found.retain(|f| {
            // "after their meeting", "the signing", "a brief private visit": after an article
            // or possessive and the modifiers of a noun, a noun. A prefix ("an anti- Gondor
            // parade", an imported pattern starting with "anti-") is neither.
            // A possessive ("the attack's aftermath", "donate's") is a noun too.
            if !f.pattern.flags.noun
                && matches!(s.word(f.start + 1), "'s" | "’s")
                && s.word(f.start) != "let"
            {
                return false;
            }
            if !f.pattern.flags.noun && s.word(f.start + 1) != "-" {
                let mut u = f.start;
                while u > 0 && {
                    let w = s.word(u - 1);
                    NOUN_MODIFIERS.contains(&w)
                        || w == "private"
                        || (w.contains('-')
                            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                            && w.chars().any(|c| c.is_ascii_lowercase()))
                } {
                    u -= 1;
                }
                // TABARI's rule (`first-actor-roles`) knows only the articles.
                let article = |w: &str| {
                    if s.options.first_actor_roles {
                        matches!(w, "the" | "a" | "an")
                    } else {
                        matches!(
                            w,
                            "the" | "a" | "an" | "their" | "his" | "its" | "our" | "her" | "this"
                        )
                    }
                };
                if u > 0 && article(s.word(u - 1)) {
                    return false;
                }
            }
            if f.pattern.flags.noun || !noun_at.contains(&f.start) || f.start == 0 {
                return true;
            }
            let prev = f.start - 1;
            owner[prev].is_some()
                || !s.tokens[prev].word
                || matches!(
                    s.word(prev),
                    "to" | "will"
                        | "would"
                        | "also"
                        | "has"
                        | "have"
                        | "had"
                        | "did"
                        | "does"
                        | "not"
                        | "then"
                        | "he"
                        | "she"
                        | "it"
                        | "they"
                        | "we"
                        | "jointly"
                        | "further"
                        | "again"
                        | "and"
                )
        });
        found
    }

    #[allow(clippy::too_many_arguments)]
    fn events_for(
        &self,
        s: &Sentence<'_>,
        mentions: &[Mention],
        clauses: &Clauses,
        m: &Found<'_>,
        offset: usize,
        index: u32,
        date: Option<PartialDate>,
        ctx: &DocContext,
        out: &mut Vec<Event>,
    ) -> String {
        let p = m.pattern;
        let clause = clauses.id[m.start];
        // Modality and negation: the words right before the trigger.
        let modality = modality(s, clauses, m.start, mentions, p.flags.noun);
        // An imported dictionary may code acts as stated (`acts-as-stated`): its patterns were
        // written for coders that keep the act's code whatever the modality.
        let as_stated = self.verbs.options.acts_as_stated;
        if modality.hypothetical && !as_stated {
            return format!("fired, but hypothetical ({}): no event", modality.word);
        }
        if modality.negated && !self.options.keep_negated {
            return format!("fired, but negated ({}): no event", modality.word);
        }
        let mut code = p.code.clone();
        if modality.intent && !as_stated {
            match self.intent.intent_of(&code) {
                Some(c) => code = c,
                None => {
                    return format!(
                        "fired, but only intended ({}) and {} has no intent code: no event",
                        modality.word, p.code
                    )
                }
            }
        }
        // Who did it to whom.
        let (mut sources, mut targets, how) = if p.flags.noun {
            nominal_roles(s, mentions, clauses, m)
        } else if m.passive {
            let agent = agent_after(s, mentions, clauses, m.end);
            let subject = subject_before(s, mentions, clauses, m.start);
            let subject = if subject.is_empty() && s.options.open_gaps {
                owner_subject(s, mentions, clauses, m.start)
            } else {
                subject
            };
            (
                agent,
                subject,
                "passive: subject is the target, the by/from phrase the source",
            )
        } else if self.verbs.options.first_actor_roles {
            // TABARI's `%` (`mutual`): the compound right before the verb acts on itself
            // ("Mordor with Fornost and Gondor welcomed" → Fornost and Gondor).
            let compound = p
                .flags
                .mutual
                .then(|| {
                    mentions
                        .iter()
                        .rposition(|x| x.tok.1 <= m.start && !x.possessive)
                })
                .flatten()
                .map(|i| group_ending(s, mentions, clauses, i))
                .filter(|g| distinct_codes(mentions, g) >= 2);
            match compound {
                Some(g) => (g, Vec::new(), "active, TABARI's compound before the verb"),
                None => first_actor_roles(s, mentions, clauses, m, &self.verb_starts),
            }
        } else {
            let subject = subject_before(s, mentions, clauses, m.start);
            let subject = if subject.is_empty() {
                clauses.inherited_subject(clause, s, mentions)
            } else {
                subject
            };
            let subject = if subject.is_empty() && s.options.open_gaps {
                owner_subject(s, mentions, clauses, m.start)
            } else {
                subject
            };
            let opener = first_word(s, m.start)
                || (m.start > 0
                    && matches!(
                        s.word(m.start - 1),
                        "after" | "before" | "while" | "when" | "upon" | "since"
                    )
                    && first_word(s, m.start - 1));
            let subject = if subject.is_empty() && s.word(m.start).ends_with("ing") && opener {
                // "Speaking to Li, Putin said": the participle's subject follows its phrase.
                subject_after_comma(s, mentions, m.end)
            } else {
                subject
            };
            let target = match m.target {
                Some(t) => group_from(s, mentions, clauses, t),
                None => {
                    // An imported dictionary may take a target after "at" or "in"
                    // (`located-targets`): "fired artillery shells at Seoul".
                    let places = self.verbs.options.located_targets;
                    let after = first_after(s, mentions, clauses, m.end, places);
                    if after.is_empty() {
                        // "threatened Israel with a crushing response": the target stood in a gap.
                        first_after(s, mentions, clauses, m.trigger_end, places)
                            .into_iter()
                            .filter(|&i| mentions[i].tok.1 <= m.end)
                            .collect()
                    } else {
                        after
                    }
                }
            };
            (subject, target, "active")
        };
        // A `$` in the pattern names the source (and no passive reading swaps it).
        if let Some(src) = m.source {
            sources = group_from(s, mentions, clauses, src);
            let code = &mentions[src].code;
            targets.retain(|&t| mentions[t].code != *code);
        }
        // `source-before`: the pattern places its source right before its first word.
        if p.flags.source_before && !m.passive && !p.flags.noun {
            if let Some(i) = mentions
                .iter()
                .rposition(|x| x.tok.1 <= m.start && !x.possessive)
            {
                sources = group_ending(s, mentions, clauses, i);
                let code = &mentions[i].code;
                targets.retain(|&t| mentions[t].code != *code);
            }
        }
        // "Russia and China signed": a reciprocal act with a compound subject. A "by" phrase
        // is then the builder or maker, not a party ("signed … in China by Rosatom").
        let mut mutual_pairs = false;
        if p.flags.mutual
            && !m.passive
            && distinct_codes(mentions, &expand_pairs(mentions, &sources)) >= 2
            && targets.first().is_some_and(|&t| {
                let mut u = mentions[t].tok.0;
                while u > 0 && DETERMINERS.contains(&s.word(u - 1)) {
                    u -= 1;
                }
                u > 0 && s.word(u - 1) == "by"
            })
        {
            targets.clear();
        }
        if p.flags.mutual && sources.is_empty() && m.passive {
            // "An agreement between X and Y was signed": the parties stand in the subject.
            std::mem::swap(&mut sources, &mut targets);
        }
        if p.flags.mutual
            && !m.passive
            && m.target.is_none()
            && distinct_codes(mentions, &expand_pairs(mentions, &sources)) >= 2
        {
            // "The countries reaffirmed their intention … within the framework of the UN": a
            // reciprocal act of two parties takes only a target its pattern names.
            targets.clear();
        }
        if p.flags.mutual && targets.is_empty() {
            let expanded = expand_pairs(mentions, &sources);
            if distinct_codes(mentions, &expanded) >= 2 {
                sources = expanded;
                mutual_pairs = true;
            } else if let Some(pair) = between_pair(s, mentions, clauses, clause, m.start) {
                sources = pair;
                mutual_pairs = true;
            }
        }
        let sources_e = expand_pairs(mentions, &sources);
        let targets_e = expand_pairs(mentions, &targets);
        sources = sources_e;
        targets = targets_e;
        // Default actors (imported sets' `default-source` / `default-target`) stand in for a
        // missing source or target; they are mentions past the sentence's own.
        let mut defaults: Vec<Mention> = Vec::new();
        let o = &self.verbs.options;
        if (o.default_source.is_some() || o.default_target.is_some()) && !mutual_pairs {
            let verb = (
                s.tokens[m.start].start as usize,
                s.tokens[m.trigger_end.saturating_sub(1).max(m.start)].end as usize,
            );
            let mut stand_in = |code: &ActorCode| {
                defaults.push(default_mention(code, verb, m.start, m.trigger_end));
                mentions.len() + defaults.len() - 1
            };
            if sources.is_empty() {
                match &o.default_source {
                    Some(d) if d.own_side || targets.is_empty() => sources.push(stand_in(&d.code)),
                    // Without `prior`, the first actor after the verb is the source.
                    _ if !targets.is_empty() => sources.push(targets.remove(0)),
                    _ => {}
                }
            }
            let first_source = sources.first().and_then(|&i| mentions.get(i));
            targets.retain(|&t| first_source.is_none_or(|f| mentions[t].code != f.code));
            if targets.is_empty() {
                let before = mentions.iter().position(|x| {
                    x.tok.1 <= m.start && first_source.is_some_and(|f| x.code != f.code)
                });
                match (&o.default_target, before) {
                    (Some(d), Some(b)) if !d.own_side => targets.push(b),
                    (None, Some(b)) => targets.push(b),
                    (Some(d), _) => targets.push(stand_in(&d.code)),
                    (None, None) => {}
                }
            }
        }
        let get = |i: usize| {
            mentions
                .get(i)
                .unwrap_or_else(|| &defaults[i - mentions.len()])
        };
        if sources.is_empty() {
            return format!("fired ({how}), but found no source actor: no event");
        }
        if targets.is_empty() && !mutual_pairs {
            return format!("fired ({how}), but found no target actor: no event");
        }
        // "Putin told Xinhua", "Speaking to Sputnik": talking to the press is how news is
        // reported, not an act towards the press.
        if code.root() == "01"
            && !targets.is_empty()
            && targets.iter().all(|&t| get(t).code.sector() == Some("MED"))
        {
            return "fired, but a statement to the press is attribution: no event".into();
        }
        let Some(info) = self.table.get(&code) else {
            return format!("fired, but {code} is not in the code table: no event");
        };
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        if mutual_pairs {
            // With a reverse code (TABARI's `% * [044:045]`), each pair codes once: the reverse
            // event is the other direction.
            let once = p.flags.reverse.is_some();
            for (k, &a) in sources.iter().enumerate() {
                for (l, &b) in sources.iter().enumerate() {
                    if a != b && (!once || k < l) {
                        pairs.push((a, b));
                    }
                }
            }
        } else {
            for &a in &sources {
                for &b in &targets {
                    pairs.push((a, b));
                }
            }
        }
        let mut confidence: f32 = 0.9;
        if m.target.is_none() && !mutual_pairs {
            confidence -= 0.1;
        }
        if m.passive {
            confidence -= 0.1;
        }
        if modality.intent {
            confidence -= 0.1;
        }
        if p.flags.noun {
            confidence -= 0.05;
        }
        let trigger = span(s, offset, m.start, m.trigger_end);
        let object = m
            .object_start
            .and_then(|o| object_span(s, clauses, mentions, o, offset));
        let mut made = 0;
        for (a, b) in pairs {
            let (src, mut tgt) = (get(a), get(b));
            if src.code == tgt.code {
                match tgt.alt.as_deref() {
                    Some(alt) => tgt = alt,
                    None => continue,
                }
            }
            let mut c = confidence;
            if src.resolved || tgt.resolved {
                c -= 0.15;
            }
            out.push(Event {
                sentence_index: index,
                sentence: s.text.to_owned(),
                source: Some(actor(s, src, offset, ctx)),
                target: Some(actor(s, tgt, offset, ctx)),
                cameo: code.clone(),
                root: code.root().to_owned(),
                quad_class: info.quad_class,
                goldstein: info.goldstein,
                plover: info.plover.clone().unwrap_or(Plover {
                    kind: String::new(),
                    mode: None,
                }),
                date,
                date_precision: DatePrecision::Document,
                date_text: None,
                trigger: trigger.clone(),
                object: object.clone(),
                negated: modality.negated,
                confidence: c.clamp(0.1, 0.95),
                rule: p.location(),
            });
            made += 1;
            // A paired code (`reverse=CODE`): the act is also one of the target towards the
            // source ("X visited Y": Y hosted X). Not under dyad's intent convention, whose
            // intent code has no reverse.
            let reverse = p
                .flags
                .reverse
                .as_ref()
                .filter(|_| !modality.intent || as_stated)
                .and_then(|r| self.table.get(r));
            if let (Some(rinfo), Some(ev)) = (reverse, out.last()) {
                let mut ev = ev.clone();
                std::mem::swap(&mut ev.source, &mut ev.target);
                ev.cameo = rinfo.code.clone();
                ev.root = rinfo.code.root().to_owned();
                ev.quad_class = rinfo.quad_class;
                ev.goldstein = rinfo.goldstein;
                ev.plover = rinfo.plover.clone().unwrap_or(Plover {
                    kind: String::new(),
                    mode: None,
                });
                out.push(ev);
            }
        }
        if made == 0 {
            return format!("fired ({how}), but source and target are the same actor: no event");
        }
        let mut msg = format!(
            "FIRED ({how}{}): {made} event(s) coded {code}",
            if mutual_pairs { ", reciprocal" } else { "" }
        );
        if modality.intent && !as_stated {
            msg.push_str(&format!(
                " (intent from {:?}, act {})",
                modality.word, p.code
            ));
        }
        msg
    }
}

/// `comma-clauses`: the sentence with its droppable comma-delimited phrases (and their commas)
/// blanked out, or `None` when none is dropped. Commas inside numbers ("10,000") delimit
/// nothing; the sentence's closing punctuation stays.
fn drop_comma_clauses(text: &str, c: &crate::CommaClauses) -> Option<String> {
    let b = text.as_bytes();
    let commas: Vec<usize> = (0..b.len())
        .filter(|&i| {
            b[i] == b','
                && !(i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        })
        .collect();
    let (&first, &last) = (commas.first()?, commas.last()?);
    let words = |from: usize, to: usize| {
        text[from..to]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let within = |n: usize, min: u16, max: u16| n > usize::from(min) && n <= usize::from(max);
    // "Mordor, the awful Fornost, and Gondor": items of a list (before and after the comma
    // that goes on with "and"), not clauses.
    let listed = |comma: usize| {
        let rest = text[comma + 1..].trim_start();
        rest.starts_with("and ") || rest.starts_with("or ")
    };
    let mut blank: Vec<(usize, usize)> = Vec::new();
    // The comma that closes a dropped phrase opens no other one.
    let mut closed = false;
    if within(words(0, first), c.begin_min, c.begin_max) && !listed(first) {
        blank.push((0, first + 1));
        closed = true;
    }
    for w in commas.windows(2) {
        if std::mem::take(&mut closed) {
            continue;
        }
        // The closing comma stays: the words on either side do not run together.
        if within(words(w[0] + 1, w[1]), c.min, c.max) && !listed(w[0]) && !listed(w[1]) {
            blank.push((w[0], w[1]));
            closed = true;
        }
    }
    let end = text
        .char_indices()
        .rev()
        .find(|(_, ch)| ch.is_alphanumeric())
        .map_or(last, |(i, ch)| i + ch.len_utf8());
    if !closed && end > last && within(words(last + 1, end), c.end_min, c.end_max) && !listed(last)
    {
        blank.push((last + 1, end));
    }
    if blank.is_empty() {
        return None;
    }
    let mut out = b.to_vec();
    for (from, to) in blank {
        out[from..to].fill(b' ');
    }
    // Whole characters were replaced by spaces: still UTF-8.
    String::from_utf8(out).ok()
}

/// Buffers reused across the sentences of a document.
#[derive(Default)]
struct Scratch {
    lower: String,
    tokens: Vec<Token>,
    /// Codes of the actors named in the last sentence coded.
    actors: Vec<String>,
    /// Under `code-by clause|sentence`: per match that coded, its clause, first token and
    /// the range of its events.
    fired: Vec<(usize, usize, usize, usize)>,
    /// The event ranges of `dominant` patterns that coded.
    dominant: Vec<(usize, usize)>,
}

/// What [`Coder::analyse_document`] finds in a document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Coded events, in sentence order.
    pub events: Vec<Event>,
    /// Stated figures, in sentence order.
    pub quantities: Vec<Quantity>,
}

/// A figure whose sentence names fewer than two countries ("with mutual trade reaching $108
/// billion") is about the article's relationship: the two countries its events involve most
/// complete its actors, so `dyad quantities --dyad RUS,CHN` finds it.
fn complete_figure_actors(a: &mut Analysis) {
    if a.quantities.is_empty() || a.events.is_empty() {
        return;
    }
    // Separate borrows: the counts borrow the events' codes while the figures change.
    let Analysis { events, quantities } = a;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for actor in events.iter().flat_map(|e| [&e.source, &e.target]).flatten() {
        let Some(c) = actor.code.as_ref().map(|c| c.country()) else {
            continue;
        };
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    // Most frequent first; ties keep first appearance.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let top = &counts[..counts.len().min(2)];
    for q in quantities.iter_mut() {
        // Two countries or more: some actor's differs from the first's (no set to build).
        let two = q.actors.split_first().is_some_and(|(first, rest)| {
            let first = &first[..first.len().min(3)];
            rest.iter().any(|c| &c[..c.len().min(3)] != first)
        });
        if two {
            continue;
        }
        for (c, _) in top {
            if !q.actors.iter().any(|a| a.starts_with(c)) {
                q.actors.push((*c).to_owned());
            }
        }
    }
}

/// Gives an event the date that governs its trigger in its sentence, if any
/// ([`governing_date`]); a date inside the event's object describes the object, not the act.
fn date_event(e: &mut Event, sentence: &str, dates: &[TimeExpr], offset: usize) {
    let local = |a: usize, b: usize| (a.saturating_sub(offset), b.saturating_sub(offset));
    let anchor = local(e.trigger.start, e.trigger.end);
    let mut exclude = e.object.as_ref().map(|o| local(o.start, o.end));
    // "his meeting Wednesday with…": an "object" that is only a date is the act's time.
    if let Some((a, b)) = exclude {
        if dates.iter().any(|d| d.start <= a && b <= d.end) {
            e.object = None;
            exclude = None;
        }
    }
    if let Some(d) = governing_date(sentence, dates, anchor, exclude) {
        e.date = Some(d.date);
        e.date_precision = d.date.precision();
        e.date_text = Some(d.text.clone());
    }
}

struct Sentence<'a> {
    text: &'a str,
    lower: &'a str,
    tokens: &'a [Token],
    /// The dictionary's options (`open-gaps`, `convert-agents`, `first-actor-pronouns`,
    /// `and-clauses` change how a sentence is read).
    options: &'a crate::DictOptions,
}

impl Sentence<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map(|t| t.text(self.lower)).unwrap_or("")
    }
}

/// A 256-bit signature of a set of words (one bit per word, by hash): two sets whose
/// signatures share no bit share no word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WordMask([u64; 4]);

impl WordMask {
    fn add(&mut self, word: &str) {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        word.hash(&mut h);
        // The high bits of an Fx hash are its best mixed.
        let bit = (h.finish() >> 56) as usize;
        self.0[bit >> 6] |= 1 << (bit & 63);
    }

    /// True when the two sets may share a word.
    fn meets(&self, other: &WordMask) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
    }
}

/// A pattern matched at a place in the sentence.
struct Found<'p> {
    pattern: &'p Pattern,
    start: usize,
    end: usize,
    trigger_end: usize,
    literal: Vec<usize>,
    literal_count: usize,
    target: Option<usize>,
    /// The mention a `$` element took.
    source: Option<usize>,
    object_start: Option<usize>,
    passive: bool,
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "both", "all", "fellow",
];
const PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "on",
    "to",
    "from",
    "with",
    "of",
    "for",
    "into",
    "near",
    "across",
    "against",
    "between",
    "about",
    "over",
    "under",
    "through",
    "toward",
    "towards",
    "within",
    "by",
    "among",
    "amid",
    "inside",
    "outside",
    "via",
    "than",
    "like",
    "including",
    "during",
    "beyond",
    "around",
    "onto",
    "upon",
    "without",
];

/// Tries `p` at token `i`. In passive mode an `@` slot may stay empty.
#[allow(clippy::too_many_arguments)]
fn match_at<'p>(
    s: &Sentence<'_>,
    owner: &[Option<usize>],
    clauses: &Clauses,
    mentions: &[Mention],
    p: &'p Pattern,
    i: usize,
    passive: bool,
    _inflector: &crate::Inflector,
) -> Option<Found<'p>> {
    let mut f = Found {
        pattern: p,
        start: i,
        end: i,
        trigger_end: i,
        literal: Vec::new(),
        literal_count: 0,
        target: None,
        source: None,
        object_start: None,
        passive: false,
    };
    let walk = Walk {
        s,
        owner,
        clauses,
        mentions,
        p,
        clause: clauses.id[i],
        passive,
    };
    let trigger_len = p.trigger_len();
    if !step(&walk, 0, i, &mut f) {
        return None;
    }
    // The trigger is the run of literal words from the start, without a trailing
    // preposition ("visit to" → "visit", "held talks with" → "held talks").
    f.trigger_end = f
        .literal
        .get(trigger_len.saturating_sub(1))
        .map_or(i + 1, |&t| t + 1);
    while f.trigger_end > i + 1
        && (PREPOSITIONS.contains(&s.word(f.trigger_end - 1))
            || s.word(f.trigger_end - 1) == "that")
    {
        f.trigger_end -= 1;
    }
    f.literal_count = f.literal.len();
    Some(f)
}

/// The longest `*` of an imported dictionary with `open-gaps`, in tokens.
const OPEN_GAP: usize = 6;

/// What stays fixed while one pattern is matched at one position: the sentence, who owns
/// each token, its clauses and actors, the pattern, the clause the match starts in, and
/// whether the pattern is read passively.
#[derive(Clone, Copy)]
struct Walk<'w, 's> {
    s: &'w Sentence<'s>,
    owner: &'w [Option<usize>],
    clauses: &'w Clauses,
    mentions: &'w [Mention],
    p: &'w Pattern,
    clause: usize,
    passive: bool,
}

/// Matches elements `e..` from token `t`; backtracks over gaps.
fn step(walk: &Walk<'_, '_>, e: usize, t: usize, f: &mut Found<'_>) -> bool {
    let Walk {
        s,
        owner,
        clauses,
        mentions,
        p,
        clause,
        passive,
    } = *walk;
    let Some(el) = p.elements.get(e) else {
        f.end = t;
        return true;
    };
    let in_clause = |t: usize| t < s.tokens.len() && clauses.id[t] == clause;
    match el {
        Element::Words(forms) => {
            // Words inside an actor are the actor's, except the head of a composed agent.
            if !in_clause(t) {
                return false;
            }
            let head_of_agent = owner[t]
                .and_then(|i| mentions.get(i))
                .is_some_and(|m| m.composed && m.tok.0 < t);
            if owner[t].is_some() && !head_of_agent {
                return false;
            }
            let w = s.word(t);
            if forms.binary_search_by(|f| f.as_ref().cmp(w)).is_err() {
                return false;
            }
            f.literal.push(t);
            if step(walk, e + 1, t + 1, f) {
                return true;
            }
            f.literal.pop();
            false
        }
        Element::Object => {
            let had = f.object_start;
            if f.object_start.is_none() {
                f.object_start = Some(t);
            }
            if step(walk, e + 1, t, f) {
                return true;
            }
            f.object_start = had;
            false
        }
        Element::Gap(n) => {
            let had = f.object_start;
            if f.object_start.is_none() {
                f.object_start = Some(t);
            }
            // Imported patterns (`open-gaps`) match their words anywhere in the verb phrase.
            let n = if s.options.open_gaps {
                OPEN_GAP
            } else {
                *n as usize
            };
            for k in 0..=n {
                // A gap stays inside the clause and crosses no comma.
                if k > 0 {
                    // A gap stays out of actors: an actor inside it changes who the act is
                    // about ("urged Xi to press Russia to end the war").
                    let g = t + k - 1;
                    if !in_clause(g) {
                        break;
                    }
                    // An adjective or a possessor may stand inside ("seized a Greek tanker",
                    // "refused Washington's request").
                    let modifier = owner[g].and_then(|i| mentions.get(i)).is_some_and(|m| {
                        m.kind == Kind::Adj || m.composed || matches!(s.word(m.tok.1), "'s" | "’s")
                    });
                    // "restore complete, full diplomatic ties": an imported gap (`open-gaps`)
                    // crosses a comma between two adjectives.
                    let listed_adjective = s.options.open_gaps
                        && s.word(g) == ","
                        && g > 0
                        && [g - 1, g + 1].iter().all(|&u| {
                            owner.get(u).is_some_and(Option::is_none)
                                && s.tokens.get(u).is_some_and(|t| t.word)
                                && is_list_adjective(s.word(u))
                        });
                    if (owner[g].is_some() && !modifier && !s.options.open_gaps)
                        || (!s.tokens[g].word
                            && !listed_adjective
                            && !matches!(s.word(g), "-" | "$" | "'s" | "’s"))
                    {
                        break;
                    }
                }
                if step(walk, e + 1, t + k, f) {
                    return true;
                }
            }
            f.object_start = had;
            false
        }
        Element::Skip => {
            let mut u = t;
            while in_clause(u) && owner[u].is_none() && DETERMINERS.contains(&s.word(u)) {
                u += 1;
            }
            if let Some(m) = actor_starting_at(owner, mentions, u).filter(|_| in_clause(u)) {
                // An actor and the actors listed with it.
                return step_after_actor(walk, e, m, f, None);
            }
            // Else a phrase of one to four words without an actor or punctuation.
            for k in 1..=4 {
                let g = t + k - 1;
                if !in_clause(g) || owner[g].is_some() || !s.tokens[g].word {
                    break;
                }
                if step(walk, e + 1, t + k, f) {
                    return true;
                }
            }
            false
        }
        Element::Source => {
            let mut u = t;
            while in_clause(u) && owner[u].is_none() && DETERMINERS.contains(&s.word(u)) {
                u += 1;
            }
            let Some(m) = actor_starting_at(owner, mentions, u).filter(|_| in_clause(u)) else {
                return false;
            };
            step_after_actor(walk, e, m, f, Some(|f| &mut f.source))
        }
        Element::Target => {
            let mut u = t;
            while in_clause(u)
                && owner[u].is_none()
                && (DETERMINERS.contains(&s.word(u))
                    || is_quantity_word(s.word(u))
                    || NOUN_MODIFIERS.contains(&s.word(u)))
            {
                u += 1;
            }
            // "told his Turkish counterpart": the owner is no target.
            while in_clause(u)
                && owner[u].is_some_and(|m| mentions.get(m).is_some_and(|mm| mm.possessive))
            {
                u += 1;
                while in_clause(u) && owner[u].is_none() && DETERMINERS.contains(&s.word(u)) {
                    u += 1;
                }
            }
            if let Some(m) = actor_starting_at(owner, mentions, u).filter(|_| in_clause(u)) {
                // The slot takes the whole group: "on Russia and Belarus".
                if step_after_actor(walk, e, m, f, Some(|f| &mut f.target)) {
                    return true;
                }
            }
            passive && step(walk, e + 1, t, f)
        }
    }
}

/// A pattern's slot in [`Found`]: where the mention an element takes is kept.
type Slot = for<'a, 'p> fn(&'a mut Found<'p>) -> &'a mut Option<usize>;

/// Matches elements after `e` from the end of the group that mention `m` opens (an actor and
/// the actors listed with it). With a `slot`, `m` is put there for the rest of the match, and
/// taken out again when that fails.
fn step_after_actor(
    walk: &Walk<'_, '_>,
    e: usize,
    m: usize,
    f: &mut Found<'_>,
    slot: Option<Slot>,
) -> bool {
    let end = group_end(walk.s, walk.mentions, walk.clauses, m);
    let Some(slot) = slot else {
        return step(walk, e + 1, end, f);
    };
    let had = slot(f).replace(m);
    if step(walk, e + 1, end, f) {
        return true;
    }
    *slot(f) = had;
    false
}

/// The mention that starts at token `u`, if one does.
fn actor_starting_at(owner: &[Option<usize>], mentions: &[Mention], u: usize) -> Option<usize> {
    owner
        .get(u)
        .copied()
        .flatten()
        .filter(|&m| mentions.get(m).is_some_and(|mm| mm.tok.0 == u))
}

/// The token after mention `m` and the actors listed with it ([`group_from`]).
fn group_end(s: &Sentence<'_>, mentions: &[Mention], clauses: &Clauses, m: usize) -> usize {
    group_from(s, mentions, clauses, m)
        .last()
        .map_or(mentions[m].tok.1, |&g| mentions[g].tok.1)
}

/// Which mention owns each token.
fn mention_owner(s: &Sentence<'_>, mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut owner = vec![None; s.tokens.len()];
    for (i, m) in mentions.iter().enumerate() {
        for o in owner.iter_mut().take(m.tok.1).skip(m.tok.0) {
            *o = Some(i);
        }
    }
    owner
}

/// Dictionary matches → mentions: tokens assigned, titles joined to names, "the Government
/// of Russia" composed, "Chinese and Russian presidents" distributed.
fn mentions(s: &Sentence<'_>, matches: &[ActorMatch<'_>]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(matches.len());
    for a in matches {
        let first = s
            .tokens
            .iter()
            .position(|t| t.start as usize >= a.span.start);
        let last = s.tokens.iter().rposition(|t| t.end as usize <= a.span.end);
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        if last < first {
            continue;
        }
        let name = match a.entry.kind {
            Kind::Person | Kind::Org | Kind::Name => Some(a.entry.name.clone()),
            Kind::Capital | Kind::Seat => Some(a.entry.name.clone()),
            _ => a.modifier.map(|m| m.name.clone()),
        };
        out.push(Mention {
            code: a.code.clone(),
            name,
            kind: a.entry.kind,
            start: a.span.start,
            end: a.span.end,
            tok: (first, last + 1),
            resolved: false,
            pair: None,
            alt: None,
            possessive: false,
            composed: a.modifier.is_some(),
            rule: a.entry.location(),
        });
    }
    // Join and compose neighbours.
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (&out[i], &out[i + 1]);
        let between: Vec<&str> = (a.tok.1..b.tok.0).map(|t| s.word(t)).collect();
        if between.is_empty() && a.code == b.code && a.name == b.name {
            // "President Xi" + "Jinping": one name matched in two pieces.
            let b = out.remove(i + 1);
            out[i].end = b.end;
            out[i].tok.1 = b.tok.1;
            continue;
        }
        let a_bare_agent = a.kind == Kind::Agent && !a.code.as_str().is_empty() && a.name.is_none();
        let named = matches!(b.kind, Kind::Person | Kind::Org);
        let title = matches!(
            a.kind,
            Kind::Adj | Kind::Name | Kind::Agent | Kind::Org | Kind::Capital
        );
        let joinable_gap = between.is_empty()
            || between == ["'s"]
            || between == ["’s"]
            || (a.kind == Kind::Adj
                && between.len() <= 3
                && (a.tok.1..b.tok.0).all(|t| {
                    let w = s.word(t);
                    s.tokens[t].word
                        && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                        && !PREPOSITIONS.contains(&w)
                }));
        // "Bree Prime Minister Romendacil": a title composed with a country before a name
        // that codes only that country is one actor, with the title's role.
        let same_country_name = b.kind == Kind::Name
            && a.kind == Kind::Agent
            && a.composed
            && between.is_empty()
            && b.code.as_str().len() == 3
            && a.code.as_str().len() > 3
            && block(&a.code) == b.code.as_str();
        if (named || same_country_name) && title && joinable_gap {
            // "Russian President Vladimir Putin", "Chinese tech giant Huawei".
            let mut b = out.remove(i + 1);
            b.start = out[i].start;
            b.tok.0 = out[i].tok.0;
            // "Bree Prime Minister Romendacil": a name that codes only its country takes the
            // role its title composes with that country (BREGOV, not BRE).
            if out[i].kind == Kind::Agent
                && out[i].composed
                && b.code.as_str().len() == 3
                && block(&out[i].code) == b.code.as_str()
                && out[i].code.as_str().len() > 3
            {
                b.code = out[i].code.clone();
                if b.kind == Kind::Name {
                    b.kind = Kind::Person;
                }
            }
            out[i] = b;
            // The joined actor may take a title before it too ("Russian telecom company MTS").
            i = i.saturating_sub(1);
            continue;
        }
        // "its troops from Lebanon" are someone else's troops, leaving Lebanon.
        let owned = a.tok.0 > 0
            && matches!(
                s.word(a.tok.0 - 1),
                "its" | "their" | "his" | "her" | "our" | "my" | "your"
            );
        if a_bare_agent
            && (matches!(between.as_slice(), ["of"] | ["of", "the"])
                || (!owned
                    && matches!(between.as_slice(), ["from" | "in"] | ["from" | "in", "the"])))
            && matches!(b.kind, Kind::Name)
        {
            // "the Government of the Russian Federation" → RUSGOV; "the leaders of China and
            // Russia" → CHNGOV and RUSGOV; "soldiers from Gondor", "lawmakers in Fornost and
            // Gondor": an agent without a country takes the one it comes from or sits in.
            let roles = a.code.clone();
            if let Ok(code) = ActorCode::new(&format!("{}{}", block(&b.code), roles)) {
                let mut m = out.remove(i + 1);
                m.code = code;
                m.start = out[i].start;
                m.tok.0 = out[i].tok.0;
                m.kind = Kind::Agent;
                out[i] = m;
                let mut j = i + 1;
                while j < out.len() {
                    let gap: Vec<&str> = (out[j - 1].tok.1..out[j].tok.0)
                        .map(|t| s.word(t))
                        .collect();
                    if !(matches!(
                        gap.as_slice(),
                        ["and"] | [","] | ["and", "the"] | [",", "and"]
                    ) && out[j].kind == Kind::Name)
                    {
                        break;
                    }
                    if let Ok(code) = ActorCode::new(&format!("{}{}", block(&out[j].code), roles)) {
                        out[j].code = code;
                        out[j].kind = Kind::Agent;
                    }
                    j += 1;
                }
                i = j;
                continue;
            }
        }
        if a.kind == Kind::Adj
            && between == ["and"]
            && b.kind == Kind::Agent
            && b.code.as_str().len() > 3
        {
            // "the Chinese and Russian presidents": the first adjective shares the agent.
            let roles: String = b.code.roles().collect();
            if let Ok(code) = ActorCode::new(&format!("{}{}", block(&a.code), roles)) {
                out[i].code = code;
                out[i].kind = Kind::Agent;
            }
        }
        i += 1;
    }
    // An agent that found no country ("protesters" alone) cannot be one end of a dyad, unless
    // the dictionary's `convert-agents` makes it one (coded by its roles alone).
    if s.options.convert_agents {
        return out;
    }
    let roles = roles();
    // A name is an actor whatever its code looks like (TABARI's AL_GORE [AGR]).
    out.retain(|m| {
        let first = &m.code.as_str()[..3.min(m.code.as_str().len())];
        m.kind != Kind::Agent || first == "IGO" || !roles.contains(first)
    });
    out
}

fn roles() -> &'static dyad_recognise::Roles {
    static ROLES: std::sync::OnceLock<dyad_recognise::Roles> = std::sync::OnceLock::new();
    ROLES.get_or_init(dyad_recognise::Roles::builtin)
}

fn block(code: &ActorCode) -> &str {
    let s = code.as_str();
    if s.starts_with("IGO") && s.len() >= 6 {
        &s[..6]
    } else {
        &s[..3.min(s.len())]
    }
}

/// "Li" after "Li Qiang": a part of a full name seen earlier in the document is that person.
fn resolve_name_parts(s: &Sentence<'_>, mentions: &mut Vec<Mention>, ctx: &DocContext) {
    if ctx.name_parts.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (t, token) in s.tokens.iter().enumerate() {
        let w = s.word(t);
        let capitalised = s.text[token.start as usize..].starts_with(|c: char| c.is_uppercase());
        if !capitalised
            || !token.word
            || w.len() < 2
            || mentions.iter().any(|m| m.tok.0 <= t && t < m.tok.1)
        {
            continue;
        }
        if let Some((_, p)) = ctx.name_parts.iter().rev().find(|(part, _)| part == w) {
            added.push(Mention {
                start: token.start as usize,
                end: token.end as usize,
                tok: (t, t + 1),
                pair: None,
                alt: None,
                possessive: false,
                ..p.clone()
            });
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.tok.0);
    }
}

/// Pronouns and plural references resolved to earlier actors.
fn resolve_references(s: &Sentence<'_>, mentions: &mut Vec<Mention>, ctx: &DocContext) {
    let mut added: Vec<Mention> = Vec::new();
    let n = s.tokens.len();
    let speaker = quote_speaker(s, mentions);
    let mut t = 0;
    while t < n {
        let w = s.word(t);
        let covered = mentions.iter().any(|m| m.tok.0 <= t && t < m.tok.1);
        if covered {
            t += 1;
            continue;
        }
        let token = s.tokens[t];
        let mk = |src: &Mention, start: usize, end: usize, tok: (usize, usize)| Mention {
            start,
            end,
            tok,
            resolved: true,
            pair: None,
            alt: None,
            possessive: false,
            ..src.clone()
        };
        // People named before token t, newest first: in this sentence, then earlier ones.
        let people = || {
            mentions
                .iter()
                .rev()
                .filter(|m| m.kind == Kind::Person && m.tok.1 <= t)
                .chain(ctx.last_person.iter())
                .chain(ctx.previous_person.iter())
        };
        match w {
            "he" | "she" | "it" | "him" | "her" | "they" | "them"
                if s.options.first_actor_pronouns
                    && !(w == "her" && s.tokens.get(t + 1).is_some_and(|n| n.word)) =>
            {
                // TABARI's rules: "he", "she", "it", "him", "her" are the sentence's first
                // actor; "they", "them" the first compound actor ("Elrond and Gondor"), else
                // the first actor. Possessives keep dyad's rules.
                let (bs, be) = (token.start as usize, token.end as usize);
                if matches!(w, "they" | "them") {
                    let compound = mentions.iter().enumerate().find(|(i, m)| {
                        m.tok.1 <= t
                            && mentions.get(i + 1).is_some_and(|b| {
                                b.tok.1 <= t
                                    && b.code != m.code
                                    && (m.tok.1..b.tok.0).map(|u| s.word(u)).eq(["and"])
                            })
                    });
                    if let Some((i, a)) = compound {
                        let ia = added.len();
                        let mut ma = mk(a, bs, be, (t, t + 1));
                        let mut mb = mk(&mentions[i + 1], bs, be, (t, t + 1));
                        ma.pair = Some(ia + 1);
                        mb.pair = Some(ia);
                        added.push(ma);
                        added.push(mb);
                        t += 1;
                        continue;
                    }
                }
                if let Some(a) = mentions.iter().find(|m| m.tok.1 <= t) {
                    added.push(mk(a, bs, be, (t, t + 1)));
                } else if let Some(a) = ctx.forward.as_ref().filter(|_| s.options.forward_pronouns)
                {
                    // No actor before it in this sentence: TABARI's FORWARD takes the previous
                    // sentence's first actor ("He has also asked Gondor …").
                    added.push(mk(a, bs, be, (t, t + 1)));
                }
            }
            "i" | "we" | "me" | "us" | "my" | "our"
                if speaker.as_ref().is_some_and(|(_, q)| t < *q) =>
            {
                // First person inside a quote: its speaker ("…,” Putin said).
                if let Some((sp, _)) = &speaker {
                    let mut m = mk(
                        &mentions[*sp],
                        token.start as usize,
                        token.end as usize,
                        (t, t + 1),
                    );
                    m.possessive = matches!(w, "my" | "our");
                    added.push(m);
                }
            }
            "it" if t == 0 || !PREPOSITIONS.contains(&s.word(t - 1)) => {
                // "Estonia said it would act", "Calenardhon urged Bree … and then it
                // requested": the sentence's first actor that is a subject (no person, no
                // owner, no place or object after a preposition).
                if let Some(a) = mentions.iter().find(|m| {
                    m.tok.1 <= t && m.kind != Kind::Person && !m.possessive && !governed(s, m)
                }) {
                    added.push(mk(a, token.start as usize, token.end as usize, (t, t + 1)));
                }
            }
            "he" | "she" | "him" | "his" | "her" => {
                let mut found = people();
                if let Some(p) = found.next() {
                    let mut m = mk(p, token.start as usize, token.end as usize, (t, t + 1));
                    // An object pronoun rarely means the clause's own subject ("Abbas met Putin,
                    // and the Russian president hailed him"): keep the next person in reserve.
                    if matches!(w, "him" | "her") {
                        m.alt = found
                            .find(|q| q.code != p.code)
                            .map(|q| Box::new(mk(q, m.start, m.end, m.tok)));
                    }
                    m.possessive = matches!(w, "his")
                        || (w == "her" && s.tokens.get(t + 1).is_some_and(|n| n.word));
                    added.push(m);
                }
            }
            "the" | "both" | "their" | "they" => {
                // "the two leaders", "both sides", "the two nominal heads of government", "the
                // countries", "their leaders", "they": the last two actors named.
                let mut noun_at = if w == "the" && s.word(t + 1) == "two" {
                    t + 2
                } else {
                    t + 1
                };
                let mut hops = 0;
                while w != "they"
                    && hops < 2
                    && !is_pair_noun(s.word(noun_at))
                    && s.word(noun_at).chars().all(|c| c.is_ascii_lowercase())
                    && !s.word(noun_at).is_empty()
                {
                    noun_at += 1;
                    hops += 1;
                }
                let noun = s.word(noun_at);
                let counted = w == "both" || s.word(t + 1) == "two";
                let plain = matches!(noun, "countries" | "leaders" | "sides") && noun_at == t + 1;
                let end_tok = if w == "they" { t + 1 } else { noun_at + 1 };
                let is_ref = w == "they" || (is_pair_noun(noun) && (counted || plain));
                if is_ref && !mentions.iter().any(|m| m.tok.0 < end_tok && t < m.tok.1) {
                    // The two most recent actors of different codes, this sentence first.
                    let mut recent: Vec<&Mention> = Vec::new();
                    for m in mentions
                        .iter()
                        .rev()
                        .filter(|m| m.tok.1 <= t && !located(s, m))
                        .chain(ctx.recent.iter().rev())
                    {
                        if !recent.iter().any(|r| block(&r.code) == block(&m.code)) {
                            recent.push(m);
                        }
                        if recent.len() == 2 {
                            break;
                        }
                    }
                    if let [b, a] = recent.as_slice() {
                        let (bs, be) = (token.start as usize, s.tokens[end_tok - 1].end as usize);
                        let ia = added.len();
                        let mut ma = mk(a, bs, be, (t, end_tok));
                        let mut mb = mk(b, bs, be, (t, end_tok));
                        // "the two leaders" are governments, "the two countries" countries.
                        for m in [&mut ma, &mut mb] {
                            let b = block(&m.code).to_owned();
                            let role = if matches!(
                                noun,
                                "countries"
                                    | "nations"
                                    | "states"
                                    | "neighbours"
                                    | "neighbors"
                                    | "powers"
                                    | "allies"
                                    | "partners"
                            ) {
                                None
                            } else if w != "they" && !b.starts_with("IGO") {
                                Some(format!("{b}GOV"))
                            } else {
                                None
                            };
                            if let Some(code) = role.and_then(|c| ActorCode::new(&c).ok()) {
                                m.code = code;
                            }
                        }
                        ma.pair = Some(ia + 1);
                        mb.pair = Some(ia);
                        added.push(ma);
                        added.push(mb);
                        t = end_tok;
                        continue;
                    }
                }
            }
            _ => {}
        }
        t += 1;
    }
    if !added.is_empty() {
        let base = mentions.len();
        for m in &mut added {
            if let Some(p) = m.pair.as_mut() {
                *p += base;
            }
        }
        mentions.extend(added);
        // Keep sentence order; pair indices must follow the sort.
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| (mentions[i].tok.0, i));
        let mut new_pos = vec![0; mentions.len()];
        for (pos, &i) in order.iter().enumerate() {
            new_pos[i] = pos;
        }
        let mut sorted: Vec<Mention> = order.iter().map(|&i| mentions[i].clone()).collect();
        for m in &mut sorted {
            if let Some(p) = m.pair.as_mut() {
                *p = new_pos[*p];
            }
        }
        *mentions = sorted;
    }
    // Titles: "the Russian leader" gets the name of the last person with its code.
    for m in mentions.iter_mut() {
        if m.name.is_none() && m.kind == Kind::Agent {
            let person = [ctx.last_person.as_ref(), ctx.previous_person.as_ref()]
                .into_iter()
                .flatten()
                .find(|p| p.code == m.code);
            if let Some(p) = person {
                m.name = p.name.clone();
                m.resolved = true;
            }
        }
    }
}

/// The speaker of a quote in the sentence: `“…,” Putin said`, `“…,” said Putin`,
/// `Putin said: “…”`. Returns the mention and the token where the quote ends.
fn quote_speaker(s: &Sentence<'_>, mentions: &[Mention]) -> Option<(usize, usize)> {
    let close = (0..s.tokens.len()).find(|&t| matches!(s.word(t), "”" | "\""))?;
    let after: Vec<usize> = (close + 1..s.tokens.len().min(close + 8)).collect();
    let speech_at = after
        .iter()
        .copied()
        .find(|&t| SPEECH.contains(&s.word(t)))?;
    let m = mentions.iter().position(|m| {
        m.tok.0 > close && m.tok.0 < speech_at + 6 && (m.tok.1 <= speech_at || m.tok.0 > speech_at)
    })?;
    Some((m, close))
}

fn is_pair_noun(w: &str) -> bool {
    matches!(
        w,
        "leaders"
            | "sides"
            | "countries"
            | "nations"
            | "presidents"
            | "governments"
            | "states"
            | "parties"
            | "heads"
            | "ministers"
            | "neighbours"
            | "neighbors"
            | "premiers"
            | "delegations"
            | "officials"
            | "powers"
            | "allies"
            | "partners"
    )
}

/// The actor a sentence forwards (`forward-pronouns`): its first actor named (not resolved
/// from a pronoun, as TABARI does not chain forwarded pronouns), reduced to its first code
/// block, as TABARI forwards "Fornost President" as Fornost.
fn forwardable(mentions: &[Mention]) -> Option<Mention> {
    let m = mentions.iter().find(|m| !m.resolved)?;
    let mut f = m.clone();
    if let Ok(code) = ActorCode::new(block(&m.code)) {
        f.code = code;
    }
    Some(f)
}

/// Updates the document context with this sentence's actors.
fn remember(ctx: &mut DocContext, mentions: &[Mention]) {
    for m in mentions {
        if m.kind == Kind::Person && !m.resolved {
            if let Some(prev) = ctx.last_person.take().filter(|p| p.code != m.code) {
                ctx.previous_person = Some(prev);
            }
            ctx.last_person = Some(m.clone());
            if let Some(name) = &m.name {
                for part in name
                    .split_whitespace()
                    .filter(|p| p.len() >= 2 && p.starts_with(|c: char| c.is_uppercase()))
                {
                    let part = part.to_ascii_lowercase();
                    ctx.name_parts.retain(|(p, _)| *p != part);
                    ctx.name_parts.push((part, m.clone()));
                }
            }
        }
        if m.resolved {
            continue;
        }
        ctx.recent.retain(|r| r.code != m.code);
        ctx.recent.push(m.clone());
        if ctx.recent.len() > 8 {
            ctx.recent.remove(0);
        }
    }
}

/// Clause of each token, and what a clause inherits.
struct Clauses {
    id: Vec<usize>,
    /// For a relative clause (", who …,"), the mention it is about; for a coordinated verb
    /// ("… and praised"), the clause whose subject it shares.
    antecedent: Vec<Inherit>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Inherit {
    Nothing,
    Mention(usize),
    SubjectOf(usize, usize),
}

impl Clauses {
    fn inherited_subject(
        &self,
        clause: usize,
        s: &Sentence<'_>,
        mentions: &[Mention],
    ) -> Vec<usize> {
        match self
            .antecedent
            .get(clause)
            .copied()
            .unwrap_or(Inherit::Nothing)
        {
            Inherit::Nothing => Vec::new(),
            Inherit::Mention(m) => group_from(s, mentions, self, m),
            Inherit::SubjectOf(c, before) => {
                let subject = subject_in(s, mentions, self, c, before);
                if subject.is_empty() && c < clause {
                    self.inherited_subject(c, s, mentions)
                } else {
                    subject
                }
            }
        }
    }
}

const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "stated",
    "noted",
    "added",
    "told",
    "stressed",
    "emphasized",
    "emphasised",
    "insisted",
    "argued",
    "claimed",
    "announced",
    "reported",
    "explained",
    "underlined",
    "declared",
    "confirmed",
    "believes",
    "thinks",
    "saying",
];

fn clauses(s: &Sentence<'_>, mentions: &[Mention], verbs: &FxHashSet<Box<str>>) -> Clauses {
    let n = s.tokens.len();
    let mut id = vec![0usize; n];
    let mut antecedent = vec![Inherit::Nothing];
    let mut clause = 0;
    let mut stack: Vec<usize> = Vec::new();
    let mention_ending_at = |t: usize| mentions.iter().position(|m| m.tok.1 == t);
    let new_clause = |inherit: Inherit, antecedent: &mut Vec<Inherit>| {
        antecedent.push(inherit);
        antecedent.len() - 1
    };
    let mut t = 0;
    while t < n {
        let w = s.word(t);
        let next = s.word(t + 1);
        // A short quoted phrase ("hailed “flourishing” trade ties") is a word, not a quote.
        let scare = matches!(w, "“" | "”" | "\"") && {
            let quote = |u: usize| matches!(s.word(u), "“" | "”" | "\"");
            (t + 1..(t + 6).min(n)).any(quote) && w != "”"
                || (t.saturating_sub(5)..t).any(quote) && w != "“"
        };
        match w {
            "“" | "”" | "\"" if scare => {}
            ";" | ":" | "—" | "–" | "(" | ")" | "“" | "”" | "\"" | "[" | "]" => {
                stack.clear();
                clause = new_clause(Inherit::Nothing, &mut antecedent);
            }
            "," if matches!(next, "who" | "which" | "whose" | "where" | "whom") => {
                let ante = if next == "where" {
                    // "…arrived in Beijing, where he met Xi": the place is no subject.
                    Inherit::Nothing
                } else {
                    mention_ending_at(t).map_or(Inherit::Nothing, Inherit::Mention)
                };
                stack.push(clause);
                clause = new_clause(ante, &mut antecedent);
            }
            "," if !stack.is_empty() => {
                id[t] = clause;
                clause = stack.pop().unwrap_or(0);
                t += 1;
                continue;
            }
            "where" | "while" | "whereas" | "although" | "though" | "because" | "but" | "if"
            | "unless" | "whether"
                if !(w == "where" && t > 0 && s.word(t - 1) == ",") =>
            {
                clause = new_clause(Inherit::Nothing, &mut antecedent);
            }
            "that" if t > 0 && SPEECH.contains(&s.word(t - 1)) && !s.options.open_gaps => {
                clause = new_clause(Inherit::Nothing, &mut antecedent);
            }
            "and"
                if s.options.and_clauses && {
                    // "…and then it requested", "…and Gondor asked him": an actor and its verb
                    // after "and" start a clause of their own (`and-clauses`).
                    // Not between two actors: "Elrond and Gondor urged" is one compound subject.
                    let at = if next == "then" { t + 2 } else { t + 1 };
                    mention_ending_at(t).is_none()
                        && mentions
                            .iter()
                            .find(|m| m.tok.0 == at)
                            .is_some_and(|m| verbs.contains(s.word(m.tok.1)))
                } =>
            {
                clause = new_clause(Inherit::Nothing, &mut antecedent);
            }
            "and" | "," if verbs.contains(next) && !mentions.iter().any(|m| m.tok.0 == t + 1) => {
                // "X hosted Y and praised Z": a coordinated verb shares the first subject.
                let prev_clause = clause;
                let first_tok = (0..t).find(|&u| id[u] == prev_clause).unwrap_or(t);
                clause = new_clause(
                    Inherit::SubjectOf(prev_clause, first_tok.max(1)),
                    &mut antecedent,
                );
                // Remember where the earlier clause's verb was: its subject is before it.
                if let Some(Inherit::SubjectOf(_, before)) = antecedent.last_mut() {
                    *before = (first_tok..t)
                        .find(|&u| {
                            verbs.contains(s.word(u))
                                && mentions.iter().all(|m| !(m.tok.0 <= u && u < m.tok.1))
                        })
                        .unwrap_or(t);
                }
            }
            _ => {}
        }
        id[t] = clause;
        // A speech verb ends its clause: what follows is the reported act.
        // ("told" keeps its addressee: "told Xi that…" breaks at "that".) Imported patterns
        // (`open-gaps`) run across it: TABARI's "SAID WOULD * NOW", PETRARCH's "believes".
        if !s.options.open_gaps
            && SPEECH.contains(&w)
            && w != "told"
            && next != "that"
            && next != "to"
            && !matches!(next, "," | "." | "”" | "\"")
        {
            clause = new_clause(Inherit::Nothing, &mut antecedent);
        }
        t += 1;
    }
    Clauses { id, antecedent }
}

/// The subject before token `t`: the nearest actor group in the clause that is not governed
/// by a preposition.
fn subject_before(
    s: &Sentence<'_>,
    mentions: &[Mention],
    clauses: &Clauses,
    t: usize,
) -> Vec<usize> {
    let Some(&clause) = clauses.id.get(t) else {
        return Vec::new();
    };
    subject_in(s, mentions, clauses, clause, t)
}

/// The subject of `clause` before token `t`.
fn subject_in(
    s: &Sentence<'_>,
    mentions: &[Mention],
    clauses: &Clauses,
    clause: usize,
    t: usize,
) -> Vec<usize> {
    let cands: Vec<usize> = (0..mentions.len())
        .rev()
        .filter(|&i| mentions[i].tok.1 <= t && clauses.id.get(mentions[i].tok.0) == Some(&clause))
        .collect();
    for i in cands {
        if governed(s, &mentions[i]) || mentions[i].possessive || apposition(s, &mentions[i], t) {
            continue;
        }
        // "Chinese and Russian observers outlined": an adjective on a noun we do not know
        // names no actor ("the Russian side" does).
        let m = &mentions[i];
        let next = s.word(m.tok.1);
        if m.kind == Kind::Adj
            && matches!(
                next,
                "observers"
                    | "analysts"
                    | "experts"
                    | "commentators"
                    | "economists"
                    | "critics"
                    | "sources"
                    | "scholars"
                    | "media"
                    | "press"
            )
        {
            break;
        }
        // A possessive actor modifies the noun after it ("China's foreign ministry" is joined
        // by the matcher; "Russia's position" is no subject).
        if matches!(s.word(mentions[i].tok.1), "'s" | "’s") {
            continue;
        }
        let group = group_ending(s, mentions, clauses, i);
        // "ties between Russia and China": a group inside a prepositional phrase is no subject.
        if group.len() > 1 && governed(s, &mentions[group[0]]) {
            continue;
        }
        return group;
    }
    Vec::new()
}

/// For imported patterns (`open-gaps`), as PETRARCH reads a possessive subject: the actor
/// owning the noun phrase right before token `t` ("Ithilen's militia vowed", "Eriador's
/// death toll has risen", with the pattern starting at "death"), when no other subject stands
/// there.
fn owner_subject(
    s: &Sentence<'_>,
    mentions: &[Mention],
    clauses: &Clauses,
    t: usize,
) -> Vec<usize> {
    mentions
        .iter()
        .rposition(|o| {
            let after = o.tok.1 + 1;
            o.tok.1 < t
                && matches!(s.word(o.tok.1), "'s" | "’s")
                && clauses.id.get(o.tok.0) == clauses.id.get(t)
                && !governed(s, o)
                && after + 5 >= t
                && (after..t).all(|u| {
                    s.tokens[u].word
                        && s.word(u).bytes().all(|b| b.is_ascii_lowercase())
                        && !mentions.iter().any(|m| m.tok.0 <= u && u < m.tok.1)
                })
        })
        .map(|i| vec![i])
        .unwrap_or_default()
}

/// True when token `t` starts the sentence (after opening quotes or brackets).
fn first_word(s: &Sentence<'_>, t: usize) -> bool {
    (0..t).all(|u| !s.tokens[u].word)
}

/// The first actor after the next comma that no preposition governs.
fn subject_after_comma(s: &Sentence<'_>, mentions: &[Mention], t: usize) -> Vec<usize> {
    let Some(comma) = (t..s.tokens.len()).find(|&u| s.word(u) == ",") else {
        return Vec::new();
    };
    // Only an actor right after the comma: "Speaking to Li, Mishustin said".
    mentions
        .iter()
        .position(|m| m.tok.0 == comma + 1)
        .map(|i| vec![i])
        .unwrap_or_default()
}

/// ", a NATO member," between a subject and its verb.
fn apposition(s: &Sentence<'_>, m: &Mention, t: usize) -> bool {
    m.tok.0 >= 2
        && matches!(s.word(m.tok.0 - 1), "a" | "an")
        && s.word(m.tok.0 - 2) == ","
        && (m.tok.1..=t).any(|u| s.word(u) == ",")
}

/// True when a preposition governs the mention ("in Beijing", "with the Kremlin").
fn governed(s: &Sentence<'_>, m: &Mention) -> bool {
    let mut u = m.tok.0;
    while u > 0 && DETERMINERS.contains(&s.word(u - 1)) {
        u -= 1;
    }
    // "Thousands of Israelis", "some of the protesters": a count, not a preposition.
    if u > 1
        && s.word(u - 1) == "of"
        && (is_quantity_word(s.word(u - 2))
            || matches!(s.word(u - 2), "millions" | "most" | "none" | "one" | "all"))
    {
        return false;
    }
    u > 0 && PREPOSITIONS.contains(&s.word(u - 1))
}

/// The actor group (joined by "and", ",", "as well as") that ends with mention `i`.
fn group_ending(s: &Sentence<'_>, mentions: &[Mention], clauses: &Clauses, i: usize) -> Vec<usize> {
    let mut g = vec![i];
    let mut cur = i;
    while cur > 0 {
        let prev = cur - 1;
        if mentions[prev].pair == Some(cur) {
            g.push(prev);
            cur = prev;
            continue;
        }
        if !linked(s, clauses, mentions, prev) {
            break;
        }
        g.push(prev);
        cur = prev;
    }
    g.reverse();
    g
}

/// The actor group that starts with mention `i`.
fn group_from(s: &Sentence<'_>, mentions: &[Mention], clauses: &Clauses, i: usize) -> Vec<usize> {
    let mut g = vec![i];
    let mut cur = i;
    while cur + 1 < mentions.len() {
        let next = cur + 1;
        if mentions[cur].pair == Some(next) || linked(s, clauses, mentions, cur) {
            g.push(next);
            cur = next;
        } else {
            break;
        }
    }
    g
}

/// True when mention `i` and the next one belong to one list ("Russia and China", "ties
/// with Mordor, Rohan, Fornost and Bree").
fn linked(s: &Sentence<'_>, clauses: &Clauses, mentions: &[Mention], i: usize) -> bool {
    let (Some(a), Some(b)) = (mentions.get(i), mentions.get(i + 1)) else {
        return false;
    };
    match joined(s, clauses, a, b) {
        Link::Joined => true,
        Link::No => false,
        // "with Mordor, Rohan, Fornost and Bree": after a preposition a comma still lists when
        // the list goes on with another comma and ends with "and" or "or" ("According to
        // Xinhua, Xi said" and "in Beijing, Xi and Putin" do not).
        Link::Comma => {
            let mut k = i + 1;
            let mut commas = 0;
            while let (Some(x), Some(y)) = (mentions.get(k), mentions.get(k + 1)) {
                if governed(s, y) || joined(s, clauses, x, y) == Link::No {
                    return false;
                }
                let and = (x.tok.1..y.tok.0).any(|t| matches!(s.word(t), "and" | "or"));
                if and {
                    return commas > 0;
                }
                commas += 1;
                k += 1;
            }
            false
        }
    }
}

/// How two neighbouring mentions are linked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    /// Listed together.
    Joined,
    /// A list's comma, but only one of the two stands after a preposition: a list only if
    /// it goes on.
    Comma,
    /// No list.
    No,
}

fn joined(s: &Sentence<'_>, clauses: &Clauses, a: &Mention, b: &Mention) -> Link {
    if clauses.id.get(a.tok.0) != clauses.id.get(b.tok.0) {
        return Link::No;
    }
    let between: Vec<&str> = (a.tok.1..b.tok.0)
        .map(|t| s.word(t))
        .filter(|w| !DETERMINERS.contains(w))
        .collect();
    // "Poland, a NATO member,": an apposition, not a list.
    let apposition = (a.tok.1..b.tok.0).any(|t| matches!(s.word(t), "a" | "an"));
    // "Fornost and the evil awful Gondor": adjectives before the next item.
    let link = between
        .iter()
        .rposition(|w| !is_list_adjective(w))
        .map_or(&between[..0], |k| &between[..=k]);
    let listed = !apposition
        && matches!(
            link,
            ["and"]
                | [","]
                | [",", "and"]
                | ["as", "well", "as"]
                | ["together", "with"]
                | ["or"]
                | ["&"]
        )
        || (link == ["nor"] && {
            // "Neither Galadriel nor Gollum".
            let mut u = a.tok.0;
            while u > 0 && DETERMINERS.contains(&s.word(u - 1)) {
                u -= 1;
            }
            u > 0 && s.word(u - 1) == "neither"
        });
    if !listed {
        return Link::No;
    }
    // "According to Xinhua, Xi…", "in New Delhi, Albanese…": no list.
    let comma = (a.tok.1..b.tok.0).any(|t| s.word(t) == ",");
    if comma && governed(s, a) != governed(s, b) {
        return Link::Comma;
    }
    Link::Joined
}

/// A word that may stand as an adjective between a list's "and" or comma and its next actor
/// ("and the evil awful Gondor", ", and good Gondor"): a short run of plain lower-case words
/// that are no participle ("citing"), preposition or function word.
fn is_list_adjective(w: &str) -> bool {
    w.len() > 2
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !w.ends_with("ing")
        && !w.ends_with("ed")
        && !PREPOSITIONS.contains(&w)
        && !matches!(
            w,
            "and"
                | "or"
                | "but"
                | "nor"
                | "who"
                | "which"
                | "whose"
                | "that"
                | "also"
                | "then"
                | "not"
                | "well"
                | "together"
                | "both"
                | "said"
                | "says"
                | "told"
                | "its"
                | "his"
                | "her"
                | "their"
                | "our"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "should"
                | "must"
                | "did"
                | "does"
                | "are"
                | "is"
                | "other"
                | "others"
        )
}

/// The first actor group after token `t` in its clause (commas end the search unless a list
/// goes on). A place ("in Beijing") is no target unless `places` allows it.
fn first_after(
    s: &Sentence<'_>,
    mentions: &[Mention],
    clauses: &Clauses,
    t: usize,
    places: bool,
) -> Vec<usize> {
    let Some(&clause) = clauses.id.get(t.saturating_sub(1)) else {
        return Vec::new();
    };
    let mut u = t;
    while u < s.tokens.len() && clauses.id[u] == clause {
        if let Some(i) = mentions.iter().position(|m| m.tok.0 == u) {
            // A place ("talks in Washington") or an owner ("his counterpart") is no target.
            let m = &mentions[i];
            if !m.possessive && (places || !located(s, m)) {
                return group_from(s, mentions, clauses, i);
            }
            u = m.tok.1;
            continue;
        }
        // TABARI and PETRARCH take the first actor after the verb, past "that" (`open-gaps`).
        if s.options.open_gaps && s.word(u) == "that" {
            u += 1;
            continue;
        }
        if matches!(
            s.word(u),
            "," | "that"
                | "which"
                | "who"
                | "whose"
                | "where"
                | "when"
                | "while"
                | "as"
                | "because"
                | "amid"
                | "despite"
                | "face"
        ) {
            return Vec::new();
        }
        u += 1;
    }
    Vec::new()
}

/// `first-actor-roles`, TABARI's default actor search: the source is the first actor of the
/// sentence before the verb (with the actors listed with it), unless an actor right after a
/// conjunction ("… but Dagolath promised") opens a later clause before the verb; the target
/// is the pattern's, else the first actor after the pattern, up to the end of its clause and
/// past commas, whose code differs from the source's, else such an actor inside the
/// pattern's gaps, else the first such actor before the verb ("Calenardhon urged Bree to
/// assist it": Bree). Possessive pronouns name no actor.
fn first_actor_roles(
    s: &Sentence<'_>,
    mentions: &[Mention],
    clauses: &Clauses,
    m: &Found<'_>,
    verbs: &FxHashSet<Box<str>>,
) -> (Vec<usize>, Vec<usize>, &'static str) {
    const HOW: &str = "active, TABARI's first-actor search";
    let pattern_target = m.target.map(|t| group_from(s, mentions, clauses, t));
    let target_code = pattern_target
        .as_ref()
        .and_then(|g| g.first())
        .map(|&t| &mentions[t].code);
    let ends_mention = |t: usize| mentions.iter().any(|x| x.tok.1 == t);
    // A `$` in the pattern names the source; the target is searched against it.
    let mut source: Option<usize> = m.source;
    let mut group: Vec<usize> = m
        .source
        .map(|i| group_from(s, mentions, clauses, i))
        .unwrap_or_default();
    for (i, x) in mentions.iter().enumerate() {
        if x.tok.1 > m.start || m.source.is_some() {
            break;
        }
        if x.possessive || Some(&x.code) == target_code || group.contains(&i) {
            continue;
        }
        let mut u = x.tok.0;
        while u > 0 && DETERMINERS.contains(&s.word(u - 1)) {
            u -= 1;
        }
        if u > 0 && s.word(u - 1) == "then" {
            u -= 1;
        }
        // Not "Elrond and Gondor", a compound: "and" or "or" after another actor.
        // "and Elrond the chief of …" lists one more actor; "and then it requested" acts.
        let opens_clause = u > 0
            && match s.word(u - 1) {
                "but" => true,
                "nor" => !ends_mention(u - 1),
                "and" | "or" => !ends_mention(u - 1) && verbs.contains(s.word(x.tok.1)),
                _ => false,
            };
        if source.is_none() || opens_clause {
            source = Some(i);
            group = group_from(s, mentions, clauses, i);
        } else if source.is_some_and(|f| {
            let g = group_ending(s, mentions, clauses, i);
            g.contains(&f) && g.len() > group.len()
        }) {
            // "Evil Mordor, the awful Fornost, and good Gondor": the list read back from its end.
            group = group_ending(s, mentions, clauses, i);
        }
    }
    if let Some(t) = pattern_target {
        return (group, t, HOW);
    }
    // Distinct from every actor of a compound source ("they … assist them": not the other).
    let eligible = |i: usize| {
        let x = &mentions[i];
        !x.possessive && !group.iter().any(|&g| g == i || mentions[g].code == x.code)
    };
    let after = |from: usize, to: usize| {
        let mut u = from;
        while u < to {
            if let Some(i) = mentions.iter().position(|x| x.tok.0 == u) {
                if eligible(i) {
                    return Some(i);
                }
                u = mentions[i].tok.1.max(u + 1);
                continue;
            }
            if clause_ends_at(s, mentions, verbs, u) {
                return None;
            }
            u += 1;
        }
        None
    };
    // The search back from the verb stays in its clause ("… and then it requested that
    // Elrond assist": Elrond, not the actors of the clause before).
    let clause_start = (0..m.start)
        .rev()
        .find(|&u| clause_ends_at(s, mentions, verbs, u))
        .map_or(0, |u| u + 1);
    let target = after(m.end, s.tokens.len())
        .or_else(|| after(m.trigger_end, m.end))
        .or_else(|| {
            // The nearest one ("… the IMF and Red Cross, and Elrond the chief of military
            // attack intelligence": Elrond).
            (0..mentions.len()).rev().find(|&i| {
                mentions[i].tok.0 >= clause_start && mentions[i].tok.1 <= m.start && eligible(i)
            })
        });
    let targets = match target {
        Some(t) if mentions[t].tok.1 <= m.start => vec![t],
        Some(t) => group_from(s, mentions, clauses, t),
        None => Vec::new(),
    };
    (group, targets, HOW)
}

/// For TABARI's rules (`first-actor-roles`): token `u` ends a clause, as a conjunction that
/// starts another act does ("… but Dagolath promised", "… or assail Arnor") and a semicolon;
/// an "and" inside a list of actors or nouns ("sheep and evil awful goats") does not.
fn clause_ends_at(
    s: &Sentence<'_>,
    mentions: &[Mention],
    verbs: &FxHashSet<Box<str>>,
    u: usize,
) -> bool {
    let w = s.word(u);
    let between_actors =
        || mentions.iter().any(|x| x.tok.1 == u) && mentions.iter().any(|x| x.tok.0 == u + 1);
    if matches!(w, ";" | ":" | "but") || (w == "nor" && !between_actors()) {
        return true;
    }
    if !matches!(w, "and" | "or") {
        return false;
    }
    let mut v = u + 1;
    if s.word(v) == "then" {
        return true;
    }
    while DETERMINERS.contains(&s.word(v)) {
        v += 1;
    }
    if let Some(x) = mentions.iter().find(|x| x.tok.0 == v) {
        v = x.tok.1;
    }
    verbs.contains(s.word(v))
}

/// True when a locative preposition governs the mention ("in Beijing", "at the UN").
fn located(s: &Sentence<'_>, m: &Mention) -> bool {
    let mut u = m.tok.0;
    while u > 0 && DETERMINERS.contains(&s.word(u - 1)) {
        u -= 1;
    }
    u > 0
        && matches!(
            s.word(u - 1),
            "in" | "at" | "inside" | "outside" | "during" | "across" | "throughout" | "within"
        )
}

/// The agent of a passive: "by X" or "from X" after the verb, in the clause.
fn agent_after(s: &Sentence<'_>, mentions: &[Mention], clauses: &Clauses, t: usize) -> Vec<usize> {
    let Some(&clause) = clauses.id.get(t.saturating_sub(1)) else {
        return Vec::new();
    };
    let mut u = t;
    while u < s.tokens.len() && clauses.id[u] == clause {
        if matches!(s.word(u), "by" | "from") {
            // Only the first: "a visit … by a Chinese official … by Ukrainian forces".
            return mention_after_determiners(s, mentions, u + 1)
                .map(|i| group_from(s, mentions, clauses, i))
                .unwrap_or_default();
        }
        u += 1;
    }
    Vec::new()
}

/// Words that may stand between an actor and the event noun it owns ("Russia's new economic
/// sanctions", "Putin's four-day visit"); anything else (a verb) breaks the link.
const NOUN_MODIFIERS: &[&str] = &[
    "new",
    "fresh",
    "further",
    "more",
    "tough",
    "tougher",
    "economic",
    "financial",
    "military",
    "sweeping",
    "broad",
    "additional",
    "harsh",
    "punitive",
    "unilateral",
    "latest",
    "first",
    "recent",
    "surprise",
    "official",
    "state",
    "planned",
    "upcoming",
    "historic",
    "expected",
    "massive",
    "major",
    "large-scale",
    "renewed",
    "continued",
    "ongoing",
    "brief",
    "secret",
    "rare",
    "last",
    "previous",
    "second",
    "third",
    "trade",
    "air",
    "missile",
    "drone",
    "ground",
    "annual",
    "unprecedented",
    "long-awaited",
    "top",
    "senior",
    "visiting",
    "high-ranking",
];

/// The mention starting at token `u`, or after the determiners there ("the", "its").
fn mention_after_determiners(
    s: &Sentence<'_>,
    mentions: &[Mention],
    mut u: usize,
) -> Option<usize> {
    loop {
        if let Some(i) = mentions.iter().position(|m| m.tok.0 == u) {
            return Some(i);
        }
        let w = s.word(u);
        if !(DETERMINERS.contains(&w)
            || NOUN_MODIFIERS.contains(&w)
            || (w.contains('-') && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')))
        {
            return None;
        }
        u += 1;
    }
}

/// Source and target of a nominal event.
fn nominal_roles(
    s: &Sentence<'_>,
    mentions: &[Mention],
    clauses: &Clauses,
    m: &Found<'_>,
) -> (Vec<usize>, Vec<usize>, &'static str) {
    // The possessor or adjective right before the noun ("Putin's visit", "Russian sanctions"),
    // allowing a determiner and a few lower-case modifiers ("new economic sanctions").
    let mut u = m.start;
    let mut hops = 0;
    while u > 0 && hops < 3 {
        let w = s.word(u - 1);
        if matches!(w, "'s" | "’s") {
            u -= 1;
            continue;
        }
        if mentions.iter().any(|mm| mm.tok.1 == u) {
            break;
        }
        let date_word = is_time_word(w) || w.bytes().all(|b| b.is_ascii_digit());
        if s.tokens[u - 1].word
            && (NOUN_MODIFIERS.contains(&w)
                || date_word
                || (w.contains('-') && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')))
        {
            u -= 1;
            hops += 1;
            continue;
        }
        break;
    }
    let mut source: Vec<usize> = mentions
        .iter()
        // "after their meeting" re-mentions a meeting coded where it was told.
        .position(|mm| {
            mm.tok.1 == u && u > 0 && !(mm.pair.is_some() && s.word(mm.tok.0) == "their")
        })
        .map(|i| group_ending(s, mentions, clauses, i))
        .unwrap_or_default();
    if source.is_empty() {
        source = agent_after(s, mentions, clauses, m.trigger_end);
        source.retain(|i| Some(*i) != m.target);
    }
    let owned =
        m.start > 0 && matches!(s.word(m.start - 1), "their" | "its" | "our" | "his" | "her");
    if source.is_empty() && m.pattern.code.root() == "04" && !owned {
        // "Putin said during a meeting with Xi": the subject holds the meeting.
        source = subject_before(s, mentions, clauses, m.start);
        if source.is_empty() {
            source = clauses.inherited_subject(clauses.id[m.start], s, mentions);
        }
    }
    let target = match m.target {
        Some(t) => group_from(s, mentions, clauses, t),
        None => Vec::new(),
    };
    let target: Vec<usize> = target.into_iter().filter(|t| !source.contains(t)).collect();
    if target.is_empty() && !source.is_empty() {
        // "Russia was hit by sanctions from Europe": the clause's subject bears the act.
        let mut subject = subject_before(s, mentions, clauses, m.start);
        if subject.is_empty() {
            // "Beijing has faced scrutiny and pressure from the West": a shared subject.
            subject = clauses.inherited_subject(clauses.id[m.start], s, mentions);
        }
        let subject: Vec<usize> = subject
            .into_iter()
            .filter(|t| !source.contains(t))
            .collect();
        if !subject.is_empty() && is_passive_clause(s, clauses, m.start) {
            return (source, subject, "nominal, borne by the passive subject");
        }
    }
    (source, target, "nominal")
}

fn is_passive_clause(s: &Sentence<'_>, _clauses: &Clauses, t: usize) -> bool {
    // The few words before the noun, across a coordination ("has faced scrutiny and pressure").
    (t.saturating_sub(8)..t)
        .rev()
        .take_while(|&u| !matches!(s.word(u), "," | ";" | ":" | "“" | "”"))
        .any(|u| {
            matches!(
                s.word(u),
                "was"
                    | "were"
                    | "been"
                    | "is"
                    | "are"
                    | "be"
                    | "being"
                    | "got"
                    | "get"
                    | "faces"
                    | "faced"
                    | "face"
            )
        })
}

/// "between X and Y" in the clause, as a pair.
fn between_pair(
    s: &Sentence<'_>,
    mentions: &[Mention],
    clauses: &Clauses,
    clause: usize,
    trigger: usize,
) -> Option<Vec<usize>> {
    let t = (0..s.tokens.len()).find(|&t| clauses.id[t] == clause && s.word(t) == "between")?;
    // "On top of signing agreements, Putin … between the two countries": another phrase.
    if t > trigger && (trigger..t).any(|u| s.word(u) == ",") {
        return None;
    }
    // "ties between Russia and China and that contracts have been signed": another clause.
    if t < trigger && (t..trigger).any(|u| s.word(u) == "that") {
        return None;
    }
    let i = mention_after_determiners(s, mentions, t + 1)?;
    let g = group_from(s, mentions, clauses, i);
    (distinct_codes(mentions, &g) >= 2).then_some(g)
}

fn expand_pairs(mentions: &[Mention], group: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &g in group {
        if !out.contains(&g) {
            out.push(g);
        }
        if let Some(p) = mentions[g].pair {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

fn distinct_codes(mentions: &[Mention], group: &[usize]) -> usize {
    let mut codes: Vec<&ActorCode> = group.iter().map(|&i| &mentions[i].code).collect();
    codes.sort();
    codes.dedup();
    codes.len()
}

/// "was signed", "were slapped": a participle after a form of "be" or "get".
fn is_passive(s: &Sentence<'_>, t: usize, inflector: &crate::Inflector) -> bool {
    if !inflector.is_participle(s.word(t)) {
        return false;
    }
    let mut u = t;
    for _ in 0..3 {
        if u == 0 {
            return false;
        }
        u -= 1;
        match s.word(u) {
            "was" | "were" | "been" | "is" | "are" | "be" | "being" | "got" | "get" | "gets" => {
                return true
            }
            "also" | "reportedly" | "jointly" | "already" | "recently" | "officially"
            | "formally" | "just" | "later" | "then" | "not" => continue,
            // "was fiercely opposed by": an adverb between the auxiliary and the participle.
            w if w.len() > 4 && w.ends_with("ly") && w.bytes().all(|b| b.is_ascii_lowercase()) => {
                continue
            }
            _ => return false,
        }
    }
    false
}

struct Modality {
    negated: bool,
    intent: bool,
    hypothetical: bool,
    word: String,
}

/// Negation, intent and hypotheticals: the words between the clause start (or the subject)
/// and the trigger.
fn modality(
    s: &Sentence<'_>,
    clauses: &Clauses,
    t: usize,
    mentions: &[Mention],
    noun: bool,
) -> Modality {
    let mut m = Modality {
        negated: false,
        intent: false,
        hypothetical: false,
        word: String::new(),
    };
    let clause = clauses.id[t];
    // "if" anywhere earlier in the clause makes the act conditional; "neither … nor" before
    // it negates it.
    for u in (0..t).rev().take_while(|&u| clauses.id[u] == clause) {
        if matches!(s.word(u), "if" | "unless" | "whether") {
            m.hypothetical = true;
            m.word = s.word(u).to_owned();
            return m;
        }
        if s.word(u) == "neither" {
            m.negated = true;
            m.word = "neither".into();
            return m;
        }
    }
    // "Some analysts say China will…": the opinion of unnamed people.
    for u in 0..t {
        if matches!(
            s.word(u),
            "analysts"
                | "experts"
                | "observers"
                | "others"
                | "critics"
                | "commentators"
                | "economists"
                | "pundits"
                | "sources"
                | "diplomats"
        ) && !mentions.iter().any(|mm| mm.tok.0 <= u && u < mm.tok.1)
            && (u + 1..(u + 4).min(t)).any(|v| {
                matches!(
                    s.word(v),
                    "say"
                        | "said"
                        | "says"
                        | "believe"
                        | "believes"
                        | "think"
                        | "expect"
                        | "predict"
                        | "predicted"
                        | "warn"
                        | "suggest"
                        | "argue"
                        | "claim"
                        | "speculate"
                )
            })
        {
            m.hypothetical = true;
            m.word = format!("{} (unnamed opinion)", s.word(u));
            return m;
        }
    }
    // The words just before the trigger, back to the nearest actor or punctuation.
    let mut u = t;
    let mut steps = 0;
    while u > 0 && steps < 6 {
        u -= 1;
        steps += 1;
        if clauses.id[u] != clause
            || mentions.iter().any(|mm| mm.tok.0 <= u && u < mm.tok.1)
            || !s.tokens[u].word
        {
            break;
        }
        let w = s.word(u);
        let set = |m: &mut Modality, w: &str| {
            if m.word.is_empty() {
                m.word = w.to_owned();
            }
        };
        match w {
            "not" | "'t" | "’t" | "never" | "no" | "neither" | "nor" | "without" | "refused"
            | "declined" | "failed" | "refuses" | "declines" | "fails" | "short" => {
                m.negated = true;
                set(&mut m, w);
            }
            "could" | "might" | "may" | "should" | "must" | "ought" | "can" | "cannot" => {
                m.hypothetical = true;
                set(&mut m, w);
            }
            "will" | "would" | "shall" | "'ll" | "plans" | "plan" | "planned" | "planning"
            | "intends" | "intend" | "intended" | "aims" | "aim" | "aimed" | "expected" | "set"
            | "pledged" | "pledge" | "pledges" | "vowed" | "vow" | "vows" | "promised"
            | "promise" | "promises" | "ready" | "willing" | "offered" | "offers" | "going"
            | "prepared" | "agreed" | "agree" | "agrees" | "decided" | "intention" | "intent"
            | "threatened" | "threatens" | "threaten" => {
                m.intent = true;
                set(&mut m, w);
            }
            _ => {}
        }
    }
    // "to hold talks" after a verb that is no intent ("urged Russia to hold talks", "went to
    // Beijing to sign"): the act is asked for or aimed at, not done.
    if !noun && t > 0 && s.word(t - 1) == "to" && !m.intent && !m.negated {
        // The verb that governs the infinitive: an appeal ("urged Russia to hold talks") asks
        // for the act; any other ("is heading to China to meet Xi") aims at it.
        let asked = (0..t - 1)
            .rev()
            .take_while(|&u| clauses.id[u] == clause)
            .any(|u| {
                matches!(
                    s.word(u),
                    "urged"
                        | "urge"
                        | "urges"
                        | "called"
                        | "calls"
                        | "call"
                        | "asked"
                        | "asks"
                        | "ask"
                        | "pressed"
                        | "demanded"
                        | "demands"
                        | "invited"
                        | "invites"
                        | "encouraged"
                        | "encourages"
                        | "told"
                        | "want"
                        | "wants"
                        | "wanted"
                        | "pushed"
                        | "pressured"
                        | "appealed"
                        | "forced"
                        | "allowed"
                        | "hoping"
                        | "hope"
                        | "hopes"
                        | "hoped"
                        | "wish"
                        | "wishes"
                        | "seeking"
                        | "trying"
                        | "tried"
                )
            });
        if t > 1 && s.word(t - 2) == "yet" {
            m.negated = true;
            m.word = "yet to".into();
        } else if asked {
            m.hypothetical = true;
            m.word = "to (an act asked for)".into();
        } else {
            m.intent = true;
            m.word = "to (an act aimed at)".into();
        }
    }
    // "Putin heads to Beijing for talks": a trip under way is a plan until it has happened.
    if !m.negated
        && (0..=t)
            .rev()
            .take_while(|&u| clauses.id[u] == clause)
            .any(|u| matches!(s.word(u), "heads" | "heading"))
    {
        m.intent = true;
        m.word = "heads".into();
    }
    // "is heading to China this weekend": the present with a future time is a plan.
    if !noun && !m.intent && !m.negated {
        let future_time = (t..s.tokens.len())
            .take_while(|&u| clauses.id[u] == clause)
            .any(|u| {
                matches!(
                    (s.word(u), s.word(u + 1)),
                    ("this", "weekend") | ("next", _) | ("tomorrow", _) | ("later", "this")
                )
            });
        if future_time && !s.word(t).ends_with("ed") {
            m.intent = true;
            m.word = "a future time".into();
        }
    }
    // Negation beats intent ("will not visit").
    if m.negated {
        m.intent = false;
    }
    m
}

/// The object: from `o` to the end of its phrase (the clause, cut before a time or manner
/// adjunct, a relative clause or a comma).
fn object_span(
    s: &Sentence<'_>,
    clauses: &Clauses,
    mentions: &[Mention],
    o: usize,
    offset: usize,
) -> Option<TextSpan> {
    let clause = *clauses.id.get(o)?;
    let mut end = o;
    let n = s.tokens.len();
    while end < n && clauses.id[end] == clause {
        let w = s.word(end);
        let next = s.word(end + 1);
        let stop = matches!(w, "," | "." | "!" | "?" | "“" | "”" | "\"")
            || matches!(
                w,
                "during"
                    | "when"
                    | "while"
                    | "after"
                    | "before"
                    | "amid"
                    | "as"
                    | "which"
                    | "that"
                    | "who"
                    | "because"
                    | "since"
                    | "following"
                    | "ahead"
                    | "earlier"
                    | "later"
                    | "today"
                    | "yesterday"
            )
            || (matches!(w, "on" | "in" | "last" | "this" | "next" | "by" | "at")
                && is_time_word(next))
            || (w == "in" && next == "the" && is_time_word(s.word(end + 2)));
        // "a defence pact with Kim Jong Un": the object ends where its other party begins.
        let party_follows = PREPOSITIONS.contains(&w)
            && mention_after_determiners(s, mentions, end + 1)
                .is_some_and(|i| !mentions[i].possessive);
        if stop || (party_follows && end > o) {
            break;
        }
        end += 1;
    }
    // Drop a trailing "and"/determiner, and an object that is only an actor.
    while end > o && matches!(s.word(end - 1), "and" | "the" | "a" | "of" | "to" | "with") {
        end -= 1;
    }
    if end <= o {
        return None;
    }
    let only_actor = mentions.iter().any(|m| m.tok.0 <= o && end <= m.tok.1);
    if only_actor {
        return None;
    }
    Some(span(s, offset, o, end))
}

/// "45", "two", "several": a count before an actor ("expelled 45 Russian diplomats").
fn is_quantity_word(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit() || b == b',')
        || matches!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "several"
                | "some"
                | "many"
                | "more"
                | "than"
                | "of"
                | "dozen"
                | "hundred"
                | "thousand"
                | "few"
        )
}

fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "year"
            | "week"
            | "month"
            | "day"
            | "morning"
            | "evening"
            | "afternoon"
            | "night"
            | "weekend"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "past"
            | "coming"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
    ) || (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
}

fn span(s: &Sentence<'_>, offset: usize, from: usize, to: usize) -> TextSpan {
    let start = s.tokens[from].start as usize;
    let end = s.tokens[to.max(from + 1) - 1].end as usize;
    TextSpan {
        text: s.text[start..end].to_owned(),
        start: offset + start,
        end: offset + end,
    }
}

/// A default actor (`default-source`, `default-target`) at the verb's words.
fn default_mention(code: &ActorCode, bytes: (usize, usize), from: usize, to: usize) -> Mention {
    Mention {
        code: code.clone(),
        name: None,
        kind: Kind::Name,
        start: bytes.0,
        end: bytes.1,
        tok: (from, to),
        resolved: false,
        pair: None,
        alt: None,
        possessive: false,
        composed: false,
        rule: "default actor (options.txt)".into(),
    }
}

fn actor(s: &Sentence<'_>, m: &Mention, offset: usize, _ctx: &DocContext) -> Actor {
    let code = m.code.clone();
    Actor {
        country: Some(code.country().to_owned()),
        sector: code.sector().map(str::to_owned),
        name: m.name.clone(),
        text: s.text[m.start..m.end].to_owned(),
        start: offset + m.start,
        end: offset + m.end,
        code: Some(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events `c` codes in `text`, as `SOURCE/TARGET/CAMEO` (empty for a missing actor).
    fn coded(c: &Coder, text: &str, date: Option<PartialDate>) -> Vec<String> {
        let code = |x: &Option<Actor>| {
            x.as_ref()
                .and_then(|a| a.code.as_ref())
                .map(|c| c.to_string())
                .unwrap_or_default()
        };
        c.explain(text, date)
            .0
            .iter()
            .map(|e| format!("{}/{}/{}", code(&e.source), code(&e.target), e.cameo))
            .collect()
    }

    #[test]
    fn word_masks_never_reject_a_word_that_is_there() {
        let sentence = ["russia", "and", "china", "signed", "a", "gas", "deal"];
        let mut words = WordMask::default();
        sentence.iter().for_each(|w| words.add(w));
        for w in sentence {
            let mut m = WordMask::default();
            m.add(w);
            assert!(m.meets(&words), "{w}");
        }
        // Absent words are mostly told apart: of 1,000 made-up words, few collide.
        let collisions = (0..1000)
            .filter(|i| {
                let mut m = WordMask::default();
                m.add(&format!("zq{i}x"));
                m.meets(&words)
            })
            .count();
        assert!(collisions < 100, "{collisions}");
    }

    /// Random word salad from actor names, verbs, pronouns and punctuation must never panic,
    /// and every event must point inside its sentence.
    #[test]
    fn word_salad_never_panics() {
        let builtin = Coder::builtin().unwrap();
        // The imported options take other paths (open gaps, located targets).
        let mut verbs = VerbDictionary::builtin().unwrap();
        verbs.options = crate::DictOptions {
            acts_as_stated: true,
            located_targets: true,
            open_gaps: true,
            ..Default::default()
        };
        let imported = Coder::new(
            Dictionary::builtin().unwrap(),
            verbs,
            CoderOptions::default(),
        )
        .unwrap();
        let words = [
            "Russia",
            "China",
            "and",
            "signed",
            "agreement",
            "with",
            "the",
            "two",
            "leaders",
            "Putin",
            "Xi",
            "Jinping",
            "he",
            "his",
            "him",
            "met",
            "in",
            "Beijing",
            ",",
            ".",
            "“",
            "”",
            "said",
            "was",
            "by",
            "sanctions",
            "on",
            "from",
            "not",
            "will",
            "to",
            "who",
            "which",
            "Russian",
            "troops",
            "attacked",
            "Ukraine",
            "'s",
            "visit",
            "both",
            "sides",
            "they",
            "a",
            "NATO",
            "member",
            "expelled",
            "45",
            "diplomats",
            "between",
            "of",
            "Government",
            ";",
            "—",
            "if",
            "could",
            "talks",
            "held",
            "urged",
            "step",
            "back",
            "Li",
            "Qiang",
            "we",
            "I",
            "100,000",
            "near",
            "Chinese",
            "companies",
            "banks",
            "the",
            "European",
            "Union",
            "it",
            "complete",
            "full",
            "that",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let date = "2019-06-05".parse().ok();
        for k in 0..6000 {
            let coder = if k % 2 == 0 { builtin } else { &imported };
            let n = (next() % 24) as usize;
            let sentence: Vec<&str> = (0..n)
                .map(|_| words[(next() % words.len() as u64) as usize])
                .collect();
            let text = sentence.join(" ");
            let mut ctx = DocContext::default();
            for e in coder.code_sentence(&text, date, &mut ctx) {
                assert!(
                    e.trigger.end <= text.len() && e.trigger.start < e.trigger.end,
                    "{text}"
                );
                let (src, tgt) = (e.source.unwrap(), e.target.unwrap());
                assert!(src.end <= text.len() && tgt.end <= text.len(), "{text}");
                assert_ne!(src.code, tgt.code, "{text}");
            }
            let (_, trace) = coder.explain(&text, date);
            assert_eq!(trace.tokens.len(), trace.clauses.len());
        }
    }

    #[test]
    fn events_carry_provenance_and_table_values() {
        let coder = Coder::builtin().unwrap();
        let text = "Russia and China signed 30 agreements.";
        let (events, _) = coder.explain(text, "2019-06-05".parse().ok());
        assert_eq!(events.len(), 2);
        let e = &events[0];
        assert_eq!(e.cameo.as_str(), "057");
        assert_eq!(e.root, "05");
        assert_eq!(e.goldstein, 8.0);
        assert_eq!(e.plover.kind, "SUPPORT");
        assert_eq!(&text[e.trigger.start..e.trigger.end], "signed");
        assert_eq!(
            e.object.as_ref().map(|o| o.text.as_str()),
            Some("30 agreements")
        );
        assert_eq!(e.date_precision, DatePrecision::Document);
        let (file, line) = e.rule.rsplit_once(':').unwrap();
        let text = crate::BUILTIN_VERB_FILES
            .iter()
            .find(|(f, _)| *f == file)
            .unwrap()
            .1;
        let rule_line = text
            .lines()
            .nth(line.parse::<usize>().unwrap() - 1)
            .unwrap();
        assert!(rule_line.starts_with("057 |"), "{rule_line}");
    }

    #[test]
    fn minimum_words_and_default_actors_are_imported_options() {
        let date = "2019-06-05".parse().ok();
        let mut coder = Coder::new(
            Dictionary::builtin().unwrap(),
            VerbDictionary::builtin().unwrap(),
            CoderOptions::default(),
        )
        .unwrap();
        let code = |c: &Coder, text: &str| coded(c, text, date);
        let short = "Putin criticised Xi Jinping.";
        assert_eq!(code(&coder, short), ["RUSGOV/CHNGOV/111"]);
        // Built in: no default actors; one actor codes nothing.
        let lone = "Putin criticised the new plan of the committee on Monday.";
        assert!(code(&coder, lone).is_empty());
        let mut o = crate::DictOptions::default();
        for line in ["minimum-words 8", "default-target DEFTAR after"] {
            o.apply(line).unwrap();
        }
        coder.set_dict_options(o.clone());
        assert!(code(&coder, short).is_empty(), "four words, fewer than 8");
        assert_eq!(code(&coder, lone), ["RUSGOV/DEFTAR/111"]);
        let nobody = "The committee criticised Xi Jinping on Monday for the plan.";
        // Without `prior`, the actor after the verb is the source; no target is left.
        assert_eq!(code(&coder, nobody), ["CHNGOV/DEFTAR/111"]);
        o.apply("default-source DEFSRC prior").unwrap();
        coder.set_dict_options(o.clone());
        assert_eq!(code(&coder, nobody), ["DEFSRC/CHNGOV/111"]);
        o.apply("no-defaults").unwrap();
        coder.set_dict_options(o.clone());
        assert!(code(&coder, lone).is_empty());
        // `code-by`: the first act of each clause, or of the sentence.
        let two = "Putin met Xi Jinping in Beijing and criticised Germany on Monday.";
        let all = code(&coder, two);
        assert_eq!(all.len(), 2, "{all:?}");
        let one = "Putin criticised Germany after meeting Xi Jinping in Beijing on Monday.";
        assert_eq!(code(&coder, one).len(), 2, "{:?}", code(&coder, one));
        o.apply("code-by clause").unwrap();
        coder.set_dict_options(o.clone());
        assert_eq!(code(&coder, two), all);
        let one = "Putin criticised Germany after meeting Xi Jinping in Beijing on Monday.";
        assert_eq!(code(&coder, one), ["RUSGOV/DEU/111"]);
        o.apply("code-by sentence").unwrap();
        coder.set_dict_options(o);
        assert_eq!(code(&coder, two), all[..1]);
    }

    #[test]
    fn imported_options_keep_stated_codes_and_reverse_codes_add_the_return_event() {
        let date = "2019-06-05".parse().ok();
        let text = "Putin will visit Xi Jinping.";
        let code = |c: &Coder| coded(c, text, date);
        // Built in: a future visit is an intent to meet.
        let builtin = Coder::builtin().unwrap();
        assert_eq!(code(builtin), ["RUSGOV/CHNGOV/036"]);
        let (patterns, e) = crate::parse_verbs(
            "verbs/x.txt",
            "042 | +visit @ | reverse=043\n",
            &crate::Inflector::builtin(),
        );
        assert!(e.is_empty());
        let mut verbs = VerbDictionary::builtin().unwrap();
        verbs.patterns = patterns;
        verbs.options.acts_as_stated = true;
        let imported = Coder::new(
            Dictionary::builtin().unwrap(),
            verbs,
            CoderOptions::default(),
        )
        .unwrap();
        assert_eq!(code(&imported), ["RUSGOV/CHNGOV/042", "CHNGOV/RUSGOV/043"]);
    }

    #[test]
    fn located_targets_and_skips_serve_imported_patterns() {
        let date = "2019-06-05".parse().ok();
        let coder = |verbs_text: &str, located: bool| {
            let (patterns, e) =
                crate::parse_verbs("verbs/x.txt", verbs_text, &crate::Inflector::builtin());
            assert!(e.is_empty(), "{e:?}");
            let mut verbs = VerbDictionary::builtin().unwrap();
            verbs.patterns = patterns;
            verbs.options.located_targets = located;
            Coder::new(
                Dictionary::builtin().unwrap(),
                verbs,
                CoderOptions::default(),
            )
            .unwrap()
        };
        let code = |c: &Coder, text: &str| coded(c, text, date);
        let shells = "Russia fired two artillery shells at Ukraine on Thursday.";
        let fire = "194 | +fire * artillery\n";
        // dyad's rule: an actor after "at" is a place.
        assert!(code(&coder(fire, false), shells).is_empty());
        assert_eq!(code(&coder(fire, true), shells), ["RUS/UKR/194"]);
        // `^` skips an actor: "met … in Ukraine with Poland" is a meeting with Poland.
        let met = "Russia met in Ukraine with Poland.";
        let skip = coder("040 | +meet in ^ with @\n", false);
        assert_eq!(code(&skip, met), ["RUS/POL/040"]);
        // `open-gaps`: a `*` spans an actor and "that" ("allowed that Ukraine isn't a really
        // safe place"), and a speech verb ends no clause.
        let open = |verbs_text: &str, on: bool| {
            let mut c = coder(verbs_text, false);
            c.verbs.options.open_gaps = on;
            c
        };
        let allowed = "Russia allowed that Ukraine isn't a really safe place.";
        let allow = "024 | +allow * really safe\n";
        assert!(code(&open(allow, false), allowed).is_empty());
        assert_eq!(code(&open(allow, true), allowed), ["RUS/UKR/024"]);
        let said = "Russia said it would act now with Ukraine.";
        let act = "101 | said * would * act * now\n";
        assert!(code(&open(act, false), said).is_empty());
        assert_eq!(code(&open(act, true), said), ["RUS/UKR/101"]);
    }

    #[test]
    fn tabari_pronouns_clauses_and_converted_agents_are_options() {
        let date = "2019-06-05".parse().ok();
        let coder = |set: &dyn Fn(&mut crate::DictOptions)| {
            let (patterns, e) = crate::parse_verbs(
                "verbs/x.txt",
                "102 | +urge\n090 | +ask\n040 | +meet\n",
                &crate::Inflector::builtin(),
            );
            assert!(e.is_empty(), "{e:?}");
            let mut verbs = VerbDictionary::builtin().unwrap();
            verbs.patterns = patterns;
            verbs.options.code_by = crate::CodeBy::Clause;
            set(&mut verbs.options);
            Coder::new(
                Dictionary::builtin().unwrap(),
                verbs,
                CoderOptions::default(),
            )
            .unwrap()
        };
        let code = |c: &Coder, text: &str| {
            let mut v = coded(c, text, date);
            v.sort();
            v
        };
        let they = "Russia and China urged Ukraine on Monday to stop and then they asked Poland \
                    for help.";
        let tabari = coder(&|o| {
            o.first_actor_pronouns = true;
            o.and_clauses = true;
        });
        let got = code(&tabari, they);
        assert!(got.contains(&"RUS/POL/090".to_owned()), "{got:?}");
        assert!(got.contains(&"CHN/POL/090".to_owned()), "{got:?}");
        let got = code(&coder(&|_| {}), they);
        assert!(!got.contains(&"RUS/POL/090".to_owned()), "{got:?}");
        let guerrillas = "Guerrillas met Ukraine on Monday in the capital city.";
        assert!(code(&coder(&|_| {}), guerrillas).is_empty());
        let got = code(&coder(&|o| o.convert_agents = true), guerrillas);
        assert_eq!(got, ["REB/UKR/040"]);
    }

    #[test]
    fn tabari_forwarding_first_actor_roles_and_comma_clauses_are_options() {
        let date = "2019-06-05".parse().ok();
        let coder = |lines: &[&str]| {
            let (patterns, e) = crate::parse_verbs(
                "verbs/x.txt",
                "102 | +urge\n090 | +ask\n070 | +help\n111 | +criticise\n046 | +hold talks | mutual\n\
                 112 | +denounce | source-before\n113 | said * $ * +regret\n071 | +receive * aid from $\n044 | +welcome ties | mutual reverse=045\n031 | +attend | dominant\n",
                &crate::Inflector::builtin(),
            );
            assert!(e.is_empty(), "{e:?}");
            let mut verbs = VerbDictionary::builtin().unwrap();
            verbs.patterns = patterns;
            for l in ["acts-as-stated", "first-actor-pronouns", "code-by clause"]
                .iter()
                .chain(lines)
            {
                verbs.options.apply(l).unwrap();
            }
            Coder::new(
                Dictionary::builtin().unwrap(),
                verbs,
                CoderOptions::default(),
            )
            .unwrap()
        };
        let code = |c: &Coder, ctx: &mut DocContext, text: &str| {
            let mut v: Vec<String> = c
                .code_sentence(text, date, ctx)
                .iter()
                .map(|e| {
                    let code = |x: &Option<Actor>| {
                        x.as_ref()
                            .and_then(|a| a.code.as_ref())
                            .map(|c| c.to_string())
                            .unwrap_or_default()
                    };
                    format!("{}/{}/{}", code(&e.source), code(&e.target), e.cameo)
                })
                .collect();
            v.sort();
            v
        };
        // Forwarding: "It" opens the second sentence before any actor of its own.
        let story = [
            "Ukraine urged Poland on Monday to reopen the border crossings.",
            "It also asked Germany for more help with the winter.",
        ];
        let forward = coder(&["forward-pronouns"]);
        let mut ctx = DocContext::default();
        assert_eq!(code(&forward, &mut ctx, story[0]), ["UKR/POL/102"]);
        assert_eq!(code(&forward, &mut ctx, story[1]), ["UKR/DEU/090"]);
        let plain = coder(&[]);
        let mut ctx = DocContext::default();
        code(&plain, &mut ctx, story[0]);
        assert!(code(&plain, &mut ctx, story[1]).is_empty());
        // A sentence without actors breaks the chain.
        let mut ctx = DocContext::default();
        code(&forward, &mut ctx, story[0]);
        code(
            &forward,
            &mut ctx,
            "The weather was cold on Monday in the whole region.",
        );
        assert!(code(&forward, &mut ctx, story[1]).is_empty());

        // First-actor roles: the sentence's first actor is the source, and an object pronoun
        // of its own code sends the target back before the verb.
        let help = "Ukraine urged Poland on Monday to help it with the winter supplies.";
        let roles = coder(&["first-actor-roles", "code-by all"]);
        let mut ctx = DocContext::default();
        assert_eq!(code(&roles, &mut ctx, help), ["UKR/POL/070", "UKR/POL/102"]);
        let mut ctx = DocContext::default();
        let dyad_roles = coder(&["code-by all"]);
        assert!(code(&dyad_roles, &mut ctx, help).contains(&"POL/UKR/070".to_owned()));
        // "but" and an actor open a clause with its own source; the target search stops there.
        let but = "Ukraine criticised the plan on Monday but Poland asked Germany for money.";
        let mut ctx = DocContext::default();
        assert_eq!(code(&roles, &mut ctx, but), ["POL/DEU/090"]);

        // A `mutual` pattern takes the compound right before the verb.
        let talks = "Russia with Ukraine and Poland held talks on Monday in Vienna.";
        let mut ctx = DocContext::default();
        assert_eq!(
            code(&roles, &mut ctx, talks),
            ["POL/UKR/046", "UKR/POL/046"]
        );

        // With a reverse code, a reciprocal pair codes once each way: the act, then its
        // reverse.
        let mut ctx = DocContext::default();
        assert_eq!(
            code(
                &roles,
                &mut ctx,
                "Ukraine and Poland welcomed ties on Monday in Vienna."
            ),
            ["POL/UKR/045", "UKR/POL/044"]
        );

        // A `dominant` pattern's act is the sentence's only one, even after another verb.
        let attend = "Ukraine asked Poland on Monday to attend talks with Germany.";
        let mut ctx = DocContext::default();
        assert_eq!(code(&roles, &mut ctx, attend), ["UKR/DEU/031"]);

        // A `source-before` pattern takes the actor right before it as the source.
        let mut ctx = DocContext::default();
        assert_eq!(
            code(
                &roles,
                &mut ctx,
                "Russia watched as Ukraine denounced Poland on Monday."
            ),
            ["UKR/POL/112"]
        );

        // A `$` in a pattern names the source where it stands.
        let open = coder(&["first-actor-roles", "open-gaps"]);
        let mut ctx = DocContext::default();
        assert_eq!(
            code(
                &open,
                &mut ctx,
                "Ukraine said Poland regretted the choice of Germany."
            ),
            ["POL/DEU/113"]
        );

        let mut ctx = DocContext::default();
        assert_eq!(
            code(
                &roles,
                &mut ctx,
                "Ukraine received aid from Germany on Monday."
            ),
            ["DEU/UKR/071"]
        );

        // Comma clauses: a short phrase between commas is dropped before coding, a longer one
        // stays, and the target search then runs past the comma.
        let comma = "Ukraine criticised the decision, taken in haste by Poland, on Monday.";
        let drop = coder(&["first-actor-roles", "comma-clauses 2 10 2 10 128 0"]);
        let mut ctx = DocContext::default();
        assert!(code(&drop, &mut ctx, comma).is_empty());
        let keep = coder(&["first-actor-roles", "comma-clauses 2 3 2 10 128 0"]);
        let mut ctx = DocContext::default();
        assert_eq!(code(&keep, &mut ctx, comma), ["UKR/POL/111"]);
        // No actor before the first verb: the subject is unknown, nothing codes.
        let opener = "Criticised by many, Ukraine asked Germany for money on Monday.";
        let prior = coder(&["first-actor-roles", "no-actor-prior"]);
        let mut ctx = DocContext::default();
        assert!(code(&prior, &mut ctx, opener).is_empty());
        let mut ctx = DocContext::default();
        assert_eq!(code(&roles, &mut ctx, opener), ["UKR/DEU/090"]);
        // Too many verbs or conjunctions: too complex to code.
        let busy = "Ukraine criticised Poland and asked Germany and France for money.";
        let mut ctx = DocContext::default();
        assert!(!code(&roles, &mut ctx, busy).is_empty());
        let mut ctx = DocContext::default();
        let verbs = coder(&["first-actor-roles", "complex-verbs 2"]);
        assert!(code(&verbs, &mut ctx, busy).is_empty());
        // "Germany and France" is one compound actor: one conjunction counts.
        let mut ctx = DocContext::default();
        let two = coder(&["first-actor-roles", "complex-conjunctions 2"]);
        assert!(!code(&two, &mut ctx, busy).is_empty());
        let mut ctx = DocContext::default();
        let one = coder(&["first-actor-roles", "complex-conjunctions 1"]);
        assert!(code(&one, &mut ctx, busy).is_empty());
        // An item of a list is no clause.
        let list = "Ukraine, the brave Moldova, and Romania criticised Poland on Monday.";
        let mut ctx = DocContext::default();
        assert_eq!(
            code(&drop, &mut ctx, list),
            ["MDA/POL/111", "ROU/POL/111", "UKR/POL/111"]
        );
    }

    #[test]
    fn a_prefix_after_an_article_still_starts_a_pattern_and_a_possessive_does_not() {
        let (patterns, e) = crate::parse_verbs(
            "verbs/x.txt",
            "111 | anti * @ * +rally\n017 | +rally\n",
            &crate::Inflector::builtin(),
        );
        assert!(e.is_empty(), "{e:?}");
        let mut verbs = VerbDictionary::builtin().unwrap();
        verbs.patterns = patterns;
        for l in ["acts-as-stated", "code-by clause", "first-actor-roles"] {
            verbs.options.apply(l).unwrap();
        }
        let c = Coder::new(
            Dictionary::builtin().unwrap(),
            verbs,
            CoderOptions::default(),
        )
        .unwrap();
        let date = "2019-06-05".parse().ok();
        let got = coded(
            &c,
            "Ukraine joined an anti- Russia rally on Saturday.",
            date,
        );
        assert_eq!(got, ["UKR/RUS/111"]);
        // A verb's form with a possessive is a noun.
        let got = coded(&c, "Ukraine rallied against Russia on Saturday.", date);
        assert_eq!(got, ["UKR/RUS/017"]);
        let got = coded(
            &c,
            "Ukraine rally's organisers met Russia on Saturday.",
            date,
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn negated_acts_are_kept_only_when_asked() {
        let dict = Dictionary::builtin().unwrap();
        let verbs = VerbDictionary::builtin().unwrap();
        let keep = Coder::new(dict, verbs, CoderOptions { keep_negated: true }).unwrap();
        let date = "2019-06-05".parse().ok();
        let (events, _) = keep.explain("Putin did not meet Xi Jinping.", date);
        assert_eq!(events.len(), 1);
        assert!(events[0].negated);
        let (events, trace) = Coder::builtin()
            .unwrap()
            .explain("Putin did not meet Xi Jinping.", date);
        assert!(events.is_empty());
        assert!(
            trace.patterns.iter().any(|p| p.contains("negated")),
            "{:?}",
            trace.patterns
        );
    }
}
