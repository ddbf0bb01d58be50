import { createHmac, randomBytes } from "node:crypto";
import type { Platform } from "@prisma/client";
import QRCode from "qrcode";
import { standingOn } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import { type Actor, canLead } from "../actors.ts";
import { audit } from "../audit.ts";
import { fromShortId, shortId } from "../callback-data.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { toDomainMember } from "../members.ts";
import { lockMeeting, lockMember, TX_OPTIONS } from "./guards.ts";

/**
 * Self check-in (issue 16): while the roll call is open a secretary shows a code — a deep link
 * `ci_<meeting22><token16>` (the QR) and a 6-digit number (Zalo, no camera). Both are an HMAC of
 * the meeting's random seed and the current time window, so nothing per code is stored and an
 * old photo stops working when the window turns. Wrong codes count towards a lock as invite codes.
 */

export const CHECKIN_PREFIX = "ci_";
export const MAX_WRONG_CHECKINS = 5;
const LOCK_MS = 3_600_000;
/** A code just replaced still works this long: a member who scanned it as it turned is not refused. */
const GRACE_MS = 15_000;
const NUMERIC = /^\d{6}$/;

export interface CheckinCode {
  meetingId: string;
  /** The deep link's start parameter (`ci_…`, ≤ 64 characters of [A-Za-z0-9_-]). */
  startParam: string;
  numeric: string;
  validUntil: Date;
}

const windowOf = (at: Date, rotateMs: number) => Math.floor(at.getTime() / rotateMs);

function codesFor(secret: string, window: number) {
  const mac = (what: string) => createHmac("sha256", secret).update(`${what}:${window}`).digest();
  return {
    token: mac("t").toString("base64url").slice(0, 16),
    numeric: String(mac("n").readUInt32BE(0) % 1_000_000).padStart(6, "0"),
  };
}

/** The windows whose code is accepted now: the current one, and the last one for a few seconds. */
function acceptedWindows(now: Date, rotateMs: number): number[] {
  const current = windowOf(now, rotateMs);
  return now.getTime() - current * rotateMs < GRACE_MS ? [current, current - 1] : [current];
}

/** The current code of an open roll call the actor leads (the seed is made on first use, audited). */
export async function showCheckinCode(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<CheckinCode> {
  const { db, clock, settings } = services;
  const now = clock.now();
  const secret = await db.$transaction(async (tx) => {
    if (!(await lockMeeting(tx, meetingId, "update")))
      throw new UserError("error-meeting-not-found");
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    if (!canLead(actor, meeting.unitId)) throw new UserError("error-not-allowed");
    if (!meeting.rollCallOpenedAt || meeting.rollCallClosedAt || meeting.status === "CANCELLED")
      throw new UserError("checkin-roll-call-not-open");
    if (meeting.checkinSecret) return meeting.checkinSecret;
    const seed = randomBytes(32).toString("base64url");
    await tx.meeting.update({ where: { id: meetingId }, data: { checkinSecret: seed } });
    await audit(tx, {
      actorId: actor.memberId,
      action: "rollcall.checkin-code",
      entity: "Meeting",
      entityId: meetingId,
      at: now,
    });
    return seed;
  }, TX_OPTIONS);
  const window = windowOf(now, settings.checkinRotateMs);
  const { token, numeric } = codesFor(secret, window);
  return {
    meetingId,
    startParam: `${CHECKIN_PREFIX}${shortId(meetingId)}${token}`,
    numeric,
    validUntil: new Date((window + 1) * settings.checkinRotateMs),
  };
}

/** The QR image (PNG) of a Telegram deep link. */
export function checkinQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 360 });
}

export const checkinLink = (botUsername: string, code: CheckinCode) =>
  `https://t.me/${botUsername}?start=${code.startParam}`;

/** A text that is a check-in code: a `ci_…` start parameter or six digits. */
export const looksLikeCheckin = (text: string) =>
  text.trim().startsWith(CHECKIN_PREFIX) || NUMERIC.test(text.trim());

export interface CheckinResult {
  name: string;
  at: Date;
  already: boolean;
}

/**
 * A member checks in with a code: marked present with the time (`selfCheckedAt`), audited. A
 * wrong or old code counts towards the lock; a member of another cell, a closed roll call or an
 * unlinked chat is refused and changes nothing.
 */
