import { describe, expect, it } from "vitest";
import { DEFAULT_QUIET_HOURS } from "../../src/domain/reminder-plan.ts";
import { checkSendTime } from "../../src/domain/send-window.ts";

const at = (local: string) => new Date(`${local}+07:00`);

describe("a reminder re-checked at send time (issue 18)", () => {
  it.each([
    [
      "before the meeting, outside quiet hours → sent",
      "2026-12-03T17:30:00",
      "2026-12-03T19:30:00",
      { action: "send" },
    ],
    [
      "the meeting has started → dropped",
      "2026-12-03T19:30:00",
      "2026-12-03T19:30:00",
      { action: "drop", reason: "meeting-started" },
    ],
    [
      "an hour after the start → dropped",
      "2026-12-03T20:30:00",
      "2026-12-03T19:30:00",
      { action: "drop", reason: "meeting-started" },
    ],
    [
      "22:00 for a meeting at 07:30 → moved to 06:30",
      "2026-12-02T22:00:00",
      "2026-12-03T07:30:00",
      { action: "defer", until: at("2026-12-03T06:30:00") },
    ],
    [
      "05:00 for a meeting at 19:30 → moved to 06:30",
      "2026-12-03T05:00:00",
      "2026-12-03T19:30:00",
      { action: "defer", until: at("2026-12-03T06:30:00") },
    ],
    [
      "22:00 for a meeting at 06:00 → dropped (after quiet hours is too late)",
      "2026-12-02T22:00:00",
      "2026-12-03T06:00:00",
      { action: "drop", reason: "quiet-hours" },
    ],
    [
      "21:29 is not quiet yet → sent",
      "2026-12-02T21:29:00",
      "2026-12-03T19:30:00",
      { action: "send" },
    ],
  ])("%s", (_name, now, start, expected) => {
    expect(checkSendTime(at(now), at(start), DEFAULT_QUIET_HOURS)).toEqual(expected);
  });

  it("quiet hours off: only the start counts", () => {
    expect(checkSendTime(at("2026-12-02T23:00:00"), at("2026-12-03T07:00:00"), "off")).toEqual({
      action: "send",
    });
  });
});
