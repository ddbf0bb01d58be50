/** A reminder that must wait (it would fall in quiet hours): sent at `until`, still before the meeting. */
export class Deferred {
  constructor(
    readonly until: Date,
    readonly reason: string,
  ) {}
}

/** A reminder that would arrive too late to be of use (the meeting started, or only after quiet hours). */
export class Dropped {
  constructor(readonly reason: "meeting-started" | "quiet-hours") {}
}
