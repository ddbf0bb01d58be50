import { randomUUID } from "node:crypto";
import type { Alert, Prisma } from "@prisma/client";
import type { Db } from "../db/client.ts";
import { localDate } from "../domain/local-time.ts";
import { thematicGap } from "../domain/quarters.ts";
import { projection } from "../domain/rate.ts";
import type { Translate } from "../i18n.ts";
import type { Settings } from "../settings.ts";
import { ALERT_BATCH_KIND, planAlertSends } from "./alert-batches.ts";
import type { DeliveryIntent, DueDelivery } from "./ledger.ts";
import { writeIntents } from "./ledger.ts";
import { toDomainMember } from "./members.ts";
import type { OutgoingMessage } from "./messenger.ts";
import { addMonths, monthSpan } from "./months.ts";
import { alertRecipients, committeeInCharge, preferredChat } from "./recipients.ts";

type Tx = Prisma.TransactionClient;

export type AlertType =
  | "r2-unscheduled"
  | "r2-not-held"
  | "r2c-thematic"
  | "r3-risk"
  | "r3-failed"
  | "r4-unexcused"
  | "r5-risk"
  | "r5-notice"
  | "r5-warning"
  | "r5-violation"
  | "r8-warning"
  | "r8-consider"
  | "r9-short"
  | "rollcall-open"
  | "unreachable"
  | "deliveries-unknown";

export interface AlertInput {
  type: AlertType;
  unitId: string;
  meetingId?: string;
  memberId?: string;
  /** What makes it unique beside type, unit and subject: a month, a year, a meeting date. */
  period: string;
  /** Values for the message (member name, date, counts…). */
  args: Record<string, string | number>;
}

/** Stable: the same finding about the same subject in the same period is one alert. */
export function alertKey(
  a: Pick<AlertInput, "type" | "unitId" | "meetingId" | "memberId" | "period">,
): string {
  return [a.type, a.unitId, a.meetingId ?? "-", a.memberId ?? "-", a.period].join("_");
}

/** R5's notice goes to the member concerned; every other alert to the cell's leaders and committee. */
const TO_MEMBER: ReadonlySet<AlertType> = new Set(["r5-notice"]);
/** Delivery problems are the secretary's to sort out in person, not the committee's. */
const TO_LEADERS: ReadonlySet<AlertType> = new Set(["unreachable", "deliveries-unknown"]);

/** Who an alert type is for: the member it is about, the cell's leaders, or leaders and committee. */
export function alertAudience(type: string): "member" | "leaders" | "cell" {
  if (TO_MEMBER.has(type as AlertType)) return "member";
  return TO_LEADERS.has(type as AlertType) ? "leaders" : "cell";
}

async function cellLeaders(tx: Tx, unitId: string, except: string | null) {
  return tx.member.findMany({
    where: {
      cellId: unitId,
      cellRole: { in: ["SECRETARY", "DEPUTY"] },
      leftOn: null,
      ...(except ? { id: { not: except } } : {}),
    },
    include: { identities: true },
  });
}

/**
 * Records alerts (each key at most once) and writes one delivery per recipient in the same
 * transaction. Returns the delivery rows to dispatch after commit.
 */
export async function raiseAlerts(tx: Tx, inputs: AlertInput[], now: Date): Promise<DueDelivery[]> {
  return alertDeliveries(tx, await insertAlerts(tx, inputs, now), now);
}

/** The alerts whose key is new (a key raised before is skipped): the rows just created. */
export async function insertAlerts(tx: Tx, inputs: AlertInput[], now: Date): Promise<Alert[]> {
  if (inputs.length === 0) return [];
  return tx.alert.createManyAndReturn({
    data: inputs.map((a) => ({
      key: alertKey(a),
      type: a.type,
      unitId: a.unitId,
      meetingId: a.meetingId,
      memberId: a.memberId,
      payload: a.args,
      createdAt: now,
    })),
    skipDuplicates: true,
  });
}

