use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why a code string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// A CAMEO event code must be 2 to 4 ASCII digits with a leading zero kept ("057").
    #[error("invalid CAMEO code {0:?}: expected 2 to 4 digits such as \"057\"")]
    Cameo(String),
    /// An actor code is made of 3-character upper-case blocks ("RUS", "RUSGOV").
    #[error("invalid actor code {0:?}: expected 3-letter blocks such as \"RUSGOV\"")]
    Actor(String),
    /// QuadClass is 1 to 4.
    #[error("invalid QuadClass {0}: expected 1 to 4")]
    QuadClass(u8),
}

/// A CAMEO 1.1b3 event code, kept as text with its leading zeros ("057", "0311", "19").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CameoCode(String);

impl CameoCode {
    /// Validates and wraps a code.
    pub fn new(code: &str) -> Result<Self, CodeError> {
        let ok = (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(CameoCode(code.to_owned()))
        } else {
            Err(CodeError::Cameo(code.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-digit root ("057" → "05").
    pub fn root(&self) -> &str {
        &self.0[..2]
    }

    /// The QuadClass implied by the root, or `None` for roots outside 01–20.
    pub fn quad_class(&self) -> Option<QuadClass> {
        self.root()
            .parse::<u8>()
            .ok()
            .and_then(QuadClass::from_root)
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for CameoCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CameoCode::new(s)
    }
}

impl TryFrom<String> for CameoCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CameoCode::new(&s)
    }
}

impl From<CameoCode> for String {
    fn from(c: CameoCode) -> String {
        c.0
    }
}

/// The four CAMEO quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum QuadClass {
    /// Roots 01–05.
    VerbalCooperation = 1,
    /// Roots 06–08.
    MaterialCooperation = 2,
    /// Roots 09–13.
    VerbalConflict = 3,
    /// Roots 14–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The class of a CAMEO root number (1–20).
    pub fn from_root(root: u8) -> Option<Self> {
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=8 => Some(QuadClass::MaterialCooperation),
            9..=13 => Some(QuadClass::VerbalConflict),
            14..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    /// The class number, 1–4.
    pub fn number(self) -> u8 {
        self as u8
    }
}

impl TryFrom<u8> for QuadClass {
    type Error = CodeError;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            1 => Ok(QuadClass::VerbalCooperation),
            2 => Ok(QuadClass::MaterialCooperation),
            3 => Ok(QuadClass::VerbalConflict),
            4 => Ok(QuadClass::MaterialConflict),
            _ => Err(CodeError::QuadClass(n)),
        }
    }
}

impl From<QuadClass> for u8 {
    fn from(q: QuadClass) -> u8 {
        q.number()
    }
}

/// A CAMEO actor code: a country, region or IGO block followed by role blocks ("RUSGOV",
/// "CHNBUS", "IGOUNO"), each three upper-case letters or digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ActorCode(String);

impl ActorCode {
    /// Validates and wraps a code.
    pub fn new(code: &str) -> Result<Self, CodeError> {
        let ok = !code.is_empty()
            && code.len() % 3 == 0
            && code.len() <= 30
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(ActorCode(code.to_owned()))
        } else {
            Err(CodeError::Actor(code.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The leading block: a country, region or "IGO".
    pub fn country(&self) -> &str {
        &self.0[..3]
    }

    /// The first role block after the leading one ("GOV" in "RUSGOV"), if any.
    pub fn sector(&self) -> Option<&str> {
        self.0.get(3..6)
    }

    /// All role blocks after the leading one.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        (3..self.0.len()).step_by(3).map(|i| &self.0[i..i + 3])
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ActorCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActorCode::new(s)
    }
}

impl TryFrom<String> for ActorCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        ActorCode::new(&s)
    }
}

impl From<ActorCode> for String {
    fn from(c: ActorCode) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes_keep_leading_zeros_and_know_their_class() {
        let c = CameoCode::new("057").unwrap();
        assert_eq!(c.root(), "05");
        assert_eq!(c.quad_class(), Some(QuadClass::VerbalCooperation));
        assert_eq!(
            CameoCode::new("193").unwrap().quad_class(),
            Some(QuadClass::MaterialConflict)
        );
        assert_eq!(
            CameoCode::new("0874").unwrap().quad_class(),
            Some(QuadClass::MaterialCooperation)
        );
        assert!(CameoCode::new("57a").is_err());
        assert!(CameoCode::new("5").is_err());
        assert!(CameoCode::new("00000").is_err());
        assert_eq!(CameoCode::new("00").unwrap().quad_class(), None);
    }

    #[test]
    fn actor_codes_split_into_blocks() {
        let a = ActorCode::new("RUSGOVMIL").unwrap();
        assert_eq!(a.country(), "RUS");
        assert_eq!(a.sector(), Some("GOV"));
        assert_eq!(a.roles().collect::<Vec<_>>(), ["GOV", "MIL"]);
        assert_eq!(ActorCode::new("CHN").unwrap().sector(), None);
        assert!(ActorCode::new("RUSGO").is_err());
        assert!(ActorCode::new("rus").is_err());
        assert!(ActorCode::new("").is_err());
    }

    #[test]
    fn codes_round_trip_through_json() {
        let c: CameoCode = serde_json::from_str("\"0311\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"0311\"");
        assert!(serde_json::from_str::<CameoCode>("\"x\"").is_err());
        let q: QuadClass = serde_json::from_str("3").unwrap();
        assert_eq!(q, QuadClass::VerbalConflict);
    }
}
