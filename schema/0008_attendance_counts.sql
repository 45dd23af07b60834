-- Schema 8: the roll call counted from an index alone.
--
-- The superior committee's figures count, meeting by meeting, who was present and who was called
-- (`sotay_core::report`). Attendance rows live in a WITHOUT ROWID table keyed by their id, so
-- counting by meeting through the (meeting_id, member_id) key index looked every row up again
-- for its status: a district's year took ~145 ms of 2,600 meetings' lookups. With status and the
-- tombstone flag in the index the count never leaves it (~24 ms).

CREATE INDEX attendance_meeting_status ON attendance (meeting_id, status, deleted);
