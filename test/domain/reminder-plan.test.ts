import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_QUIET_HOURS,
  DEFAULT_REMINDER_OFFSETS,
  type MemberForReminder,
  type PlannedReminder,
  parseOffsets,
  parseQuietHours,
  reminderRecipients,
  reminderTimes,
} from "../../src/domain/reminder-plan.ts";

const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** A local Vietnamese time, "yyyy-MM-dd HH:mm". */
const vn = (local: string) => fromZonedTime(local.replace(" ", "T"), TIME_ZONE);
const local = (instant: Date) => formatInTimeZone(instant, TIME_ZONE, "yyyy-MM-dd HH:mm");
const summary = (plan: PlannedReminder[]) =>
  plan.map((r) => `${r.kind} ${local(r.dueAt)}${r.late ? " late" : ""}`);

const plan = (start: string, now?: string, extra: { sentKinds?: string[] } = {}) =>
  reminderTimes(vn(start), DEFAULT_REMINDER_OFFSETS, DEFAULT_QUIET_HOURS, {
    ...(now ? { now: vn(now) } : {}),
    ...extra,
  });

describe("reminder offsets from configuration", () => {
  it("the default is 3 days, 1 day and 2 hours before", () => {
    expect(DEFAULT_REMINDER_OFFSETS).toEqual([
      { kind: "d3", offsetSeconds: 259_200 },
      { kind: "d1", offsetSeconds: 86_400 },
      { kind: "h2", offsetSeconds: 7_200 },
    ]);
  });

  it("short offsets for tests come out earliest first", () => {
    expect(parseOffsets(" 90s, 5m ")).toEqual([
      { kind: "m5", offsetSeconds: 300 },
      { kind: "s90", offsetSeconds: 90 },
    ]);
  });

  it.each(["3x", "", "3d,,1d", "0h", "1d,1d", "-1d"])("%o is refused", (spec) => {
    expect(() => parseOffsets(spec)).toThrow(RangeError);
  });

  it.each([
    ["21:30-06:30", { start: "21:30", end: "06:30" }],
    ["12:00 - 13:30", { start: "12:00", end: "13:30" }],
    ["OFF", "off"],
  ])("quiet hours %o are read", (spec, expected) => {
    expect(parseQuietHours(spec)).toEqual(expected);
  });

  it.each(["25:00-06:00", "21:30-21:30", "21:30", "9:30-10:00"])(
    "quiet hours %o are refused",
    (spec) => {
      expect(() => parseQuietHours(spec)).toThrow(RangeError);
    },
  );
});

