import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import type { Translate } from "../i18n.ts";
import type { Settings } from "../settings.ts";
import type { DueDelivery } from "./ledger.ts";

/** Hands committed delivery rows to the queue, and takes cancelled ones out of it. */
export interface Dispatcher {
  dispatch(created: DueDelivery[], cancelledIds?: string[]): Promise<void>;
}

/** What every use case needs; built once per process. */
export interface Services {
  db: Db;
  clock: Clock;
  settings: Settings;
  dispatcher: Dispatcher;
  /** Vietnamese text for messages written into the ledger. */
  t: Translate;
}
