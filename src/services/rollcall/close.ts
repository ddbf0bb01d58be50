import { meetingTimes } from "../../domain/duration.ts";
import { standingOn } from "../../domain/eligibility.ts";
import { heldMeetingFindings } from "../../domain/findings.ts";
import { displayParts, localDate } from "../../domain/local-time.ts";
import { type Actor, canLead } from "../actors.ts";
import { type AlertInput, raiseAlerts } from "../alerts.ts";
import { unbuttonIntents } from "../answer-question.ts";
import { audit } from "../audit.ts";
import { wantsMeetingMessages } from "../committee-mode.ts";
import type { Services } from "../context.ts";
import { UserError } from "../errors.ts";
import { percent } from "../format.ts";
import { cellHistory } from "../history.ts";
import { type DeliveryIntent, writeIntents } from "../ledger.ts";
import { toDomainMember } from "../members.ts";
import { minutesDocxIntents } from "../minutes/index.ts";
import { yearStart } from "../months.ts";
import { meetingQuality } from "../quality/index.ts";
import { alertRecipients, preferredChat } from "../recipients.ts";
import { editableMeeting, TX_OPTIONS } from "./guards.ts";
import { minutesMessages } from "./texts.ts";
import {
  guestsOf,
  type Minutes,
  meetingRecord,
  minutesRows,
  type RosterView,
  rosterView,
} from "./view.ts";
import { voteResults } from "./votes.ts";

export interface CloseResult {
  view: RosterView;
  minutes: Minutes;
  /** True when the roll call was closed already: this sends the corrected minutes. */
  resent: boolean;
}

/** A notice's payload: an OutgoingMessage as JSON (the file's content is text). */
type NoticePayload = { text: string; file?: { name: string; content: string } };

/**
 * *Chốt điểm danh*: every eligible member still unmarked is absent without reason (R4), the
 * meeting is held; R3, R4, R5, R8 and R9 are computed by the domain, alerts raised (each at most
 * once), and the minutes (text and CSV) written as notices to the secretary, deputy and committee
 * members in charge, except the actor, who gets them as the direct reply. Pressed again within
 * 24 h, it sends the corrected minutes and raises what the corrections brought up.
 */
