import type { Meeting, MeetingKind, Unit } from "@prisma/client";
import { displayParts } from "../domain/local-time.ts";
import { type Actor, canLead } from "./actors.ts";
import { audit } from "./audit.ts";
import { requireCellLeader } from "./auth.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { cancelPending, type DeliveryIntent, writeIntents } from "./ledger.ts";
import { meetingDurationMinutes } from "./planner.ts";
import { reminderIntents } from "./reminders.ts";
import { BOUNDED_TX } from "./transactions.ts";

export interface MeetingChange {
  startsAt?: Date;
  place?: string | null;
  agenda?: string | null;
}

/** A meeting is planned at most this far ahead: a typo in the year should not pass. */
export const MAX_DAYS_AHEAD = 366;
export const MAX_PLACE_LENGTH = 200;
export const MAX_AGENDA_LENGTH = 1000;

/** Checks what a secretary typed before anything is written; the channel checks it too, kindly. */
function checkChange(change: MeetingChange, now: Date) {
  if (change.startsAt && change.startsAt <= now) throw new UserError("error-meeting-in-past");
  if (change.startsAt && change.startsAt.getTime() - now.getTime() > MAX_DAYS_AHEAD * 86_400_000)
    throw new UserError("error-meeting-too-far", { days: MAX_DAYS_AHEAD });
  if (change.place && [...change.place].length > MAX_PLACE_LENGTH)
    throw new UserError("error-text-too-long", { max: MAX_PLACE_LENGTH });
  if (change.agenda && [...change.agenda].length > MAX_AGENDA_LENGTH)
    throw new UserError("error-text-too-long", { max: MAX_AGENDA_LENGTH });
}

/** The cell's planned meetings still ahead, soonest first: what /lichhop offers to change. */
export async function upcomingMeetings(
  services: Services,
  actor: Actor,
  unitId: string,
  limit = 4,
) {
  if (!canLead(actor, unitId)) throw new UserError("error-not-allowed");
  return services.db.meeting.findMany({
    where: { unitId, status: "PLANNED", startsAt: { gt: services.clock.now() } },
    orderBy: { startsAt: "asc" },
    take: limit,
    include: { unit: true },
  });
}

export interface NewMeeting {
  unitId: string;
  kind: MeetingKind;
  startsAt: Date;
  /** null or absent: the cell's usual place. */
  place?: string | null;
  agenda?: string | null;
}

/**
 * A secretary adds a meeting the planner does not make: an extra regular one or a thematic one
 * (R2c). The planner never touches it; its reminders are written in the same transaction.
 */
export async function createMeeting(services: Services, actorId: string, input: NewMeeting) {
  const { db, clock, settings } = services;
  const now = clock.now();
  checkChange(input, now);
  const { meeting, created } = await db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: input.unitId } });
    if (!unit || (unit.kind !== "CELL" && unit.kind !== "GRASSROOTS_CELL"))
      throw new UserError("error-not-allowed");
    await requireCellLeader(tx, actorId, unit.id);
    const twin = await tx.meeting.findFirst({
      where: { unitId: unit.id, kind: input.kind, startsAt: input.startsAt, status: "PLANNED" },
    });
    if (twin) throw new UserError("error-meeting-duplicate");
    const meeting = await tx.meeting.create({
      data: {
        unitId: unit.id,
        kind: input.kind,
        startsAt: input.startsAt,
        plannedEndAt: new Date(input.startsAt.getTime() + meetingDurationMinutes(input) * 60_000),
        place: input.place ?? unit.meetingPlace,
        agenda: input.agenda ?? null,
        setBySecretary: true,
      },
      include: { unit: true },
    });
    await audit(tx, {
      actorId,
      action: "meeting.create",
      entity: "Meeting",
      entityId: meeting.id,
      after: { ...pick(meeting), kind: meeting.kind },
      at: now,
    });
    const intents = await reminderIntents(tx, meeting, settings, now);
    return { meeting, created: await writeIntents(tx, intents) };
  }, BOUNDED_TX);
  await services.dispatcher.dispatch(created);
  return meeting;
}

/**
 * A secretary sets or moves a meeting: the planner will not touch it again, pending reminders for
 * the old start are replaced, and members already reminded are told the new time or place.
 */
