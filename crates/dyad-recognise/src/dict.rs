use dyad_core::{ActorCode, PartialDate};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// The built-in actor dictionary files, as (path under `data/`, contents).
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "actors/countries.txt",
        include_str!("../data/actors/countries.txt"),
    ),
    (
        "actors/organisations.txt",
        include_str!("../data/actors/organisations.txt"),
    ),
    (
        "actors/people.txt",
        include_str!("../data/actors/people.txt"),
    ),
    (
        "actors/agents.txt",
        include_str!("../data/actors/agents.txt"),
    ),
];

const BUILTIN_ROLES: &str = include_str!("../data/roles.txt");

/// How an entry's variants name its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The country, region or organisation itself ("Russia").
    Name,
    /// Adjective ("Russian").
    Adj,
    /// People of a country ("Russians").
    Demonym,
    /// Capital city standing for the government ("Moscow").
    Capital,
    /// Seat of power standing for the government ("the Kremlin").
    Seat,
    /// A person ("Vladimir Putin").
    Person,
    /// An organisation ("Gazprom").
    Org,
    /// A generic role word ("troops").
    Agent,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "name" => Kind::Name,
            "adj" => Kind::Adj,
            "demonym" => Kind::Demonym,
            "capital" => Kind::Capital,
            "seat" => Kind::Seat,
            "person" => Kind::Person,
            "org" => Kind::Org,
            "agent" => Kind::Agent,
            _ => return None,
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Name => "name",
            Kind::Adj => "adj",
            Kind::Demonym => "demonym",
            Kind::Capital => "capital",
            Kind::Seat => "seat",
            Kind::Person => "person",
            Kind::Org => "org",
            Kind::Agent => "agent",
        })
    }
}

/// One variant of one actor, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Actor code.
    pub code: ActorCode,
    /// How the variant names the actor.
    pub kind: Kind,
    /// The words as they appear in text.
    pub variant: String,
    /// The actor's canonical name: the first variant of its line ("Vladimir Putin").
    pub name: String,
    /// First day the entry holds, if bounded.
    pub from: Option<PartialDate>,
    /// Last day the entry holds, if bounded.
    pub to: Option<PartialDate>,
    /// Dictionary file (relative name), for provenance.
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
}

impl Entry {
    /// True when the entry's date ranges overlap `other`'s (open ends are unbounded).
    fn overlaps(&self, other: &Entry) -> bool {
        let starts_before_end = |a: &Entry, b: &Entry| match (a.from, b.to) {
            (Some(f), Some(t)) => f <= t,
            _ => true,
        };
        starts_before_end(self, other) && starts_before_end(other, self)
    }

    /// `file:line`, the provenance string events carry.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// A dictionary line that could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct DictError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub reason: String,
}

/// Reads one dictionary file; every bad line is reported, good lines are kept.
pub fn parse(file: &str, text: &str) -> (Vec<Entry>, Vec<DictError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let err = |reason: String| DictError {
            file: file.to_owned(),
            line,
            reason,
        };
        let fields: Vec<&str> = content.split('|').map(str::trim).collect();
        if !(3..=4).contains(&fields.len()) {
            errors.push(err(format!(
                "expected `CODE | kind | variants [| FROM..TO]`, found {} field(s)",
                fields.len()
            )));
            continue;
        }
        let code = match ActorCode::new(fields[0]) {
            Ok(c) => c,
            Err(e) => {
                errors.push(err(e.to_string()));
                continue;
            }
        };
        let Some(kind) = Kind::parse(fields[1]) else {
            errors.push(err(format!(
                "unknown kind {:?}: use name, adj, demonym, capital, seat, person, org or agent",
                fields[1]
            )));
            continue;
        };
        let (from, to) = match fields.get(3) {
            None => (None, None),
            Some(range) => match parse_range(range) {
                Ok(r) => r,
                Err(reason) => {
                    errors.push(err(reason));
                    continue;
                }
            },
        };
        let variants: Vec<&str> = fields[2]
            .split(';')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        if variants.is_empty() {
            errors.push(err(
                "no variants: list the words that name the actor".to_owned()
            ));
            continue;
        }
        let name = variants[0].trim_start_matches("the ").to_owned();
        for v in variants {
            entries.push(Entry {
                code: code.clone(),
                kind,
                variant: v.to_owned(),
                name: name.clone(),
                from,
                to,
                file: file.to_owned(),
                line,
            });
        }
    }
    (entries, errors)
}

