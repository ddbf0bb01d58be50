import type { Delivery } from "@prisma/client";
import type { Db } from "../db/client.ts";
import type { Translate } from "../i18n.ts";
import type { Settings } from "../settings.ts";
import { ALERT_BATCH_KIND } from "./alert-batches.ts";
import { prepareAlert } from "./alerts.ts";
import type { UnbuttonPayload } from "./answer-question.ts";
import { prepareChart } from "./chart-notices.ts";
import { prepareAlertBatch } from "./committee-alerts.ts";
import type { OutgoingMessage } from "./messenger.ts";
import { MINUTES_DOCX_KIND, prepareMinutesDocx } from "./minutes/index.ts";
import { prepareDocument } from "./quality/documents.ts";
import { prepareNudge, prepareReminder } from "./reminders.ts";
import { prepareDigest } from "./report/index.ts";
import type { Deferred, Dropped } from "./send-check.ts";

/**
 * Re-checks a due delivery against the current data and the clock (`now`) and renders it; null =
 * no longer wanted; Deferred = not now (quiet hours), Dropped = too late to be of use.
 */
export type DeliveryPreparer = (delivery: Delivery, now: Date) => Promise<Prepared>;

export type Prepared = OutgoingMessage | null | Deferred | Dropped;

export interface PreparerDeps {
  db: Db;
  t: Translate;
  settings: Settings;
}

type KindPreparer = (deps: PreparerDeps, delivery: Delivery, now: Date) => Promise<Prepared>;

const preparers: Record<string, KindPreparer> = {
  reminder: ({ db, t, settings }, d, now) =>
    prepareReminder(db, d, t, { now, quietHours: settings.quietHours }),
  nudge: ({ db, t, settings }, d, now) =>
    prepareNudge(db, d, t, { now, quietHours: settings.quietHours }),
  alert: ({ db, t, settings }, d) => prepareAlert(db, d, t, settings),
  // Several alerts for one committee member, raised together: one message listing them.
  [ALERT_BATCH_KIND]: ({ db, t, settings }, d) => prepareAlertBatch(db, d, t, settings),
  // The committee's monthly report: read and rendered when sent, so it has the latest figures.
  digest: (deps, d) => prepareDigest(deps, d),
  // Notices (meeting moved or cancelled, summaries) were rendered when written: sent as they are.
  notice: async (_deps, d) => d.payload as unknown as OutgoingMessage,
  // The minutes' Word file: made from the database when sent (a file does not fit a JSON payload).
  [MINUTES_DOCX_KIND]: (deps, d) => prepareMinutesDocx(deps, d),
  // A reminder's answer buttons taken away once its meeting is over (answer-question.ts).
  unbutton: async (_deps, d) => ({
    text: "",
    editOf: (d.payload as unknown as UnbuttonPayload).messageId,
  }),
  // The attendance chart after /cuatoi and /baocao (issue 17): the PNG is drawn when sent.
  chart: ({ t }, d) => prepareChart(t, d),
  // Issue 15: a document for a meeting, rendered when due (dropped once the meeting began).
  document: (deps, d, now) => prepareDocument(deps, d, now),
};

/** One preparer per delivery kind; an unknown kind is a bug and fails loudly. */
export function createPreparer(deps: PreparerDeps): DeliveryPreparer {
  return async (delivery, now) => {
    const prepare = preparers[delivery.kind];
    if (!prepare) throw new Error(`No preparer for delivery kind "${delivery.kind}"`);
    return prepare(deps, delivery, now);
  };
}
