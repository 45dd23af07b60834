"""Reads an iCalendar file as a phone's calendar would, with independent parsers (Python's
`icalendar` and `recurring_ical_events`), and prints the events between two dates as JSON lines:
start in Vietnam's time, status, summary. Used by tests/cli/calendar.rs.

    occurrences.py FILE 2026-12-01 2027-06-01
"""

import json
import sys
from datetime import date
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

path, start, end = sys.argv[1], date.fromisoformat(sys.argv[2]), date.fromisoformat(sys.argv[3])
with open(path, "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
events = recurring_ical_events.of(calendar).between(start, end)
for event in sorted(events, key=lambda e: e["DTSTART"].dt):
    begins = event["DTSTART"].dt.astimezone(VIETNAM)
    print(json.dumps({
        "start": begins.strftime("%Y-%m-%d %H:%M"),
        "status": str(event.get("STATUS", "")),
        "summary": str(event.get("SUMMARY", "")),
        "uid": str(event.get("UID", "")),
    }, ensure_ascii=False))
