import type { Delivery } from "@prisma/client";
import type { Db } from "../../db/client.ts";
import { standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import { cleanLine } from "../../domain/text.ts";
import type { Translate } from "../../i18n.ts";
import { type Actor, canLead } from "../actors.ts";
import { audit } from "../audit.ts";
import { shortId } from "../callback-data.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { byName, meetingArgs } from "../format.ts";
import { type DeliveryIntent, writeIntents } from "../ledger.ts";
import { toDomainMember } from "../members.ts";
import type { OutgoingMessage } from "../messenger.ts";
import { committeeInCharge, preferredChat } from "../recipients.ts";

/**
 * Issue 15 item 3: documents before the meeting (`/tailieu`). The secretary attaches an https
 * link or a Telegram file with a one-line title to an upcoming meeting; it goes through the
 * delivery ledger (kind "document", one delayed job each) to the members and the committee
 * members in charge, the deployment's lead before the start (at once when that has passed), with
 * a "Đã đọc" button. Reads are recorded; /tinhhinh lists them; the preparation item counts the
 * first delivery's time.
 */

export const MAX_TITLE_LENGTH = 200;
export const MAX_URL_LENGTH = 500;
/** Bot API › Sending files: 50 MB (the sandbox's TELEGRAM_LIMITS.documentBytes, same source). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;

/** The link, cleaned, if it is an https URL of acceptable length; null otherwise. */
export function checkDocumentUrl(text: string): string | null {
  const url = cleanLine(text);
  if (url.length === 0 || url.length > MAX_URL_LENGTH || /\s/.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.hostname.includes(".") ? url : null;
  } catch {
    return null;
  }
}

/** The one-line title, cleaned, or null when empty or too long. */
export function checkDocumentTitle(text: string): string | null {
  const title = cleanLine(text);
  const length = [...title].length;
  return length >= 1 && length <= MAX_TITLE_LENGTH ? title : null;
}

/** The cell's next meeting that has not started, for /tailieu; null when there is none. */
export async function upcomingMeeting(services: Services, actor: Actor) {
  if (!actor.cellId || !canLead(actor, actor.cellId)) throw new UserError("error-not-allowed");
  return services.db.meeting.findFirst({
    where: { unitId: actor.cellId, status: "PLANNED", startsAt: { gt: services.clock.now() } },
    orderBy: { startsAt: "asc" },
  });
}

export interface DocumentInput {
  meetingId: string;
  title: string;
  url?: string;
  file?: { fileId: string; name: string; size: number };
}

/** Records the document (audited) and writes one delivery per recipient in the same transaction. */
export async function attachDocument(services: Services, actor: Actor, input: DocumentInput) {
  const { db, clock, settings } = services;
  const now = clock.now();
  const title = checkDocumentTitle(input.title);
  if (!title) throw new UserError("tailieu-error-title", { max: MAX_TITLE_LENGTH });
  const url = input.url === undefined ? null : checkDocumentUrl(input.url);
  if (input.url !== undefined && !url)
    throw new UserError("tailieu-error-url", { max: MAX_URL_LENGTH });
  if (!url && !input.file) throw new UserError("tailieu-link-or-file");
  if (input.file && input.file.size > MAX_FILE_BYTES)
    throw new UserError("tailieu-error-file-size", { maxMb: MAX_FILE_MB });

  const { document, created, count } = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${input.meetingId}::uuid FOR SHARE`;
    const meeting = await tx.meeting.findUnique({ where: { id: input.meetingId } });
    if (!meeting) throw new UserError("error-meeting-not-found");
    if (!canLead(actor, meeting.unitId)) throw new UserError("error-not-allowed");
    if (meeting.status !== "PLANNED" || meeting.startsAt <= now)
      throw new UserError("tailieu-error-meeting");
    const sendAt = new Date(
      Math.max(now.getTime(), meeting.startsAt.getTime() - settings.documentLeadMs),
    );
    const document = await tx.meetingDocument.create({
      data: {
        meetingId: meeting.id,
        title,
        url,
        fileId: input.file?.fileId ?? null,
        fileName: input.file ? cleanLine(input.file.name).slice(0, 200) || "tai-lieu" : null,
        fileSize: input.file?.size ?? null,
        createdById: actor.memberId,
        createdAt: now,
        sendAt,
      },
    });
    const date = localDate(meeting.startsAt);
    const members = await tx.member.findMany({
      where: { cellId: meeting.unitId },
      include: { identities: true, statusPeriods: true },
    });
    const people = [
      ...members.filter((m) => standingOn(toDomainMember(m), date) !== "outside"),
      ...(await committeeInCharge(tx, meeting.unitId)),
    ];
    const intents: DeliveryIntent[] = [];
    for (const person of new Map(people.map((p) => [p.id, p])).values()) {
      const chat = preferredChat(person.identities);
      if (!chat) continue;
      intents.push({
        idempotencyKey: `doc_${document.id}_${person.id}`,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: "document",
        payload: { documentId: document.id },
        dueAt: sendAt,
        memberId: person.id,
        meetingId: meeting.id,
      });
    }
    await audit(tx, {
      actorId: actor.memberId,
      action: "document.attach",
      entity: "Meeting",
      entityId: meeting.id,
      after: { documentId: document.id, title, url, fileName: document.fileName, sendAt },
      at: now,
    });
    return { document, created: await writeIntents(tx, intents), count: intents.length };
  });
  await services.dispatcher.dispatch(created);
  return { document, recipients: count, sendAt: document.sendAt, now: document.sendAt <= now };
}

/** The "Đã đọc" button's data: `dr:<document22>`, 25 bytes. */
export const documentReadData = (documentId: string) => `dr:${shortId(documentId)}`;

/** Renders a document delivery when due; null once the meeting started or was cancelled. */
export async function prepareDocument(
  { db, t }: { db: Db; t: Translate },
  delivery: Delivery,
  now: Date,
): Promise<OutgoingMessage | null> {
  const { documentId } = delivery.payload as { documentId?: string };
  if (!documentId) return null;
  const document = await db.meetingDocument.findUnique({ where: { id: documentId } });
  if (!document) return null;
  const meeting = await db.meeting.findUnique({
    where: { id: document.meetingId },
    include: { unit: { select: { name: true } } },
  });
  if (!meeting || meeting.status !== "PLANNED" || meeting.startsAt <= now) return null;
  const lines = [
    t("tailieu-message", {
      cell: meeting.unit.name,
      title: document.title,
      ...meetingArgs(t, meeting),
    }),
    ...(document.url ? [document.url] : []),
    ...(document.fileId && delivery.platform !== "TELEGRAM"
      ? [t("zalo-file-omitted", { name: document.fileName ?? "" })]
      : []),
    "",
    t("tailieu-message-read"),
  ];
  return {
    text: lines.join("\n"),
    buttons: [[{ label: t("tailieu-button-read"), data: documentReadData(document.id) }]],
    ...(document.fileId && delivery.platform === "TELEGRAM" ? { fileId: document.fileId } : {}),
  };
}

/** "Đã đọc": recorded before it is acknowledged; only a recipient of the document may say it. */
export async function markDocumentRead(services: Services, actor: Actor, documentId: string) {
  const { db, clock } = services;
  const document = await db.meetingDocument.findUnique({ where: { id: documentId } });
  if (!document) throw new UserError("error-stale-button");
  const sent = await db.delivery.findUnique({
    where: { idempotencyKey: `doc_${documentId}_${actor.memberId}` },
  });
  if (!sent) throw new UserError("error-not-allowed");
  const { count } = await db.documentRead.createMany({
    data: [{ documentId, memberId: actor.memberId, readAt: clock.now() }],
    skipDuplicates: true,
  });
  return { title: document.title, already: count === 0 };
}

export interface DocumentReadState {
  title: string;
  sendAt: Date;
  sent: boolean;
  read: { id: string; fullName: string; readAt: Date }[];
  unread: { id: string; fullName: string }[];
}

/** Who has read each document of a meeting (for /tinhhinh); the secretary's own cell only. */
export async function documentReads(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<DocumentReadState[]> {
  const { db } = services;
  const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting || !canLead(actor, meeting.unitId)) throw new UserError("error-not-allowed");
  const documents = await db.meetingDocument.findMany({
    where: { meetingId },
    orderBy: { createdAt: "asc" },
  });
  const out: DocumentReadState[] = [];
  for (const d of documents) {
    const [deliveries, reads] = await Promise.all([
      db.delivery.findMany({
        where: { idempotencyKey: { startsWith: `doc_${d.id}_` } },
        select: { memberId: true, status: true },
      }),
      db.documentRead.findMany({ where: { documentId: d.id } }),
    ]);
    const ids = deliveries.flatMap((x) => (x.memberId ? [x.memberId] : []));
    const people = await db.member.findMany({
      where: { id: { in: ids } },
      select: { id: true, fullName: true },
    });
    const readAt = new Map(reads.map((r) => [r.memberId, r.readAt]));
    out.push({
      title: d.title,
      sendAt: d.sendAt,
      sent: deliveries.some((x) => x.status === "SENT"),
      read: byName(people.filter((p) => readAt.has(p.id))).map((p) => ({
        ...p,
        readAt: readAt.get(p.id)!,
      })),
      unread: byName(people.filter((p) => !readAt.has(p.id))),
    });
  }
  return out;
}

/** /tinhhinh's lines about the documents; none when the meeting has none. */
export function documentReadLines(t: Services["t"], states: DocumentReadState[]): string[] {
  const lines: string[] = [];
  for (const d of states) {
    const at = meetingArgs(t, { startsAt: d.sendAt, kind: "REGULAR", place: null, agenda: null });
    lines.push(
      t("tailieu-overview", {
        title: d.title,
        read: d.read.length,
        total: d.read.length + d.unread.length,
        sent: d.sent ? "yes" : "no",
        time: at.time,
        date: at.date,
      }),
    );
    if (d.read.length > 0)
      lines.push(t("tailieu-overview-read", { names: d.read.map((p) => p.fullName).join(", ") }));
    if (d.unread.length > 0)
      lines.push(
        t("tailieu-overview-unread", { names: d.unread.map((p) => p.fullName).join(", ") }),
      );
  }
  return lines.length > 0 ? ["", ...lines] : [];
}
