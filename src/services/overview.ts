import { isEligible } from "../domain/eligibility.ts";
import { localDate } from "../domain/local-time.ts";
import { projection } from "../domain/rate.ts";
import { excusedStreaks } from "../domain/streaks.ts";
import { type Actor, canOversee } from "./actors.ts";
import type { Services } from "./context.ts";
import { UserError } from "./errors.ts";
import { cellHistory } from "./history.ts";
import { toDomainMember } from "./members.ts";
import { yearStart } from "./months.ts";

/** The cell's next planned meeting that has not started yet. */
export async function nextMeeting(services: Services, unitId: string) {
  return services.db.meeting.findFirst({
    where: { unitId, status: "PLANNED", startsAt: { gt: services.clock.now() } },
    orderBy: { startsAt: "asc" },
    include: { unit: true },
  });
}

/** /lich: the member's next meeting and their answer to it. */
export async function myNextMeeting(services: Services, actor: Actor) {
  if (!actor.cellId) return null;
  const meeting = await nextMeeting(services, actor.cellId);
  if (!meeting) return null;
  const answer = await services.db.answer.findUnique({
    where: { meetingId_memberId: { meetingId: meeting.id, memberId: actor.memberId } },
  });
  return { meeting, answer };
}

/** /tinhhinh: who said they come, who declined (with reasons), who has not answered; R3 projection. */
export async function answersOverview(services: Services, actor: Actor, unitId: string) {
  if (!canOversee(actor, unitId)) throw new UserError("error-not-allowed");
  const meeting = await nextMeeting(services, unitId);
  if (!meeting) return null;
  const { db, settings } = services;
  const [members, answers, sends] = await Promise.all([
    db.member.findMany({
      where: { cellId: unitId },
      include: { statusPeriods: true },
      orderBy: { fullName: "asc" },
    }),
    db.answer.findMany({ where: { meetingId: meeting.id } }),
    reminderSends(services, meeting.id),
  ]);
  const date = localDate(meeting.startsAt);
  const byMember = new Map(answers.map((a) => [a.memberId, a]));
  const eligible = members.filter((m) => isEligible(toDomainMember(m), date));
  const outlook = projection(
    members.map(toDomainMember),
    date,
    Object.fromEntries(
      answers.map((a) => [a.memberId, a.kind === "ATTENDING" ? "attending" : "declined"] as const),
    ),
    settings.policy,
  );
  return {
    meeting,
    attending: eligible.filter((m) => byMember.get(m.id)?.kind === "ATTENDING"),
    declined: eligible
      .filter((m) => byMember.get(m.id)?.kind === "ABSENT")
      .map((m) => ({ member: m, reason: byMember.get(m.id)!.reason ?? "" })),
    silent: eligible.filter((m) => !byMember.has(m.id)),
    projection: outlook,
    sends,
  };
}

/** A reminder kind still to go out for a meeting: when its first and last sends are planned. */
export interface ReminderSends {
  kind: string;
  first: Date;
  last: Date;
  /** The kind's target; `last` after it means the fan-out did not fit the send capacity. */
  target: Date | null;
}

/** The planned (real) send times of a meeting's pending reminders, per kind, soonest first. */
export async function reminderSends(
  services: Services,
  meetingId: string,
): Promise<ReminderSends[]> {
  const rows = await services.db.$queryRaw<
    { kind: string; first: Date; last: Date; target: Date | null }[]
  >`
    SELECT payload->>'reminder' AS kind, min("dueAt") AS first, max("dueAt") AS last,
      max("targetAt") AS target
    FROM "Delivery"
    WHERE "meetingId" = ${meetingId}::uuid AND kind = 'reminder' AND status = 'PENDING'
    GROUP BY 1 ORDER BY 2`;
  return rows;
}

/** /cuatoi: this year's record of the member and their current run of excused absences (R5). */
export async function myYear(services: Services, actor: Actor) {
  if (!actor.cellId) return null;
  const now = services.clock.now();
  const year = localDate(now).slice(0, 4);
  const { members, meetings } = await cellHistory(services.db, actor.cellId, {
    from: yearStart(year),
    to: now,
  });
  const me = members.find((m) => m.id === actor.memberId);
  if (!me) return null;
  const counted = meetings.filter((m) => isEligible(me, m.date));
  const tally = { present: 0, excused: 0, unexcused: 0 };
  for (const m of counted) tally[m.attendance[me.id] ?? "unexcused"]++;
  const streak = excusedStreaks(me, meetings, services.settings.policy).at(-1)?.streak ?? 0;
  return {
    year,
    meetings: counted.length,
    ...tally,
    streak,
    max: services.settings.policy.maxConsecutiveExcused,
  };
}
