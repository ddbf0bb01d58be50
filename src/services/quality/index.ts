import type { Prisma } from "@prisma/client";
import type { Db } from "../../db/client.ts";
import { meetingTimes } from "../../domain/duration.ts";
import type { MeetingRecord, Member } from "../../domain/eligibility.ts";
import { localDate } from "../../domain/local-time.ts";
import {
  attendanceFacts,
  choicePoints,
  type QualityFacts,
  type QualityItem,
  type QualityRubric,
} from "../../domain/quality.ts";
import type { Translate } from "../../i18n.ts";
import type { Settings } from "../../settings.ts";
import { type Actor, canLead } from "../actors.ts";
import { audit } from "../audit.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { cellHistory, countedAttendance } from "../history.ts";
import { type DueDelivery, writeIntents } from "../ledger.ts";
import { MINUTES_DOCX_KIND } from "../minutes/kind.ts";
import { yearStart } from "../months.ts";
import { preferredChat } from "../recipients.ts";
// Not through the door: the roll call's closing reads the score for the minutes (no cycle).
import { CORRECTION_WINDOW_MS } from "../rollcall/guards.ts";
import { type SentFacts, sentFacts } from "./facts.ts";
import { itemLabel, type MeetingQuality, type QualitySheet, scoreView } from "./view.ts";

/**
 * The meeting-quality score (issue 15, HD 42): the bot's items from the roll call and the ledger,
 * the secretary's from what they scored in chat. The door of src/services/quality/.
 */

export { type SentFacts, sentFacts } from "./facts.ts";
export { DEFAULT_RUBRIC_FILE, loadRubric, parseRubric } from "./rubric.ts";
export { qualitySheetText, qualityWindowText } from "./texts.ts";
export {
  gradeLabel,
  itemLabel,
  type MeetingQuality,
  type QualityItemView,
  type QualitySheet,
  qualityLine,
  qualityLines,
  qualityView,
  type SecretaryItem,
  scoreView,
} from "./view.ts";

export interface QualityDeps {
  db: Db | Prisma.TransactionClient;
  settings: Pick<Settings, "policy" | "qualityRubric">;
  t: Translate;
}

type Tx = Prisma.TransactionClient | Db;

/** The facts of one held meeting; null when it is not held. */
async function factsOf(
  db: Tx,
  settings: QualityDeps["settings"],
  meetingId: string,
): Promise<QualityFacts | null> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: { attendance: { where: { guest: false } } },
  });
  if (!meeting || meeting.status !== "HELD" || !meeting.rollCallClosedAt) return null;
  const date = localDate(meeting.startsAt);
  const history = await cellHistory(db, meeting.unitId, {
    from: yearStart(date.slice(0, 4)),
    to: meeting.startsAt,
  });
  const record = {
    id: meeting.id,
    kind: meeting.kind === "THEMATIC" ? ("thematic" as const) : ("regular" as const),
    date,
    attendance: countedAttendance(meeting.attendance),
  };
  const times = meetingTimes({
    plannedStart: meeting.startsAt,
    openedAt: meeting.rollCallOpenedAt,
    closedAt: meeting.rollCallClosedAt,
  });
  const sent = (await sentFacts(db, [meeting])).get(meeting.id)!;
  return {
    ...attendanceFacts({
      policy: settings.policy,
      members: history.members,
      meeting: record,
      history: history.meetings,
    }),
    ...sent,
    thematic: record.kind === "thematic",
    minutes: Math.floor((times.end.getTime() - times.start.getTime()) / 60_000),
    startsAt: meeting.startsAt,
    plannedEndAt: meeting.plannedEndAt,
    minutesSentAt: meeting.rollCallClosedAt,
  };
}

/**
 * A held meeting's quality score, item by item with why (Vietnamese), the total and the grade;
 * null when the meeting is not held. Channel-neutral: the minutes (.docx) call this.
 */
export async function meetingQuality(
  deps: QualityDeps,
  meetingId: string,
): Promise<MeetingQuality | null> {
  const facts = await factsOf(deps.db, deps.settings, meetingId);
  return facts ? scoreView(deps.t, deps.settings.qualityRubric, facts) : null;
}

/** One held meeting's score from facts already loaded (the monthly report loads a month at once). */
export function heldMeetingQuality(
  deps: Pick<QualityDeps, "settings" | "t">,
  input: {
    members: readonly Member[];
    meeting: MeetingRecord;
    history: readonly MeetingRecord[];
    startsAt: Date;
    plannedEndAt: Date;
    /** From meetingTimes; null when the roll call was not closed. */
    times: { openedAt: Date; closedAt: Date } | null;
    closedAt: Date | null;
    sent: SentFacts;
  },
): MeetingQuality {
  const { settings, t } = deps;
  const { times } = input;
  return scoreView(t, settings.qualityRubric, {
    ...attendanceFacts({
      policy: settings.policy,
      members: input.members,
      meeting: input.meeting,
      history: input.history,
    }),
    ...input.sent,
    thematic: input.meeting.kind === "thematic",
    minutes: times
      ? Math.floor((times.closedAt.getTime() - times.openedAt.getTime()) / 60_000)
      : null,
    startsAt: input.startsAt,
    plannedEndAt: input.plannedEndAt,
    minutesSentAt: input.closedAt,
  });
}

