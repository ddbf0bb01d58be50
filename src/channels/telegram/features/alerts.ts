import { Composer } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import { acknowledgeAlert, acknowledgement } from "../../../services/alerts.ts";
import { acknowledgeBatch } from "../../../services/committee-alerts.ts";
import type { BotContext } from "../context.ts";

/** The *Đã xem* button under an alert: `ack:<alert id>` (40 bytes), re-checked on every press. */
export const alerts = new Composer<BotContext>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

alerts.callbackQuery(/^ack:(.*)$/, async (ctx) => {
  const alertId = ctx.match[1]!;
  if (!UUID.test(alertId) || !ctx.actor) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
    return;
  }
  const { db, clock } = ctx.deps.services;
  const outcome = await acknowledgeAlert(db, alertId, ctx.actor.memberId, clock.now());
  if (outcome === "forbidden") {
    await ctx.answerCallbackQuery({ text: ctx.t("error-not-allowed"), show_alert: true });
    return;
  }
  const ack = await acknowledgement(db, alertId);
  if (!ack) throw new Error(`alert ${alertId} acknowledged but no acknowledgement found`);
  const when = displayParts(ack.at);
  const seen = ctx.t("alert-acknowledged", { name: ack.name, time: when.time, date: when.date });
  await ctx.answerCallbackQuery(
    outcome === "done"
      ? { text: ctx.t("alert-ack-done") }
      : {
          text: ctx.t("alert-already-acknowledged", {
            name: ack.name,
            time: when.time,
            date: when.date,
          }),
          show_alert: true,
        },
  );
  // Either way this copy now says who saw it, and its button goes.
  const text = ctx.callbackQuery.message?.text;
  if (text !== undefined && !text.includes(seen)) await ctx.editMessageText(`${text}\n\n${seen}`);
});

/** *Đã xem tất cả* under a committee member's batch: `ackb:<delivery id>` (41 bytes). */
alerts.callbackQuery(/^ackb:(.*)$/, async (ctx) => {
  const deliveryId = ctx.match[1]!;
  if (!UUID.test(deliveryId) || !ctx.actor) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
    return;
  }
  const { db, clock } = ctx.deps.services;
  const outcome = await acknowledgeBatch(db, deliveryId, ctx.actor.memberId, clock.now());
  if (outcome === "forbidden") {
    await ctx.answerCallbackQuery({ text: ctx.t("error-not-allowed"), show_alert: true });
    return;
  }
  const now = displayParts(clock.now());
  const seen = ctx.t("alert-acknowledged", {
    name: ctx.actor.fullName,
    time: now.time,
    date: now.date,
  });
  await ctx.answerCallbackQuery({
    text:
      outcome.done > 0
        ? ctx.t("committee-batch-ack-done", { count: outcome.done })
        : ctx.t("committee-batch-ack-already"),
  });
  const text = ctx.callbackQuery.message?.text;
  if (text !== undefined && !text.includes(seen)) await ctx.editMessageText(`${text}\n\n${seen}`);
});
