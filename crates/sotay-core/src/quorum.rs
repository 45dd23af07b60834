//! Whether enough members will come to a cell meeting: the forecast from members' replies
//! before it, against the quorum.
//!
//! The Party's Statute sets no attendance quorum for a cell's regular meeting; what it sets is
//! that a resolution is valid only when **more than half** of the members approve it (Điều lệ
//! Đảng 2011, Điều 9, khoản 5), counted over the official members summoned (Quy định
//! 24-QĐ/TW, 30/7/2021, điểm 9.3.2; before it Quy định 23-QĐ/TW 2006, điểm 12.3b): members
//! exempted from activity who do not attend and members attending another cell temporarily are
//! left out, and probationary members, who attend and speak but do not vote (Điều lệ, Điều 3),
//! are not in it. So a meeting that will decide anything needs more than half of those official
//! members present: that is the default rule here ([`Quorum::default`]), its share a parameter. The
//! meeting's quality target is a different figure (attendance over 85 %, Hướng dẫn
//! 12-HD/BTCTW, 2018, Phần II, 3.1), which the targets already carry. `docs/domain.md` says
//! the same with its sources.

use crate::model::{AttendanceStatus, Standing};
use serde::Serialize;

/// The share of the official members summoned who must be present, strictly more than
/// `percent` %.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    pub percent: u8,
}

impl Default for Quorum {
    /// More than half (Điều lệ Đảng, Điều 9, khoản 5).
    fn default() -> Quorum {
        Quorum { percent: 50 }
    }
}

impl Quorum {
    /// How many of `base` members make the quorum: the fewest that are more than the share.
    pub fn needed(self, base: i64) -> i64 {
        base * i64::from(self.percent.min(100)) / 100 + 1
    }
}

/// One member summoned to a meeting, as the forecast sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summoned {
    pub standing: Standing,
    /// Exempted from activity (miễn sinh hoạt): not counted unless they come.
    pub exempt: bool,
    /// Attending here temporarily: counted in their own cell.
    pub temporarily_attached: bool,
    /// Their reply or the roll call's word; `None`: no answer yet.
    pub status: Option<AttendanceStatus>,
}

/// The forecast of a meeting's attendance from its members' replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Forecast {
    /// Members summoned: every member of the cell not excused.
    pub summoned: i64,
    /// Who said they will come (or were marked present).
    pub coming: i64,
    /// Who said they cannot, or were marked absent.
    pub not_coming: i64,
    /// Who has not answered.
    pub no_answer: i64,
    /// The official members the quorum is counted over.
    pub base: i64,
    /// Official members expected: the base less those who said they cannot come.
    pub expected_official: i64,
    /// Official members who said they will come.
    pub confirmed_official: i64,
    /// How many official members make the quorum.
    pub needed: i64,
    /// The rule's share (more than `quorum_percent` %).
    pub quorum_percent: i64,
    /// Fewer official members are expected than the quorum needs.
    pub under_quorum: bool,
}

/// The forecast of a meeting from its members' replies, against `rule`.
pub fn forecast(members: &[Summoned], rule: Quorum) -> Forecast {
    use AttendanceStatus as S;
    let mut f = Forecast {
        summoned: 0,
        coming: 0,
        not_coming: 0,
        no_answer: 0,
        base: 0,
        expected_official: 0,
        confirmed_official: 0,
        needed: 0,
        quorum_percent: i64::from(rule.percent),
        under_quorum: false,
    };
    for m in members {
        let coming = matches!(m.status, Some(S::Expected | S::Present));
        let cannot = matches!(m.status, Some(S::AbsentWithReason | S::AbsentWithoutReason));
        if m.status == Some(S::Excused) || (m.exempt && !coming) {
            continue;
        }
        f.summoned += 1;
        match m.status {
            _ if coming => f.coming += 1,
            _ if cannot => f.not_coming += 1,
            _ => f.no_answer += 1,
        }
        if m.standing == Standing::Official && !m.temporarily_attached {
            f.base += 1;
            if !cannot {
                f.expected_official += 1;
            }
            if coming {
                f.confirmed_official += 1;
            }
        }
    }
    f.needed = rule.needed(f.base);
    f.under_quorum = f.base > 0 && f.expected_official < f.needed;
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttendanceStatus as S;

    fn official(status: Option<AttendanceStatus>) -> Summoned {
        Summoned {
            standing: Standing::Official,
            exempt: false,
            temporarily_attached: false,
            status,
        }
    }

    #[test]
    fn more_than_half_of_the_official_members() {
        let rule = Quorum::default();
        assert_eq!(rule.needed(10), 6);
        assert_eq!(rule.needed(9), 5);
        assert_eq!(rule.needed(1), 1);
        assert_eq!(Quorum { percent: 66 }.needed(9), 6);
    }

    #[test]
    fn the_forecast_counts_replies_and_warns_under_the_quorum() {
        let mut cell = vec![
            official(Some(S::Expected)),
            official(Some(S::AbsentWithReason)),
            official(Some(S::AbsentWithReason)),
            official(None),
            Summoned {
                standing: Standing::Probationary,
                ..official(Some(S::Expected))
            },
            Summoned {
                exempt: true,
                ..official(None)
            },
            Summoned {
                temporarily_attached: true,
                ..official(Some(S::Expected))
            },
        ];
        let f = forecast(&cell, Quorum::default());
        assert_eq!(
            f.summoned, 6,
            "the exempt member who is not coming is not summoned"
        );
        assert_eq!((f.coming, f.not_coming, f.no_answer), (3, 2, 1));
        assert_eq!(
            f.base, 4,
            "official, not exempt, not attached from elsewhere"
        );
        assert_eq!(f.expected_official, 2);
        assert_eq!(f.confirmed_official, 1);
        assert_eq!(f.needed, 3);
        assert!(f.under_quorum, "2 of 4 is not more than half");

        cell[1] = official(Some(S::Expected));
        let f = forecast(&cell, Quorum::default());
        assert_eq!(f.expected_official, 3);
        assert!(!f.under_quorum);
        assert!(
            !forecast(&[], Quorum::default()).under_quorum,
            "nobody summoned"
        );
    }
}
