import { type QuietHours, quietWindowAt } from "./reminder-plan.ts";

/** What to do with a reminder at the moment it is about to be sent. */
export type SendCheck =
  | { action: "send" }
  | { action: "defer"; until: Date }
  | { action: "drop"; reason: "meeting-started" | "quiet-hours" };

/**
 * A reminder is re-checked against the clock just before it goes out (issue 18): once the meeting
 * has started it is dropped (never sent late as if on time); inside quiet hours it waits until they
 * end, but only if that is still before the meeting, otherwise it is dropped.
 */
export function checkSendTime(
  now: Date,
  meetingStart: Date,
  quietHours: QuietHours,
  tz = "Asia/Ho_Chi_Minh",
): SendCheck {
  if (now.getTime() >= meetingStart.getTime()) return { action: "drop", reason: "meeting-started" };
  const window = quietWindowAt(now, quietHours, tz);
  if (!window) return { action: "send" };
  if (window.end.getTime() < meetingStart.getTime()) return { action: "defer", until: window.end };
  return { action: "drop", reason: "quiet-hours" };
}