fn parse_range(s: &str) -> Result<(Option<PartialDate>, Option<PartialDate>), String> {
    let Some((a, b)) = s.split_once("..") else {
        return Err(format!(
            "date range {s:?} must look like FROM..TO, FROM.. or ..TO"
        ));
    };
    let date = |d: &str| -> Result<Option<PartialDate>, String> {
        let d = d.trim();
        if d.is_empty() {
            Ok(None)
        } else {
            d.parse()
                .map(Some)
                .map_err(|e: dyad_core::DateError| e.to_string())
        }
    };
    let (from, to) = (date(a)?, date(b)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("date range {s:?} ends before it starts"));
        }
    }
    Ok((from, to))
}

/// The CAMEO role codes a dictionary may use after a country or region block.
#[derive(Debug, Clone)]
pub struct Roles(HashSet<String>);

impl Roles {
    /// The built-in role list (`data/roles.txt`).
    pub fn builtin() -> Roles {
        Roles::parse(BUILTIN_ROLES)
    }

    /// Reads `CODE | meaning` lines.
    pub fn parse(text: &str) -> Roles {
        Roles(
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .filter_map(|l| l.split('|').next())
                .map(|c| c.trim().to_owned())
                .filter(|c| c.len() == 3)
                .collect(),
        )
    }

    /// True for a known role.
    pub fn contains(&self, role: &str) -> bool {
        self.0.contains(role)
    }
}

/// All actor entries of a dictionary set.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// Entries in file and line order.
    pub entries: Vec<Entry>,
}

impl Dictionary {
    /// The built-in dictionaries.
    pub fn builtin() -> Result<Dictionary, Vec<DictError>> {
        Self::from_texts(
            BUILTIN_FILES
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned())),
        )
    }

    /// Every `*.txt` file under `dir/actors/`, in name order; the built-in dictionaries when
    /// `dir` has no `actors/` (a directory may override only the verbs).
    pub fn from_dir(dir: &Path) -> Result<Dictionary, Vec<DictError>> {
        let actors = dir.join("actors");
        if !actors.exists() && dir.is_dir() {
            return Self::builtin();
        }
        let io = |reason: String| {
            vec![DictError {
                file: actors.display().to_string(),
                line: 0,
                reason,
            }]
        };
        let mut paths: Vec<_> = std::fs::read_dir(&actors)
            .map_err(|e| {
                io(format!(
                    "cannot read the directory: {e} (expected DIR/actors/*.txt)"
                ))
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut texts = Vec::new();
        for p in paths {
            let text =
                std::fs::read_to_string(&p).map_err(|e| io(format!("{}: {e}", p.display())))?;
            let name = format!(
                "actors/{}",
                p.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            texts.push((name, text));
        }
        Self::from_texts(texts)
    }

    fn from_texts(
        texts: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Dictionary, Vec<DictError>> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for (name, text) in texts {
            let (e, errs) = parse(&name, &text);
            entries.extend(e);
            errors.extend(errs);
        }
        if errors.is_empty() {
            Ok(Dictionary { entries })
        } else {
            Err(errors)
        }
    }
}

/// What [`check`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueKind {
    /// The same variant listed twice for the same actor.
    Duplicate,
    /// The same variant naming different actors at the same time.
    Conflict,
    /// The same variant and actor on two lines whose dates overlap.
    Overlap,
    /// A code whose country, region, organisation or role is not defined.
    UnknownCode,
}

/// A problem in a dictionary, located by file and line.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// What kind of problem.
    pub kind: IssueKind,
    /// `file:line` of the entry at fault.
    pub location: String,
    /// Explanation naming the other entry involved, if any.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            IssueKind::Duplicate => "duplicate",
            IssueKind::Conflict => "conflict",
            IssueKind::Overlap => "overlapping dates",
            IssueKind::UnknownCode => "unknown code",
        };
        write!(f, "{}: {kind}: {}", self.location, self.message)
    }
}

