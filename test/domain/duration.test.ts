import { describe, expect, it } from "vitest";
import { checkDuration } from "../../src/domain/duration.ts";
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
