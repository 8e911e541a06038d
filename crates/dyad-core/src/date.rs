use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?}: expected YYYY-MM-DD, YYYY-MM or YYYY")]
pub struct DateError(pub String);

/// How precisely a date is known.
///
/// Ordered from the most precise (`Day`) to the least (`Document`), so `min` picks the best
/// known of several. Written as `day`, `month`, `year` or `document` (SPEC §4); the
/// store and the exports use the same names ([`DatePrecision::as_str`], [`FromStr`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A calendar day.
    Day,
    /// A month of a year.
    Month,
    /// A year.
    Year,
    /// No date was stated; the document's date stands in.
    Document,
}

impl DatePrecision {
    /// Every precision, from the most precise to the least.
    pub const ALL: [DatePrecision; 4] = [Self::Day, Self::Month, Self::Year, Self::Document];

    /// The name used in JSON, the store and the exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Year => "year",
            Self::Document => "document",
        }
    }
}

impl fmt::Display for DatePrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a date precision name was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown date precision {0:?}: expected day, month, year or document")]
pub struct PrecisionError(pub String);

impl FromStr for DatePrecision {
    type Err = PrecisionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| PrecisionError(s.to_owned()))
    }
}

/// A calendar date known to the day, the month or only the year.
///
/// Serialised as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, the forms of SPEC §4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

impl PartialDate {
    /// A full date; `None` if it does not exist in the calendar.
    pub fn ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self::from)
    }

    /// A month of a year; `None` for a month outside 1–12.
    pub fn ym(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month as u8),
            day: None,
        })
    }

    /// A year.
    pub fn year_only(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12, when known.
    pub fn month(&self) -> Option<u32> {
        self.month.map(u32::from)
    }

    /// The day of the month when known.
    pub fn day(&self) -> Option<u32> {
        self.day.map(u32::from)
    }

    /// How precisely this date is known.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The full date when known to the day.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month()?, self.day()?)
    }

    /// Reads a date as it appears in metadata: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, ISO 8601 and
    /// RFC 3339 date-times, RFC 2822 (`Thu, 26 Feb 1987 15:01:01 GMT`), `YYYY/MM/DD`, `YYYYMMDD`,
    /// `26-FEB-1987 15:01:01.79`, `February 26, 1987` and `26 February 1987`.
    ///
    /// Times and time zones are dropped: the date is the one written, which for news metadata is
    /// the publisher's local day. Returns `None` for anything else or impossible dates.
    pub fn parse_loose(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.is_empty() || s.len() > 64 {
            return None;
        }
        if let Ok(d) = s.parse::<PartialDate>() {
            return Some(d);
        }
        // ISO date-time: the first ten characters carry the date.
        if s.len() >= 10 && s.is_char_boundary(10) {
            let head = &s[..10];
            let rest = &s[10..];
            if (rest.starts_with('T') || rest.starts_with(' ')) && head.as_bytes()[4] == b'-' {
                if let Ok(d) = head.parse::<PartialDate>() {
                    return Some(d);
                }
            }
            let b = head.as_bytes();
            if b[4] == b'/' && b[7] == b'/' {
                if let Ok(d) = head.replace('/', "-").parse::<PartialDate>() {
                    return Some(d);
                }
            }
        }
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            let y = s[..4].parse().ok()?;
            let m = s[4..6].parse().ok()?;
            let d = s[6..].parse().ok()?;
            return Self::ymd(y, m, d);
        }
        Self::parse_words(s)
    }

    /// Dates with a month name: RFC 2822, Reuters' `26-FEB-1987`, `February 26, 1987`,
    /// `26 February 1987`, `Feb. 26 1987`.
    fn parse_words(s: &str) -> Option<Self> {
        let mut day = None;
        let mut month = None;
        let mut year = None;
        let tokens = s
            .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '.')
            .filter(|t| !t.is_empty());
        for tok in tokens {
            if tok.contains(':') {
                break; // a time of day: the date is complete
            }
            let lower = tok.to_ascii_lowercase();
            if month.is_none() && lower.len() >= 3 && lower.is_ascii() {
                if let Some(i) = MONTHS.iter().position(|m| lower.starts_with(m)) {
                    month = Some(i as u32 + 1);
                    continue;
                }
            }
            let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                match digits.len() {
                    1 | 2 if day.is_none() => day = digits.parse::<u32>().ok(),
                    4 if year.is_none() => year = digits.parse::<i32>().ok(),
                    _ => return None,
                }
            }
        }
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) => Self::ymd(y, m, d),
            (Some(y), Some(m), None) => Self::ym(y, m),
            _ => None,
        }
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month() as u8),
            day: Some(d.day() as u8),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Strict form: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError(s.to_owned());
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, DateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        match parts.as_slice() {
            [y] => Ok(Self::year_only(num(y, 4)? as i32)),
            [y, m] => Self::ym(num(y, 4)? as i32, num(m, 2)?).ok_or_else(err),
            [y, m, d] => Self::ymd(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?).ok_or_else(err),
            _ => Err(err()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl TryFrom<String> for PartialDate {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_names_match_json_and_parse_back() {
        for p in DatePrecision::ALL {
            let json = serde_json::to_string(&p).expect("serialises");
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(p.as_str().parse::<DatePrecision>(), Ok(p));
            assert_eq!(p.to_string(), p.as_str());
        }
        assert!("Day".parse::<DatePrecision>().is_err());
        assert!("".parse::<DatePrecision>().is_err());
        assert!(DatePrecision::Day < DatePrecision::Month);
        assert!(DatePrecision::Year < DatePrecision::Document);
    }

    #[test]
    fn strict_forms_round_trip() {
        for s in ["2019-06-05", "2019-06", "2019", "0987-01-01"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        for s in [
            "2019-6-5",
            "2019-02-30",
            "19",
            "2019-13",
            "",
            "2019-06-05-01",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
        assert_eq!(
            "2019-06".parse::<PartialDate>().unwrap().precision(),
            DatePrecision::Month
        );
    }

    #[test]
    fn loose_forms_from_metadata() {
        let cases = [
            ("2024-08-21T10:15:00Z", "2024-08-21"),
            ("2024-08-21T23:59:59+05:00", "2024-08-21"),
            ("2024-08-21 10:15:00", "2024-08-21"),
            ("2024/08/21", "2024-08-21"),
            ("20240821", "2024-08-21"),
            ("Wed, 21 Aug 2024 10:15:00 GMT", "2024-08-21"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("February 26, 1987", "1987-02-26"),
            ("26 February 1987", "1987-02-26"),
            ("Sept. 3, 2016", "2016-09-03"),
            ("June 2019", "2019-06"),
            ("2016", "2016"),
        ];
        for (input, want) in cases {
            let got = PartialDate::parse_loose(input).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(want), "{input}");
        }
        for bad in ["yesterday", "31 February 2019", "", "12:00", "Monday"] {
            assert_eq!(PartialDate::parse_loose(bad), None, "{bad}");
        }
    }
}