/// Checks a dictionary for duplicates, conflicts, overlapping date ranges and unknown codes.
pub fn check(dict: &Dictionary, roles: &Roles) -> Vec<Issue> {
    let mut issues = Vec::new();
    // Leading blocks defined by a `name` entry: countries, regions, organisations.
    let defined: HashSet<&str> = dict
        .entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::Name | Kind::Org))
        .map(|e| e.code.as_str())
        .collect();
    let mut reported_codes = HashSet::new();
    for e in &dict.entries {
        let problem = if e.kind == Kind::Agent {
            // Agents are roles only; the matcher adds the country.
            std::iter::once(e.code.country())
                .chain(e.code.roles())
                .find(|r| !roles.contains(r))
                .map(|r| format!("agent role {r} is not a CAMEO role (see data/roles.txt)"))
        } else {
            unknown_code(&e.code, &defined, roles)
        };
        if let Some(reason) = problem {
            if reported_codes.insert((e.code.as_str(), e.line)) {
                issues.push(Issue {
                    kind: IssueKind::UnknownCode,
                    location: e.location(),
                    message: format!("{}: {reason}", e.code),
                });
            }
        }
    }
    let mut by_variant: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for e in &dict.entries {
        by_variant.entry(e.variant.as_str()).or_default().push(e);
    }
    let mut variants: Vec<_> = by_variant.into_iter().collect();
    variants.sort_by_key(|(_, es)| (es[0].file.clone(), es[0].line));
    for (variant, es) in variants {
        for (i, a) in es.iter().enumerate() {
            for b in &es[i + 1..] {
                if !a.overlaps(b) {
                    continue;
                }
                let (kind, what) = if a.code != b.code {
                    (
                        IssueKind::Conflict,
                        format!("{variant:?} also names {} ({})", a.code, a.location()),
                    )
                } else if a.line == b.line && a.file == b.file
                    || a.from.is_none() && a.to.is_none() && b.from.is_none() && b.to.is_none()
                {
                    (
                        IssueKind::Duplicate,
                        format!(
                            "{variant:?} is already listed for {} at {}",
                            a.code,
                            a.location()
                        ),
                    )
                } else {
                    (
                        IssueKind::Overlap,
                        format!(
                            "{variant:?} for {} overlaps the dates at {}",
                            a.code,
                            a.location()
                        ),
                    )
                };
                issues.push(Issue {
                    kind,
                    location: b.location(),
                    message: what,
                });
            }
        }
    }
    issues
}