export async function checkIn(
  services: Services,
  chat: { platform: Platform; externalId: string },
  actor: Actor | null,
  rawCode: string,
): Promise<CheckinResult> {
  const { db, clock, settings } = services;
  const now = clock.now();
  const since = new Date(now.getTime() - LOCK_MS);
  const where = { platform: chat.platform, externalId: chat.externalId, at: { gt: since } };
  if (!actor) throw new UserError("checkin-unlinked");
  if ((await db.checkinAttempt.count({ where })) >= MAX_WRONG_CHECKINS)
    throw new UserError("checkin-locked");
  const code = rawCode.trim();
  const windows = acceptedWindows(now, settings.checkinRotateMs);

  const wrong = async (key: "checkin-bad-code" | "checkin-expired") => {
    await db.checkinAttempt.create({ data: { ...chat, at: now } });
    const count = await db.checkinAttempt.count({ where });
    if (count >= MAX_WRONG_CHECKINS) return new UserError("checkin-locked");
    return new UserError(key, { left: MAX_WRONG_CHECKINS - count });
  };

  let meetingId: string | null = null;
  if (code.startsWith(CHECKIN_PREFIX)) {
    const body = code.slice(CHECKIN_PREFIX.length);
    meetingId = fromShortId(body.slice(0, 22));
    const token = body.slice(22);
    if (!meetingId) throw await wrong("checkin-bad-code");
    const meeting = await db.meeting.findUnique({ where: { id: meetingId } });
    if (!meeting?.checkinSecret) throw await wrong("checkin-bad-code");
    if (meeting.unitId !== actor.cellId) throw new UserError("checkin-other-cell");
    if (!meeting.rollCallOpenedAt || meeting.rollCallClosedAt || meeting.status === "CANCELLED")
      throw new UserError("checkin-closed");
    const secret = meeting.checkinSecret;
    if (!windows.some((w) => codesFor(secret, w).token === token))
      throw await wrong("checkin-expired");
  } else {
    if (!NUMERIC.test(code)) throw await wrong("checkin-bad-code");
    if (!actor.cellId) throw new UserError("checkin-other-cell");
    // A six-digit code names no meeting: it is the code of the member's own cell's open roll call.
    const open = await db.meeting.findMany({
      where: {
        unitId: actor.cellId,
        status: { not: "CANCELLED" },
        rollCallOpenedAt: { not: null },
        rollCallClosedAt: null,
        checkinSecret: { not: null },
      },
    });
    const match = open.find((m) =>
      windows.some((w) => codesFor(m.checkinSecret!, w).numeric === code),
    );
    if (!match) {
      const current = windowOf(now, settings.checkinRotateMs);
      const recent = open.some((m) =>
        Array.from({ length: 30 }, (_, i) => current - i).some(
          (w) => codesFor(m.checkinSecret!, w).numeric === code,
        ),
      );
      throw await wrong(recent ? "checkin-expired" : "checkin-bad-code");
    }
    meetingId = match.id;
  }

  const id = meetingId;
  return db.$transaction(async (tx) => {
    await lockMeeting(tx, id, "share");
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id } });
    if (!meeting.rollCallOpenedAt || meeting.rollCallClosedAt || meeting.status === "CANCELLED")
      throw new UserError("checkin-closed");
    await lockMember(tx, id, actor.memberId);
    const member = await tx.member.findUniqueOrThrow({
      where: { id: actor.memberId },
      include: { statusPeriods: true },
    });
    if (
      member.cellId !== meeting.unitId ||
      standingOn(toDomainMember(member), localDate(meeting.startsAt)) === "outside"
    )
      throw new UserError("checkin-other-cell");
    const before = await tx.attendance.findUnique({
      where: { meetingId_memberId: { meetingId: id, memberId: member.id } },
    });
    if (before?.status === "PRESENT")
      return { name: member.fullName, at: before.selfCheckedAt ?? before.markedAt, already: true };
    const data = {
      status: "PRESENT" as const,
      reason: null,
      reasonAccepted: true,
      guest: false,
      markedById: member.id,
      markedAt: now,
      selfCheckedAt: now,
    };
    await tx.attendance.upsert({
      where: { meetingId_memberId: { meetingId: id, memberId: member.id } },
      create: { meetingId: id, memberId: member.id, ...data },
      update: data,
    });
    await audit(tx, {
      actorId: member.id,
      action: "rollcall.self-checkin",
      entity: "Meeting",
      entityId: id,
      before: before
        ? { memberId: member.id, status: before.status }
        : { memberId: member.id, status: null },
      after: { memberId: member.id, status: "PRESENT", selfCheckedAt: now },
      at: now,
    });
    return { name: member.fullName, at: now, already: false };
  }, TX_OPTIONS);
}

/**
 * "Đã tự điểm danh: 14/20" for /tinhhinh: the cell's meeting whose roll call is open, how many
 * checked themselves in of the members on its roster; null when no roll call is open.
 */
export async function selfCheckinCount(
  services: Services,
  unitId: string,
): Promise<{ meetingId: string; self: number; total: number } | null> {
  const { db } = services;
  const meeting = await db.meeting.findFirst({
    where: {
      unitId,
      status: { not: "CANCELLED" },
      rollCallOpenedAt: { not: null },
      rollCallClosedAt: null,
    },
    orderBy: { startsAt: "desc" },
  });
  if (!meeting) return null;
  const date = localDate(meeting.startsAt);
  const [members, self] = await Promise.all([
    db.member.findMany({ where: { cellId: unitId }, include: { statusPeriods: true } }),
    db.attendance.count({ where: { meetingId: meeting.id, selfCheckedAt: { not: null } } }),
  ]);
  const total = members.filter((m) => standingOn(toDomainMember(m), date) !== "outside").length;
  return { meetingId: meeting.id, self, total };
}
