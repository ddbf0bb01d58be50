import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { displayParts } from "../../../domain/local-time.ts";
import type { Translate } from "../../../i18n.ts";
import { canLead } from "../../../services/actors.ts";
import { recordAnswer } from "../../../services/answers.ts";
import { fromShortId, shortId } from "../../../services/callback-data.ts";
import { cellLinkStates, createInvite, type MemberLinkState } from "../../../services/invites.ts";
import { answersOverviewLines, nudgeLines } from "../../../services/leaders-text.ts";
import { nudgeSilent } from "../../../services/nudge.ts";
import { answersOverview } from "../../../services/overview.ts";
import { documentReadLines, documentReads } from "../../../services/quality/documents.ts";
import { selfCheckinCount } from "../../../services/rollcall/index.ts";
import type { BotContext } from "../context.ts";
import { behalfListData, behalfReason } from "../conversations/behalf-reason.ts";
import { meetingEditor } from "../conversations/meeting-editor.ts";
import { byName, meetingArgs, shorten } from "../conversations/text.ts";
import { withUserErrors } from "../reply-error.ts";

/**
 * The secretary's and deputy's tools for their own cell: /tinhhinh, /nhacnho, /lichhop,
 * /traloithay, /moi. Every command and every press is checked again on the server (canLead).
 */
export const secretary = new Composer<BotContext>();
secretary.use(createConversation(meetingEditor, "meeting-editor"));
secretary.use(createConversation(behalfReason, "behalf-reason"));
const priv = secretary.chatType("private");

const PAGE_SIZE = 20;
/** Telegram refuses texts over 4,096 characters. */
const MAX_TEXT = 4000;
const SHORT = "([A-Za-z0-9_-]{22})";

/** The cell the person leads, or null after telling them they may not. */
async function ledCell(ctx: BotContext): Promise<string | null> {
  const actor = ctx.actor;
  if (actor?.cellId && canLead(actor, actor.cellId)) return actor.cellId;
  await refuse(ctx, "error-not-allowed");
  return null;
}

async function refuse(ctx: BotContext, key: string) {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
  else await ctx.reply(ctx.t(key));
}

/** Long lists go out in several messages rather than being cut. */
async function replyLines(ctx: BotContext, lines: string[]) {
  let chunk = "";
  for (const line of lines) {
    if (chunk && chunk.length + line.length + 1 > MAX_TEXT) {
      await ctx.reply(chunk);
      chunk = "";
    }
    chunk = chunk ? `${chunk}\n${line}` : line.slice(0, MAX_TEXT);
  }
  if (chunk) await ctx.reply(chunk);
}

function pageOf<T>(items: T[], page: number) {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  return {
    items: items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE),
    page: current,
    pages,
  };
}

function addPager(
  keyboard: InlineKeyboard,
  page: number,
  pages: number,
  data: (p: number) => string,
) {
  if (pages <= 1) return;
  keyboard.row();
  if (page > 0) keyboard.text("◀️", data(page - 1));
  if (page < pages - 1) keyboard.text("▶️", data(page + 1));
}

// ── /tinhhinh ────────────────────────────────────────────────────────────────

priv.command("tinhhinh", async (ctx) => {
  const unitId = await ledCell(ctx);
  if (!unitId) return;
  const { services } = ctx.deps;
  const overview = await withUserErrors(ctx, ctx.t, () =>
    answersOverview(services, ctx.actor!, unitId),
  );
  if (overview === undefined) return;
  // During the meeting (issue 16): how many checked themselves in.
  const self = await selfCheckinCount(services, unitId);
  const selfLine = self ? [ctx.t("tinhhinh-self-checked", self), ""] : [];
  if (overview === null) {
    await ctx.reply([...selfLine, ctx.t("tinhhinh-none")].join("\n"));
    return;
  }
  const t = ctx.t;
  const lines = [
    ...selfLine,
    ...answersOverviewLines(t, overview, services.settings.policy.minRate),
    ...documentReadLines(t, await documentReads(services, ctx.actor!, overview.meeting.id)),
  ];
  lines.push("", t("tinhhinh-hint"));
  await replyLines(ctx, lines);
});

// ── /nhacnho ─────────────────────────────────────────────────────────────────

priv.command("nhacnho", async (ctx) => {
  const unitId = await ledCell(ctx);
  if (!unitId) return;
  const t = ctx.t;
  const result = await withUserErrors(ctx, t, () =>
    nudgeSilent(ctx.deps.services, ctx.actor!, unitId),
  );
  if (!result) return;
  const lines = nudgeLines(t, result);
  await replyLines(ctx, lines);
});

// ── /lichhop ─────────────────────────────────────────────────────────────────

priv.command("lichhop", async (ctx) => {
  if (!(await ledCell(ctx))) return;
  await ctx.conversation.exitAll();
  await ctx.conversation.enter("meeting-editor");
});

// ── /traloithay ──────────────────────────────────────────────────────────────

