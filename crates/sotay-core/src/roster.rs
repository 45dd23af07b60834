//! Who on a roster is the same person: the rule the administrator's console and the roster import
//! share, so a member added by hand and the same member in a spreadsheet are found to be one.
//!
//! A person is named first by their numbers: the party card number, else the citizen identity
//! number. Two people whose numbers differ are two people, whatever their names. Only when one
//! side has neither number do the name (folded: case, diacritics and spacing ignored, since the
//! party database and a hand-typed sheet spell "Nguyễn Văn  An" and "NGUYEN VAN AN" alike) and the
//! birth date decide.

use crate::model::Member;
use crate::text::fold;
use chrono::NaiveDate;

/// What names a person on a roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity<'a> {
    pub full_name: &'a str,
    pub born_on: Option<NaiveDate>,
    pub card_number: Option<&'a str>,
    pub citizen_id: Option<&'a str>,
}

impl<'a> Identity<'a> {
    pub fn of(m: &'a Member) -> Identity<'a> {
        Identity {
            full_name: &m.full_name,
            born_on: m.born_on,
            card_number: m.card_number.as_deref(),
            citizen_id: m.citizen_id.as_deref(),
        }
    }

    /// Whether `self` and `other` are the same person, and by what.
    pub fn matches(&self, other: &Identity<'_>) -> Option<MatchedBy> {
        if let (Some(a), Some(b)) = (self.card_number, other.card_number) {
            return (card_key(a) == card_key(b)).then_some(MatchedBy::CardNumber);
        }
        if let (Some(a), Some(b)) = (self.citizen_id, other.citizen_id) {
            return (a == b).then_some(MatchedBy::CitizenId);
        }
        let numbered = |i: &Identity<'_>| i.card_number.is_some() || i.citizen_id.is_some();
        if numbered(self) && numbered(other) {
            // One has only a card, the other only a citizen number: nothing says they are one.
            return None;
        }
        (self.born_on.is_some()
            && self.born_on == other.born_on
            && folded_name(self.full_name) == folded_name(other.full_name))
        .then_some(MatchedBy::NameAndBirth)
    }
}

/// What two roster entries share that makes them one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    CardNumber,
    CitizenId,
    NameAndBirth,
}

impl MatchedBy {
    /// In words, for messages: "the same party card number".
    pub fn describe(self) -> &'static str {
        match self {
            MatchedBy::CardNumber => "the same party card number",
            MatchedBy::CitizenId => "the same citizen identity number",
            MatchedBy::NameAndBirth => "the same name and birth date",
        }
    }
}

/// Who is on a roster, found by number or by name and birth date without comparing each pair:
/// a district's 5,000 members against a 5,000-row file.
#[derive(Debug, Default)]
pub struct RosterIndex<T> {
    entries: Vec<(T, OwnedIdentity)>,
    by_key: std::collections::HashMap<String, Vec<usize>>,
}

/// An [`Identity`] that owns its texts.
#[derive(Debug, Clone)]
struct OwnedIdentity {
    full_name: String,
    born_on: Option<NaiveDate>,
    card_number: Option<String>,
    citizen_id: Option<String>,
}

impl OwnedIdentity {
    fn borrowed(&self) -> Identity<'_> {
        Identity {
            full_name: &self.full_name,
            born_on: self.born_on,
            card_number: self.card_number.as_deref(),
            citizen_id: self.citizen_id.as_deref(),
        }
    }
}

/// The keys a person may be found by: their card, their citizen number, their name and birth.
fn keys(who: &Identity<'_>) -> Vec<String> {
    let mut keys = Vec::with_capacity(3);
    if let Some(card) = who.card_number {
        keys.push(format!("card:{}", card_key(card)));
    }
    if let Some(id) = who.citizen_id {
        keys.push(format!("id:{id}"));
    }
    if let Some(born) = who.born_on {
        keys.push(format!("name:{}:{born}", folded_name(who.full_name)));
    }
    keys
}

impl<T> RosterIndex<T> {
    pub fn new() -> RosterIndex<T> {
        RosterIndex {
            entries: Vec::new(),
            by_key: std::collections::HashMap::new(),
        }
    }

