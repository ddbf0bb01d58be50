import { Composer } from "grammy";
import { createLogger } from "../../../logger.ts";
import { writeChartNotice } from "../../../services/chart-notices.ts";
import { reportMonthFromText } from "../../../services/report/index.ts";
import { requestSignInLink } from "../../../services/web-access.ts";
import type { BotContext } from "../context.ts";
import { withUserErrors } from "../reply-error.ts";

/**
 * `/web`: a single-use sign-in link to the web console, sent through the delivery ledger (never
 * as a direct reply, like every send). Also: after `/cuatoi` and `/baocao` (answered by their own
 * features), the attendance chart as a PNG, through the ledger too.
 */
export const web = new Composer<BotContext>();
const priv = web.chatType("private");
const logger = createLogger();

priv.command("web", async (ctx) => {
  await withUserErrors(ctx, ctx.t, () =>
    requestSignInLink(ctx.deps.services, ctx.actor!, {
      platform: "TELEGRAM",
      chatId: String(ctx.chat.id),
    }),
  );
});

priv.command(["cuatoi", "baocao"], async (ctx, next) => {
  await next();
  const actor = ctx.actor;
  if (!actor) return;
  const command = ctx.msg.text?.startsWith("/cuatoi") ? "cuatoi" : "baocao";
  const { services } = ctx.deps;
  const parsed = command === "baocao" ? reportMonthFromText(ctx.match, services.clock.now()) : null;
  if (parsed && "error" in parsed) return;
  try {
    await writeChartNotice(
      services,
      actor,
      { platform: "TELEGRAM", chatId: String(ctx.chat.id) },
      { command, month: parsed?.month, key: String(ctx.update.update_id) },
    );
  } catch (error) {
    // The command's own answer went out: a missing chart is logged, not shown as a failure.
    logger.error(
      { updateId: ctx.update.update_id, err: error instanceof Error ? error.message : error },
      "chart failed",
    );
  }
});