/** One delivery per recipient of each alert; recipients are read once per unit and audience. */
export async function alertDeliveries(tx: Tx, alerts: Alert[], now: Date): Promise<DueDelivery[]> {
  if (alerts.length === 0) return [];
  // A roll call's close raises one alert per member concerned: the same leaders each time.
  const audiences = new Map<string, Promise<Awaited<ReturnType<typeof cellLeaders>>>>();
  const peopleFor = (alert: Alert) => {
    const audience = alertAudience(alert.type);
    if (audience === "member") {
      return tx.member.findMany({
        where: { id: alert.memberId ?? "" },
        include: { identities: true },
      });
    }
    // Never to the unreachable member themselves: that send would fail again.
    const except = audience === "leaders" && alert.type === "unreachable" ? alert.memberId : null;
    const key = `${audience}_${alert.unitId}_${except ?? "-"}`;
    let people = audiences.get(key);
    if (!people) {
      people =
        audience === "leaders"
          ? cellLeaders(tx, alert.unitId, except)
          : alertRecipients(tx, alert.unitId);
      audiences.set(key, people);
    }
    return people;
  };
  // Raised by an answer or a roll call's close: one message per alert, each about one meeting or
  // member (R3/R5 are urgent). The sweep's alerts are batched per committee member instead.
  const intents: DeliveryIntent[] = [];
  for (const alert of alerts) {
    for (const person of await peopleFor(alert)) {
      const chat = preferredChat(person.identities);
      if (!chat) continue;
      intents.push({
        idempotencyKey: `alert_${alert.id}_${person.id}`,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: "alert",
        payload: {},
        dueAt: now,
        memberId: person.id,
        meetingId: alert.meetingId,
        alertId: alert.id,
      });
    }
  }
  return writeIntents(tx, intents);
}

/** Data behind an alert can change before it is sent: is it still true? */
const stillHolds: Partial<
  Record<AlertType, (db: Db, alert: Alert, settings: Settings) => Promise<boolean>>
> = {
  "r3-risk": async (db, alert, settings) => {
    const meeting = await db.meeting.findUnique({
      where: { id: alert.meetingId ?? "" },
      include: { answers: true },
    });
    if (meeting?.status !== "PLANNED") return false;
    const members = await db.member.findMany({
      where: { cellId: meeting.unitId },
      include: { statusPeriods: true },
    });
    const answers = Object.fromEntries(
      meeting.answers.map(
        (a) => [a.memberId, a.kind === "ATTENDING" ? "attending" : "declined"] as const,
      ),
    );
    return projection(
      members.map(toDomainMember),
      localDate(meeting.startsAt),
      answers,
      settings.policy,
    ).atRisk;
  },
  "r5-risk": async (db, alert) => {
    const meeting = await db.meeting.findUnique({ where: { id: alert.meetingId ?? "" } });
    const answer = await db.answer.findUnique({
      where: {
        meetingId_memberId: { meetingId: alert.meetingId ?? "", memberId: alert.memberId ?? "" },
      },
    });
    return meeting?.status === "PLANNED" && answer?.kind === "ABSENT";
  },
  "r4-unexcused": async (db, alert) => {
    const row = await db.attendance.findUnique({
      where: {
        meetingId_memberId: { meetingId: alert.meetingId ?? "", memberId: alert.memberId ?? "" },
      },
    });
    return (
      !!row && (row.status === "UNEXCUSED" || (row.status === "EXCUSED" && !row.reasonAccepted))
    );
  },
  "rollcall-open": async (db, alert) => {
    const meeting = await db.meeting.findUnique({ where: { id: alert.meetingId ?? "" } });
    return !!meeting && meeting.status !== "CANCELLED" && meeting.rollCallClosedAt === null;
  },
  unreachable: async (db, alert) => {
    const member = await db.member.findUnique({ where: { id: alert.memberId ?? "" } });
    return !!member?.unreachableAt;
  },
  "r2-unscheduled": async (db, alert) =>
    (await db.meeting.count({
      where: {
        unitId: alert.unitId,
        status: { in: ["PLANNED", "HELD"] },
        startsAt: monthSpan(payloadMonth(alert)),
      },
    })) === 0,
  "r2-not-held": async (db, alert) =>
    (await db.meeting.count({
      where: { unitId: alert.unitId, status: "HELD", startsAt: monthSpan(payloadMonth(alert)) },
    })) === 0,
  "r2c-thematic": async (db, alert) => {
    const month = payloadMonth(alert);
    const thematic = await db.meeting.findMany({
      where: {
        unitId: alert.unitId,
        kind: "THEMATIC",
        status: { not: "CANCELLED" },
        startsAt: monthSpan(addMonths(month, -2), 3),
      },
      select: { startsAt: true },
    });
    return thematicGap({ month, thematicMeetingDates: thematic.map((m) => localDate(m.startsAt)) });
  },
  "deliveries-unknown": async (db, alert) => {
    const meeting = await db.meeting.findUnique({ where: { id: alert.meetingId ?? "" } });
    return meeting?.status === "PLANNED";
  },
};

/** Is an alert still true of the current data? (Types without a check always are.) */
export async function alertHolds(db: Db, alert: Alert, settings: Settings): Promise<boolean> {
  const check = stillHolds[alert.type as AlertType];
  return !check || check(db, alert, settings);
}

/** Month-period alerts carry their month ("YYYY-MM") in the payload for the re-check. */
function payloadMonth(alert: Alert): string {
  return String((alert.payload as Record<string, unknown>).month ?? "");
}

export const ackButtonData = (alertId: string) => `ack:${alertId}`;

