//! The rules table: who may read and write each kind of record, declared once, named beside the
//! kind's fields in the entity table (`entity.rs`). The server decides every push and pull from
//! it, the permission-matrix test is generated from it, and the app reads it to hide what a role
//! cannot do. The administrator may do everything and is not listed.
//!
//! In words:
//! - everybody reads their own unit and the units below it; the org units, directives,
//!   documents and notices of the committees above too; nothing of a sibling cell;
//! - a *member* writes their own draft comments, that they opened a document or read a notice,
//!   their own absence notice (absent with reason, or expected after all, until the roll call
//!   records them), progress on and completion of the tasks assigned to them, their own phone
//!   number, and marks the unit's conflicts as looked at;
//! - the *cell committee* runs its cell: meetings and series, agendas, attendance, speeches,
//!   minutes, resolutions and tallies, tasks and assignments, documents and notices, and the
//!   roster — but no role at or above deputy secretary, and not the record of who holds one;
//! - a *superior committee* member runs their committee's own unit the same way (its directives,
//!   documents and notices, its meetings), and may comment on the drafts of the units below, but changes
//!   nothing else of theirs: not a cell's minutes, roll call or tally;
//! - a superior committee sets the targets its cells are measured against (inherited below);
//! - a unit's committee rates its members each year and plans its admissions;
//! - a unit's committee, or a committee above it, says from which day the unit keeps its record
//!   in Sotay;
//! - the organisation tree, moving a member to another unit (with the transfer that keeps its
//!   history), the offices at or above deputy secretary, and a member's party card and citizen
//!   identity numbers are the administrator's.
//!
//! Each kind also says which of its changes the server's audit log keeps: the minutes, tallies,
//! attendance, the roster and its offices, transfers and the tree, ratings and admission plans.

use super::rules::{Allow, Audit, Condition, Fields, Group, KindRules, Ops, Owner, Place, Role};
use Place::{Above, Below, Own};
use Role::{CellCommittee as Cell, Member as Mem, SuperiorCommittee as Sup};

/// Cell records are read in the own unit and the units below it.
const UNIT_AND_BELOW: &[Place] = &[Own, Below];
/// The org units, directives and documents of the committees above are read too.
const WITH_ABOVE: &[Place] = &[Own, Above, Below];
const OWN: &[Place] = &[Own];

/// A unit's committee (a cell's, or a superior committee's own) runs the unit's records.
const COMMITTEE_RUNS_IT: Allow = Allow {
    roles: &[Cell, Sup],
    ops: Ops::ALL,
    fields: Fields::All,
    at: OWN,
    mine_only: false,
    when: &[],
};

const COMMITTEE_ONLY: &[Allow] = &[COMMITTEE_RUNS_IT];

/// The offices a committee may give and take: the others are the administrator's.
const BELOW_DEPUTY: &[&str] = &["member", "committee_member"];

pub const ORG_UNIT: KindRules = KindRules {
    read_at: WITH_ABOVE,
    owner: Owner::Nobody,
    groups: &[Group {
        name: "since",
        fields: &["in_sotay_since"],
    }],
    // The day a unit started keeping its record in Sotay: its own committee's to say, or a
    // superior committee's for the units below it (a commune starting with all its cells).
    write: &[
        Allow {
            roles: &[Cell],
            ops: Ops::UPDATE,
            fields: Fields::Groups(&["since"]),
            at: OWN,
            mine_only: false,
            when: &[],
        },
        Allow {
            roles: &[Sup],
            ops: Ops::UPDATE,
            fields: Fields::Groups(&["since"]),
            at: UNIT_AND_BELOW,
            mine_only: false,
            when: &[],
        },
    ],
    audit: Audit::Every,
};

