//! TABARI dates (`YYMMDD`, two-digit years 00–30 meaning 2000–2030) and the day ranges of
//! date-restricted codes.

/// An inclusive range of days (days since 1970-01-01); `i64::MIN` / `i64::MAX` are open ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub lo: i64,
    pub hi: i64,
}

impl Range {
    /// All days.
    pub const ALL: Range = Range {
        lo: i64::MIN,
        hi: i64::MAX,
    };

    /// The range as dyad writes it: `FROM..TO`, `FROM..`, `..TO`.
    pub fn to_dyad(self) -> String {
        let end = |d: i64, open: i64| {
            if d == open {
                String::new()
            } else {
                let (y, m, dd) = civil(d);
                format!("{y:04}-{m:02}-{dd:02}")
            }
        };
        format!("{}..{}", end(self.lo, i64::MIN), end(self.hi, i64::MAX))
    }
}

/// Reads `<YYMMDD`, `>YYMMDD` or `YYMMDD-YYMMDD` (spaces allowed).
pub(crate) fn parse_restriction(s: &str) -> Result<Range, String> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let r = if let Some(d) = s.strip_prefix('<') {
        Range {
            lo: i64::MIN,
            hi: parse_date(d)?,
        }
    } else if let Some(d) = s.strip_prefix('>') {
        Range {
            lo: parse_date(d)?,
            hi: i64::MAX,
        }
    } else if let Some((a, b)) = s.split_once('-') {
        Range {
            lo: parse_date(a)?,
            hi: parse_date(b)?,
        }
    } else {
        return Err(format!(
            "date restriction {s:?} must be <YYMMDD, >YYMMDD or YYMMDD-YYMMDD"
        ));
    };
    if r.lo > r.hi {
        return Err(format!("date restriction {s:?} ends before it starts"));
    }
    Ok(r)
}

/// `YYMMDD` (or `YYYYMMDD`) → day number ([`crate::dictionary_date`]).
pub(crate) fn parse_date(s: &str) -> Result<i64, String> {
    crate::dictionary_date(s)
        .map(day_number)
        .ok_or_else(|| format!("date {s:?} is not YYMMDD"))
}

/// Days since 1970-01-01 of a calendar date.
fn day_number(date: chrono::NaiveDate) -> i64 {
    (date - chrono::NaiveDate::default()).num_days()
}

/// Days since 1970-01-01 of a valid calendar date.
#[cfg(test)]
pub(crate) fn days(y: i64, m: u32, d: u32) -> i64 {
    let date = i32::try_from(y)
        .ok()
        .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d));
    date.map_or(0, day_number)
}

/// The calendar date of a day number (made by [`parse_date`]; any other gives 1970-01-01).
pub(crate) fn civil(z: i64) -> (i64, u32, u32) {
    use chrono::Datelike;
    let epoch = chrono::NaiveDate::default();
    let n = epoch
        .checked_add_signed(chrono::TimeDelta::days(z))
        .unwrap_or(epoch);
    (i64::from(n.year()), n.month(), n.day())
}

/// The parts of `r` that none of `claimed` covers.
pub(crate) fn subtract(r: Range, claimed: &[Range]) -> Vec<Range> {
    let mut pieces = vec![r];
    for c in claimed {
        let mut next = Vec::new();
        for p in pieces {
            if c.hi < p.lo || c.lo > p.hi {
                next.push(p);
                continue;
            }
            if c.lo > p.lo {
                next.push(Range {
                    lo: p.lo,
                    hi: c.lo - 1,
                });
            }
            if c.hi < p.hi {
                next.push(Range {
                    lo: c.hi + 1,
                    hi: p.hi,
                });
            }
        }
        pieces = next;
    }
    pieces.sort_by_key(|p| p.lo);
    pieces
}

/// The days none of `claimed` covers.
pub(crate) fn complement(claimed: &[Range]) -> Vec<Range> {
    subtract(Range::ALL, claimed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_digit_years_pivot_at_2030() {
        assert_eq!(civil(parse_date("950601").unwrap()), (1995, 6, 1));
        assert_eq!(civil(parse_date("010114").unwrap()), (2001, 1, 14));
        assert_eq!(civil(parse_date("19991231").unwrap()), (1999, 12, 31));
        assert!(parse_date("950231").is_err() && parse_date("9506").is_err());
        assert_eq!(days(1970, 1, 1), 0);
    }

    #[test]
    fn restrictions_and_their_remainders() {
        let r = parse_restriction("950601 - 990815").unwrap();
        assert_eq!(r.to_dyad(), "1995-06-01..1999-08-15");
        assert_eq!(
            parse_restriction("< 911226").unwrap().to_dyad(),
            "..1991-12-26"
        );
        let rest = complement(&[parse_restriction("<911226").unwrap()]);
        assert_eq!(rest.len(), 1);
        assert_eq!(rest[0].to_dyad(), "1991-12-27..");
        let mid = complement(&[r]);
        assert_eq!(mid.len(), 2);
        assert_eq!(mid[1].to_dyad(), "1999-08-16..");
        assert!(parse_restriction("990101-950101").is_err());
    }
}
