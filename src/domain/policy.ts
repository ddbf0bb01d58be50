/** A deployment's rule profile (SPEC §3): every number and switch the rules read. */
export interface Policy {
  /** R3: the attendance rate must be strictly above this share of eligible members. */
  readonly minRate: number;
  /** R5: more excused absences in a row than this (within the year) is a violation. */
  readonly maxConsecutiveExcused: number;
  /** R8: this many months with an unexcused absence in a year means "consider for removal". */
  readonly removalMonths: number;
  /** R1: "residential" puts only residential cells on day 3; "all" is the 2025 rule. */
  readonly day3: "residential" | "all";
  /** R5: when the excused streak starts again from zero. */
  readonly streakReset: "calendar-year";
  /** R3: exempt members who attend are counted on both sides of the rate when true. */
  readonly countExemptAttendees: boolean;
  /** R9: minimum meeting length, checked only when enabled. */
  readonly minDuration: {
    readonly enabled: boolean;
    readonly regularMinutes: number;
    readonly thematicMinutes: number;
  };
}

/** Overrides a deployment may give; anything left out keeps the default. */
export type PolicyOverrides = Partial<Omit<Policy, "minDuration">> & {
  readonly minDuration?: Partial<Policy["minDuration"]>;
};

/** The 2018 profile quoted by the source article. */
export const defaultPolicy: Policy = Object.freeze({
  minRate: 0.85,
  maxConsecutiveExcused: 3,
  removalMonths: 3,
  day3: "residential",
  streakReset: "calendar-year",
  countExemptAttendees: false,
  minDuration: Object.freeze({ enabled: false, regularMinutes: 90, thematicMinutes: 120 }),
});

export function resolvePolicy(overrides: PolicyOverrides = {}): Policy {
  const { minDuration, ...rest } = overrides;
  return {
    ...defaultPolicy,
    ...definedOnly(rest),
    minDuration: { ...defaultPolicy.minDuration, ...definedOnly(minDuration ?? {}) },
  };
}

// An override written as `undefined` (e.g. an empty config field) must not erase a default.
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
