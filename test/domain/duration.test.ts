import { describe, expect, it } from "vitest";
import { checkDuration, meetingTimes } from "../../src/domain/duration.ts";
import { resolvePolicy } from "../../src/domain/policy.ts";

const opened = new Date("2026-03-03T12:30:00Z");
const minutesLater = (minutes: number) => new Date(opened.getTime() + minutes * 60_000);
const checked = resolvePolicy({ minDuration: { enabled: true } });

describe("R9 meeting duration", () => {
  it("is not checked under the default policy", () => {
    const meeting = { openedAt: opened, closedAt: minutesLater(30), withThematicPart: false };
    expect(checkDuration(meeting, resolvePolicy())).toBeNull();
  });

  it.each([
    { minutes: 89, withThematicPart: false, ok: false },
    { minutes: 90, withThematicPart: false, ok: true },
    { minutes: 119, withThematicPart: true, ok: false },
    { minutes: 120, withThematicPart: true, ok: true },
  ])(
    "$minutes minutes, thematic part $withThematicPart: ok = $ok",
    ({ minutes, withThematicPart, ok }) => {
      const meeting = { openedAt: opened, closedAt: minutesLater(minutes), withThematicPart };
      expect(checkDuration(meeting, checked)?.ok).toBe(ok);
    },
  );
});

describe("the meeting's times in the minutes", () => {
  const at = (hhmm: string) => new Date(`2026-12-03T${hhmm}:00+07:00`);
  it.each([
    [
      "opened 2 h early, closed after the start: from the planned start",
      "17:30",
      "21:05",
      "19:30",
      "21:05",
    ],
    ["opened late, closed after: still the planned start", "19:45", "21:00", "19:30", "21:00"],
    [
      "closed before the planned start (confirmed): from the opening",
      "17:30",
      "18:40",
      "17:30",
      "18:40",
    ],
  ])("%s", (_case, opened, closed, start, end) => {
    const times = meetingTimes({
      plannedStart: at("19:30"),
      openedAt: at(opened),
      closedAt: at(closed),
    });
    expect([times.start, times.end]).toEqual([at(start), at(end)]);
    expect(times.end.getTime()).toBeGreaterThanOrEqual(times.start.getTime());
  });
});
