import { formatInTimeZone, fromZonedTime } from "date-fns-tz";

/**
 * One reminder of a meeting, `offsetSeconds` before its start. `kind` ([a-z0-9]+) goes into
 * idempotency keys and job ids, so it must never change for a given offset.
 */
export interface ReminderOffset {
  readonly kind: string;
  /** Seconds, not minutes, so tests and the sandbox can use "90s". */
  readonly offsetSeconds: number;
}

/** Quiet hours as local "HH:mm" times; start after end wraps midnight. */
export type QuietHours = { readonly start: string; readonly end: string } | "off";

export const DEFAULT_QUIET_HOURS: QuietHours = Object.freeze({ start: "21:30", end: "06:30" });

/** A reminder moved out of quiet hours is sent this long before they begin (21:30 → 21:29). */
export const QUIET_HOURS_MARGIN_MINUTES = 1;

export interface PlannedReminder {
  readonly kind: string;
  /** When to send; never before `now` nor after the meeting start. */
  readonly dueAt: Date;
  /** A catch-up for a reminder whose time had passed when the plan was made. */
  readonly late: boolean;
  /** The first reminder of the meeting: it also goes to the committee members in charge. */
  readonly first: boolean;
  /** The configured last reminder: the only one muted members get. */
  readonly last: boolean;
}

export interface ReminderPlanOptions {
  /** Time zone of the quiet hours. */
  readonly tz?: string;
  /** The planning instant; without it every reminder is planned as if none had passed yet. */
  readonly now?: Date;
  /** Kinds already delivered for this meeting (from the delivery ledger): left out of the plan. */
  readonly sentKinds?: readonly string[];
}

export interface MemberForReminder {
  readonly memberId: string;
  /** False for members exempt or on special duty on the meeting date (R6). */
  readonly eligible: boolean;
  readonly answer: "attending" | "absent" | null;
  readonly muted: boolean;
}

export interface CommitteeMemberForReminder {
  readonly committeeMemberId: string;
}

export interface ReminderRecipients {
  readonly memberIds: string[];
  readonly committeeMemberIds: string[];
}

const DEFAULT_TZ = "Asia/Ho_Chi_Minh";
const KIND = /^[a-z0-9]+$/;
const OFFSET_TOKEN = /^(\d+)([dhms])$/;
const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Parses a config list like "3d,1d,2h" (units d, h, m, s) into offsets sorted from the
 * earliest reminder to the last. The kind is unit + number ("3d" → "d3", "90s" → "s90"), so
 * "1d" and "24h" are two kinds even though they share a time.
 */
export function parseOffsets(spec: string): ReminderOffset[] {
  const offsets = spec.split(",").map((raw) => {
    const token = raw.trim().toLowerCase();
    const match = OFFSET_TOKEN.exec(token);
    if (!match) throw new RangeError(`reminder offset "${raw.trim()}" is not like 3d, 2h, 5m, 90s`);
    const amount = Number(match[1]);
    const unit = match[2] as keyof typeof UNIT_SECONDS;
    return { kind: `${unit}${amount}`, offsetSeconds: amount * UNIT_SECONDS[unit] };
  });
  return sortOffsets(validateOffsets(offsets));
}

export const DEFAULT_REMINDER_OFFSETS: readonly ReminderOffset[] = Object.freeze(
  parseOffsets("3d,1d,2h"),
);

/** Parses "21:30-06:30" (wrapping midnight), "12:00-13:30" or "off". */
export function parseQuietHours(spec: string): QuietHours {
  const text = spec.trim().toLowerCase();
  if (text === "off") return "off";
  const [start = "", end = "", ...rest] = text.split("-").map((part) => part.trim());
  if (rest.length > 0) throw new RangeError(`quiet hours "${spec}" are not like 21:30-06:30`);
  return validateQuietHours({ start, end });
}

/**
 * When each reminder of a meeting is sent, in sending order.
 *
 * - dueAt = start − offset (exact durations: Vietnam has no daylight saving time).
 * - Inside quiet hours it moves to just before they begin that night, which is the previous
 *   evening when it falls after midnight (06:00 → 21:29 the day before); it only ever moves
 *   earlier, so never past the meeting start. Kinds landing on the same instant are all kept.
 * - With `now`: nothing once the meeting has started. Reminders still ahead are kept. Of the
 *   missed ones only the most recent can be sent late, and only while that is nearer its own
 *   time than the next reminder's (a meeting set 23 h ahead still gets its 1-day reminder at
 *   once; one set 36 h ahead skips the 3-day one and waits for the 1-day one). When every
 *   reminder has passed, the last one is sent now. A late reminder due in quiet hours waits
 *   until they end, unless that is too late, then the last one goes out at once.
 */
