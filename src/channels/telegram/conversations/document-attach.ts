import { InlineKeyboard } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import { meetingArgs } from "../../../services/format.ts";
import {
  attachDocument,
  checkDocumentTitle,
  checkDocumentUrl,
  type DocumentInput,
  MAX_FILE_BYTES,
  MAX_FILE_MB,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  upcomingMeeting,
} from "../../../services/quality/documents.ts";
import type { InnerContext } from "../context.ts";
import { attempt, type Convo, leaderOf, nextInDialog, quietly, stillLeads } from "./support.ts";

/**
 * /tailieu: a link (https) or a file, then a one-line title, for the cell's next meeting; the
 * service records it and writes its deliveries. Buttons are `td:*`; anything else leaves.
 */
export async function documentAttach(conversation: Convo, ctx: InnerContext) {
  const t = ctx.t;
  const found = await conversation.external((outside) =>
    attempt(async () => {
      const meeting = await upcomingMeeting(outside.deps.services, leaderOf(outside).actor);
      return meeting && { ...meeting, startsAt: meeting.startsAt.toISOString() };
    }),
  );
  if (!found.ok) {
    await ctx.reply(t(found.key, found.args));
    return;
  }
  const meeting = found.value;
  if (!meeting) {
    await ctx.reply(t("tailieu-none"));
    return;
  }
  const cancel = new InlineKeyboard().text(t("tailieu-button-cancel"), "td:x");
  await ctx.reply(t("tailieu-ask", { ...meetingArgs(t, meeting), maxMb: MAX_FILE_MB }), {
    reply_markup: cancel,
  });

  const leave = async (next: InnerContext) => {
    await next.answerCallbackQuery();
    await quietly(next.editMessageReplyMarkup());
    await next.reply(t("tailieu-cancelled"));
    await conversation.halt();
  };
  const refused = async (next: InnerContext) => {
    if (next.callbackQuery)
      await next.answerCallbackQuery({ text: t("error-not-allowed"), show_alert: true });
    else await next.reply(t("error-not-allowed"));
    await conversation.halt();
  };

  let source: Pick<DocumentInput, "url" | "file"> | undefined;
  while (!source) {
    const next = await nextInDialog(conversation, "td:");
    if (!(await stillLeads(conversation))) await refused(next);
    if (next.callbackQuery?.data === "td:x") await leave(next);
    const document = next.message?.document;
    const text = next.message?.text;
    if (document) {
      if ((document.file_size ?? 0) > MAX_FILE_BYTES)
        await next.reply(t("tailieu-error-file-size", { maxMb: MAX_FILE_MB }));
      else
        source = {
          file: {
            fileId: document.file_id,
            name: document.file_name ?? "tai-lieu",
            size: document.file_size ?? 0,
          },
        };
    } else if (text) {
      const url = checkDocumentUrl(text);
      if (url) source = { url };
      else await next.reply(t("tailieu-error-url", { max: MAX_URL_LENGTH }));
    } else if (next.callbackQuery) {
      await next.answerCallbackQuery({ text: t("error-stale-button"), show_alert: true });
    } else await next.reply(t("tailieu-link-or-file"));
  }

  await ctx.reply(t("tailieu-ask-title", { max: MAX_TITLE_LENGTH }), { reply_markup: cancel });
  let title: string | undefined;
  while (!title) {
    const next = await nextInDialog(conversation, "td:");
    if (!(await stillLeads(conversation))) await refused(next);
    if (next.callbackQuery?.data === "td:x") await leave(next);
    const text = next.message?.text;
    title = text ? (checkDocumentTitle(text) ?? undefined) : undefined;
    if (!title) await next.reply(t("tailieu-error-title", { max: MAX_TITLE_LENGTH }));
  }

  const picked = title;
  const saved = await conversation.external((outside) =>
    attempt(async () => {
      const r = await attachDocument(outside.deps.services, leaderOf(outside).actor, {
        meetingId: meeting.id,
        title: picked,
        ...source,
      });
      return { recipients: r.recipients, sendAt: r.sendAt.toISOString(), now: r.now };
    }),
  );
  if (!saved.ok) {
    await ctx.reply(t(saved.key, saved.args));
    return;
  }
  const at = displayParts(new Date(saved.value.sendAt));
  await ctx.reply(
    t("tailieu-saved", {
      title: picked,
      count: saved.value.recipients,
      now: saved.value.now ? "yes" : "no",
      time: at.time,
      date: at.date,
    }),
  );
}
