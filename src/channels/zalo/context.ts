import type { MeetingKind, Prisma } from "@prisma/client";
import type { Db } from "../../db/client.ts";
import type { Choice } from "./text.ts";

/** A question stays answerable by number this long (the meeting itself may end it sooner). */
export const CONTEXT_TTL_MS = 7 * 86_400_000;

/**
 * The last numbered question asked in a Zalo chat: what "1", "2"… or a roll call code mean now.
 * `message` is kept to ask the same question again after a wrong number.
 */
export interface ZaloDialogContext {
  message: { text: string; buttons?: Choice[][] };
  /** Typed text (not a number, not a command) is an answer here, e.g. `why:<meeting22>`. */
  freeText?: string;
  /** Extra state the choices need: the reason being confirmed, the meeting being edited. */
  payload?: { meetingId?: string; reason?: string; draft?: MeetingDraft; documentUrl?: string };
  /** The numbered roster: position − 1 → member id. */
  roster?: {
    meetingId: string;
    memberIds: string[];
    /** Mark messages answered with a short line since the full roster was last sent. */
    sinceList?: number;
  };
}

/**
 * The meeting being set, moved or cancelled, as far as the secretary has answered
 * (`lichhop`, see features/meeting-editor.ts); it travels in the chat's context between questions.
 */
export interface MeetingDraft {
  op: "create" | "move" | "cancel";
  kind: MeetingKind;
  cell: string;
  meetingId?: string;
  /** Offered as "keep" (move: the meeting's values) or "use" (create: the cell's usual ones). */
  was: { startsAt?: string; time: string; place: string | null; agenda: string | null };
  day?: string;
  startsAt?: string;
  place?: string | null;
  agenda?: string | null;
}

export async function saveContext(
  db: Db,
  chatId: string,
  context: ZaloDialogContext,
  now: Date,
  ttlMs = CONTEXT_TTL_MS,
) {
  const data = {
    context: { ...context, askedAt: now.toISOString() } as unknown as Prisma.InputJsonValue,
    expiresAt: new Date(now.getTime() + ttlMs),
  };
  await db.zaloContext.upsert({ where: { chatId }, create: { chatId, ...data }, update: data });
}

/** The chat's last question; `expired` when it is too old to answer. */
export async function loadContext(
  db: Db,
  chatId: string,
  now: Date,
): Promise<{ context: ZaloDialogContext; expired: boolean; askedAt: Date | null } | null> {
  const row = await db.zaloContext.findUnique({ where: { chatId } });
  if (!row) return null;
  const { askedAt, ...context } = row.context as unknown as ZaloDialogContext & {
    askedAt?: string;
  };
  return {
    context,
    expired: row.expiresAt.getTime() <= now.getTime(),
    askedAt: askedAt ? new Date(askedAt) : null,
  };
}

export async function clearContext(db: Db, chatId: string) {
  await db.zaloContext.deleteMany({ where: { chatId } });
}
