import { z } from "zod";
import type { ZaloUpdate } from "./types.ts";

// What the Zalo Bot Platform sends, checked before anything acts on it. The platform's pages
// disagree on the envelope: the webhook page wraps the update like an API answer
// (`{ok: true, result: {event_name, message}}`), older samples send it bare, and the getUpdates
// sample has the message without an event_name. All three are read; anything else is refused.

/** Ids are strings on Zalo; a number is taken as its digits. Arrays, objects, booleans are not ids. */
const id = z
  .union([z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/), z.number().int().nonnegative().safe()])
  .transform(String);

const optionalText = z.string().max(20_000).optional();

const message = z.object({
  message_id: id,
  from: z.object({
    id,
    display_name: z.string().max(500).optional(),
    name: z.string().max(500).optional(),
    is_bot: z.boolean().optional(),
  }),
  chat: z.object({ id, chat_type: z.enum(["PRIVATE", "GROUP"]) }),
  date: z.number().finite().optional(),
  text: optionalText,
  caption: optionalText,
  photo: optionalText,
  photo_url: optionalText,
  sticker: optionalText,
  url: optionalText,
  voice_url: optionalText,
});

const eventName = z.string().regex(/^[a-z_.]{1,64}$/);
const update = z.object({ event_name: eventName.optional(), message });
const wrapped = z.object({ ok: z.literal(true), result: update });

export type ZaloUpdateShape = "bare" | "wrapped" | "polled";

export type ParsedZaloUpdate =
  | { ok: true; update: ZaloUpdate; shape: ZaloUpdateShape }
  /** Which fields were wrong (paths only: never the content). */
  | { ok: false; problems: string[] };

/** A polled update has no event name: it follows from what the message carries. */
function eventOf(m: z.infer<typeof message>): string {
  if (m.text !== undefined) return "message.text.received";
  if (m.photo !== undefined || m.photo_url !== undefined) return "message.image.received";
  if (m.sticker !== undefined) return "message.sticker.received";
  if (m.voice_url !== undefined) return "message.voice.received";
  return "message.unsupported.received";
}

/** Reads a webhook body or a getUpdates result into the one shape the bot handles. */
export function parseZaloUpdate(body: unknown): ParsedZaloUpdate {
  const isWrapped = typeof body === "object" && body !== null && "result" in body;
  const parsed = (isWrapped ? wrapped : update).safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => issue.path.join(".") || "(body)").slice(0, 10),
    };
  }
  const value = "result" in parsed.data ? parsed.data.result : parsed.data;
  const { message: m } = value;
  const normalized: ZaloUpdate = {
    event_name: value.event_name ?? eventOf(m),
    message: {
      message_id: m.message_id,
      from: {
        id: m.from.id,
        ...(m.from.display_name === undefined ? {} : { display_name: m.from.display_name }),
        ...(m.from.name === undefined ? {} : { name: m.from.name }),
      },
      chat: { id: m.chat.id, chat_type: m.chat.chat_type },
      date: m.date ?? 0,
      ...(m.text === undefined ? {} : { text: m.text }),
      ...(m.photo_url === undefined && m.photo === undefined
        ? {}
        : { photo_url: m.photo_url ?? m.photo }),
      ...(m.sticker === undefined ? {} : { sticker: m.sticker }),
    },
  };
  const shape = isWrapped ? "wrapped" : value.event_name === undefined ? "polled" : "bare";
  return { ok: true, update: normalized, shape };
}
