use serde::{Deserialize, Deserializer};
use std::fmt;

/// A calendar date as written in front matter: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` where only
/// that much is known (a source's date may be vague; an article's may not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date in the form YYYY-MM-DD")]
    Format(String),
    #[error("`{0}` is not a real date: month {1} has no day {2}")]
    NoSuchDay(String, u8, u8),
    #[error("`{0}` is not a real date: there is no month {1}")]
    NoSuchMonth(String, u8),
}

impl Date {
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bad = || DateError::Format(text.to_string());
        let mut parts = text.split('-');
        let year = parse_digits(parts.next(), 4).ok_or_else(bad)? as u16;
        let month = parts
            .next()
            .map(|m| parse_digits(Some(m), 2).ok_or_else(bad))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| parse_digits(Some(d), 2).ok_or_else(bad))
            .transpose()?;
        if parts.next().is_some() {
            return Err(bad());
        }
        let month = month.map(|m| m as u8);
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::NoSuchMonth(text.to_string(), m));
            }
        }
        let day = day.map(|d| d as u8);
        if let (Some(m), Some(d)) = (month, day) {
            if d == 0 || d > days_in_month(year, m) {
                return Err(DateError::NoSuchDay(text.to_string(), m, d));
            }
        }
        Ok(Date { year, month, day })
    }
}

fn parse_digits(part: Option<&str>, width: usize) -> Option<u32> {
    let part = part?;
    if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor, not an intermediate value, so the YAML parser still knows where the
        // scalar is when the date turns out impossible.
        struct DateVisitor;
        impl serde::de::Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date in the form YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text.trim()).map_err(E::custom)
            }
            // YAML reads a bare year such as 2020 as a number.
            fn visit_u64<E: serde::de::Error>(self, year: u64) -> Result<Date, E> {
                self.visit_str(&format!("{year:04}"))
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_validate() {
        let cases: &[(&str, Result<&str, ()>)] = &[
            ("2019-04-25", Ok("2019-04-25")),
            ("2022-09", Ok("2022-09")),
            ("2020", Ok("2020")),
            ("2020-02-29", Ok("2020-02-29")),
            ("2019-02-29", Err(())),
            ("2019-02-30", Err(())),
            ("1900-02-29", Err(())),
            ("2000-02-29", Ok("2000-02-29")),
            ("2019-13-01", Err(())),
            ("2019-4-25", Err(())),
            ("25-04-2019", Err(())),
            ("2019-04-25-01", Err(())),
            ("٢٠١٩-٠٤-٢٥", Err(())),
        ];
        for (input, expected) in cases {
            let got = Date::parse(input).map(|d| d.to_string()).map_err(|_| ());
            assert_eq!(got, expected.map(str::to_string), "{input}");
        }
    }
}
