use dyad_core::{CameoCode, Plover, QuadClass};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../data/cameo.tsv");

/// A line of a code table that could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("code table line {line}: {reason}")]
pub struct TableError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// What the table says about one CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    /// The code.
    pub code: CameoCode,
    /// Short CAMEO label.
    pub label: String,
    /// Goldstein weight, −10 to +10.
    pub goldstein: f32,
    /// QuadClass, from the root.
    pub quad_class: QuadClass,
    /// PLOVER type and mode when the crosswalk maps this code or a parent of it.
    pub plover: Option<Plover>,
    /// PLOVER contexts ("economic", "military"), possibly empty.
    pub context: Vec<String>,
    /// Line of the table the entry came from, for provenance.
    pub line: usize,
}

/// The CAMEO code table.
#[derive(Debug, Clone, Default)]
pub struct CodeTable {
    codes: BTreeMap<CameoCode, CodeInfo>,
}

impl CodeTable {
    /// The built-in table (`data/cameo.tsv`).
    pub fn builtin() -> &'static CodeTable {
        static TABLE: OnceLock<CodeTable> = OnceLock::new();
        // The embedded file is checked by the tests; an error here would be a build defect,
        // and an empty table is the least harmful answer to it.
        TABLE.get_or_init(|| CodeTable::parse(BUILTIN).unwrap_or_default())
    }

    /// Reads a table in the `data/cameo.tsv` format: tab-separated `code`, `goldstein`,
    /// `plover_type`, `plover_mode`, `plover_context` (`;`-separated), `label`; `#` comments.
    /// An empty PLOVER type inherits the nearest parent code's mapping.
    pub fn parse(text: &str) -> Result<CodeTable, TableError> {
        let mut codes = BTreeMap::new();
        let mut raw_plover: BTreeMap<CameoCode, (String, String, Vec<String>)> = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let err = |reason: String| TableError {
                line: line_no,
                reason,
            };
            let f: Vec<&str> = line.split('\t').collect();
            let [code, goldstein, ptype, pmode, pctx, label] = f.as_slice() else {
                return Err(err(format!(
                    "expected 6 tab-separated fields, found {}",
                    f.len()
                )));
            };
            let code = CameoCode::new(code.trim()).map_err(|e| err(e.to_string()))?;
            let goldstein: f32 = goldstein
                .trim()
                .parse()
                .map_err(|_| err(format!("Goldstein weight {goldstein:?} is not a number")))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(err(format!(
                    "Goldstein weight {goldstein} is outside -10..10"
                )));
            }
            let quad_class = code
                .quad_class()
                .ok_or_else(|| err(format!("code {code} has no CAMEO root 01-20")))?;
            if codes.contains_key(&code) {
                return Err(err(format!("code {code} is listed twice")));
            }
            let context: Vec<String> = pctx
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect();
            raw_plover.insert(
                code.clone(),
                (ptype.trim().to_owned(), pmode.trim().to_owned(), context),
            );
            codes.insert(
                code.clone(),
                CodeInfo {
                    code,
                    label: label.trim().to_owned(),
                    goldstein,
                    quad_class,
                    plover: None,
                    context: Vec::new(),
                    line: line_no,
                },
            );
        }
        // Resolve PLOVER mappings through parents: "0311" → "031" → "03".
        for (code, info) in codes.iter_mut() {
            let s = code.as_str();
            let found = (2..=s.len())
                .rev()
                .filter_map(|n| CameoCode::new(&s[..n]).ok())
                .find_map(|c| raw_plover.get(&c).filter(|(t, _, _)| !t.is_empty()));
            if let Some((kind, mode, context)) = found {
                info.plover = Some(Plover {
                    kind: kind.clone(),
                    mode: (!mode.is_empty()).then(|| mode.clone()),
                });
                info.context = context.clone();
            }
        }
        Ok(CodeTable { codes })
    }

    /// The entry for a code.
    pub fn get(&self, code: &CameoCode) -> Option<&CodeInfo> {
        self.codes.get(code)
    }

    /// All entries in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CodeInfo> {
        self.codes.values()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True for an empty table.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(code: &str) -> &'static CodeInfo {
        CodeTable::builtin()
            .get(&CameoCode::new(code).unwrap())
            .unwrap()
    }

    #[test]
    fn the_builtin_table_has_every_cameo_code() {
        assert!(CodeTable::parse(BUILTIN).is_ok());
        let t = CodeTable::builtin();
        assert_eq!(t.len(), 311);
        for root in 1..=20 {
            assert!(t
                .get(&CameoCode::new(&format!("{root:02}")).unwrap())
                .is_some());
        }
        // Every code but the statement and appeal families has a PLOVER mapping.
        for i in t.iter() {
            let unmapped = matches!(i.code.root(), "01" | "02");
            assert_eq!(i.plover.is_none(), unmapped, "{}", i.code);
        }
    }

    #[test]
    fn known_codes_carry_their_weights_classes_and_plover() {
        let sign = info("057");
        assert_eq!(sign.goldstein, 8.0);
        assert_eq!(sign.quad_class, QuadClass::VerbalCooperation);
        assert_eq!(sign.plover.as_ref().unwrap().kind, "SUPPORT");
        assert_eq!(info("163").quad_class, QuadClass::MaterialConflict);
        // The 2021 crosswalk files sanctions under COERCE, mode "restrict".
        let sanctions = info("163").plover.as_ref().unwrap();
        assert_eq!(
            (sanctions.kind.as_str(), sanctions.mode.as_deref()),
            ("COERCE", Some("restrict"))
        );
        let visit = info("042");
        assert_eq!(
            visit.plover.as_ref().unwrap().mode.as_deref(),
            Some("visit")
        );
        assert_eq!(info("190").goldstein, -10.0);
        assert_eq!(info("0311").context, ["economic"]);
    }

    #[test]
    fn a_code_without_a_crosswalk_row_inherits_its_parents() {
        let t =
            CodeTable::parse("03\t4\tAGREE\t\t\tIntend\n031\t5.2\t\t\t\tIntend more\n").unwrap();
        let child = t.get(&CameoCode::new("031").unwrap()).unwrap();
        assert_eq!(child.plover.as_ref().unwrap().kind, "AGREE");
        assert_eq!(child.line, 2);
    }

    #[test]
    fn bad_tables_name_the_line() {
        let bad = "# comment\n057\t8\tSUPPORT\t\t\tSign\n05x\t1\t\t\t\tBad\n";
        let e = CodeTable::parse(bad).unwrap_err();
        assert_eq!(e.line, 3);
        let e = CodeTable::parse("057\t80\t\t\t\tSign\n").unwrap_err();
        assert!(e.reason.contains("outside"));
        let e = CodeTable::parse("057\t8\t\t\t\tSign\n057\t8\t\t\t\tSign\n").unwrap_err();
        assert!(e.reason.contains("twice"));
        let e = CodeTable::parse("057\t8\tSign\n").unwrap_err();
        assert!(e.reason.contains("6 tab-separated"));
    }
}
