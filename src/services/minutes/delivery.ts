import type { Delivery, Prisma } from "@prisma/client";
import type { Db } from "../../db/client.ts";
import { displayParts } from "../../domain/local-time.ts";
import type { Translate } from "../../i18n.ts";
import type { Settings } from "../../settings.ts";
import type { Actor } from "../actors.ts";
import { canOversee } from "../actors.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import type { DeliveryIntent } from "../ledger.ts";
import type { OutgoingMessage } from "../messenger.ts";
import { alertRecipients, preferredChat } from "../recipients.ts";
import { type MinutesDocument, type MinutesOptions, minutesDocument } from "./document.ts";
import { MINUTES_DOCX_KIND } from "./kind.ts";

export { MINUTES_DOCX_KIND };

/** The delivery kind of the minutes' Word file: rendered from the database when it is sent. */

type Tx = Prisma.TransactionClient;

/** The file and its caption, as every channel that can send files sends it. */
export async function minutesFile(
  t: Translate,
  doc: MinutesDocument,
): Promise<OutgoingMessage & { file: { name: string; content: Buffer } }> {
  // docx is loaded only when a file is made: the worker and the bot start without it.
  const { minutesFileName, renderMinutesDocx } = await import("./docx.ts");
  return {
    text: t("mdoc-caption", { cell: doc.cell, date: displayParts(doc.start).date }),
    file: { name: minutesFileName(doc), content: await renderMinutesDocx(t, doc) },
  };
}

/**
 * A meeting's minutes for a person who leads its cell or is in charge of it as a committee member
 * (checked here, on the server); anyone else, or a meeting not closed yet, is a UserError.
 */
export async function minutesForActor(
  services: Services,
  actor: Actor,
  meetingId: string,
  options: MinutesOptions = {},
) {
  const meeting = await services.db.meeting.findUnique({
    where: { id: meetingId },
    select: { unitId: true },
  });
  if (!meeting) throw new UserError("error-meeting-not-found");
  if (!canOversee(actor, meeting.unitId)) throw new UserError("error-not-allowed");
  const doc = await minutesDocument(services, meetingId, options);
  return minutesFile(services.t, doc);
}

/**
 * At close: the Word file for the cell's secretary, deputy and committee members in charge on
 * Telegram, the closer included (once per revision; again when the closer presses «send again»).
 * Zalo's Bot API sends text only: the others there are told so plainly, once per meeting (the
 * closer on Zalo is told in the reply).
 */
export async function minutesDocxIntents(
  tx: Tx,
  close: {
    meetingId: string;
    unitId: string;
    revision: number;
    actorId: string;
    resent: boolean;
    now: Date;
  },
  t: Translate,
): Promise<DeliveryIntent[]> {
  const intents: DeliveryIntent[] = [];
  for (const person of await alertRecipients(tx, close.unitId)) {
    const chat = preferredChat(person.identities);
    if (!chat) continue;
    if (chat.platform === "ZALO") {
      if (person.id !== close.actorId)
        intents.push({
          idempotencyKey: `minutes-docx_${close.meetingId}_zalo_${person.id}`,
          platform: chat.platform,
          chatId: chat.chatId,
          kind: "notice",
          payload: { text: t("mdoc-zalo-unavailable") },
          dueAt: close.now,
          memberId: person.id,
          meetingId: close.meetingId,
        });
      continue;
    }
    const again = close.resent && person.id === close.actorId ? `_${close.now.getTime()}` : "";
    intents.push({
      idempotencyKey: `minutes-docx_${close.meetingId}_${close.revision}_${person.id}${again}`,
      platform: chat.platform,
      chatId: chat.chatId,
      kind: MINUTES_DOCX_KIND,
      payload: { meetingId: close.meetingId, revision: close.revision },
      dueAt: close.now,
      memberId: person.id,
      meetingId: close.meetingId,
    });
  }
  return intents;
}

/** Renders the Word file when the delivery is sent; null (not sent) if the minutes are gone. */
export async function prepareMinutesDocx(
  deps: { db: Db; t: Translate; settings: Pick<Settings, "policy" | "qualityRubric"> },
  delivery: Pick<Delivery, "payload">,
): Promise<OutgoingMessage | null> {
  const { meetingId } = delivery.payload as { meetingId?: string };
  if (!meetingId) return null;
  try {
    return await minutesFile(deps.t, await minutesDocument(deps, meetingId));
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
}
