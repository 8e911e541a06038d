//! Query-string parsing with messages a person can act on.
//!
//! Handlers read the raw query string through [`Params`] rather than axum's `Query<T>`: its
//! rejections are plain text and name serde internals, while these say which parameter was
//! wrong, what was given and what is accepted. Unknown parameters are refused too, so a typo
//! (`sicne=2019`) is an error instead of a silently unfiltered answer.

use dyad_core::PartialDate;
use dyad_store::Period;
use std::collections::BTreeMap;

/// A parameter that could not be used: the message is shown to the client as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParamError(pub String);

/// Longest value accepted for any parameter, in bytes (search queries and sentences included).
pub const MAX_VALUE_LEN: usize = 2000;

/// The decoded query string of one request.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    /// Decodes `query` and checks every name is among `allowed` and given once.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ParamError> {
        let mut values = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                return Err(ParamError(if allowed.is_empty() {
                    format!("unknown parameter {k:?}: this path takes no parameters")
                } else {
                    format!(
                        "unknown parameter {k:?}: this path takes {}",
                        allowed.join(", ")
                    )
                }));
            }
            if v.len() > MAX_VALUE_LEN {
                return Err(ParamError(format!(
                    "parameter {k:?} is {} bytes long; at most {MAX_VALUE_LEN} are accepted",
                    v.len()
                )));
            }
            if values.insert(k.to_string(), v.to_string()).is_some() {
                return Err(ParamError(format!(
                    "parameter {k:?} is given more than once"
                )));
            }
        }
        Ok(Params { values })
    }

    /// The value of `name`, trimmed; `None` when absent or empty (an empty form field).
    pub fn str(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A required value.
    pub fn required(&self, name: &str) -> Result<&str, ParamError> {
        self.str(name)
            .ok_or_else(|| ParamError(format!("parameter {name:?} is required")))
    }

    /// A whole number in `min..=max`, else `default`.
    pub fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ParamError> {
        let Some(v) = self.str(name) else {
            return Ok(default);
        };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ParamError(format!(
                "{name}={v:?} is not a whole number from {min} to {max}"
            ))),
        }
    }

    /// A date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<PartialDate>, ParamError> {
        self.str(name)
            .map(|v| {
                v.parse::<PartialDate>().map_err(|_| {
                    ParamError(format!(
                        "{name}={v:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
                    ))
                })
            })
            .transpose()
    }

    /// An actor code ("RUS", "RUSGOV").
    pub fn actor(&self, name: &str) -> Result<Option<String>, ParamError> {
        self.str(name).map(|v| actor_code(name, v)).transpose()
    }

    /// A pair of actor codes written `A,B`.
    pub fn dyad(&self, name: &str) -> Result<Option<(String, String)>, ParamError> {
        let Some(v) = self.str(name) else {
            return Ok(None);
        };
        let Some((a, b)) = v.split_once(',') else {
            return Err(ParamError(format!(
                "{name}={v:?} is not a pair of actor codes: write it A,B (e.g. RUS,CHN)"
            )));
        };
        Ok(Some((actor_code(name, a)?, actor_code(name, b)?)))
    }

    /// A CAMEO code or prefix of `min..=4` digits.
    pub fn cameo(&self, name: &str, min: usize) -> Result<Option<String>, ParamError> {
        let Some(v) = self.str(name) else {
            return Ok(None);
        };
        if (min..=4).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(v.to_owned()))
        } else if min == 2 && v.len() != 2 {
            Err(ParamError(format!(
                "{name}={v:?} is not a CAMEO root: two digits, such as 05"
            )))
        } else {
            Err(ParamError(format!(
                "{name}={v:?} is not a CAMEO code: {min} to 4 digits, such as 057"
            )))
        }
    }

    /// A PLOVER event type ("AGREE").
    pub fn plover(&self, name: &str) -> Result<Option<String>, ParamError> {
        let Some(v) = self.str(name) else {
            return Ok(None);
        };
        if v.len() <= 24 && v.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
            Ok(Some(v.to_ascii_uppercase()))
        } else {
            Err(ParamError(format!(
                "{name}={v:?} is not a PLOVER type, such as AGREE or CONSULT"
            )))
        }
    }

    /// A timeline period: `day`, `week`, `month` (the default) or `year`.
    pub fn period(&self, name: &str) -> Result<Period, ParamError> {
        match self.str(name) {
            None | Some("month") => Ok(Period::Month),
            Some("day") => Ok(Period::Day),
            Some("week") => Ok(Period::Week),
            Some("year") => Ok(Period::Year),
            Some(v) => Err(ParamError(format!(
                "{name}={v:?} is not a period: use day, week, month or year"
            ))),
        }
    }
}

/// Checks an actor code: letters and digits, 3 to 15 of them, returned upper-case.
pub fn actor_code(name: &str, v: &str) -> Result<String, ParamError> {
    let v = v.trim();
    if (3..=15).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(ParamError(format!(
            "{name}: {v:?} is not an actor code (3 to 15 letters or digits, such as RUS or CHNGOV)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str, allowed: &[&str]) -> Result<Params, ParamError> {
        Params::parse(Some(q), allowed)
    }

    #[test]
    fn parses_and_validates() -> Result<(), ParamError> {
        let q = p(
            "dyad=rus,chn&since=2019-06&limit=10&code=057",
            &["dyad", "since", "limit", "code"],
        )?;
        assert_eq!(q.dyad("dyad")?, Some(("RUS".into(), "CHN".into())));
        assert_eq!(
            q.date("since")?.map(|d| d.to_string()),
            Some("2019-06".into())
        );
        assert_eq!(q.number("limit", 50, 1, 500)?, 10);
        assert_eq!(q.cameo("code", 2)?, Some("057".into()));
        Ok(())
    }

    #[test]
    fn refuses_bad_values() -> Result<(), ParamError> {
        assert!(p("x=1", &["limit"]).is_err());
        assert!(p("limit=1&limit=2", &["limit"]).is_err());
        let q = p(
            "limit=-1&since=notadate&by=fortnight&dyad=RUS&code=5x&a=<b>",
            &["limit", "since", "by", "dyad", "code", "a"],
        )?;
        assert!(q.number("limit", 50, 1, 500).is_err());
        assert!(q.date("since").is_err());
        assert!(q.period("by").is_err());
        assert!(q.dyad("dyad").is_err());
        assert!(q.cameo("code", 2).is_err());
        assert!(q.actor("a").is_err());
        Ok(())
    }
}
