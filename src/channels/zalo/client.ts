import { createHash } from "node:crypto";
import type { ZaloBotInfo, ZaloSent } from "./types.ts";

export const ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";
/** Zalo refuses texts over 2,000 characters. */
export const ZALO_MAX_TEXT = 2000;

/** The platform answered `{ok: false, error_code, description}` (or a non-JSON HTTP error). */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${method}: ${errorCode} ${description}`);
    this.name = "ZaloApiError";
  }
}

/** No answer at all (reset, timeout, DNS): the request may or may not have arrived. */
export class ZaloNetworkError extends Error {
  constructor(
    readonly method: string,
    readonly failure: unknown,
  ) {
    super(`${method}: ${failure instanceof Error ? failure.message : String(failure)}`);
    this.name = "ZaloNetworkError";
  }
}

export interface ZaloClientOptions {
  apiRoot?: string;
  /** Per-request timeout; getUpdates adds its own poll timeout on top. */
  timeoutMs?: number;
}

/** A thin typed client: `POST <root>/bot<TOKEN>/<method>` with JSON, `{ok, result}` back. */
export class ZaloClient {
  private readonly root: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly token: string,
    options: ZaloClientOptions = {},
  ) {
    this.root = (options.apiRoot ?? ZALO_API_ROOT).replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async call<T>(method: string, body: object = {}, extraTimeoutMs = 0): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.root}/bot${this.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs + extraTimeoutMs),
      });
    } catch (error) {
      throw new ZaloNetworkError(method, error);
    }
    let json: {
      ok?: boolean;
      result?: T;
      error_code?: number;
      description?: string;
      parameters?: { retry_after?: number };
    };
    try {
      json = (await response.json()) as typeof json;
    } catch (error) {
      if (!response.ok) throw new ZaloApiError(method, response.status, response.statusText);
      throw new ZaloNetworkError(method, error);
    }
    if (json.ok) return json.result as T;
    const retryAfter = json.parameters?.retry_after ?? Number(response.headers.get("retry-after"));
    throw new ZaloApiError(
      method,
      json.error_code ?? response.status,
      json.description ?? response.statusText,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }

  getMe() {
    return this.call<ZaloBotInfo>("getMe");
  }

  /**
   * One update as the platform sent it (update-shape.ts reads it), or null when the poll timed
   * out (Zalo answers 408: nothing new).
   */
  async getUpdates(timeoutSeconds = 30): Promise<unknown> {
    try {
      const result = await this.call<unknown>(
        "getUpdates",
        { timeout: timeoutSeconds },
        timeoutSeconds * 1000,
      );
      if (Array.isArray(result)) return result[0] ?? null;
      return result ?? null;
    } catch (error) {
      if (error instanceof ZaloApiError && error.errorCode === 408) return null;
      throw error;
    }
  }

  setWebhook(url: string, secretToken: string) {
    return this.call<unknown>("setWebhook", { url, secret_token: secretToken });
  }

  deleteWebhook() {
    return this.call<unknown>("deleteWebhook");
  }

  /** 1–2,000 characters; longer texts are split by the messenger before this. */
  sendMessage(chatId: string, text: string) {
    return this.call<ZaloSent>("sendMessage", { chat_id: chatId, text });
  }

  sendChatAction(chatId: string, action: "typing" = "typing") {
    return this.call<unknown>("sendChatAction", { chat_id: chatId, action });
  }
}

/**
 * A stable id for the bot behind a token, without a call: the part before ":" when the token has
 * one (as Telegram's do), else a hash of it. Keys the update ledger, never shown.
 */
export function zaloBotId(token: string): string {
  const colon = token.indexOf(":");
  if (colon > 0) return token.slice(0, colon);
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}
