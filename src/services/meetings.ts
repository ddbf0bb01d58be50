import type { Meeting, Unit } from "@prisma/client";
import { displayParts } from "../domain/local-time.ts";
import { audit } from "./audit.ts";
import { requireCellLeader } from "./auth.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { cancelPending, type DeliveryIntent, writeIntents } from "./ledger.ts";
import { meetingDurationMinutes } from "./planner.ts";
import { reminderIntents } from "./reminders.ts";

export interface MeetingChange {
  startsAt?: Date;
  place?: string | null;
  agenda?: string | null;
}

/**
 * A secretary sets or moves a meeting: the planner will not touch it again, pending reminders for
 * the old start are replaced, and members already reminded are told the new time.
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
    if (change.startsAt && change.startsAt <= now) throw new UserError("error-meeting-in-past");
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
    const notices: DeliveryIntent[] = [];
    if (startsAt.getTime() !== before.startsAt.getTime()) {
      cancelled = await cancelPending(tx, { meetingId, kind: "reminder" }, "meeting moved");
      const when = displayParts(startsAt);
      const text = t("meeting-moved", {
        cell: meeting.unit.name,
        weekday: t("weekday", { day: when.day }),
        date: when.date,
        time: when.time,
        place: meeting.place ?? t("place-unknown"),
      });
      notices.push(
        ...(await noticesToReminded(tx, before, `moved_${startsAt.getTime() / 1000}`, text, now)),
      );
    }
    const intents = [...notices, ...(await reminderIntents(tx, meeting, settings, now))];
    return { meeting, created: await writeIntents(tx, intents), cancelled };
  });
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
  });
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

function pick(m: Meeting) {
  return { startsAt: m.startsAt, place: m.place, agenda: m.agenda, status: m.status };
}