pub const MEMBER: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Itself,
    groups: &[
        Group {
            name: "profile",
            fields: &["full_name", "gender", "born_on"],
        },
        Group {
            name: "contact",
            fields: &["phone"],
        },
        Group {
            name: "standing",
            fields: &[
                "standing",
                "admitted_on",
                "official_on",
                "exempt",
                "exempt_reason",
                "temporarily_attached",
                "home_unit",
            ],
        },
        Group {
            name: "office",
            fields: &["role"],
        },
        Group {
            name: "placement",
            fields: &["unit_id"],
        },
        // The numbers a roster import and a sign-in name the member by: the administrator's.
        Group {
            name: "identity",
            fields: &["card_number", "citizen_id"],
        },
    ],
    write: &[
        // The roster: anyone's details.
        Allow {
            roles: &[Cell, Sup],
            ops: Ops::UPDATE,
            fields: Fields::Groups(&["profile", "contact", "standing"]),
            at: OWN,
            mine_only: false,
            when: &[],
        },
        // Adding, removing and giving offices: not at or above deputy secretary.
        Allow {
            roles: &[Cell, Sup],
            ops: Ops::ALL,
            fields: Fields::Groups(&["profile", "contact", "standing", "office"]),
            at: OWN,
            mine_only: false,
            when: &[
                Condition::Sets("role", BELOW_DEPUTY),
                Condition::Was("role", BELOW_DEPUTY),
            ],
        },
        Allow {
            roles: &[Mem, Cell, Sup],
            ops: Ops::UPDATE,
            fields: Fields::Groups(&["contact"]),
            at: OWN,
            mine_only: true,
            when: &[],
        },
    ],
    audit: Audit::Every,
};

pub const MEETING_SERIES: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[],
    write: COMMITTEE_ONLY,
    audit: Audit::Nothing,
};

pub const MEETING: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[
        Group {
            name: "schedule",
            fields: &[
                "unit_id",
                "series_id",
                "kind",
                "starts_at",
                "duration_minutes",
                "place",
                "topic",
                "status",
                "published_at",
                "occurrence_at",
            ],
        },
        Group {
            name: "record",
            fields: &[
                "chair_id",
                "minute_taker_id",
                "guests",
                "minutes",
                "conclusion",
                "rating",
                "minutes_adopted_at",
                "started_at",
                "ended_at",
                "entered_at",
                "present_count",
                "absent_with_reason_count",
                "absent_without_reason_count",
            ],
        },
    ],
    // Once the minutes are adopted they are the minutes book's: the meeting is locked (only the
    // administrator corrects it).
    write: &[Allow {
        when: &[Condition::Unset("minutes_adopted_at")],
        ..COMMITTEE_RUNS_IT
    }],
    audit: Audit::Groups(&["record"]),
};

pub const AGENDA_ITEM: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[],
    write: COMMITTEE_ONLY,
    audit: Audit::Nothing,
};

pub const DOCUMENT: KindRules = KindRules {
    read_at: WITH_ABOVE,
    owner: Owner::Nobody,
    groups: &[],
    write: COMMITTEE_ONLY,
    audit: Audit::Nothing,
};

pub const ATTACHMENT: KindRules = DOCUMENT;

/// A superior committee sets its unit's targets, which the units below read and inherit.
pub const UNIT_TARGETS: KindRules = KindRules {
    read_at: WITH_ABOVE,
    owner: Owner::Nobody,
    groups: &[],
    write: &[Allow {
        roles: &[Sup],
        ops: Ops::ALL,
        fields: Fields::All,
        at: OWN,
        mine_only: false,
        when: &[],
    }],
    audit: Audit::Every,
};

/// A unit's committee records each member's yearly rating; the cell and the committees above read
/// them (the member reads their own with the rest of the cell's, as the cell meeting hears them).
pub const MEMBER_RATING: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Field("member_id"),
    groups: &[],
    write: COMMITTEE_ONLY,
    audit: Audit::Every,
};

/// A committee plans its own year's admissions; the committees above read the plans below.
pub const ADMISSION_PLAN: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[],
    write: COMMITTEE_ONLY,
    audit: Audit::Every,
};

/// A meeting's seal is the server's to write when its minutes are adopted (`sotay_core::seal`):
/// no device writes one, the unit and the committees above read it.
pub const MEETING_SEAL: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[],
    write: &[],
    audit: Audit::Nothing,
};

/// Each member says, once, that they opened a document; their cell and the committees above read it.
pub const DOCUMENT_OPENED: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Field("member_id"),
    groups: &[],
    write: &[Allow {
        roles: &[Mem, Cell, Sup],
        ops: Ops::INSERT,
        fields: Fields::All,
        at: OWN,
        mine_only: true,
        when: &[],
    }],
    audit: Audit::Nothing,
};

