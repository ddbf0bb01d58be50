import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import { canLead } from "../../../services/actors.ts";
import { fromShortId } from "../../../services/callback-data.ts";
import { markDocumentRead } from "../../../services/quality/documents.ts";
import type { BotContext } from "../context.ts";
import { documentAttach } from "../conversations/document-attach.ts";
import { withUserErrors } from "../reply-error.ts";

/** Issue 15: /tailieu (the secretary attaches a document) and the recipients' «Đã đọc». */
export const documents = new Composer<BotContext>();
documents.use(createConversation(documentAttach, "document-attach"));

documents.chatType("private").command("tailieu", async (ctx) => {
  const actor = ctx.actor;
  if (!actor?.cellId || !canLead(actor, actor.cellId)) {
    await ctx.reply(ctx.t("error-not-allowed"));
    return;
  }
  await ctx.conversation.exitAll();
  await ctx.conversation.enter("document-attach");
});

documents.callbackQuery(/^dr:([A-Za-z0-9_-]{22})$/, async (ctx) => {
  const documentId = fromShortId(ctx.match[1]!);
  if (!documentId) {
    await ctx.answerCallbackQuery({ text: ctx.t("error-stale-button"), show_alert: true });
    return;
  }
  const read = await withUserErrors(ctx, ctx.t, () =>
    markDocumentRead(ctx.deps.services, ctx.actor!, documentId),
  );
  if (!read) return;
  await ctx.answerCallbackQuery({
    text: ctx
      .t(read.already ? "tailieu-read-again" : "tailieu-read", { title: read.title })
      .slice(0, 190),
  });
});