export function reminderTimes(
  meetingStart: Date,
  offsets: readonly ReminderOffset[],
  quietHours: QuietHours,
  options: ReminderPlanOptions = {},
): PlannedReminder[] {
  const tz = options.tz ?? DEFAULT_TZ;
  const quiet = quietHours === "off" ? "off" : validateQuietHours(quietHours);
  const sent = new Set(options.sentKinds ?? []);
  const slots = sortOffsets(validateOffsets(offsets)).map(({ kind, offsetSeconds }) => ({
    kind,
    dueAt: outOfQuietHours(new Date(meetingStart.getTime() - offsetSeconds * 1000), quiet, tz),
    late: false,
  }));
  const lastKind = slots.at(-1)?.kind;
  const finish = (planned: { kind: string; dueAt: Date; late: boolean }[]): PlannedReminder[] =>
    planned.map((item, i) => ({
      ...item,
      first: sent.size === 0 && i === 0,
      last: item.kind === lastKind,
    }));

  const now = options.now;
  if (!now) return finish(slots.filter((slot) => !sent.has(slot.kind)));
  if (now.getTime() >= meetingStart.getTime()) return [];

  // Quiet-hours moves are monotonic, so the slots stay in time order and missed ones come first.
  const firstAhead = slots.findIndex((slot) => slot.dueAt.getTime() >= now.getTime());
  const ahead = firstAhead === -1 ? [] : slots.slice(firstAhead);
  const missed = firstAhead === -1 ? slots : slots.slice(0, firstAhead);
  const planned = ahead.filter((slot) => !sent.has(slot.kind));

  const latest = missed.at(-1);
  const next = ahead[0];
  if (latest && !sent.has(latest.kind) && !(next && sent.has(next.kind))) {
    const window = quietWindowAt(now, quiet, tz);
    const sendAt = window ? window.end : now;
    if (next) {
      const nearerItsOwnTime =
        sendAt.getTime() - latest.dueAt.getTime() < next.dueAt.getTime() - sendAt.getTime();
      if (nearerItsOwnTime) planned.unshift({ ...latest, dueAt: sendAt, late: true });
    } else {
      const beforeStart = sendAt.getTime() < meetingStart.getTime();
      planned.unshift({ ...latest, dueAt: beforeStart ? sendAt : now, late: true });
    }
  }
  return finish(planned);
}

/**
 * Who gets a reminder (SPEC §4 step 2, R7). Eligible members get every reminder unless they
 * declined; members who muted get only the last one. Committee members in charge get only the
 * first: R7 asks the secretary to notify them of time, place and content once, and whether they
 * come is not tracked by answers. Ineligible members (exempt, special duty) get nothing.
 */
export function reminderRecipients(
  reminder: Pick<PlannedReminder, "first" | "last">,
  people: {
    readonly members: readonly MemberForReminder[];
    readonly committeeMembers: readonly CommitteeMemberForReminder[];
  },
): ReminderRecipients {
  const memberIds = people.members
    .filter((m) => m.eligible && m.answer !== "absent" && (!m.muted || reminder.last))
    .map((m) => m.memberId);
  const committeeMemberIds = reminder.first
    ? people.committeeMembers.map((c) => c.committeeMemberId)
    : [];
  return { memberIds: unique(memberIds), committeeMemberIds: unique(committeeMemberIds) };
}

function validateOffsets(offsets: readonly ReminderOffset[]): readonly ReminderOffset[] {
  if (offsets.length === 0) throw new RangeError("at least one reminder offset is needed");
  const kinds = new Set<string>();
  for (const { kind, offsetSeconds } of offsets) {
    if (!KIND.test(kind)) throw new RangeError(`reminder kind "${kind}" must match [a-z0-9]+`);
    if (kinds.has(kind)) throw new RangeError(`reminder kind "${kind}" is given twice`);
    if (!Number.isInteger(offsetSeconds) || offsetSeconds <= 0) {
      throw new RangeError(`reminder "${kind}" needs a positive whole number of seconds`);
    }
    kinds.add(kind);
  }
  return offsets;
}

// Earliest reminder first; a stable sort keeps the configured order of equal offsets.
function sortOffsets(offsets: readonly ReminderOffset[]): ReminderOffset[] {
  return [...offsets].sort((a, b) => b.offsetSeconds - a.offsetSeconds);
}

function validateQuietHours(quiet: { readonly start: string; readonly end: string }) {
  if (!CLOCK_TIME.test(quiet.start) || !CLOCK_TIME.test(quiet.end)) {
    throw new RangeError(`quiet hours need "HH:mm" times, got ${quiet.start}-${quiet.end}`);
  }
  // An empty window and an all-day one would both be written this way: refuse to guess.
  if (quiet.start === quiet.end) throw new RangeError("quiet hours must not start when they end");
  return { start: quiet.start, end: quiet.end };
}

function outOfQuietHours(instant: Date, quiet: QuietHours, tz: string): Date {
  const window = quietWindowAt(instant, quiet, tz);
  if (!window) return instant;
  return new Date(window.start.getTime() - QUIET_HOURS_MARGIN_MINUTES * 60_000);
}

/** The quiet-hours window (as instants) that contains `instant`, or null when outside. */
export function quietWindowAt(
  instant: Date,
  quiet: QuietHours,
  tz: string,
): { start: Date; end: Date } | null {
  if (quiet === "off") return null;
  const [date = "", clock = ""] = formatInTimeZone(instant, tz, "yyyy-MM-dd HH:mm").split(" ");
  const minute = minutesOf(clock);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  let startDate: string;
  let endDate: string;
  if (start < end) {
    if (minute < start || minute >= end) return null;
    startDate = date;
    endDate = date;
  } else if (minute >= start) {
    startDate = date;
    endDate = addCalendarDays(date, 1);
  } else if (minute < end) {
    startDate = addCalendarDays(date, -1);
    endDate = date;
  } else {
    return null;
  }
  return {
    start: fromZonedTime(`${startDate}T${quiet.start}:00`, tz),
    end: fromZonedTime(`${endDate}T${quiet.end}:00`, tz),
  };
}

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(":").map(Number);
  return hours * 60 + minutes;
}

// Calendar dates carry no time zone, so UTC arithmetic on them is exact.
function addCalendarDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
