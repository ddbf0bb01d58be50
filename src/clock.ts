/** The one source of "now". Production reads the system clock; the sandbox moves a virtual one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (sandbox and tests). */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    if (to.getTime() < this.current.getTime()) throw new Error("The clock never goes back");
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.set(new Date(this.current.getTime() + ms));
  }
}

/** Real time shifted forward by an offset that only grows (the sandbox's virtual time). */
export class OffsetClock implements Clock {
  constructor(private offsetMs = 0) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  get offset(): number {
    return this.offsetMs;
  }
  /** Where a sandbox starts: before anything has read the clock (a saved offset, a fixed day). */
  start(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
  /** Moves to `to` if it is later than now; never backwards. */
  advanceTo(to: Date): void {
    this.offsetMs = Math.max(this.offsetMs, to.getTime() - Date.now());
  }
}
