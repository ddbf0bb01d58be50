import { displayParts } from "../../../domain/local-time.ts";
import { acknowledgeAlert, acknowledgement } from "../../../services/alerts.ts";
import { committeeOverview } from "../../../services/committee.ts";
import { acknowledgeBatch } from "../../../services/committee-alerts.ts";
import { committeeMessages } from "../../../services/leaders-text.ts";
import { clearQuestion, guarded } from "../dialog.ts";
import type { ZaloFeature } from "../feature.ts";
import type { LinkedTurn } from "../turn.ts";

/** Zalo's limit per text; the messenger splits longer ones, a unit's block is kept whole. */
const MESSAGE_LIMIT = 2000;

/** `donvi`: this month in each unit the committee member is in charge of. */
async function units(turn: LinkedTurn) {
  const overview = await guarded(turn, () => committeeOverview(turn.services, turn.actor));
  if (!overview) return;
  for (const text of committeeMessages(turn.t, overview, MESSAGE_LIMIT)) await turn.reply(text);
}

/** «1» under an alert (*Đã xem*): acknowledged, with the same checks as Telegram's button. */
async function ackOne(turn: LinkedTurn, alertId: string) {
  const { db, clock } = turn.services;
  await clearQuestion(turn);
  const outcome = await acknowledgeAlert(db, alertId, turn.actor.memberId, clock.now());
  if (outcome === "forbidden") return turn.reply(turn.t("error-not-allowed"));
  if (outcome === "done") return turn.reply(turn.t("alert-ack-done"));
  const ack = await acknowledgement(db, alertId);
  const when = displayParts(ack?.at ?? clock.now());
  await turn.reply(
    turn.t("alert-already-acknowledged", {
      name: ack?.name ?? "",
      time: when.time,
      date: when.date,
    }),
  );
}

/** «1» under a committee member's batch (*Đã xem tất cả*). */
async function ackBatch(turn: LinkedTurn, deliveryId: string) {
  const { db, clock } = turn.services;
  await clearQuestion(turn);
  const outcome = await acknowledgeBatch(db, deliveryId, turn.actor.memberId, clock.now());
  if (outcome === "forbidden") return turn.reply(turn.t("error-not-allowed"));
  await turn.reply(
    outcome.done > 0
      ? turn.t("committee-batch-ack-done", { count: outcome.done })
      : turn.t("committee-batch-ack-already"),
  );
}

/** What a committee member in charge sees: `donvi`, and the alerts' *Đã xem*. */
export const committee: ZaloFeature = {
  commands: [{ names: ["donvi"], run: units }],
  choices: [
    { data: /^ack:([0-9a-f-]{36})$/, run: (turn, match) => ackOne(turn, match[1]!) },
    { data: /^ackb:([0-9a-f-]{36})$/, run: (turn, match) => ackBatch(turn, match[1]!) },
  ],
};