pub const RESOLUTION: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[
        Group {
            name: "draft",
            fields: &["unit_id", "meeting_id", "title", "draft"],
        },
        Group {
            name: "outcome",
            fields: &[
                "status",
                "adopted_on",
                "votes_for",
                "votes_against",
                "votes_abstain",
            ],
        },
    ],
    write: COMMITTEE_ONLY,
    audit: Audit::Groups(&["outcome"]),
};

const DRAFT_COMMENT: &[&str] = &["draft_comment"];

pub const CONTRIBUTION: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Field("member_id"),
    groups: &[Group {
        name: "text",
        fields: &["body"],
    }],
    write: &[
        COMMITTEE_RUNS_IT,
        // A member's own comments on a draft (a speech is what the committee records).
        Allow {
            roles: &[Mem, Sup],
            ops: Ops::ALL,
            fields: Fields::Groups(&["text"]),
            at: UNIT_AND_BELOW,
            mine_only: true,
            when: &[
                Condition::Sets("kind", DRAFT_COMMENT),
                Condition::Was("kind", DRAFT_COMMENT),
            ],
        },
    ],
    audit: Audit::Nothing,
};

/// What a member says of their own attendance before the roll call: an absence reason, or
/// "expected after all". Once the roll call says present, absent or excused, it is the record.
const ABSENCE_NOTICE: &[&str] = &["absent_with_reason", "expected"];

pub const ATTENDANCE: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Field("member_id"),
    groups: &[Group {
        name: "notice",
        fields: &["status", "reason"],
    }],
    write: &[
        COMMITTEE_RUNS_IT,
        Allow {
            roles: &[Mem],
            ops: Ops::INSERT_UPDATE,
            fields: Fields::Groups(&["notice"]),
            at: OWN,
            mine_only: true,
            when: &[
                Condition::Sets("status", ABSENCE_NOTICE),
                Condition::Was("status", ABSENCE_NOTICE),
            ],
        },
    ],
    audit: Audit::Every,
};

pub const TASK: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Assignee {
        task: "id",
        member: None,
    },
    groups: &[Group {
        name: "completion",
        fields: &["status", "completed_on"],
    }],
    write: &[
        COMMITTEE_RUNS_IT,
        Allow {
            roles: &[Mem],
            ops: Ops::UPDATE,
            fields: Fields::Groups(&["completion"]),
            at: OWN,
            mine_only: true,
            when: &[Condition::Sets("status", &["in_progress", "done"])],
        },
    ],
    audit: Audit::Nothing,
};

pub const TASK_ASSIGNEE: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[],
    write: COMMITTEE_ONLY,
    audit: Audit::Nothing,
};

pub const TASK_PROGRESS: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Assignee {
        task: "task_id",
        member: Some("member_id"),
    },
    groups: &[],
    write: &[
        COMMITTEE_RUNS_IT,
        Allow {
            roles: &[Mem],
            ops: Ops::INSERT,
            fields: Fields::All,
            at: OWN,
            mine_only: true,
            when: &[],
        },
    ],
    audit: Audit::Nothing,
};

pub const CONFLICT: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Nobody,
    groups: &[Group {
        name: "review",
        fields: &["status"],
    }],
    // The server writes conflict records; people mark them as looked at.
    write: &[Allow {
        roles: &[Mem, Cell, Sup],
        ops: Ops::UPDATE,
        fields: Fields::Groups(&["review"]),
        at: OWN,
        mine_only: false,
        when: &[],
    }],
    audit: Audit::Nothing,
};

pub const TRANSFER: KindRules = KindRules {
    read_at: UNIT_AND_BELOW,
    owner: Owner::Field("member_id"),
    groups: &[],
    // The administrator's, like the member's `unit_id` it goes with; never changed afterwards.
    write: &[],
    audit: Audit::Every,
};

/// A committee's notices: its unit and every unit below read them, as they read its documents
/// (and the units above, which follow what their cells are told); the committee posts, corrects
/// and withdraws them.
pub const NOTICE: KindRules = KindRules {
    read_at: WITH_ABOVE,
    owner: Owner::Nobody,
    groups: &[],
    write: COMMITTEE_ONLY,
    audit: Audit::Every,
};

/// Each member says, once, that they read a notice; their cell and the committees above read it.
pub const NOTICE_READ: KindRules = DOCUMENT_OPENED;
