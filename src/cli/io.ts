/** Where a command writes; `process` in production, string buffers in tests. */
export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** A command gets the arguments after its name and returns the exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;

/** A bad argument: said in one line (exit 2); an empty message asks for the usage (exit 0). */
export class ArgumentError extends Error {}

/** The command's parsed arguments, or its exit code when they are bad or the usage was asked. */
export function parseArguments<T>(
  command: string,
  parse: () => T,
  io: Io,
  usage?: string,
): T | number {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    if (!error.message && usage) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    io.stderr.write(`${command}: ${error.message}\n`);
    return 2;
  }
}