export async function closeRollCall(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<CloseResult> {
  const { db, clock, settings, t } = services;
  const { policy } = settings;
  const now = clock.now();
  const found = await db.meeting.findUnique({ where: { id: meetingId } });
  if (!found) throw new UserError("error-meeting-not-found");
  if (!canLead(actor, found.unitId)) throw new UserError("error-not-allowed");
  const year = localDate(found.startsAt).slice(0, 4);
  // Earlier held meetings of the year (R5, R8); this one is added from the roll call below.
  const history = await cellHistory(db, found.unitId, {
    from: yearStart(year),
    to: found.startsAt,
  });

  const { minutes, resent, created } = await db.$transaction(async (tx) => {
    const { meeting, correction: resent } = await editableMeeting(
      tx,
      actor,
      meetingId,
      now,
      "update",
    );
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: meeting.unitId } });
    const date = localDate(meeting.startsAt);
    const rows = await tx.member.findMany({
      where: { cellId: meeting.unitId },
      include: { statusPeriods: true },
    });
    const members = rows.map(toDomainMember);
    let closedAt = meeting.rollCallClosedAt ?? now;
    if (!resent) {
      await tx.attendance.createMany({
        data: members
          .filter((m) => standingOn(m, date) === "eligible")
          .map((m) => ({
            meetingId,
            memberId: m.id,
            status: "UNEXCUSED" as const,
            markedById: actor.memberId,
            markedAt: now,
          })),
        skipDuplicates: true,
      });
      await tx.meeting.update({
        where: { id: meetingId },
        data: { status: "HELD", rollCallClosedAt: now },
      });
      closedAt = now;
      await audit(tx, {
        actorId: actor.memberId,
        action: "rollcall.close",
        entity: "Meeting",
        entityId: meetingId,
        before: { status: meeting.status, rollCallClosedAt: null },
        after: { status: "HELD", rollCallClosedAt: now },
        at: now,
      });
    }
    const attendance = await tx.attendance.findMany({ where: { meetingId } });
    const record = meetingRecord({ ...meeting, date }, attendance);
    const times = meetingTimes({
      plannedStart: meeting.startsAt,
      openedAt: meeting.rollCallOpenedAt,
      closedAt,
    });
    const {
      outcome,
      duration,
      findings: found,
    } = heldMeetingFindings({
      policy,
      members,
      meeting: record,
      history: history.meetings,
      times: { openedAt: times.start, closedAt: times.end },
    });
    const when = displayParts(meeting.startsAt);
    const names = new Map(rows.map((m) => [m.id, m.fullName]));
    const base = { cell: unit.name, date: when.date, time: when.time };

    const findings: AlertInput[] = found.map(({ type, memberId, value }) => {
      const member: Record<string, string> = memberId ? { member: names.get(memberId)! } : {};
      if (type === "r8-warning" || type === "r8-consider")
        // Keyed by the count, not the meeting: a second absence in the same month adds nothing.
        return {
          type,
          unitId: meeting.unitId,
          memberId: memberId!,
          period: `${year}-${value}`,
          args: { ...base, ...member, months: value!, year },
        };
      const args: Record<string, number> =
        type === "r3-failed"
          ? {
              present: outcome.present,
              eligible: outcome.eligible,
              minimum: outcome.minimumPresent,
              rate: percent(outcome.rate) ?? 0,
              threshold: percent(policy.minRate),
            }
          : type === "r9-short"
            ? { minutes: value!, required: duration!.requiredMinutes }
            : type.startsWith("r5-")
              ? { streak: value!, max: policy.maxConsecutiveExcused }
              : {};
      return {
        type,
        unitId: meeting.unitId,
        meetingId,
        memberId: memberId ?? undefined,
        period: date,
        args: { ...base, ...member, ...args },
      };
    });
    const alerted = await raiseAlerts(tx, findings, now);

    const revision = await tx.auditLog.count({
      where: { entity: "Meeting", entityId: meetingId, action: "rollcall.correction" },
    });
    const guests = await guestsOf(tx, meeting.unitId, attendance, new Set(names.keys()));
    const minutes: Minutes = {
      meetingId,
      cell: unit.name,
      meetingKind: record.kind,
      date,
      start: times.start,
      end: times.end,
      total: members.filter((m) => standingOn(m, date) !== "outside").length,
      eligible: outcome.eligible,
      present: outcome.present,
      minimumPresent: outcome.minimumPresent,
      rate: outcome.rate,
      rateOk: outcome.rateOk,
      threshold: policy.minRate,
      rows: minutesRows(rows, members, date, attendance, guests),
      findings: findings.map((f) => ({ type: f.type, args: f.args })),
      duration,
      revision,
      quality: await meetingQuality({ db: tx, settings, t }, meetingId),
      selfChecked: attendance.filter((a) => a.selfCheckedAt !== null).length,
      votes: await voteResults(tx, meetingId),
    };
    const rendered = minutesMessages(t, minutes);
    const intents: DeliveryIntent[] = [];
    for (const person of await alertRecipients(tx, meeting.unitId)) {
      const chat = preferredChat(person.identities);
      if (!chat || person.id === actor.memberId) continue;
      // A committee member who chose the summary reads the minutes in the monthly report.
      if (!(await wantsMeetingMessages(tx, person, meeting.unitId))) continue;
      const notice = (part: string, payload: NoticePayload) =>
        intents.push({
          idempotencyKey: `minutes_${meetingId}_${revision}_${part}_${person.id}`,
          platform: chat.platform,
          chatId: chat.chatId,
          kind: "notice",
          payload,
          dueAt: now,
          memberId: person.id,
          meetingId,
        });
      notice("text", { text: rendered.text });
      notice("csv", { text: rendered.caption, file: rendered.file });
    }
    // The Word file (issue 15): to every leader on Telegram, the closer included.
    intents.push(
      ...(await minutesDocxIntents(
        tx,
        {
          meetingId,
          unitId: meeting.unitId,
          revision,
          actorId: actor.memberId,
          resent,
          now,
        },
        t,
      )),
    );
    // The reminders' answer buttons of this meeting are of no use now: taken away (issue 13).
    if (!resent) intents.push(...(await unbuttonIntents(tx, [meetingId], now)));
    return {
      minutes,
      resent,
      created: [...alerted, ...(await writeIntents(tx, intents))],
    };
  }, TX_OPTIONS);
  await services.dispatcher.dispatch(created);
  return { view: await rosterView(services, meetingId), minutes, resent };
}
