import type { Alert, Delivery } from "@prisma/client";
import type { Db } from "../db/client.ts";
import type { Translate } from "../i18n.ts";
import type { Settings } from "../settings.ts";
import { ALERT_BATCH_KIND, type AlertBatchPayload } from "./alert-batches.ts";
import { acknowledgeAlert, alertHolds, prepareAlert } from "./alerts.ts";
import { byImportance } from "./committee.ts";
import type { OutgoingMessage } from "./messenger.ts";

/** Telegram takes 4,096 characters; a little room for the «Đã xem bởi…» line added on a press. */
const BATCH_TEXT_LIMIT = 3_900;

export const ackBatchButtonData = (deliveryId: string) => `ackb:${deliveryId}`;

/**
 * Just before sending a committee member's batch: the alerts nobody acknowledged that still hold,
 * grouped by finding, each cell with its organisation (six wards each have a «Chi bộ Khu phố 2»).
 * One left: sent as the single alert it is; none: nothing.
 */
export async function prepareAlertBatch(
  db: Db,
  delivery: Pick<Delivery, "id" | "payload">,
  t: Translate,
  settings: Settings,
): Promise<OutgoingMessage | null> {
  const { alertIds } = delivery.payload as unknown as AlertBatchPayload;
  const alerts = await db.alert.findMany({
    where: { id: { in: alertIds ?? [] }, acknowledgedAt: null },
    include: { unit: { include: { parent: true } } },
  });
  const open: typeof alerts = [];
  for (const alert of alerts) if (await alertHolds(db, alert, settings)) open.push(alert);
  if (open.length === 0) return null;
  if (open.length === 1) return prepareAlert(db, { alertId: open[0]!.id }, t, settings);
  open.sort(
    (a, b) =>
      byImportance(a, b) ||
      a.unit.name.localeCompare(b.unit.name, "vi") ||
      (a.unit.parent?.name ?? "").localeCompare(b.unit.parent?.name ?? "", "vi"),
  );
  const groups = new Map<string, typeof open>();
  for (const alert of open) {
    const key = `${alert.type}_${groupPeriod(alert)}`;
    groups.set(key, [...(groups.get(key) ?? []), alert]);
  }
  const cells = new Set(open.map((a) => a.unitId)).size;
  const head = t("committee-batch-header", { count: open.length, cells });
  const foot = t("committee-batch-footer");
  const render = (cap: number) => {
    const lines = [head];
    for (const group of groups.values()) {
      const first = group[0]!;
      lines.push(
        "",
        t("committee-batch-group", {
          ...payloadOf(first),
          type: first.type,
          finding: t("finding", { type: first.type }),
          count: group.length,
        }),
      );
      for (const alert of group.slice(0, cap)) {
        lines.push(
          t("committee-batch-line", {
            cell: alert.unit.name,
            organisation: alert.unit.parent?.name ?? "",
            hasOrganisation: alert.unit.parent ? "yes" : "no",
            detail: detailOf(t, alert.type, payloadOf(alert)),
          }),
        );
      }
      if (group.length > cap) lines.push(t("committee-batch-more", { count: group.length - cap }));
    }
    lines.push("", foot);
    return lines.join("\n");
  };
  // One message: a long list is cut per finding (the rest are in /donvi and the monthly report).
  let cap = Math.max(...[...groups.values()].map((g) => g.length));
  let text = render(cap);
  while (text.length > BATCH_TEXT_LIMIT && cap > 1) {
    cap = Math.max(1, Math.floor(cap * 0.7));
    text = render(cap);
  }
  return {
    text,
    buttons: [[{ label: t("committee-batch-ack"), data: ackBatchButtonData(delivery.id) }]],
  };
}

function payloadOf(alert: Alert): Record<string, string | number> {
  return alert.payload as Record<string, string | number>;
}

/** Alerts of one type about the same month or quarter are listed under one heading. */
function groupPeriod(alert: Alert): string {
  const p = payloadOf(alert);
  if (alert.type === "r2c-thematic") return `${p.year}-Q${p.quarter}`;
  return String(p.month ?? "");
}

/** What a line adds to its cell: the meeting's date, the member's name. */
function detailOf(t: Translate, type: string, args: Record<string, string | number>): string {
  if (args.member !== undefined && args.date !== undefined)
    return t("committee-batch-detail-member-meeting", {
      member: args.member,
      date: args.date,
    });
  if (args.member !== undefined) return t("committee-batch-detail-member", { member: args.member });
  if (args.date !== undefined && type !== "r2c-thematic")
    return t("committee-batch-detail-meeting", {
      date: args.date,
      time: args.time ?? "",
    });
  return "";
}

/**
 * *Đã xem tất cả* under a batch: every alert in it the member may acknowledge (the same checks as
 * one by one). Only the member the batch was sent to may press it.
 */
export async function acknowledgeBatch(
  db: Db,
  deliveryId: string,
  memberId: string,
  now: Date,
): Promise<{ done: number; already: number } | "forbidden"> {
  const delivery = await db.delivery.findUnique({ where: { id: deliveryId } });
  if (!delivery || delivery.kind !== ALERT_BATCH_KIND || delivery.memberId !== memberId)
    return "forbidden";
  const { alertIds } = delivery.payload as unknown as AlertBatchPayload;
  let done = 0;
  let already = 0;
  for (const alertId of alertIds ?? []) {
    const outcome = await acknowledgeAlert(db, alertId, memberId, now);
    if (outcome === "done") done++;
    else if (outcome === "already") already++;
  }
  if (done + already === 0) return "forbidden";
  return { done, already };
}
