import type { Delivery } from "@prisma/client";
import type { Db } from "../db/client.ts";
import type { Translate } from "../i18n.ts";
import type { Settings } from "../settings.ts";
import { prepareAlert } from "./alerts.ts";
import type { OutgoingMessage } from "./messenger.ts";
import { prepareNudge, prepareReminder } from "./reminders.ts";
import { prepareDigest } from "./report/index.ts";

/** Re-checks a due delivery against the current data and renders it; null = no longer wanted. */
export type DeliveryPreparer = (delivery: Delivery) => Promise<OutgoingMessage | null>;

export interface PreparerDeps {
  db: Db;
  t: Translate;
  settings: Settings;
}

type KindPreparer = (deps: PreparerDeps, delivery: Delivery) => Promise<OutgoingMessage | null>;

const preparers: Record<string, KindPreparer> = {
  reminder: ({ db, t }, d) => prepareReminder(db, d, t),
  nudge: ({ db, t }, d) => prepareNudge(db, d, t),
  alert: ({ db, t, settings }, d) => prepareAlert(db, d, t, settings),
  // The committee's monthly report: read and rendered when sent, so it has the latest figures.
  digest: (deps, d) => prepareDigest(deps, d),
  // Notices (meeting moved or cancelled, summaries) were rendered when written: sent as they are.
  notice: async (_deps, d) => d.payload as unknown as OutgoingMessage,
};

/** One preparer per delivery kind; an unknown kind is a bug and fails loudly. */
export function createPreparer(deps: PreparerDeps): DeliveryPreparer {
  return async (delivery) => {
    const prepare = preparers[delivery.kind];
    if (!prepare) throw new Error(`No preparer for delivery kind "${delivery.kind}"`);
    return prepare(deps, delivery);
  };
}
