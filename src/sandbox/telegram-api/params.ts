import { badRequest } from "./bot-api-error.ts";

/** Request parameters: typed values from JSON, strings from form bodies. */
export type Params = Record<string, unknown>;

const isMissing = (value: unknown): boolean =>
  value === undefined || value === null || value === "";

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : String(value);
}

export function optionalInt(params: Params, name: string): number | undefined {
  const value = params[name];
  if (isMissing(value)) return undefined;
  const number = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(number)) throw badRequest(`invalid ${name} specified`);
  return number;
}

export function optionalBool(params: Params, name: string): boolean {
  const value = params[name];
  return value === true || value === "true" || value === 1 || value === "1";
}

/** A structured parameter: an object in JSON bodies, a JSON string in form bodies. */
export function jsonParam(params: Params, name: string, what: string): unknown {
  const value = params[name];
  if (typeof value !== "string") return value ?? undefined;
  if (value === "") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${what} JSON object`);
  }
}

/** chat_id as a number when it is one; "@username" and garbage give undefined. */
export function numericChatId(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value === "") return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
}