fn unknown_code(code: &ActorCode, defined: &HashSet<&str>, roles: &Roles) -> Option<String> {
    let s = code.as_str();
    let mut blocks = (0..s.len()).step_by(3).map(|i| &s[i..i + 3]);
    let lead = blocks.next()?;
    if lead == "IGO" {
        let org = blocks.next()?;
        let full = &s[..6];
        if !defined.contains(full) {
            return Some(format!(
                "organisation {org} has no `name` or `org` entry for {full}"
            ));
        }
    } else if !defined.contains(lead) {
        return Some(format!("country or region {lead} has no `name` entry"));
    }
    blocks
        .find(|r| !roles.contains(r))
        .map(|r| format!("role {r} is not a CAMEO role (see data/roles.txt)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_entries_with_provenance() {
        let text = "# c\nRUS | name | Russia; Russian Federation\nRUSGOV | person | Vladimir Putin | 2012-05-07..\n";
        let (entries, errors) = parse("t.txt", text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[1].variant, "Russian Federation");
        assert_eq!(entries[2].location(), "t.txt:3");
        assert_eq!(entries[2].from.unwrap().to_string(), "2012-05-07");
        assert!(entries[2].to.is_none());
    }

    #[test]
    fn bad_lines_are_all_reported_with_their_line() {
        let text = "RUS | name\nrus | name | x\nRUS | nom | Russia\nRUS | name | ;\nRUS | person | P | 2012..2008\nRUS | name | Russia | 2012\n";
        let (entries, errors) = parse("t.txt", text);
        assert!(entries.is_empty());
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 6]);
        assert!(errors[2].to_string().contains("t.txt:3: unknown kind"));
        assert!(errors[4].reason.contains("ends before it starts"));
    }

    #[test]
    fn check_finds_each_kind_of_problem() {
        let text = "\
RUS | name | Russia
CHN | name | China
RUSGOV | capital | Moscow
RUS | adj | Russian; Russian
CHN | adj | Russia
RUSXYZ | agent | ministry
FRAGOV | seat | the Elysee
IGONAT | org | NATO
IGONATMIL | org | NATO forces
RUSGOV | person | Vladimir Putin | 2000-05-07..2008-05-07
RUSGOV | person | Vladimir Putin | 2008-05-07..2012-05-07
RUSGOV | person | Vladimir Putin | 2012-05-07..
";
        let (entries, errors) = parse("t.txt", text);
        assert!(errors.is_empty());
        let issues = check(&Dictionary { entries }, &Roles::builtin());
        let found: Vec<(IssueKind, &str)> = issues
            .iter()
            .map(|i| (i.kind, i.location.as_str()))
            .collect();
        assert!(
            found.contains(&(IssueKind::Duplicate, "t.txt:4")),
            "{issues:#?}"
        );
        assert!(
            found.contains(&(IssueKind::Conflict, "t.txt:5")),
            "{issues:#?}"
        );
        assert!(
            found.contains(&(IssueKind::UnknownCode, "t.txt:6")),
            "{issues:#?}"
        );
        assert!(
            found.contains(&(IssueKind::UnknownCode, "t.txt:7")),
            "FRA is not defined: {issues:#?}"
        );
        // Putin's terms touch at the handover day: reported, so the file says which holds then.
        assert!(
            found.contains(&(IssueKind::Overlap, "t.txt:11")),
            "{issues:#?}"
        );
        assert!(
            !found.iter().any(|(_, l)| *l == "t.txt:9"),
            "IGO codes with roles are fine"
        );
        assert_eq!(issues.len(), 6, "{issues:#?}");
    }

    #[test]
    fn the_country_dictionary_covers_the_world() {
        let dict = Dictionary::builtin().unwrap();
        let countries: HashSet<&str> = dict
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Name && e.code.as_str().len() == 3)
            .map(|e| e.code.as_str())
            .collect();
        // 193 UN members, 2 observers, named territories and CAMEO regions.
        assert!(countries.len() >= 195 + 20, "{}", countries.len());
        let find = |variant: &str| {
            dict.entries
                .iter()
                .find(|e| e.variant == variant)
                .map(|e| (e.code.as_str(), e.kind))
        };
        assert_eq!(find("the Kremlin"), Some(("RUSGOV", Kind::Seat)));
        assert_eq!(find("Beijing"), Some(("CHNGOV", Kind::Capital)));
        assert_eq!(find("Russian Federation"), Some(("RUS", Kind::Name)));
        assert_eq!(find("Britons"), Some(("GBR", Kind::Demonym)));
        assert_eq!(find("Kyiv"), Some(("UKRGOV", Kind::Capital)));
        assert_eq!(find("the West"), Some(("WST", Kind::Name)));
    }

    #[test]
    fn the_builtin_dictionaries_load_and_check_clean() {
        let dict = Dictionary::builtin().expect("built-in dictionaries parse");
        let issues = check(&dict, &Roles::builtin());
        let all: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        assert!(all.is_empty(), "{}", all.join("\n"));
    }
}
