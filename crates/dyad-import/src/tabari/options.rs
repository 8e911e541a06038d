//! TABARI `.options` files: every command is reported, none converts. dyad's coder has no
//! settings of these kinds; each reason says what dyad does instead.

use super::Output;
use std::path::Path;

/// Why a command of this kind has no dyad equivalent.
fn reason(command: &str) -> String {
    let upper = command.to_ascii_uppercase();
    let head = upper.split(':').next().unwrap_or("").trim();
    let what = match head {
        "LABEL" => "code labels: dyad names codes from its CAMEO table",
        "COMPLEX" => {
            "complex-sentence rules (verb and conjunction limits, NOACTPRIOR): dyad codes every sentence and needs both actors named"
        }
        "DEFAULT" => {
            "default source/target codes: dyad codes an event only when both actors are named"
        }
        "COMMA" => "comma-clause elimination: dyad finds clauses by its own rules",
        "FORWARD" | "OUTPUT" => "record and output layout: dyad has its own readers and exports",
        "NONEVENTS" => "non-event output: dyad stores only events",
        "ISSUES" | "FREQUENCY" => "issue and frequency coding: not part of dyad's events",
        "SET" if upper.contains("LABEL") => "labels: dyad names codes from its CAMEO table",
        "SET" if upper.contains("CONVERT AGENT") => {
            "agents standing alone: dyad never codes an agent without its country"
        }
        "SET" => "TABARI setting: dyad's coder has no such setting",
        _ => "not a TABARI command dyad knows",
    };
    format!("option `{}`: {what}", command.trim())
}

/// Reports every command of an options file.
pub(crate) fn convert(file: &Path, text: &str, out: &mut Output) {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with("~~") {
            break;
        }
        if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        out.skip(file, i + 1, reason(line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_reported_with_what_dyad_does_instead() {
        let mut out = Output::default();
        convert(
            Path::new("t.options"),
            "// c\nCOMPLEX: VERBS[5]\nLABEL: 010=YIELD\n\nSET: CONVERT AGENT = TRUE\n~~~\nX\n",
            &mut out,
        );
        let got: Vec<(usize, bool)> = out
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.contains("dyad")))
            .collect();
        assert_eq!(got, [(2, true), (3, true), (5, true)]);
        assert!(out.skipped[2].reason.contains("agent"));
    }
}
