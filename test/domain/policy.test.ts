import { describe, expect, it } from "vitest";
import { defaultPolicy, resolvePolicy } from "../../src/domain/policy.ts";

describe("policy", () => {
  it("defaults to the 2018 profile", () => {
    expect(resolvePolicy()).toEqual(defaultPolicy);
  });

  it("keeps the defaults a deployment does not override", () => {
    expect(resolvePolicy({ day3: "all", minDuration: { enabled: true } })).toEqual({
      ...defaultPolicy,
      day3: "all",
      minDuration: { enabled: true, regularMinutes: 90, thematicMinutes: 120 },
    });
  });

  it("ignores an override left undefined", () => {
    expect(resolvePolicy({ minRate: undefined }).minRate).toBe(0.85);
  });
});