type Overview = NonNullable<Awaited<ReturnType<typeof answersOverview>>>;

/** The member list of the next meeting, each with their answer so far: ✅ ❌ ⏳. */
function behalfList(t: Translate, overview: Overview, page: number) {
  const status = new Map<string, string>();
  for (const m of overview.attending) status.set(m.id, "✅");
  for (const d of overview.declined) status.set(d.member.id, "❌");
  const everyone = byName([
    ...overview.attending,
    ...overview.declined.map((d) => d.member),
    ...overview.silent,
  ]);
  const shown = pageOf(everyone, page);
  const meeting = shortId(overview.meeting.id);
  const keyboard = new InlineKeyboard();
  shown.items.forEach((m, i) => {
    if (i > 0 && i % 2 === 0) keyboard.row();
    keyboard.text(
      `${status.get(m.id) ?? "⏳"} ${shorten(m.fullName)}`,
      `tl:m:${meeting}:${shortId(m.id)}`,
    );
  });
  addPager(keyboard, shown.page, shown.pages, (p) => `tl:p:${meeting}:${p}`);
  const pageNote =
    shown.pages > 1 ? `\n${t("secretary-page", { page: shown.page + 1, pages: shown.pages })}` : "";
  return {
    text: t("traloithay-pick", meetingArgs(t, overview.meeting)) + pageNote,
    keyboard,
  };
}

/** The next meeting's overview if the press is about it and the person leads its cell; else null. */
async function behalfOverview(ctx: BotContext, meetingShort: string) {
  const meetingId = fromShortId(meetingShort);
  if (!meetingId) {
    await refuse(ctx, "error-stale-button");
    return null;
  }
  const unitId = await ledCell(ctx);
  if (!unitId) return null;
  const { services } = ctx.deps;
  const meeting = await services.db.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting || meeting.unitId !== unitId) {
    await refuse(ctx, "error-not-allowed");
    return null;
  }
  const overview = await answersOverview(services, ctx.actor!, unitId);
  if (overview?.meeting.id !== meetingId) {
    // The meeting started, moved behind another one or was cancelled since the list was shown.
    await refuse(ctx, "error-stale-button");
    return null;
  }
  return overview;
}

/** The member a press is about, if they are on the meeting's list; else null (answered). */
async function behalfMember(ctx: BotContext, overview: Overview, memberShort: string) {
  const memberId = fromShortId(memberShort);
  const everyone = [
    ...overview.attending,
    ...overview.declined.map((d) => d.member),
    ...overview.silent,
  ];
  const member = memberId ? everyone.find((m) => m.id === memberId) : undefined;
  if (!member) {
    await refuse(ctx, "error-not-allowed");
    return null;
  }
  return member;
}

priv.command("traloithay", async (ctx) => {
  const unitId = await ledCell(ctx);
  if (!unitId) return;
  const overview = await withUserErrors(ctx, ctx.t, () =>
    answersOverview(ctx.deps.services, ctx.actor!, unitId),
  );
  if (overview === undefined) return;
  if (overview === null) {
    await ctx.reply(ctx.t("traloithay-none"));
    return;
  }
  const { text, keyboard } = behalfList(ctx.t, overview, 0);
  await ctx.reply(text, { reply_markup: keyboard });
});

secretary.callbackQuery(new RegExp(`^tl:p:${SHORT}:(\\d{1,3})$`), async (ctx) => {
  const overview = await behalfOverview(ctx, ctx.match[1]!);
  if (!overview) return;
  await ctx.answerCallbackQuery();
  const { text, keyboard } = behalfList(ctx.t, overview, Number(ctx.match[2]));
  await ctx.editMessageText(text, { reply_markup: keyboard });
});

secretary.callbackQuery(new RegExp(`^tl:m:${SHORT}:${SHORT}$`), async (ctx) => {
  const overview = await behalfOverview(ctx, ctx.match[1]!);
  if (!overview) return;
  const member = await behalfMember(ctx, overview, ctx.match[2]!);
  if (!member) return;
  await ctx.answerCallbackQuery();
  const t = ctx.t;
  const declined = overview.declined.find((d) => d.member.id === member.id);
  const answer = overview.attending.some((m) => m.id === member.id)
    ? t("my-answer-attending")
    : declined
      ? t("my-answer-absent", { reason: declined.reason })
      : t("my-answer-none");
  const data = `${ctx.match[1]}:${ctx.match[2]}`;
  await ctx.editMessageText(
    t("traloithay-member", { name: member.fullName, answer, ...meetingArgs(t, overview.meeting) }),
    {
      reply_markup: new InlineKeyboard()
        .text(t("button-attend"), `tl:y:${data}`)
        .text(t("button-decline"), `tl:n:${data}`)
        .row()
        .text(t("traloithay-button-back"), behalfListData(overview.meeting.id)),
    },
  );
});