export async function moveMeeting(
  services: Services,
  actorId: string,
  meetingId: string,
  change: MeetingChange,
) {
  const { db, clock, settings, t } = services;
  const now = clock.now();
  const { meeting, created, cancelled } = await db.$transaction(async (tx) => {
    const before = await tx.meeting.findUnique({
      where: { id: meetingId },
      include: { unit: true },
    });
    if (!before) throw new UserError("error-meeting-not-found");
    await requireCellLeader(tx, actorId, before.unitId);
    if (before.status !== "PLANNED") throw new UserError("error-meeting-not-planned");
    if (before.startsAt <= now) throw new UserError("error-meeting-started");
    checkChange(change, now);
    const startsAt = change.startsAt ?? before.startsAt;
    const meeting = await tx.meeting.update({
      where: { id: meetingId },
      data: {
        startsAt,
        plannedEndAt: new Date(startsAt.getTime() + meetingDurationMinutes(before) * 60_000),
        place: change.place === undefined ? before.place : change.place,
        agenda: change.agenda === undefined ? before.agenda : change.agenda,
        setBySecretary: true,
      },
      include: { unit: true },
    });
    await audit(tx, {
      actorId,
      action: "meeting.move",
      entity: "Meeting",
      entityId: meetingId,
      before: pick(before),
      after: pick(meeting),
      at: now,
    });
    let cancelled: string[] = [];
    const moved = startsAt.getTime() !== before.startsAt.getTime();
    if (moved)
      cancelled = await cancelPending(tx, { meetingId, kind: "reminder" }, "meeting moved");
    // Those reminded of the old time or place must hear of the new one.
    const notices: DeliveryIntent[] =
      moved || meeting.place !== before.place
        ? await noticesToReminded(
            tx,
            before,
            moved ? `moved_${startsAt.getTime() / 1000}` : `place_${now.getTime()}`,
            movedText(t, meeting),
            now,
          )
        : [];
    const intents = [...notices, ...(await reminderIntents(tx, meeting, settings, now))];
    return { meeting, created: await writeIntents(tx, intents), cancelled };
  }, BOUNDED_TX);
  await services.dispatcher.dispatch(created, cancelled);
  return meeting;
}

/** A secretary cancels a meeting: no more reminders, and those already reminded are told. */
export async function cancelMeeting(services: Services, actorId: string, meetingId: string) {
  const { db, clock, t } = services;
  const now = clock.now();
  const { created, cancelled } = await db.$transaction(async (tx) => {
    const meeting = await tx.meeting.findUnique({
      where: { id: meetingId },
      include: { unit: true },
    });
    if (!meeting) throw new UserError("error-meeting-not-found");
    await requireCellLeader(tx, actorId, meeting.unitId);
    if (meeting.status !== "PLANNED") throw new UserError("error-meeting-not-planned");
    if (meeting.startsAt <= now) throw new UserError("error-meeting-started");
    await tx.meeting.update({
      where: { id: meetingId },
      data: { status: "CANCELLED", setBySecretary: true },
    });
    await audit(tx, {
      actorId,
      action: "meeting.cancel",
      entity: "Meeting",
      entityId: meetingId,
      before: pick(meeting),
      after: { status: "CANCELLED" },
      at: now,
    });
    const cancelled = await cancelPending(tx, { meetingId }, "meeting cancelled");
    const when = displayParts(meeting.startsAt);
    const text = t("meeting-cancelled", {
      cell: meeting.unit.name,
      date: when.date,
      time: when.time,
    });
    const notices = await noticesToReminded(tx, meeting, "cancelled", text, now);
    return { created: await writeIntents(tx, notices), cancelled };
  }, BOUNDED_TX);
  await services.dispatcher.dispatch(created, cancelled);
}

/** One notice per member who already received (or may have received) a reminder of this meeting. */
async function noticesToReminded(
  tx: Parameters<Parameters<Services["db"]["$transaction"]>[0]>[0],
  meeting: Meeting & { unit: Unit },
  event: string,
  text: string,
  now: Date,
): Promise<DeliveryIntent[]> {
  const reminded = await tx.delivery.findMany({
    where: {
      meetingId: meeting.id,
      kind: "reminder",
      status: { in: ["SENT", "UNKNOWN", "SENDING"] },
    },
    distinct: ["memberId"],
    select: { memberId: true, platform: true, chatId: true },
  });
  return reminded.map((r) => ({
    idempotencyKey: `notice_${meeting.id}_${event}_${r.memberId}`,
    platform: r.platform,
    chatId: r.chatId,
    kind: "notice",
    payload: { text },
    dueAt: now,
    memberId: r.memberId,
    meetingId: meeting.id,
  }));
}

function movedText(t: Services["t"], meeting: Meeting & { unit: Unit }) {
  const when = displayParts(meeting.startsAt);
  return t("meeting-moved", {
    cell: meeting.unit.name,
    weekday: t("weekday", { day: when.day }),
    date: when.date,
    time: when.time,
    place: meeting.place ?? t("place-unknown"),
  });
}

function pick(m: Meeting) {
  return { startsAt: m.startsAt, place: m.place, agenda: m.agenda, status: m.status };
}