/** Just before sending: skip an alert that was acknowledged or is no longer true; else render it. */
export async function prepareAlert(
  db: Db,
  delivery: { alertId: string | null },
  t: Translate,
  settings: Settings,
): Promise<OutgoingMessage | null> {
  const alert = await db.alert.findUnique({ where: { id: delivery.alertId ?? "" } });
  if (!alert || alert.acknowledgedAt) return null;
  if (!(await alertHolds(db, alert, settings))) return null;
  return {
    text: t(`alert-${alert.type}`, alert.payload as Record<string, string | number>),
    buttons:
      alert.type === "r5-notice"
        ? undefined
        : [[{ label: t("button-ack"), data: ackButtonData(alert.id) }]],
  };
}

/**
 * Only someone the alert was sent to, and who is still in its audience now (a secretary demoted
 * or a committee member reassigned since may not), may acknowledge it; the first one wins.
 */
export async function acknowledgeAlert(
  db: Db,
  alertId: string,
  memberId: string,
  now: Date,
): Promise<"done" | "already" | "forbidden"> {
  const alert = await db.alert.findUnique({ where: { id: alertId } });
  if (!alert) return "forbidden";
  const delivered = await db.delivery.count({
    where: {
      memberId,
      OR: [
        { alertId },
        { kind: ALERT_BATCH_KIND, payload: { path: ["alertIds"], array_contains: [alertId] } },
      ],
    },
  });
  if (delivered === 0 || !(await inAudienceNow(db, alert, memberId))) return "forbidden";
  const { count } = await db.alert.updateMany({
    where: { id: alertId, acknowledgedAt: null },
    data: { acknowledgedAt: now, acknowledgedById: memberId },
  });
  return count === 1 ? "done" : "already";
}

async function inAudienceNow(db: Db, alert: Alert, memberId: string): Promise<boolean> {
  const audience = alertAudience(alert.type);
  if (audience === "member") return alert.memberId === memberId;
  const leader = await db.member.count({
    where: {
      id: memberId,
      cellId: alert.unitId,
      cellRole: { in: ["SECRETARY", "DEPUTY"] },
      leftOn: null,
    },
  });
  if (leader > 0 || audience === "leaders") return leader > 0;
  return (await committeeInCharge(db, alert.unitId)).some((m) => m.id === memberId);
}

/** Who acknowledged an alert and when; null while nobody has. */
export async function acknowledgement(
  db: Db,
  alertId: string,
): Promise<{ name: string; at: Date } | null> {
  const alert = await db.alert.findUnique({ where: { id: alertId } });
  if (!alert?.acknowledgedAt || !alert.acknowledgedById) return null;
  const by = await db.member.findUnique({ where: { id: alert.acknowledgedById } });
  return { name: by?.fullName ?? "", at: alert.acknowledgedAt };
}

/** A person an alert goes to, with where to reach them. */
interface Reachable {
  id: string;
  identities: Parameters<typeof preferredChat>[0];
}

/**
 * Every recipient of alerts about `unitIds`, read in three queries whatever their number (the
 * sweep at province size): per unit its leaders, and its leaders with the committee in charge.
 */
export async function recipientsOfUnits(
  db: Db,
  unitIds: string[],
): Promise<Map<string, { leaders: Reachable[]; cell: Reachable[] }>> {
  const out = new Map<string, { leaders: Reachable[]; cell: Reachable[] }>();
  if (unitIds.length === 0) return out;
  const units = await db.unit.findMany({
    where: { id: { in: unitIds } },
    select: { id: true, parentId: true },
  });
  const parents = units.map((u) => u.parentId).filter((id): id is string => id !== null);
  const [leaders, assignments] = await Promise.all([
    db.member.findMany({
      where: { cellId: { in: unitIds }, cellRole: { in: ["SECRETARY", "DEPUTY"] }, leftOn: null },
      include: { identities: true },
    }),
    db.committeeAssignment.findMany({
      where: { unitId: { in: [...unitIds, ...parents] } },
      include: { member: { include: { identities: true } } },
    }),
  ]);
  const committeeOf = new Map<string, Reachable[]>();
  for (const a of assignments)
    committeeOf.set(a.unitId, [...(committeeOf.get(a.unitId) ?? []), a.member]);
  for (const unit of units) {
    const own = leaders.filter((m) => m.cellId === unit.id);
    const committee = [
      ...(committeeOf.get(unit.id) ?? []),
      ...(unit.parentId ? (committeeOf.get(unit.parentId) ?? []) : []),
    ];
    const byId = new Map([...own, ...committee].map((m) => [m.id, m]));
    out.set(unit.id, { leaders: own, cell: [...byId.values()] });
  }
  return out;
}

