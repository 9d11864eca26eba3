//! Report periods — a calendar month, a calendar year or an inclusive date range — with the
//! period before it, its label, and the month buckets of the 12-month trend.

use crate::{Lang, ReportError};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// What kind of period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Year,
    Range,
}

/// An inclusive date range; incidents belong to it by their `reported_on` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn invalid(value: &str, expected: &str) -> ReportError {
    ReportError::InvalidPeriod {
        value: value.to_string(),
        expected: expected.to_string(),
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

impl Period {
    /// The calendar month `year`-`month`.
    pub fn month(year: i32, month: u32) -> Result<Period, ReportError> {
        let value = format!("{year:04}-{month:02}");
        let from =
            NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| invalid(&value, "YYYY-MM"))?;
        let to = last_day_of_month(year, month).ok_or_else(|| invalid(&value, "YYYY-MM"))?;
        Ok(Period {
            kind: PeriodKind::Month,
            from,
            to,
        })
    }

    /// The calendar year.
    pub fn year(year: i32) -> Result<Period, ReportError> {
        let value = year.to_string();
        let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| invalid(&value, "YYYY"))?;
        let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| invalid(&value, "YYYY"))?;
        Ok(Period {
            kind: PeriodKind::Year,
            from,
            to,
        })
    }

    /// An inclusive date range.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period, ReportError> {
        if from > to {
            return Err(ReportError::EmptyRange {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        Ok(Period {
            kind: PeriodKind::Range,
            from,
            to,
        })
    }

    /// `2025-09` → September 2025.
    pub fn parse_month(s: &str) -> Result<Period, ReportError> {
        let (y, m) = s
            .trim()
            .split_once('-')
            .ok_or_else(|| invalid(s, "YYYY-MM"))?;
        let year: i32 = y.parse().map_err(|_| invalid(s, "YYYY-MM"))?;
        let month: u32 = m.parse().map_err(|_| invalid(s, "YYYY-MM"))?;
        if y.len() != 4 || !(1..=12).contains(&month) {
            return Err(invalid(s, "YYYY-MM"));
        }
        Period::month(year, month)
    }

    /// `2025` → the year 2025.
    pub fn parse_year(s: &str) -> Result<Period, ReportError> {
        let t = s.trim();
        if t.len() != 4 {
            return Err(invalid(s, "YYYY"));
        }
        Period::year(t.parse().map_err(|_| invalid(s, "YYYY"))?)
    }

    /// `YYYY-MM-DD` (either bound) → a range.
    pub fn parse_range(from: &str, to: &str) -> Result<Period, ReportError> {
        let p = |v: &str| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| invalid(v, "YYYY-MM-DD"))
        };
        Period::range(p(from)?, p(to)?)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period before: the previous month, the previous year, or a range of the same
    /// length ending the day before this one starts.
    pub fn previous(&self) -> Period {
        match self.kind {
            PeriodKind::Month => {
                let (y, m) = if self.from.month() == 1 {
                    (self.from.year() - 1, 12)
                } else {
                    (self.from.year(), self.from.month() - 1)
                };
                Period::month(y, m).unwrap_or(*self)
            }
            PeriodKind::Year => Period::year(self.from.year() - 1).unwrap_or(*self),
            PeriodKind::Range => {
                let to = self.from - Duration::days(1);
                let from = to - Duration::days(self.days() - 1);
                Period {
                    kind: PeriodKind::Range,
                    from,
                    to,
                }
            }
        }
    }

    /// `2025年9月` / `September 2025`; `2025年` / `2025`; `2025-09-01〜2025-09-30`.
    pub fn label(&self, lang: Lang) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match (self.kind, lang) {
            (PeriodKind::Month, Lang::Ja) => {
                format!("{}年{}月", self.from.year(), self.from.month())
            }
            (PeriodKind::Month, Lang::En) => format!(
                "{} {}",
                MONTHS[self.from.month0() as usize],
                self.from.year()
            ),
            (PeriodKind::Year, Lang::Ja) => format!("{}年", self.from.year()),
            (PeriodKind::Year, Lang::En) => self.from.year().to_string(),
            (PeriodKind::Range, Lang::Ja) => format!("{}〜{}", self.from, self.to),
            (PeriodKind::Range, Lang::En) => format!("{} to {}", self.from, self.to),
        }
    }

    /// The `n` calendar months ending with the month of `to`, oldest first, as periods.
    pub fn trend_months(&self, n: usize) -> Vec<Period> {
        let mut months = Vec::with_capacity(n);
        let (mut y, mut m) = (self.to.year(), self.to.month());
        for _ in 0..n {
            if let Ok(p) = Period::month(y, m) {
                months.push(p);
            }
            if m == 1 {
                y -= 1;
                m = 12;
            } else {
                m -= 1;
            }
        }
        months.reverse();
        months
    }
}

/// One month of the trend chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// `YYYY-MM`.
    pub month: String,
    pub count: u64,
}

/// Buckets first-report dates into the `n` months ending with `period`'s last month (dates
/// outside those months are ignored).
pub fn monthly_trend(period: &Period, dates: &[NaiveDate], n: usize) -> Vec<TrendPoint> {
    period
        .trend_months(n)
        .into_iter()
        .map(|m| TrendPoint {
            month: format!("{:04}-{:02}", m.from.year(), m.from.month()),
            count: dates.iter().filter(|d| m.contains(**d)).count() as u64,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_bounds_and_previous() {
        let p = Period::parse_month("2025-09").unwrap();
        assert_eq!((p.from, p.to), (d(2025, 9, 1), d(2025, 9, 30)));
        let jan = Period::parse_month("2024-01").unwrap();
        assert_eq!(jan.previous().from, d(2023, 12, 1));
        assert_eq!(jan.previous().to, d(2023, 12, 31));
        let feb = Period::parse_month("2024-02").unwrap();
        assert_eq!(feb.to, d(2024, 2, 29));
        assert!(Period::parse_month("2025-13").is_err());
        assert!(Period::parse_month("25-01").is_err());
        assert!(Period::parse_month("2025").is_err());
    }

    #[test]
    fn year_and_range_previous() {
        let y = Period::parse_year("2025").unwrap();
        assert_eq!(y.previous().from, d(2024, 1, 1));
        let r = Period::parse_range("2025-09-11", "2025-09-20").unwrap();
        let prev = r.previous();
        assert_eq!((prev.from, prev.to), (d(2025, 9, 1), d(2025, 9, 10)));
        assert!(Period::parse_range("2025-09-20", "2025-09-11").is_err());
    }

    #[test]
    fn labels() {
        let p = Period::parse_month("2025-09").unwrap();
        assert_eq!(p.label(Lang::Ja), "2025年9月");
        assert_eq!(p.label(Lang::En), "September 2025");
    }

    #[test]
    fn trend_spans_twelve_months_across_a_year_boundary() {
        let p = Period::parse_month("2025-03").unwrap();
        let t = monthly_trend(&p, &[d(2025, 3, 5), d(2024, 4, 30), d(2024, 3, 31)], 12);
        assert_eq!(t.len(), 12);
        assert_eq!(t[0].month, "2024-04");
        assert_eq!(t[0].count, 1);
        assert_eq!(t[11].month, "2025-03");
        assert_eq!(t[11].count, 1);
        assert_eq!(t.iter().map(|p| p.count).sum::<u64>(), 2);
    }
}
