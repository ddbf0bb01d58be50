import type { Delivery } from "@prisma/client";
import type { Db } from "../db/client.ts";
import type { Translate } from "../i18n.ts";
import type { OutgoingMessage } from "./messenger.ts";
import { prepareReminder } from "./reminders.ts";

/** Re-checks a due delivery against the current data and renders it; null = no longer wanted. */
export type DeliveryPreparer = (delivery: Delivery) => Promise<OutgoingMessage | null>;

type KindPreparer = (db: Db, delivery: Delivery, t: Translate) => Promise<OutgoingMessage | null>;

/** Messages whose text was fixed when the intent was written (notices): sent as they are. */
const asWritten: KindPreparer = async (_db, delivery) =>
  delivery.payload as unknown as OutgoingMessage;

const preparers: Record<string, KindPreparer> = {
  reminder: prepareReminder,
  notice: asWritten,
};

/** One preparer per delivery kind; an unknown kind is a bug and fails loudly at send time. */
export function createPreparer(db: Db, t: Translate): DeliveryPreparer {
  return async (delivery) => {
    const prepare = preparers[delivery.kind];
    if (!prepare) throw new Error(`No preparer for delivery kind "${delivery.kind}"`);
    return prepare(db, delivery, t);
  };
}

export function registerPreparer(kind: string, prepare: KindPreparer) {
  preparers[kind] = prepare;
}
