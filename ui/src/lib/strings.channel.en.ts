// The strings of the two-way channel, in English (the Vietnamese, and what they are for:
// strings.channel.vi.ts).

import type { channelVi } from "./strings.channel.vi";

export const channelEn: Record<keyof typeof channelVi, string> = {
  "nav.notices": "Notices",
  "notices.title": "Notices",
  "notices.empty": "No notices yet.",
  "notices.unread": "{n} unread",
  "notices.urgent": "Urgent",
  "notices.new": "New",
  "notices.from": "{unit} · {when}",
  "notices.by": "Posted by {name}",
  "notices.replyBy": "Please answer by {date}",
  "notices.aboutMeeting": "About the meeting: {topic}",
  "notices.post": "Post a notice",
  "notices.postHint":
    "The notice reaches every member of the unit and of the cells below at their next sync. Urgent notices are told at once; the others with the day's reminders.",
  "notices.edit": "Correct the notice",
  "notices.withdraw": "Withdraw",
  "notices.withdrawConfirm": "Withdraw the notice “{title}”? It leaves everyone's device at their next sync.",
  "notices.field.title": "Title",
  "notices.field.body": "Text",
  "notices.field.urgent": "Urgent — tell everyone at once",
  "notices.field.replyBy": "Answer by (optional)",
  "notices.field.meeting": "About a meeting (optional)",
  "notices.noMeeting": "— None —",
  "notices.submit": "Post",
  "notices.save": "Save",
  "notices.reads": "Read: {read}/{members}",
  "notices.readsTitle": "Who has read it",
  "notices.readAt": "read {at}",
  "notices.notYet": "not yet",
  "home.notices": "Unread notices",
  "home.allNotices": "All notices",
};
