/** An error the user caused: shown to them as the locale message `key`, and nothing changed. */
export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly args: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "UserError";
  }
}