/** The meeting, held, in the actor's cell; throws UserError otherwise. */
async function ledHeldMeeting(db: Tx, actor: Actor, meetingId: string) {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    include: { unit: { select: { name: true } } },
  });
  if (!meeting) throw new UserError("error-meeting-not-found");
  if (!canLead(actor, meeting.unitId)) throw new UserError("error-not-allowed");
  if (meeting.status !== "HELD" || !meeting.rollCallClosedAt)
    throw new UserError("quality-error-not-held");
  return { ...meeting, rollCallClosedAt: meeting.rollCallClosedAt };
}

/** What the secretary sees when scoring: the whole score and their own items. */
export async function qualitySheet(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<QualitySheet> {
  const { db, settings, t, clock } = services;
  const meeting = await ledHeldMeeting(db, actor, meetingId);
  const quality = (await meetingQuality(services, meetingId))!;
  const rubric = settings.qualityRubric;
  const correctableUntil = new Date(meeting.rollCallClosedAt.getTime() + CORRECTION_WINDOW_MS);
  return {
    meetingId,
    cell: meeting.unit.name,
    startsAt: meeting.startsAt,
    quality,
    editable: clock.now().getTime() <= correctableUntil.getTime(),
    correctableUntil,
    secretaryItems: rubric.items.flatMap((item, index) =>
      item.by === "secretary" && item.rule.kind === "choice"
        ? [
            {
              index,
              key: item.key,
              label: itemLabel(t, rubric, item.key),
              max: item.max,
              partial: item.rule.partial,
              points: quality.items[index]?.points ?? null,
            },
          ]
        : [],
    ),
  };
}

/** The cell's last held meeting (the one a secretary scores with /chamdiem); null if none. */
export async function lastHeldMeeting(services: Services, actor: Actor): Promise<string | null> {
  if (!actor.cellId || !canLead(actor, actor.cellId)) throw new UserError("error-not-allowed");
  const meeting = await services.db.meeting.findFirst({
    where: { unitId: actor.cellId, status: "HELD", rollCallClosedAt: { not: null } },
    orderBy: { startsAt: "desc" },
    select: { id: true },
  });
  return meeting?.id ?? null;
}

export type QualityChoice = "full" | "partial" | "none" | number;

/**
 * The secretary scores one of their items (a short choice or a number within its maximum), within
 * the roll call's correction window; recorded and audited before it is acknowledged.
 */
export async function scoreQualityItem(
  services: Services,
  actor: Actor,
  meetingId: string,
  itemIndex: number,
  choice: QualityChoice,
): Promise<{ label: string; points: number; max: number; correction: boolean }> {
  const { db, clock, settings, t } = services;
  const rubric = settings.qualityRubric;
  const item: QualityItem | undefined = rubric.items[itemIndex];
  if (!item || item.by !== "secretary") throw new UserError("error-stale-button");
  const points = choicePoints(item, choice);
  if (points === null) throw new UserError("quality-error-points", { max: item.max });
  const now = clock.now();
  const { created, ...answer } = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${meetingId}::uuid FOR UPDATE`;
    const meeting = await ledHeldMeeting(tx, actor, meetingId);
    if (now.getTime() > meeting.rollCallClosedAt.getTime() + CORRECTION_WINDOW_MS)
      throw new UserError("quality-error-closed");
    const where = { meetingId_itemKey: { meetingId, itemKey: item.key } };
    const before = await tx.qualityScore.findUnique({ where });
    const data = { points, scoredById: actor.memberId, scoredAt: now };
    await tx.qualityScore.upsert({
      where,
      create: { meetingId, itemKey: item.key, ...data },
      update: data,
    });
    // The sheet just became complete: the closer's Word minutes again, now with the score.
    const scoredFile = before ? [] : await scoredMinutesIntent(tx, rubric, actor, meetingId, now);
    if (before?.points !== points)
      await audit(tx, {
        actorId: actor.memberId,
        action: before ? "quality.correction" : "quality.score",
        entity: "Meeting",
        entityId: meetingId,
        before: before ? { item: item.key, points: before.points } : null,
        after: { item: item.key, points },
        at: now,
      });
    return {
      label: itemLabel(t, rubric, item.key),
      points,
      max: item.max,
      correction: before !== null,
      created: scoredFile,
    };
  });
  await services.dispatcher.dispatch(created);
  return answer;
}

/** A Telegram scorer gets the Word file once the last secretary item is scored (Zalo: no files). */
async function scoredMinutesIntent(
  tx: Prisma.TransactionClient,
  rubric: QualityRubric,
  actor: Actor,
  meetingId: string,
  now: Date,
): Promise<DueDelivery[]> {
  const needed = rubric.items.filter((i) => i.by === "secretary").map((i) => i.key);
  const scored = await tx.qualityScore.count({ where: { meetingId, itemKey: { in: needed } } });
  if (scored !== needed.length) return [];
  const me = await tx.member.findUnique({
    where: { id: actor.memberId },
    include: { identities: true },
  });
  const chat = me && preferredChat(me.identities);
  if (chat?.platform !== "TELEGRAM") return [];
  return writeIntents(tx, [
    {
      idempotencyKey: `minutes-docx_${meetingId}_scored`,
      platform: chat.platform,
      chatId: chat.chatId,
      kind: MINUTES_DOCX_KIND,
      payload: { meetingId },
      dueAt: now,
      memberId: actor.memberId,
      meetingId,
    },
  ]);
}