describe("when reminders are sent", () => {
  it("a meeting on 3 January is reminded on 31 December, 2 January and 2 hours before", () => {
    expect(summary(plan("2026-01-03 19:30"))).toEqual([
      "d3 2025-12-31 19:30",
      "d1 2026-01-02 19:30",
      "h2 2026-01-03 17:30",
    ]);
  });

  it("the first planned reminder is marked first and the 2-hour one last", () => {
    const [d3, d1, h2] = plan("2026-01-03 19:30");
    expect([d3?.first, d1?.first, h2?.first, d3?.last, d1?.last, h2?.last]).toEqual([
      true,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it.each([
    ["a 22:00 due time is sent at 21:29", "2026-03-11 00:00", "h2 2026-03-10 21:29"],
    [
      "a 06:00 due time is sent at 21:29 the evening before",
      "2026-03-11 08:00",
      "h2 2026-03-10 21:29",
    ],
    ["a 21:30 due time is already quiet", "2026-03-10 23:30", "h2 2026-03-10 21:29"],
    ["a 06:30 due time is no longer quiet", "2026-03-11 08:30", "h2 2026-03-11 06:30"],
    ["a 21:29 due time stays", "2026-03-10 23:29", "h2 2026-03-10 21:29"],
  ])("quiet hours: %s", (_name, start, expected) => {
    expect(summary(plan(start)).at(-1)).toBe(expected);
  });

  it("a 3-day reminder due after midnight moves to the evening before, across the year end", () => {
    expect(summary(plan("2027-01-04 02:00"))[0]).toBe("d3 2026-12-31 21:29");
  });

  it("quiet hours that do not wrap midnight move a reminder to just before they begin", () => {
    const times = reminderTimes(vn("2026-03-10 14:30"), parseOffsets("2h"), {
      start: "12:00",
      end: "13:30",
    });
    expect(summary(times)).toEqual(["h2 2026-03-10 11:59"]);
  });

  it("with quiet hours off a 22:00 due time stays", () => {
    const times = reminderTimes(vn("2026-03-11 00:00"), parseOffsets("2h"), "off");
    expect(summary(times)).toEqual(["h2 2026-03-10 22:00"]);
  });

  it("two kinds landing on the same minute are both kept", () => {
    const times = reminderTimes(vn("2026-03-11 00:30"), parseOffsets("3h,2h"), DEFAULT_QUIET_HOURS);
    expect(summary(times)).toEqual(["h3 2026-03-10 21:29", "h2 2026-03-10 21:29"]);
  });

  it("a reminder moved out of quiet hours never lands after the meeting start", () => {
    const start = vn("2026-03-10 21:45");
    const times = reminderTimes(start, parseOffsets("10m"), DEFAULT_QUIET_HOURS);
    expect(summary(times)).toEqual(["m10 2026-03-10 21:29"]);
    expect(times.every((r) => r.dueAt < start)).toBe(true);
  });

  it("a short test offset works to the second", () => {
    const times = reminderTimes(vn("2026-03-10 10:00"), parseOffsets("90s"), "off");
    expect(times[0]?.dueAt.toISOString()).toBe("2026-03-10T02:58:30.000Z");
  });
});

describe("reminders planned after some of their times have passed", () => {
  it.each([
    [
      "a meeting set 36 hours ahead skips the 3-day reminder and keeps the 1-day and 2-hour ones",
      "2026-03-09 07:30",
      ["d1 2026-03-09 19:30", "h2 2026-03-10 17:30"],
    ],
    [
      "a meeting set 23 hours ahead gets its 1-day reminder at once",
      "2026-03-09 20:30",
      ["d1 2026-03-09 20:30 late", "h2 2026-03-10 17:30"],
    ],
    [
      "a meeting set 60 hours ahead gets its 3-day reminder at once",
      "2026-03-08 07:30",
      ["d3 2026-03-08 07:30 late", "d1 2026-03-09 19:30", "h2 2026-03-10 17:30"],
    ],
    [
      "a meeting set 10 hours ahead waits for the 2-hour reminder",
      "2026-03-10 09:30",
      ["h2 2026-03-10 17:30"],
    ],
    [
      "a meeting set 1 hour ahead gets one reminder at once",
      "2026-03-10 18:30",
      ["h2 2026-03-10 18:30 late"],
    ],
    [
      "a reminder due exactly now is on time",
      "2026-03-09 19:30",
      ["d1 2026-03-09 19:30", "h2 2026-03-10 17:30"],
    ],
    ["a meeting that has started gets nothing", "2026-03-10 19:30", []],
  ])("%s", (_name, now, expected) => {
    expect(summary(plan("2026-03-10 19:30", now))).toEqual(expected);
  });

  it("the reminder that goes out first is the first, even when it is not the 3-day one", () => {
    const [first, second] = plan("2026-03-10 19:30", "2026-03-09 07:30");
    expect([first?.kind, first?.first, second?.first]).toEqual(["d1", true, false]);
  });

  it("a missed reminder noticed at night is sent when quiet hours end", () => {
    expect(summary(plan("2026-03-10 19:30", "2026-03-08 03:30"))).toEqual([
      "d3 2026-03-08 06:30 late",
      "d1 2026-03-09 19:30",
      "h2 2026-03-10 17:30",
    ]);
  });

  it("a meeting set at 23:00 for 07:00 gets one reminder when quiet hours end", () => {
    expect(summary(plan("2026-03-11 07:00", "2026-03-10 23:00"))).toEqual([
      "h2 2026-03-11 06:30 late",
    ]);
  });

  it("a meeting set at 23:00 for 06:00 is reminded at once rather than not at all", () => {
    expect(summary(plan("2026-03-11 06:00", "2026-03-10 23:00"))).toEqual([
      "h2 2026-03-10 23:00 late",
    ]);
  });

  it("kinds already sent are not planned again and nothing left is the first", () => {
    const rest = plan("2026-03-10 19:30", "2026-03-07 20:00", { sentKinds: ["d3"] });
    expect(summary(rest)).toEqual(["d1 2026-03-09 19:30", "h2 2026-03-10 17:30"]);
    expect(rest.some((r) => r.first)).toBe(false);
  });

  it("a missed reminder is not sent late once a later one went out", () => {
    const rest = plan("2026-03-10 19:30", "2026-03-10 18:00", { sentKinds: ["h2"] });
    expect(rest).toEqual([]);
  });
});

describe("who gets a reminder", () => {
  const member = (memberId: string, over: Partial<MemberForReminder> = {}): MemberForReminder => ({
    memberId,
    eligible: true,
    answer: null,
    muted: false,
    ...over,
  });
  const people = {
    members: [
      member("silent"),
      member("coming", { answer: "attending" }),
      member("declined", { answer: "absent" }),
      member("muted", { muted: true }),
      member("muted-declined", { muted: true, answer: "absent" }),
      member("exempt", { eligible: false }),
    ],
    committeeMembers: [{ committeeMemberId: "committee-1" }, { committeeMemberId: "committee-2" }],
  };
  const [d3, d1, h2] = plan("2026-03-10 19:30");
  const gets = (reminder: PlannedReminder | undefined, id: string) => {
    const to = reminderRecipients(reminder!, people);
    return to.memberIds.includes(id) || to.committeeMemberIds.includes(id);
  };

  it.each([
    ["a member who has not answered gets every reminder", "silent", [true, true, true]],
    ["a member who will come still gets every reminder", "coming", [true, true, true]],
    ["a member who declined gets no reminder", "declined", [false, false, false]],
    ["a muted member gets only the 2-hour reminder", "muted", [false, false, true]],
    ["a muted member who declined gets nothing", "muted-declined", [false, false, false]],
    ["an exempt member gets nothing", "exempt", [false, false, false]],
    [
      "a committee member in charge gets only the first reminder",
      "committee-1",
      [true, false, false],
    ],
  ])("%s", (_name, id, expected) => {
    expect([gets(d3, id), gets(d1, id), gets(h2, id)]).toEqual(expected);
  });

  it("a single catch-up reminder reaches muted members and the committee", () => {
    const [only] = plan("2026-03-10 19:30", "2026-03-10 18:30");
    expect(reminderRecipients(only!, people)).toEqual({
      memberIds: ["silent", "coming", "muted"],
      committeeMemberIds: ["committee-1", "committee-2"],
    });
  });

  it("the first reminder lists everyone once, in the given order", () => {
    const twice = { ...people, members: [member("silent"), member("silent")] };
    expect(reminderRecipients(d3!, twice).memberIds).toEqual(["silent"]);
  });
});
