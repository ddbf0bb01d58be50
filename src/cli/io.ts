/** Where a command writes; `process` in production, string buffers in tests. */
export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** A command gets the arguments after its name and returns the exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;
