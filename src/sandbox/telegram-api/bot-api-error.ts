/** A Bot API failure as Telegram reports it: `{ ok: false, error_code, description, parameters? }`. */
export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = "BotApiError";
  }

  toJSON(): Record<string, unknown> {
    return this.parameters === undefined
      ? { ok: false, error_code: this.code, description: this.description }
      : {
          ok: false,
          error_code: this.code,
          description: this.description,
          parameters: this.parameters,
        };
  }
}

export const badRequest = (what: string): BotApiError =>
  new BotApiError(400, `Bad Request: ${what}`);

export const forbidden = (what: string): BotApiError => new BotApiError(403, `Forbidden: ${what}`);

export const tooManyRequests = (retryAfter: number): BotApiError =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
    retry_after: retryAfter,
  });

/** Telegram's wording for the statuses a test can inject. */
export function defaultDescription(status: number): string {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return `Error ${status}`;
  }
}