    pub fn insert(&mut self, value: T, who: &Identity<'_>) {
        let at = self.entries.len();
        for k in keys(who) {
            self.by_key.entry(k).or_default().push(at);
        }
        self.entries.push((
            value,
            OwnedIdentity {
                full_name: who.full_name.to_owned(),
                born_on: who.born_on,
                card_number: who.card_number.map(str::to_owned),
                citizen_id: who.citizen_id.map(str::to_owned),
            },
        ));
    }

    /// The first entry that is the same person as `who` ([`Identity::matches`]), and by what.
    pub fn find(&self, who: &Identity<'_>) -> Option<(&T, MatchedBy)> {
        let mut candidates: Vec<usize> = keys(who)
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.into_iter().find_map(|i| {
            let (value, them) = &self.entries[i];
            who.matches(&them.borrowed()).map(|by| (value, by))
        })
    }
}

/// A name as compared: folded, its words separated by one space.
pub fn folded_name(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A card number as compared: its digits (`36.012345` and `36012345` are one card).
fn card_key(card: &str) -> String {
    card.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who<'a>(
        name: &'a str,
        born: Option<&str>,
        card: Option<&'a str>,
        id: Option<&'a str>,
    ) -> Identity<'a> {
        Identity {
            full_name: name,
            born_on: born.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
            card_number: card,
            citizen_id: id,
        }
    }

    #[test]
    fn numbers_decide_before_names() {
        let a = who("Nguyễn Văn An", Some("1980-01-02"), Some("36.012345"), None);
        let same_card = who("Nguyen Van Anh", None, Some("36012345"), None);
        assert_eq!(a.matches(&same_card), Some(MatchedBy::CardNumber));
        let other_card = who("Nguyễn Văn An", Some("1980-01-02"), Some("36.099999"), None);
        assert_eq!(a.matches(&other_card), None, "two cards are two people");
        let x = who("Lê Thị Hoa", None, None, Some("001180000001"));
        let y = who("Le Thi Hoa", None, None, Some("001180000001"));
        assert_eq!(x.matches(&y), Some(MatchedBy::CitizenId));
        let only_card = who("Lê Thị Hoa", Some("1970-05-05"), Some("1"), None);
        let only_id = who("Lê Thị Hoa", Some("1970-05-05"), None, Some("001180000001"));
        assert_eq!(only_card.matches(&only_id), None);
    }

    #[test]
    fn the_index_finds_whom_matches_finds() {
        let mut index = RosterIndex::new();
        index.insert(
            1,
            &who("Nguyễn Văn An", Some("1980-01-02"), Some("36.012345"), None),
        );
        index.insert(
            2,
            &who("Lê Thị Hoa", Some("1970-05-05"), None, Some("001180000001")),
        );
        let find = |w: Identity<'_>| index.find(&w).map(|(v, by)| (*v, by));
        assert_eq!(
            find(who("X", None, Some("36012345"), None)),
            Some((1, MatchedBy::CardNumber))
        );
        assert_eq!(
            find(who("LE THI HOA", Some("1970-05-05"), None, None)),
            Some((2, MatchedBy::NameAndBirth))
        );
        assert_eq!(
            find(who("Nguyễn Văn An", Some("1980-01-02"), Some("1"), None)),
            None
        );
    }

    #[test]
    fn without_numbers_the_folded_name_and_birth_date_decide() {
        let a = who(
            "Nguyễn Văn  An",
            Some("1980-01-02"),
            Some("36.012345"),
            None,
        );
        let b = who("NGUYEN VAN AN", Some("1980-01-02"), None, None);
        assert_eq!(a.matches(&b), Some(MatchedBy::NameAndBirth));
        let other_day = who("Nguyen Van An", Some("1980-01-03"), None, None);
        assert_eq!(a.matches(&other_day), None);
        let no_birth = who("Nguyen Van An", None, None, None);
        assert_eq!(
            no_birth.matches(&no_birth),
            None,
            "a name alone names nobody"
        );
    }
}
