// Who may open the web console and how (issue 17): a single-use sign-in link asked for in chat
// (`/web`), sent through the delivery ledger, opens a 12-hour session; an office administrator
// (granted from the CLI) sees every unit. Tokens are random and stored only as SHA-256 hashes.
import { createHash, randomBytes } from "node:crypto";
import type { Platform } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { type Actor, unitsInChargeOf } from "./actors.ts";
import { audit } from "./audit.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { writeIntents } from "./ledger.ts";
import { actorReportUnits } from "./report/index.ts";
import { BOUNDED_TX } from "./transactions.ts";

export const SIGN_IN_LINK_MS = 10 * 60_000;
export const SESSION_MS = 12 * 3_600_000;
export const WEB_LOGIN_PATH = "/web/dang-nhap";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

/** The person behind a web request: the chat's actor, whether they administer, what they see. */
export interface WebViewer extends Actor {
  admin: boolean;
  /** Meeting units in scope; null = every unit (an administrator). */
  units: string[] | null;
  sessionId: string;
}

/** The member as an Actor, read by id (the web has no chat identity to start from). */
async function actorById(db: Db, memberId: string): Promise<Actor | null> {
  const member = await db.member.findUnique({ where: { id: memberId }, include: { cell: true } });
  if (!member || member.leftOn) return null;
  return {
    memberId: member.id,
    fullName: member.fullName,
    cellId: member.cellId,
    cellName: member.cell?.name ?? null,
    cellRole: member.cellRole,
    leads: member.cellRole !== "MEMBER" && member.cellId !== null,
    inChargeOf: await unitsInChargeOf(db, member.id),
  };
}

async function isAdmin(db: Db, memberId: string) {
  return (await db.webAdmin.count({ where: { memberId } })) > 0;
}

/** May this person use the console at all: a leader, a committee member or an administrator. */
async function mayUseWeb(db: Db, actor: Actor) {
  return actorReportUnits(actor).length > 0 || (await isAdmin(db, actor.memberId));
}

/**
 * `/web` (Zalo `web`): a fresh single-use link for the person, written into the ledger for the
 * chat they asked from. Older unused links die. Refused for a plain member.
 */
export async function requestSignInLink(
  services: Services,
  actor: Actor,
  chat: { platform: Platform; chatId: string },
) {
  const { db, clock, settings, t } = services;
  if (!(await mayUseWeb(db, actor))) throw new UserError("web-not-allowed");
  const now = clock.now();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MS);
  const url = `${settings.webUrl}${WEB_LOGIN_PATH}/${token}`;
  const created = await db.$transaction(async (tx) => {
    await tx.webSignInLink.updateMany({
      where: { memberId: actor.memberId, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const link = await tx.webSignInLink.create({
      data: { tokenHash: hash(token), memberId: actor.memberId, expiresAt },
    });
    await audit(tx, {
      actorId: actor.memberId,
      action: "web.link",
      entity: "Member",
      entityId: actor.memberId,
      after: { expiresAt },
      at: now,
    });
    return writeIntents(tx, [
      {
        idempotencyKey: `web_link_${link.id}`,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: "notice",
        payload: { text: t("web-link", { url, minutes: SIGN_IN_LINK_MS / 60_000 }) },
        dueAt: now,
        memberId: actor.memberId,
      },
    ]);
  }, BOUNDED_TX);
  await services.dispatcher.dispatch(created);
  return { url, expiresAt };
}

/** Opens a session with a link; null for an unknown, used or expired link (nothing changes then). */
export async function redeemSignInLink(services: Services, token: string) {
  const { db, clock } = services;
  const now = clock.now();
  const link = await db.webSignInLink.findUnique({ where: { tokenHash: hash(token) } });
  if (!link || link.usedAt || link.expiresAt <= now) return null;
  const actor = await actorById(db, link.memberId);
  if (!actor || !(await mayUseWeb(db, actor))) return null;
  const session = newToken();
  const opened = await db.$transaction(async (tx) => {
    const used = await tx.webSignInLink.updateMany({
      where: { id: link.id, usedAt: null },
      data: { usedAt: now },
    });
    if (used.count !== 1) return false;
    await tx.webSession.create({
      data: {
        tokenHash: hash(session),
        memberId: link.memberId,
        expiresAt: new Date(now.getTime() + SESSION_MS),
      },
    });
    await audit(tx, {
      actorId: link.memberId,
      action: "web.sign-in",
      entity: "Member",
      entityId: link.memberId,
      at: now,
    });
    return true;
  }, BOUNDED_TX);
  return opened ? { token: session, maxAgeSeconds: SESSION_MS / 1000 } : null;
}

/** The viewer of a session cookie, read again on every request; null when it is not valid now. */
export async function viewerForSession(
  services: Services,
  token: string | undefined,
): Promise<WebViewer | null> {
  if (!token) return null;
  const { db, clock } = services;
  const session = await db.webSession.findUnique({ where: { tokenHash: hash(token) } });
  if (!session || session.revokedAt || session.expiresAt <= clock.now()) return null;
  const actor = await actorById(db, session.memberId);
  if (!actor) return null;
  const admin = await isAdmin(db, actor.memberId);
  const units = admin ? null : actorReportUnits(actor);
  if (units && units.length === 0) return null;
  return { ...actor, admin, units, sessionId: session.id };
}

/** The CSRF token of a session: derived from its secret, so it is never stored. */
export const csrfToken = (sessionToken: string) => hash(`csrf:${sessionToken}`).slice(0, 32);

/** "Đăng xuất mọi nơi": every open session of the member ends now. */
export async function signOutEverywhere(services: Services, viewer: WebViewer) {
  const { db, clock } = services;
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const { count } = await tx.webSession.updateMany({
      where: { memberId: viewer.memberId, revokedAt: null },
      data: { revokedAt: now },
    });
    await audit(tx, {
      actorId: viewer.memberId,
      action: "web.sign-out-everywhere",
      entity: "Member",
      entityId: viewer.memberId,
      after: { sessions: count },
      at: now,
    });
  }, BOUNDED_TX);
}

/** `npm run cli -- admin grant <member-code>`: the member becomes an office administrator. */
export async function grantWebAdmin(services: Pick<Services, "db" | "clock">, code: string) {
  const { db, clock } = services;
  const now = clock.now();
  const member = await db.member.findUnique({ where: { code } });
  if (!member || member.leftOn) throw new UserError("web-admin-unknown-member", { code });
  return db.$transaction(async (tx) => {
    const existing = await tx.webAdmin.findUnique({ where: { memberId: member.id } });
    if (existing) return { member, granted: false };
    await tx.webAdmin.create({ data: { memberId: member.id, grantedAt: now } });
    await audit(tx, {
      actorId: null,
      action: "web.admin-grant",
      entity: "Member",
      entityId: member.id,
      before: { admin: false },
      after: { admin: true },
      at: now,
    });
    return { member, granted: true };
  }, BOUNDED_TX);
}

/** Is this meeting unit in the viewer's scope (checked on every request, as in chat). */
export const inScope = (viewer: WebViewer, unitId: string | null | undefined) =>
  !!unitId && (viewer.units === null || viewer.units.includes(unitId));