/**
 * Raises alerts for the leaders' or the cell's audience without an interactive transaction: one
 * statement inserts the alerts whose key is new and, from the same rows, their deliveries, so an
 * alert never exists without its deliveries and nothing waits on the client between statements.
 * Returns the alerts created and their delivery rows (to dispatch).
 */
export async function raiseAlertsAtOnce(
  db: Db,
  inputs: AlertInput[],
  recipients: Map<string, { leaders: Reachable[]; cell: Reachable[] }>,
  now: Date,
): Promise<{ alerts: { id: string; type: string }[]; created: DueDelivery[] }> {
  if (inputs.length === 0) return { alerts: [], created: [] };
  const alerts = inputs.map((a) => ({
    id: randomUUID(),
    key: alertKey(a),
    type: a.type,
    unitId: a.unitId,
    meetingId: a.meetingId ?? null,
    memberId: a.memberId ?? null,
    payload: a.args,
  }));
  const sends = alerts.flatMap((alert) => {
    const audience = alertAudience(alert.type);
    if (audience === "member") throw new Error(`raiseAlertsAtOnce: ${alert.type} goes to a member`);
    const unit = recipients.get(alert.unitId);
    const leaders = new Set(unit?.leaders.map((p) => p.id));
    return (unit?.[audience] ?? []).flatMap((person) => {
      if (alert.type === "unreachable" && person.id === alert.memberId) return [];
      const chat = preferredChat(person.identities);
      if (!chat) return [];
      return [
        {
          alertId: alert.id,
          alertKey: alert.key,
          type: alert.type,
          personId: person.id,
          chat,
          committee: audience === "cell" && !leaders.has(person.id),
        },
      ];
    });
  });
  const { singles, batches } = planAlertSends(sends);
  const meetingOf = new Map<string, string | null>(alerts.map((a) => [a.id, a.meetingId]));
  const to = singles.map((send) => ({
    key: `alert_${send.alertId}_${send.personId}`,
    alertId: send.alertId,
    memberId: send.personId,
    meetingId: meetingOf.get(send.alertId) ?? null,
    platform: send.chat.platform,
    chatId: send.chat.chatId,
  }));
  const grouped = batches.map((batch) => ({
    key: batch.key,
    memberId: batch.personId,
    platform: batch.chat.platform,
    chatId: batch.chat.chatId,
    alertIds: batch.alertIds,
  }));
  const [row] = await db.$queryRaw<
    { alerts: { id: string; type: string }[] | null; created: DueDelivery[] | null }[]
  >`
    WITH a AS (
      INSERT INTO "Alert" (id, key, type, "unitId", "meetingId", "memberId", payload, "createdAt")
      SELECT x.id, x.key, x.type, x."unitId", x."meetingId", x."memberId", x.payload, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(alerts)}::jsonb) AS x(
        id uuid, key text, type text, "unitId" uuid, "meetingId" uuid, "memberId" uuid, payload jsonb)
      ON CONFLICT (key) DO NOTHING
      RETURNING id, type
    ), d AS (
      INSERT INTO "Delivery" (id, "idempotencyKey", platform, "chatId", "memberId", "meetingId",
        "alertId", kind, payload, "dueAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), r.key, r.platform::"Platform", r."chatId", r."memberId",
        r."meetingId", r."alertId", 'alert', '{}'::jsonb, ${now}, ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(to)}::jsonb) AS r(
        key text, "alertId" uuid, "memberId" uuid, "meetingId" uuid, platform text, "chatId" text)
      JOIN a ON a.id = r."alertId"
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING id, "dueAt", platform, "chatId"
    ), b AS (
      -- One message per committee member listing the alerts of theirs that were new here.
      INSERT INTO "Delivery" (id, "idempotencyKey", platform, "chatId", "memberId", kind, payload,
        "dueAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), r.key, r.platform::"Platform", r."chatId", r."memberId",
        ${ALERT_BATCH_KIND},
        jsonb_build_object('alertIds', (SELECT jsonb_agg(a.id) FROM a WHERE a.id = ANY(r."alertIds"))),
        ${now}, ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(grouped)}::jsonb) AS r(
        key text, "memberId" uuid, platform text, "chatId" text, "alertIds" uuid[])
      WHERE EXISTS (SELECT 1 FROM a WHERE a.id = ANY(r."alertIds"))
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING id, "dueAt", platform, "chatId"
    ), sent AS (SELECT * FROM d UNION ALL SELECT * FROM b)
    SELECT (SELECT json_agg(a) FROM a) AS alerts,
      (SELECT json_agg(json_build_object('id', sent.id, 'dueAt', sent."dueAt",
        'platform', sent.platform, 'chatId', sent."chatId")) FROM sent) AS created`;
  const created = (row?.created ?? []).map((d) => ({ ...d, dueAt: new Date(d.dueAt) }));
  return { alerts: row?.alerts ?? [], created };
}
