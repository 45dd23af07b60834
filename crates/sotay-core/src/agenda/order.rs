//! Where an agenda item goes: a new one before the closing steps (rating the meeting, adopting the
//! minutes, closing it — a point added to the agenda is discussed before the meeting ends), or at
//! the place asked; a moved one between its new neighbours. Items keep sort keys spaced by 1,000
//! so a move writes one record; when two neighbours leave no room the whole agenda is spaced out
//! again.

use uuid::Uuid;

/// The prescribed steps that end a meeting: new items go before the first of them.
pub const CLOSING_STEPS: &[&str] = &["rate_meeting", "adopt_minutes", "closing"];

/// The gap between sort keys when an agenda is spaced out.
pub const SPACING: i64 = 1_000;

/// One item as ordering sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub id: Uuid,
    pub position: i64,
    /// The prescribed step it stands for, if any.
    pub step: Option<String>,
}

/// Where an item is to go, counted over the agenda without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Before the closing steps (at the end if there are none): a new item's place by default.
    BeforeClosing,
    /// Right before this item.
    Before(Uuid),
    /// At this place, 1 being the first (past the end: last).
    At(usize),
}

/// Why an item cannot go where asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("that agenda item is not on this meeting's agenda")]
    NotOnAgenda,
    #[error("an agenda item cannot be put before itself")]
    BeforeItself,
    #[error("agenda places count from 1")]
    NoPlaceZero,
}

/// The sort keys to write so that `moving` (a new item when it is not in `agenda`) stands at
/// `place`: `(id, position)` pairs, the moving item's among them; usually just that one.
pub fn place(agenda: &[Slot], moving: Uuid, place: Place) -> Result<Vec<(Uuid, i64)>, OrderError> {
    let mut order: Vec<&Slot> = agenda.iter().filter(|s| s.id != moving).collect();
    order.sort_by_key(|s| (s.position, s.id));
    let index = match place {
        Place::BeforeClosing => order
            .iter()
            .position(|s| {
                s.step
                    .as_deref()
                    .is_some_and(|c| CLOSING_STEPS.contains(&c))
            })
            .unwrap_or(order.len()),
        Place::Before(id) if id == moving => return Err(OrderError::BeforeItself),
        Place::Before(id) => order
            .iter()
            .position(|s| s.id == id)
            .ok_or(OrderError::NotOnAgenda)?,
        Place::At(0) => return Err(OrderError::NoPlaceZero),
        Place::At(n) => (n - 1).min(order.len()),
    };
    let before = index.checked_sub(1).map(|i| order[i].position);
    let after = order.get(index).map(|s| s.position);
    let fits = match (before, after) {
        (None, None) => Some(SPACING),
        (None, Some(a)) => (a > 0).then_some(a / 2),
        (Some(b), None) => b.checked_add(SPACING),
        (Some(b), Some(a)) => (a - b >= 2).then_some(b + (a - b) / 2),
    };
    if let Some(position) = fits {
        return Ok(vec![(moving, position)]);
    }
    // No room between the neighbours: space the whole agenda out again, the item in its place.
    let mut ids: Vec<Uuid> = order.iter().map(|s| s.id).collect();
    ids.insert(index, moving);
    let was = |id: Uuid| agenda.iter().find(|s| s.id == id).map(|s| s.position);
    Ok(ids
        .into_iter()
        .zip(1_i64..)
        .map(|(id, n)| (id, n * SPACING))
        .filter(|(id, position)| *id == moving || was(*id) != Some(*position))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda(steps: &[Option<&str>]) -> Vec<Slot> {
        steps
            .iter()
            .zip(1_i64..)
            .map(|(step, n)| Slot {
                id: Uuid::from_u128(n as u128),
                position: n * SPACING,
                step: step.map(str::to_owned),
            })
            .collect()
    }

    fn order_after(agenda: &[Slot], writes: &[(Uuid, i64)]) -> Vec<u128> {
        let mut all: Vec<(Uuid, i64)> = agenda.iter().map(|s| (s.id, s.position)).collect();
        for (id, position) in writes {
            match all.iter_mut().find(|(i, _)| i == id) {
                Some(slot) => slot.1 = *position,
                None => all.push((*id, *position)),
            }
        }
        all.sort_by_key(|(id, p)| (*p, *id));
        all.into_iter().map(|(id, _)| id.as_u128()).collect()
    }

    #[test]
    fn a_new_item_goes_before_the_closing_steps() {
        let a = agenda(&[
            Some("opening"),
            Some("discussion"),
            Some("rate_meeting"),
            Some("adopt_minutes"),
            Some("closing"),
        ]);
        let new = Uuid::from_u128(99);
        let writes = place(&a, new, Place::BeforeClosing).unwrap();
        assert_eq!(writes, [(new, 2_500)]);
        assert_eq!(order_after(&a, &writes), [1, 2, 99, 3, 4, 5]);
        // No closing step: at the end.
        let a = agenda(&[Some("opening"), None]);
        assert_eq!(
            place(&a, new, Place::BeforeClosing).unwrap(),
            [(new, 3_000)]
        );
        assert_eq!(
            place(&[], new, Place::BeforeClosing).unwrap(),
            [(new, 1_000)]
        );
    }

    #[test]
    fn an_item_moves_before_another_or_to_a_place() {
        let a = agenda(&[None, None, None, None]);
        let fourth = Uuid::from_u128(4);
        let writes = place(&a, fourth, Place::Before(Uuid::from_u128(2))).unwrap();
        assert_eq!(order_after(&a, &writes), [1, 4, 2, 3]);
        assert_eq!(writes.len(), 1, "one record written");
        let writes = place(&a, Uuid::from_u128(1), Place::At(4)).unwrap();
        assert_eq!(order_after(&a, &writes), [2, 3, 4, 1]);
        let writes = place(&a, Uuid::from_u128(3), Place::At(1)).unwrap();
        assert_eq!(order_after(&a, &writes), [3, 1, 2, 4]);
        let writes = place(&a, Uuid::from_u128(3), Place::At(40)).unwrap();
        assert_eq!(order_after(&a, &writes), [1, 2, 4, 3]);
        assert_eq!(
            place(&a, fourth, Place::Before(fourth)),
            Err(OrderError::BeforeItself)
        );
        assert_eq!(
            place(&a, fourth, Place::Before(Uuid::from_u128(77))),
            Err(OrderError::NotOnAgenda)
        );
        assert_eq!(
            place(&a, fourth, Place::At(0)),
            Err(OrderError::NoPlaceZero)
        );
    }

    #[test]
    fn no_room_between_neighbours_spaces_the_agenda_out() {
        let mut a = agenda(&[None, None, None]);
        a[1].position = 1_001;
        let new = Uuid::from_u128(9);
        let writes = place(&a, new, Place::Before(Uuid::from_u128(2))).unwrap();
        assert_eq!(order_after(&a, &writes), [1, 9, 2, 3]);
        assert!(writes.iter().all(|(_, p)| p % SPACING == 0));
        // Moving the first item to the front again: position 1,000 halves to 500, one write.
        let writes = place(&a, Uuid::from_u128(3), Place::At(1)).unwrap();
        assert_eq!(writes, [(Uuid::from_u128(3), 500)]);
    }
}
