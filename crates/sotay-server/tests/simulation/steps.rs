//! What can happen in a simulated world, one step at a time, and how proptest draws it.

use proptest::prelude::*;

pub const WORDS: &[&str] = &[
    "đoàn kết",
    "nông thôn mới",
    "môi trường",
    "đảng phí",
    "an ninh",
    "hiến đất",
];

#[derive(Debug, Clone)]
pub enum Fault {
    None,
    LoseRequest,
    LoseResponse,
    Twice,
}

#[derive(Debug, Clone)]
pub enum Step {
    SetTopic {
        c: usize,
        word: usize,
    },
    EditDraft {
        c: usize,
        line: usize,
        word: usize,
    },
    /// At the first meeting, whose roll call rows exist from the start.
    Attend {
        c: usize,
        member: usize,
        present: bool,
    },
    /// At the second meeting, which has no rows until someone writes one: a member's own notice
    /// (absent with a reason, or expected after all), or the committee's roll call of a member.
    Notice {
        c: usize,
        absent: bool,
        word: usize,
    },
    /// The device's member opens the cell's document (noted once per device, as the app does).
    Open {
        c: usize,
    },
    Contribute {
        c: usize,
        word: usize,
    },
    DeleteContribution {
        c: usize,
        pick: usize,
    },
    Push {
        c: usize,
        fault: Fault,
    },
    Pull {
        c: usize,
        page: u32,
        lose: bool,
    },
    Replay {
        c: usize,
        pick: usize,
    },
    Tick {
        ms: u64,
    },
}

fn step(clients: usize) -> impl Strategy<Value = Step> {
    let c = 0..clients;
    let fault = prop_oneof![
        4 => Just(Fault::None),
        1 => Just(Fault::LoseRequest),
        1 => Just(Fault::LoseResponse),
        1 => Just(Fault::Twice),
    ];
    prop_oneof![
        3 => (c.clone(), 0..WORDS.len()).prop_map(|(c, word)| Step::SetTopic { c, word }),
        3 => (c.clone(), 0..3usize, 0..WORDS.len()).prop_map(|(c, line, word)| Step::EditDraft { c, line, word }),
        2 => (c.clone(), 0..3usize, any::<bool>()).prop_map(|(c, member, present)| Step::Attend { c, member, present }),
        2 => (c.clone(), any::<bool>(), 0..WORDS.len()).prop_map(|(c, absent, word)| Step::Notice { c, absent, word }),
        1 => c.clone().prop_map(|c| Step::Open { c }),
        2 => (c.clone(), 0..WORDS.len()).prop_map(|(c, word)| Step::Contribute { c, word }),
        1 => (c.clone(), 0..4usize).prop_map(|(c, pick)| Step::DeleteContribution { c, pick }),
        4 => (c.clone(), fault).prop_map(|(c, fault)| Step::Push { c, fault }),
        4 => (c.clone(), 1..6u32, proptest::bool::weighted(0.15)).prop_map(|(c, page, lose)| Step::Pull { c, page, lose }),
        1 => (c.clone(), 0..4usize).prop_map(|(c, pick)| Step::Replay { c, pick }),
        1 => (1..120_000u64).prop_map(|ms| Step::Tick { ms }),
    ]
}

/// 4 to 10 clients (so some member always has two devices) and up to 60 steps.
pub fn scenario() -> impl Strategy<Value = (usize, Vec<Step>)> {
    (4..=10usize).prop_flat_map(|n| (Just(n), proptest::collection::vec(step(n), 1..60)))
}
