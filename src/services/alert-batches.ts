import { createHash } from "node:crypto";

/** Alerts that need action before a meeting: always a message of their own, at once. */
export const URGENT_ALERTS: ReadonlySet<string> = new Set(["r3-risk", "r5-violation"]);

/** The delivery kind of one message listing several alerts for one committee member. */
export const ALERT_BATCH_KIND = "alert-batch";

export interface AlertBatchPayload {
  alertIds: string[];
}

/** One alert to one person, as the raising code plans it. */
export interface AlertSend<C> {
  alertId: string;
  alertKey: string;
  type: string;
  personId: string;
  chat: C;
  /** The person gets it as a committee member in charge (not as the cell's secretary or deputy). */
  committee: boolean;
}

export interface AlertBatch<C> {
  /** Stable: the same alerts to the same person are one message, however often it is planned. */
  key: string;
  personId: string;
  chat: C;
  alertIds: string[];
}

/**
 * Alerts raised together reach each committee member as one message listing them (issue 13:
 * 13 cells meant dozens of separate messages); urgent ones, and leaders' own, stay single. A
 * member with only one alert gets it as it is.
 */
export function planAlertSends<C>(sends: readonly AlertSend<C>[]): {
  singles: AlertSend<C>[];
  batches: AlertBatch<C>[];
} {
  const grouped = new Map<string, AlertSend<C>[]>();
  const singles: AlertSend<C>[] = [];
  for (const send of sends) {
    if (!send.committee || URGENT_ALERTS.has(send.type)) {
      singles.push(send);
      continue;
    }
    grouped.set(send.personId, [...(grouped.get(send.personId) ?? []), send]);
  }
  const batches: AlertBatch<C>[] = [];
  for (const [personId, group] of grouped) {
    if (group.length === 1) {
      singles.push(group[0]!);
      continue;
    }
    const keys = group.map((s) => s.alertKey).sort();
    const hash = createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 24);
    batches.push({
      key: `alertbatch_${personId}_${hash}`,
      personId,
      chat: group[0]!.chat,
      alertIds: group.map((s) => s.alertId),
    });
  }
  return { singles, batches };
}