secretary.callbackQuery(new RegExp(`^tl:y:${SHORT}:${SHORT}$`), async (ctx) => {
  const overview = await behalfOverview(ctx, ctx.match[1]!);
  if (!overview) return;
  const member = await behalfMember(ctx, overview, ctx.match[2]!);
  if (!member) return;
  const t = ctx.t;
  const result = await withUserErrors(ctx, t, () =>
    recordAnswer(ctx.deps.services, ctx.actor!, {
      meetingId: overview.meeting.id,
      memberId: member.id,
      kind: "ATTENDING",
    }),
  );
  if (!result) return;
  const text = t(result.unchanged ? "traloithay-unchanged" : "traloithay-attending", {
    name: member.fullName,
  });
  await ctx.answerCallbackQuery({ text });
  await ctx.editMessageText(text, {
    reply_markup: new InlineKeyboard().text(
      t("traloithay-button-back"),
      behalfListData(overview.meeting.id),
    ),
  });
});

secretary.callbackQuery(new RegExp(`^tl:n:${SHORT}:${SHORT}$`), async (ctx) => {
  const overview = await behalfOverview(ctx, ctx.match[1]!);
  if (!overview) return;
  const member = await behalfMember(ctx, overview, ctx.match[2]!);
  if (!member) return;
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.conversation.exitAll();
  await ctx.conversation.enter("behalf-reason", overview.meeting.id, member.id, member.fullName);
});

// ── /moi ─────────────────────────────────────────────────────────────────────

function inviteList(t: Translate, cell: string, members: MemberLinkState[], page: number) {
  const shown = pageOf(byName(members), page);
  const lines = [
    t("moi-title", { cell, linked: members.filter((m) => m.linked).length, total: members.length }),
    "",
    ...shown.items.map((m) =>
      m.linked
        ? t("moi-linked", { name: m.fullName })
        : m.pendingUntil
          ? t("moi-pending", { name: m.fullName, date: displayParts(m.pendingUntil).date })
          : t("moi-unlinked", { name: m.fullName }),
    ),
    "",
    t("moi-help"),
  ];
  if (shown.pages > 1)
    lines.push(t("secretary-page", { page: shown.page + 1, pages: shown.pages }));
  const keyboard = new InlineKeyboard();
  shown.items.forEach((m, i) => {
    if (i > 0 && i % 2 === 0) keyboard.row();
    keyboard.text(`🔑 ${shorten(m.fullName)}`, `moi:c:${shortId(m.id)}:${shown.page}`);
  });
  addPager(keyboard, shown.page, shown.pages, (p) => `moi:p:${p}`);
  return { text: lines.join("\n"), keyboard };
}

async function invitesOf(ctx: BotContext, unitId: string) {
  const { services } = ctx.deps;
  const [unit, members] = await Promise.all([
    services.db.unit.findUniqueOrThrow({ where: { id: unitId } }),
    cellLinkStates(services, ctx.actor!, unitId),
  ]);
  return { cell: unit.name, members };
}

priv.command("moi", async (ctx) => {
  const unitId = await ledCell(ctx);
  if (!unitId) return;
  const { cell, members } = await invitesOf(ctx, unitId);
  const { text, keyboard } = inviteList(ctx.t, cell, members, 0);
  await ctx.reply(text, { reply_markup: keyboard });
});

secretary.callbackQuery(/^moi:p:(\d{1,3})$/, async (ctx) => {
  const unitId = await ledCell(ctx);
  if (!unitId) return;
  await ctx.answerCallbackQuery();
  const { cell, members } = await invitesOf(ctx, unitId);
  const { text, keyboard } = inviteList(ctx.t, cell, members, Number(ctx.match[1]));
  await ctx.editMessageText(text, { reply_markup: keyboard });
});

secretary.callbackQuery(new RegExp(`^moi:c:${SHORT}:(\\d{1,3})$`), async (ctx) => {
  const unitId = await ledCell(ctx);
  if (!unitId) return;
  const t = ctx.t;
  const memberId = fromShortId(ctx.match[1]!);
  if (!memberId) {
    await refuse(ctx, "error-stale-button");
    return;
  }
  // createInvite checks again that the member is in the cell this person leads, and audits.
  const invite = await withUserErrors(ctx, t, () =>
    createInvite(ctx.deps.services, ctx.actor!, memberId),
  );
  if (!invite) return;
  const name = invite.member.fullName;
  // A ward with a bot of its own (BOT_TOKENS): its members are invited to that bot.
  const bot = (await ctx.deps.inviteBot?.(unitId)) ?? ctx.me.username;
  await ctx.answerCallbackQuery({ text: t("moi-code-toast", { name }) });
  await ctx.reply(
    t("moi-code", {
      name,
      code: invite.code,
      link: `https://t.me/${bot}?start=${invite.code}`,
      date: displayParts(invite.expiresAt).date,
      time: displayParts(invite.expiresAt).time,
    }),
  );
  const { cell, members } = await invitesOf(ctx, unitId);
  const { text, keyboard } = inviteList(t, cell, members, Number(ctx.match[2]));
  await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => undefined);
});
