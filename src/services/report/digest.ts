import type { Delivery } from "@prisma/client";
import { formatInTimeZone } from "date-fns-tz";
import type { Db } from "../../db/client.ts";
import { localDate } from "../../domain/local-time.ts";
import { TIME_ZONE } from "../../domain/schedule.ts";
import type { Translate } from "../../i18n.ts";
import { unitsInChargeOf } from "../actors.ts";
import type { Services } from "../context.ts";
import { type DeliveryIntent, writeIntents } from "../ledger.ts";
import type { OutgoingMessage } from "../messenger.ts";
import { addMonths, monthOf } from "../months.ts";
import { preferredChat } from "../recipients.ts";
import { monthlyReport } from "./compute.ts";
import { REPORT_TEXT_LIMIT, renderReportText, reportMonthLabel } from "./text.ts";
import { FINDING_TYPES, type MonthlyReport, type ReportDeps, type ReportFinding } from "./types.ts";

/** The digest of last month goes out on day 1 from this local hour. */
export const DIGEST_HOUR = 7;
/** A worker that was down on day 1 still sends it in the month's first days, not later. */
export const DIGEST_LAST_DAY = 7;

export interface DigestPayload {
  month: string;
}

/** The month whose digest is due at `now` (local), or null outside the window. */
export function digestMonth(now: Date): string | null {
  const day = Number(localDate(now).slice(8));
  const hour = Number(formatInTimeZone(now, TIME_ZONE, "H"));
  if (day > DIGEST_LAST_DAY || (day === 1 && hour < DIGEST_HOUR)) return null;
  return addMonths(monthOf(now), -1);
}

export const digestKey = (memberId: string, month: string) => `digest_${memberId}_${month}`;

/**
 * Day 1, 07:00: one delivery per committee member in charge of at least one meeting unit, with
 * last month's report of their units (rendered when sent). The key makes it once per member and
 * month, however often this runs. Returns how many deliveries it wrote.
 */
export async function writeMonthlyDigests(services: Services): Promise<number> {
  const { db, clock, dispatcher } = services;
  const now = clock.now();
  const month = digestMonth(now);
  if (!month) return 0;
  const assignments = await db.committeeAssignment.findMany({
    where: { member: { leftOn: null } },
    include: {
      member: { include: { identities: true } },
      unit: { select: { kind: true, children: { select: { kind: true } } } },
    },
  });
  const meetingUnit = (kind: string) => kind === "CELL" || kind === "GRASSROOTS_CELL";
  const inCharge = new Map(
    assignments
      .filter((a) => meetingUnit(a.unit.kind) || a.unit.children.some((c) => meetingUnit(c.kind)))
      .map((a) => [a.member.id, a.member]),
  );
  const keys = [...inCharge.keys()].map((id) => digestKey(id, month));
  const done = new Set(
    (
      await db.delivery.findMany({
        where: { idempotencyKey: { in: keys } },
        select: { idempotencyKey: true },
      })
    ).map((d) => d.idempotencyKey),
  );
  const intents: DeliveryIntent[] = [];
  for (const member of inCharge.values()) {
    const key = digestKey(member.id, month);
    const chat = preferredChat(member.identities);
    if (done.has(key) || !chat) continue;
    const payload: DigestPayload = { month };
    intents.push({
      idempotencyKey: key,
      platform: chat.platform,
      chatId: chat.chatId,
      kind: "digest",
      payload: { ...payload },
      dueAt: now,
      memberId: member.id,
    });
  }
  const created = await writeIntents(db, intents);
  await dispatcher.dispatch(created);
  return created.length;
}

/**
 * Just before sending: the report of the units the member is in charge of now, read now (a
 * correction made since day 1 is in it). Nothing when they are no longer in charge of any.
 */
export async function prepareDigest(
  deps: ReportDeps & { t: Translate },
  delivery: Pick<Delivery, "memberId" | "payload" | "dueAt" | "platform">,
): Promise<OutgoingMessage | null> {
  const { db, t } = deps;
  const { month } = delivery.payload as unknown as DigestPayload;
  if (!delivery.memberId || !month) return null;
  const [member, unitIds] = await Promise.all([
    db.member.findUnique({ where: { id: delivery.memberId }, select: { fullName: true } }),
    unitsInChargeOf(db, delivery.memberId),
  ]);
  if (!member || unitIds.length === 0) return null;
  // The month was over when the digest fell due: the report is read as of then.
  const report = await monthlyReport(deps, {
    month,
    scope: { kind: "units", unitIds },
    now: delivery.dueAt,
  });
  const seen = withoutAcknowledged(report, await acknowledgedBy(db, delivery.memberId, unitIds));
  const label = reportMonthLabel(month);
  // Zalo takes text only (no Excel file) and splits long texts itself; on Telegram /baocao sends
  // the file for several cells.
  const zalo = delivery.platform === "ZALO";
  const fileOnAsking = !zalo && report.units.length >= 2;
  return {
    text: renderReportText(t, seen, {
      limit: zalo ? 3 * REPORT_TEXT_LIMIT : REPORT_TEXT_LIMIT,
      intro: [t("report-digest-intro", { name: member.fullName, month: label })],
      outro: [
        t(fileOnAsking ? "report-digest-outro" : "report-digest-outro-text", { month: label }),
      ],
    }),
  };
}

/** A finding the member acknowledged as an alert: the digest does not list it again. */
export interface SeenFinding {
  type: string;
  unitId: string;
  meetingId: string | null;
  memberId: string | null;
  month: string | null;
}

async function acknowledgedBy(db: Db, memberId: string, unitIds: string[]): Promise<SeenFinding[]> {
  const alerts = await db.alert.findMany({
    where: {
      unitId: { in: unitIds },
      acknowledgedById: memberId,
      type: { in: [...FINDING_TYPES] },
    },
    select: { type: true, unitId: true, meetingId: true, memberId: true, payload: true },
  });
  return alerts.map((a) => {
    const month = (a.payload as Record<string, unknown>).month;
    return { ...a, month: typeof month === "string" ? month : null };
  });
}

/**
 * The report without what the reader acknowledged: those findings leave the lists (the totals
 * stay true), a cell whose R2 alert they saw is named once, in the alert.
 */
export function withoutAcknowledged(report: MonthlyReport, seen: SeenFinding[]): MonthlyReport {
  if (seen.length === 0) return report;
  const isSeen = (unitId: string, f: ReportFinding) =>
    seen.some(
      (s) =>
        s.type === f.type &&
        s.unitId === unitId &&
        (f.type === "r2-not-held"
          ? s.month === report.month
          : f.type.startsWith("r8")
            ? s.memberId === f.memberId
            : s.meetingId === f.meetingId && s.memberId === f.memberId),
    );
  return {
    ...report,
    units: report.units.map((unit) => ({
      ...unit,
      findings: unit.findings.filter((f) => !isSeen(unit.id, f)),
      meetings: unit.meetings.map((m) => ({
        ...m,
        findings: m.findings.filter((f) => !isSeen(unit.id, f)),
      })),
      notHeldSeen:
        unit.notHeld &&
        seen.some(
          (s) => s.type === "r2-not-held" && s.unitId === unit.id && s.month === report.month,
        ),
    })),
  };
}
