import type { Redis } from "ioredis";
import { displayParts } from "../../domain/local-time.ts";
import { createLogger } from "../../logger.ts";
import { type Actor, actorFor, canLead, touchIdentity } from "../../services/actors.ts";
import { MAX_REASON_LENGTH, recordAnswer } from "../../services/answers.ts";
import { answerButtonData, fromShortId, shortId } from "../../services/callback-data.ts";
import { committeeOverview } from "../../services/committee.ts";
import type { Services } from "../../services/context.ts";
import { UserError } from "../../services/errors.ts";
import { byName, meetingArgs } from "../../services/format.ts";
import { cellLinkStates, createInvite, redeemInvite } from "../../services/invites.ts";
import {
  answersOverviewLines,
  committeeMessages,
  nudgeLines,
} from "../../services/leaders-text.ts";
import type { OutgoingMessage } from "../../services/messenger.ts";
import { nudgeSilent } from "../../services/nudge.ts";
import { answersOverview, myNextMeeting, myYear } from "../../services/overview.ts";
import { renderReportText, reportAsked, reportHint } from "../../services/report/index.ts";
import {
  closeRollCall,
  markMember,
  minutesMessages,
  openRollCall,
  type RosterStatus,
  rejectReason,
  showRollCall,
} from "../../services/rollcall/index.ts";
import { setMuted } from "../../services/settings-member.ts";
import { clearContext, loadContext, type ZaloDialogContext } from "./context.ts";
import { ZaloMeetingEditor } from "./meeting-editor.ts";
import type { ZaloMessenger } from "./messenger.ts";
import { rosterOrder, rosterText } from "./roster.ts";
import { normalizeCommand } from "./text.ts";
import type { ZaloUpdate } from "./types.ts";

/** Zalo's limit per text; the messenger splits longer ones, a unit's block is kept whole. */
const MESSAGE_LIMIT = 2000;
/** Seen updates are remembered this long: Zalo retries a webhook within minutes, not days. */
export const DEDUPE_TTL_SECONDS = 2 * 86_400;
/** A question whose subject is over (meeting begun or cancelled): answered with "expired". */
const STALE_KEYS = new Set([
  "error-meeting-started",
  "error-meeting-cancelled",
  "error-meeting-not-found",
  "error-rollcall-correction-closed",
]);
const PRESETS = ["reason-sick", "reason-business-trip", "reason-family"] as const;
const CODES: Record<string, Exclude<RosterStatus, "unmarked">> = {
  c: "present",
  v: "excused",
  k: "unexcused",
};
/** `3 t`: the reason given is not valid (không chính đáng), R4; `3 v` accepts it again. */
const REJECT = "t";

type Overview = NonNullable<Awaited<ReturnType<typeof answersOverview>>>;

/** Everyone on the next meeting's list: who comes, who declined, who is silent. */
const behalfMembers = (overview: Overview) => [
  ...overview.attending,
  ...overview.declined.map((d) => d.member),
  ...overview.silent,
];

export interface ZaloBotDeps {
  services: Services;
  redis: Redis;
  redisPrefix: string;
  messenger: ZaloMessenger;
}

export type UpdateOutcome = "processed" | "duplicate" | "ignored";

interface Chat {
  chatId: string;
  userId: string;
  actor: Actor | null;
}

type Command = (chat: Chat, args: string) => Promise<void>;

/**
 * The Zalo side of the bot: text in, the same services as Telegram's buttons and commands, text
 * out. Buttons are numbered choices (the chat's last question lives in Postgres, see context.ts).
 */
export class ZaloBot {
  private readonly logger = createLogger();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly commands = new Map<string, Command>();
  private readonly meetings: ZaloMeetingEditor<Chat>;

  constructor(private readonly deps: ZaloBotDeps) {
    const add = (names: string[], command: Command) => {
      for (const name of names) this.commands.set(name, command);
    };
    add(["start"], (chat, args) => this.start(chat, args));
    add(["lich", "lichhop_cua_toi", "lichhopcuatoi"], (chat) => this.next(chat));
    add(["cuatoi"], (chat) => this.year(chat));
    add(["caidat"], (chat) => this.settingsMenu(chat));
    add(["trogiup", "help", "huongdan"], (chat) => this.help(chat));
    add(["diemdanh", "rollcall"], (chat) => this.openRoster(chat));
    add(["chot", "chotdiemdanh"], (chat) => this.close(chat));
    add(["tinhhinh"], (chat) => this.overview(chat));
    add(["nhacnho"], (chat) => this.nudge(chat));
    add(["donvi"], (chat) => this.units(chat));
    add(["moi"], (chat) => this.inviteList(chat));
    add(["traloithay"], (chat) => this.behalfList(chat));
    add(["lichhop"], (chat) => this.meetings.menu(chat));
    this.meetings = new ZaloMeetingEditor<Chat>({
      services: deps.services,
      send: (chatId, message, extra) => this.send(chatId, message, extra),
      say: (chatId, text) => this.say(chatId, text),
      guarded: (chat, action) => this.guarded(chat, action),
      stale: (chat) => this.stale(chat),
      ledCell: (chat) => this.ledCell(chat),
      actorOf: (chat) => chat.actor!,
    });
  }

  private get t() {
    return this.deps.services.t;
  }

  /**
   * One webhook body or one polled update. Deduplicated on event name + message id in Redis
   * (SET NX with a TTL: expires by itself, shared by every bot process), then handled one at a
   * time per chat so two quick replies never race on the chat's context.
   */
  async handleUpdate(update: ZaloUpdate): Promise<UpdateOutcome> {
    const message = update?.message;
    if (!update?.event_name || !message?.message_id || !message.chat?.id || !message.from?.id)
      return "ignored";
    const key = `${this.deps.redisPrefix}:zalo:seen:${update.event_name}:${message.message_id}`;
    const first = await this.deps.redis.set(key, "1", "EX", DEDUPE_TTL_SECONDS, "NX");
    if (first !== "OK") return "duplicate";
    const chatId = String(message.chat.id);
    const previous = this.queues.get(chatId) ?? Promise.resolve();
    const run = previous.then(() => this.process(update)).catch(() => undefined);
    this.queues.set(chatId, run);
    await run;
    if (this.queues.get(chatId) === run) this.queues.delete(chatId);
    return "processed";
  }

  private async process(update: ZaloUpdate) {
    const { message } = update;
    const chatId = String(message.chat.id);
    try {
      if (message.chat.chat_type === "GROUP") {
        if (message.text?.trim().startsWith("/"))
          await this.say(chatId, this.t("error-group-private-only"));
        return;
      }
      const text = message.text?.trim();
      if (!text || !/text/i.test(update.event_name)) {
        await this.say(chatId, this.t("zalo-text-only"));
        return;
      }
      const { db, clock } = this.deps.services;
      const userId = String(message.from.id);
      const actor = await actorFor(db, "ZALO", userId);
      if (actor) await touchIdentity(db, "ZALO", userId, clock.now());
      await this.onText({ chatId, userId, actor }, text);
    } catch (error) {
      this.logger.error(
        {
          event: update.event_name,
          messageId: message.message_id,
          err: error instanceof Error ? error.message : String(error),
        },
        "zalo update failed",
      );
      await this.say(chatId, this.t("error-internal")).catch(() => undefined);
    }
  }

  private async onText(chat: Chat, text: string) {
    const normalized = normalizeCommand(text);
    const [head = "", ...rest] = normalized.split(" ");
    const args = text.trim().split(/\s+/).slice(1).join(" ");
    if (head === "start") return this.start(chat, args);
    if (!chat.actor) {
      // An unlinked chat: a lone code-like word is an invite code.
      if (/^[a-z0-9]{6,32}$/.test(normalized)) return this.start(chat, text.trim());
      return this.say(chat.chatId, this.t("zalo-start-unlinked"));
    }
    const invite = /^moi (\d{1,4})$/.exec(normalized);
    if (invite) return this.inviteNumber(chat, Number(invite[1]));
    // Only a month after it: "báo cáo tình hình…" typed as an agenda is not this command.
    const report = /^bao ?cao(?: ((?:thang )?[\d/.-]+))?$/.exec(normalized);
    if (report) return this.report(chat, report[1] ?? "");
    const command = this.commands.get(normalized.replaceAll(" ", ""));
    if (command && !/^\d/.test(normalized)) return command(chat, rest.join(" "));
    if (/^\d+$/.test(normalized)) return this.choose(chat, Number(normalized));
    const state = await loadContext(this.deps.services.db, chat.chatId, this.now());
    // A question that takes typed text (a reason, a date, "19h30") comes before roll call codes.
    if (state?.context.freeText) {
      if (state.expired) return this.stale(chat);
      return this.typed(chat, state.context, text.trim());
    }
    const code = /^(\d+)\s*([a-z])$/.exec(normalized);
    if (code) return this.mark(chat, Number(code[1]), code[2]!);
    return this.say(chat.chatId, this.t("zalo-unknown-text"));
  }

  // ── sending ────────────────────────────────────────────────────────────────

  private now() {
    return this.deps.services.clock.now();
  }

  private async say(chatId: string, text: string) {
    await this.send(chatId, { text });
  }

  private async send(
    chatId: string,
    message: OutgoingMessage,
    extra: Omit<ZaloDialogContext, "message"> = {},
  ) {
    await this.deps.messenger.send(chatId, message, extra);
  }

  /** Runs a use case; a UserError becomes its message (or "expired" + the current question). */
  private async guarded<T>(chat: Chat, action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (STALE_KEYS.has(error.key)) await this.stale(chat);
      else await this.say(chat.chatId, this.t(error.key, error.args));
      return undefined;
    }
  }

  /** "This question has expired", then the question that is current now, if any. */
  private async stale(chat: Chat) {
    await clearContext(this.deps.services.db, chat.chatId);
    const next = chat.actor && (await myNextMeeting(this.deps.services, chat.actor));
    if (!next) {
      await this.say(chat.chatId, this.t("zalo-stale"));
      return;
    }
    const question = this.nextMeetingMessage(next);
    await this.send(chat.chatId, {
      ...question,
      text: `${this.t("zalo-stale")}\n\n${question.text}`,
    });
  }

  // ── linking ────────────────────────────────────────────────────────────────

  private async start(chat: Chat, code: string) {
    const { services } = this.deps;
    if (!code.trim()) {
      await this.say(
        chat.chatId,
        chat.actor
          ? this.t("start-linked", { name: chat.actor.fullName, cell: chat.actor.cellName ?? "" })
          : this.t("zalo-start-unlinked"),
      );
      return;
    }
    const ref = { platform: "ZALO" as const, externalId: chat.userId, chatId: chat.chatId };
    const member = await this.guarded(chat, () => redeemInvite(services, ref, code.trim()));
    if (!member) return;
    const actor = await actorFor(services.db, "ZALO", chat.userId);
    await this.say(
      chat.chatId,
      this.t("zalo-start-welcome", { name: member.fullName, cell: actor?.cellName ?? "" }),
    );
  }

  // ── member ─────────────────────────────────────────────────────────────────

  private nextMeetingMessage(
    next: NonNullable<Awaited<ReturnType<typeof myNextMeeting>>>,
  ): OutgoingMessage {
    const t = this.t;
    const when = displayParts(next.meeting.startsAt);
    const answer = next.answer
      ? next.answer.kind === "ATTENDING"
        ? t("my-answer-attending")
        : t("my-answer-absent", { reason: next.answer.reason ?? "" })
      : t("my-answer-none");
    return {
      text: t("next-meeting", {
        cell: next.meeting.unit.name,
        weekday: t("weekday", { day: when.day }),
        date: when.date,
        time: when.time,
        place: next.meeting.place ?? t("place-unknown"),
        agenda: next.meeting.agenda ?? t("agenda-unknown"),
        answer,
      }),
      buttons: [
        [
          { label: t("button-attend"), data: answerButtonData(next.meeting.id, true) },
          { label: t("button-decline"), data: answerButtonData(next.meeting.id, false) },
        ],
      ],
    };
  }

  private async next(chat: Chat) {
    const next = await myNextMeeting(this.deps.services, chat.actor!);
    if (!next) return this.say(chat.chatId, this.t("next-none"));
    await this.send(chat.chatId, this.nextMeetingMessage(next));
  }

  private async year(chat: Chat) {
    const year = await myYear(this.deps.services, chat.actor!);
    await this.say(chat.chatId, year ? this.t("my-year", year) : this.t("my-year-none"));
  }

  private async settingsMenu(chat: Chat, note?: string) {
    const row = await this.deps.services.db.member.findUnique({
      where: { id: chat.actor!.memberId },
    });
    const muted = row?.muted ?? false;
    const text = this.t(muted ? "settings-muted" : "settings-unmuted");
    await this.send(chat.chatId, {
      text: note ? `${note}` : text,
      buttons: [
        [{ label: this.t(muted ? "button-unmute" : "button-mute"), data: `mute:${muted ? 0 : 1}` }],
      ],
    });
  }

  private async help(chat: Chat) {
    const actor = chat.actor!;
    const parts = [this.t("zalo-help-member")];
    if (actor.leads) parts.push(this.t("zalo-help-leader"));
    if (actor.inChargeOf.length) parts.push(this.t("zalo-help-committee"));
    await this.say(chat.chatId, parts.join("\n\n"));
  }

  // ── leaders and committee ──────────────────────────────────────────────────

  /** The cell the person leads, or null after telling them they may not (as on Telegram). */
  private async ledCell(chat: Chat): Promise<string | null> {
    const actor = chat.actor!;
    if (actor.cellId && canLead(actor, actor.cellId)) return actor.cellId;
    await this.say(chat.chatId, this.t("error-not-allowed"));
    return null;
  }

  /** `tinhhinh`: who answered what for the next meeting (reasons only in this private chat). */
  private async overview(chat: Chat) {
    const unitId = await this.ledCell(chat);
    if (!unitId) return;
    const { services } = this.deps;
    const overview = await this.guarded(chat, () => answersOverview(services, chat.actor!, unitId));
    if (overview === undefined) return;
    if (overview === null) return this.say(chat.chatId, this.t("tinhhinh-none"));
    const lines = answersOverviewLines(this.t, overview, services.settings.policy.minRate);
    lines.push("", this.t("zalo-tinhhinh-hint"));
    await this.say(chat.chatId, lines.join("\n"));
  }

  /** `nhacnho`: reminds the members who have not answered the next meeting. */
  private async nudge(chat: Chat) {
    const unitId = await this.ledCell(chat);
    if (!unitId) return;
    const result = await this.guarded(chat, () =>
      nudgeSilent(this.deps.services, chat.actor!, unitId),
    );
    if (result) await this.say(chat.chatId, nudgeLines(this.t, result).join("\n"));
  }

  /** `donvi`: this month in each unit the committee member is in charge of. */
  private async units(chat: Chat) {
    const overview = await this.guarded(chat, () =>
      committeeOverview(this.deps.services, chat.actor!),
    );
    if (!overview) return;
    for (const text of committeeMessages(this.t, overview, MESSAGE_LIMIT))
      await this.say(chat.chatId, text);
  }

  /** `baocao [MM/yyyy]`: last month's (or that month's) report of the cell or the units in charge. */
  private async report(chat: Chat, args: string) {
    const data = await this.guarded(chat, () => reportAsked(this.deps.services, chat.actor!, args));
    if (!data) return;
    // Text only on Zalo; the messenger splits it at line ends into messages of 2,000 characters.
    const text = renderReportText(this.t, data, {
      limit: 12_000,
      outro: [reportHint(this.t, this.now())],
    });
    await this.say(chat.chatId, text);
  }

  /** The cell's current members in the order `moi` numbers them. */
  private async linkStates(chat: Chat, unitId: string) {
    const { services } = this.deps;
    const [unit, members] = await Promise.all([
      services.db.unit.findUniqueOrThrow({ where: { id: unitId } }),
      cellLinkStates(services, chat.actor!, unitId),
    ]);
    return { cell: unit.name, members: byName(members) };
  }

  /** `moi`: the cell's members numbered, each with their link state; a number makes a code. */
  private async inviteList(chat: Chat) {
    const unitId = await this.ledCell(chat);
    if (!unitId) return;
    const t = this.t;
    const { cell, members } = await this.linkStates(chat, unitId);
    const linked = members.filter((m) => m.linked).length;
    await this.send(chat.chatId, {
      text: `${t("moi-title", { cell, linked, total: members.length })}\n${t("zalo-moi-help")}`,
      buttons: members.map((m) => [
        {
          label: m.linked
            ? t("moi-linked", { name: m.fullName })
            : m.pendingUntil
              ? t("moi-pending", { name: m.fullName, date: displayParts(m.pendingUntil).date })
              : t("moi-unlinked", { name: m.fullName }),
          data: `moi:${shortId(m.id)}`,
        },
      ]),
    });
  }

  /** `moi 3`: a code for the third member of the list, as `moi` numbers it now. */
  private async inviteNumber(chat: Chat, number: number) {
    const unitId = await this.ledCell(chat);
    if (!unitId) return;
    const { members } = await this.linkStates(chat, unitId);
    const member = members[number - 1];
    if (!member)
      return this.say(
        chat.chatId,
        this.t("zalo-wrong-number", { number: String(number), max: members.length }),
      );
    await this.invite(chat, member.id);
  }

  /** A fresh invite code (the old unused one lapses); createInvite checks and audits again. */
  private async invite(chat: Chat, memberId: string) {
    if (!(await this.ledCell(chat))) return;
    const invite = await this.guarded(chat, () =>
      createInvite(this.deps.services, chat.actor!, memberId),
    );
    if (!invite) return;
    const expires = displayParts(invite.expiresAt);
    await this.say(
      chat.chatId,
      this.t("zalo-moi-code", {
        name: invite.member.fullName,
        code: invite.code,
        date: expires.date,
        time: expires.time,
      }),
    );
  }

  // ── traloithay: answering on a member's behalf ─────────────────────────────

  /** `traloithay`: the next meeting's members numbered, each with their answer: ✅ ❌ ⏳. */
  private async behalfList(chat: Chat) {
    const unitId = await this.ledCell(chat);
    if (!unitId) return;
    const overview = await this.guarded(chat, () =>
      answersOverview(this.deps.services, chat.actor!, unitId),
    );
    if (overview === undefined) return;
    if (overview === null) return this.say(chat.chatId, this.t("traloithay-none"));
    const status = new Map<string, string>();
    for (const m of overview.attending) status.set(m.id, "✅");
    for (const d of overview.declined) status.set(d.member.id, "❌");
    const meeting = shortId(overview.meeting.id);
    await this.send(chat.chatId, {
      text: this.t("traloithay-pick", meetingArgs(this.t, overview.meeting)),
      buttons: byName(behalfMembers(overview)).map((m) => [
        {
          label: `${status.get(m.id) ?? "⏳"} ${m.fullName}`,
          data: `tl:m:${meeting}:${shortId(m.id)}`,
        },
      ]),
    });
  }

  /**
   * The next meeting's overview and the member, if the person still leads the cell, the meeting
   * is still the cell's next one and the member is on its list; else null (the person is told).
   */
  private async behalfTarget(chat: Chat, meetingShort: string, memberShort: string) {
    const meetingId = fromShortId(meetingShort);
    const memberId = fromShortId(memberShort);
    if (!meetingId || !memberId) {
      await this.stale(chat);
      return null;
    }
    const unitId = await this.ledCell(chat);
    if (!unitId) return null;
    const overview = await this.guarded(chat, () =>
      answersOverview(this.deps.services, chat.actor!, unitId),
    );
    if (overview === undefined) return null;
    if (overview?.meeting.id !== meetingId) {
      // Started, cancelled or moved behind another meeting since the list was shown.
      await this.stale(chat);
      return null;
    }
    const member = behalfMembers(overview).find((m) => m.id === memberId);
    if (!member) {
      await this.say(chat.chatId, this.t("error-not-allowed"));
      return null;
    }
    return { overview, member };
  }

  private async behalfPress(chat: Chat, step: string, meetingShort: string, memberShort: string) {
    const target = await this.behalfTarget(chat, meetingShort, memberShort);
    if (!target) return;
    const { overview, member } = target;
    const t = this.t;
    const data = `${meetingShort}:${memberShort}`;
    if (step === "m") {
      const declined = overview.declined.find((d) => d.member.id === member.id);
      const answer = overview.attending.some((m) => m.id === member.id)
        ? t("my-answer-attending")
        : declined
          ? t("my-answer-absent", { reason: declined.reason })
          : t("my-answer-none");
      return this.send(chat.chatId, {
        text: t("traloithay-member", {
          name: member.fullName,
          answer,
          ...meetingArgs(t, overview.meeting),
        }),
        buttons: [
          [
            { label: t("button-attend"), data: `tl:y:${data}` },
            { label: t("button-decline"), data: `tl:n:${data}` },
          ],
        ],
      });
    }
    if (step === "y") return this.recordBehalf(chat, overview.meeting.id, member, "ATTENDING");
    if (step === "n")
      return this.send(
        chat.chatId,
        {
          text: t("traloithay-ask-reason", { name: member.fullName, max: MAX_REASON_LENGTH }),
          buttons: [
            ...PRESETS.map((key, i) => [{ label: t(key), data: `tr:${data}:${i}` }]),
            [{ label: t("reason-other"), data: `tr:${data}:o` }],
          ],
        },
        { freeText: `tr:${data}` },
      );
    if (step === "o")
      return this.send(
        chat.chatId,
        { text: t("absence-ask-text", { max: MAX_REASON_LENGTH }) },
        { freeText: `tr:${data}` },
      );
    const preset = PRESETS[Number(step)];
    if (!preset) return this.stale(chat);
    await this.recordBehalf(chat, overview.meeting.id, member, "ABSENT", t(preset));
  }

  /** A typed reason for the member being answered for. */
  private async behalfTyped(chat: Chat, meetingShort: string, memberShort: string, text: string) {
    if ([...text].length > MAX_REASON_LENGTH)
      return this.say(chat.chatId, this.t("error-reason-too-long", { max: MAX_REASON_LENGTH }));
    const target = await this.behalfTarget(chat, meetingShort, memberShort);
    if (!target) return;
    await this.recordBehalf(chat, target.overview.meeting.id, target.member, "ABSENT", text);
  }

  private async recordBehalf(
    chat: Chat,
    meetingId: string,
    member: { id: string; fullName: string },
    kind: "ATTENDING" | "ABSENT",
    reason?: string,
  ) {
    const result = await this.guarded(chat, () =>
      recordAnswer(this.deps.services, chat.actor!, {
        meetingId,
        memberId: member.id,
        kind,
        reason,
      }),
    );
    if (!result) return;
    await clearContext(this.deps.services.db, chat.chatId);
    const key = result.unchanged
      ? "traloithay-unchanged"
      : kind === "ATTENDING"
        ? "traloithay-attending"
        : "traloithay-absent";
    await this.say(chat.chatId, this.t(key, { name: member.fullName, reason: reason ?? "" }));
  }

  // ── numbered choices ───────────────────────────────────────────────────────

  private async choose(chat: Chat, number: number) {
    const state = await loadContext(this.deps.services.db, chat.chatId, this.now());
    if (!state || state.expired) return this.stale(chat);
    const options = state.context.message.buttons?.flat() ?? [];
    if (options.length === 0) {
      if (state.context.roster) return this.say(chat.chatId, this.t("zalo-rollcall-wrong-code"));
      return this.say(chat.chatId, this.t("zalo-no-question"));
    }
    const option = options[number - 1];
    if (!option) {
      await this.say(
        chat.chatId,
        this.t("zalo-wrong-number", { number: String(number), max: options.length }),
      );
      // The same question again, so the choices are in view.
      await this.send(chat.chatId, state.context.message, {
        freeText: state.context.freeText,
        payload: state.context.payload,
        roster: state.context.roster,
      });
      return;
    }
    await this.press(chat, option.data, state.context);
  }

  /** What a Telegram button press does, for the same data. */
  private async press(chat: Chat, data: string, context: ZaloDialogContext) {
    const actor = chat.actor!;
    const { services } = this.deps;
    const t = this.t;
    let match = /^ans:([A-Za-z0-9_-]{22}):([yn])$/.exec(data);
    if (match) {
      const meetingId = fromShortId(match[1]!);
      if (!meetingId) return this.stale(chat);
      if (match[2] === "n") return this.askReason(chat, meetingId);
      const result = await this.guarded(chat, () =>
        recordAnswer(services, actor, { meetingId, memberId: actor.memberId, kind: "ATTENDING" }),
      );
      if (!result) return;
      return this.say(
        chat.chatId,
        t(result.unchanged ? "answer-unchanged" : "answer-attending-note"),
      );
    }
    match = /^why:([A-Za-z0-9_-]{22}):(\d|o)$/.exec(data);
    if (match) {
      const meetingId = fromShortId(match[1]!);
      if (!meetingId) return this.stale(chat);
      const preset = PRESETS[Number(match[2])];
      if (preset) return this.confirmReason(chat, meetingId, t(preset));
      return this.send(
        chat.chatId,
        { text: t("absence-ask-text", { max: MAX_REASON_LENGTH }) },
        { freeText: `why:${match[1]}` },
      );
    }
    if (data === "cf:y" || data === "cf:n") {
      const { meetingId, reason } = context.payload ?? {};
      if (!meetingId || !reason) return this.stale(chat);
      await clearContext(services.db, chat.chatId);
      if (data === "cf:n") return this.say(chat.chatId, t("absence-cancelled"));
      const recorded = await this.guarded(chat, () =>
        recordAnswer(services, actor, {
          meetingId,
          memberId: actor.memberId,
          kind: "ABSENT",
          reason,
        }),
      );
      if (recorded) await this.say(chat.chatId, t("absence-recorded", { reason }));
      return;
    }
    match = /^tl:([myn]):([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22})$/.exec(data);
    if (match) return this.behalfPress(chat, match[1]!, match[2]!, match[3]!);
    match = /^tr:([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22}):(\d|o)$/.exec(data);
    if (match) return this.behalfPress(chat, match[3]!, match[1]!, match[2]!);
    match = /^moi:([A-Za-z0-9_-]{22})$/.exec(data);
    if (match) {
      const memberId = fromShortId(match[1]!);
      if (!memberId) return this.stale(chat);
      return this.invite(chat, memberId);
    }
    match = /^mute:([01])$/.exec(data);
    if (match) {
      const muted = match[1] === "1";
      await setMuted(services, actor, muted);
      return this.settingsMenu(chat, t(muted ? "settings-muted" : "settings-unmuted"));
    }
    if (data.startsWith("lh:")) return this.meetings.press(chat, data, context);
    match = /^rc:([kv]):([A-Za-z0-9_-]{22})$/.exec(data);
    if (match) {
      const meetingId = fromShortId(match[2]!);
      if (!meetingId) return this.stale(chat);
      if (match[1] === "v") {
        const view = await this.guarded(chat, () => showRollCall(services, actor, meetingId));
        if (view) await this.sendRoster(chat, view);
        return;
      }
      return this.closeConfirmed(chat, meetingId);
    }
    return this.stale(chat);
  }

  // ── absence with a reason ──────────────────────────────────────────────────

  private async askReason(chat: Chat, meetingId: string) {
    const { services } = this.deps;
    const actor = chat.actor!;
    // Checked before asking: a member should not type a reason for a meeting already begun.
    const ok = await this.guarded(chat, async () => {
      const meeting = await services.db.meeting.findUnique({ where: { id: meetingId } });
      if (!meeting || meeting.unitId !== actor.cellId) throw new UserError("error-not-allowed");
      if (meeting.status !== "PLANNED" || meeting.startsAt <= services.clock.now())
        throw new UserError(
          meeting.status === "CANCELLED" ? "error-meeting-cancelled" : "error-meeting-started",
        );
      return true;
    });
    if (!ok) return;
    const short = shortId(meetingId);
    await this.send(
      chat.chatId,
      {
        text: this.t("absence-ask"),
        buttons: [
          ...PRESETS.map((key, i) => [{ label: this.t(key), data: `why:${short}:${i}` }]),
          [{ label: this.t("reason-other"), data: `why:${short}:o` }],
        ],
      },
      { freeText: `why:${short}` },
    );
  }

  private async typed(chat: Chat, context: ZaloDialogContext, text: string) {
    if (context.freeText === "lh") return this.meetings.typed(chat, context, text);
    const behalf = /^tr:([A-Za-z0-9_-]{22}):([A-Za-z0-9_-]{22})$/.exec(context.freeText ?? "");
    if (behalf) return this.behalfTyped(chat, behalf[1]!, behalf[2]!, text);
    const match = /^why:([A-Za-z0-9_-]{22})$/.exec(context.freeText ?? "");
    const meetingId = match && fromShortId(match[1]!);
    if (!meetingId) return this.stale(chat);
    if ([...text].length > MAX_REASON_LENGTH)
      return this.say(chat.chatId, this.t("error-reason-too-long", { max: MAX_REASON_LENGTH }));
    await this.confirmReason(chat, meetingId, text);
  }

  private async confirmReason(chat: Chat, meetingId: string, reason: string) {
    await this.send(
      chat.chatId,
      {
        text: this.t("absence-confirm", { reason }),
        buttons: [
          [
            { label: this.t("button-confirm"), data: "cf:y" },
            { label: this.t("button-cancel"), data: "cf:n" },
          ],
        ],
      },
      { payload: { meetingId, reason } },
    );
  }

  // ── roll call ──────────────────────────────────────────────────────────────

  private async sendRoster(
    chat: Chat,
    view: Awaited<ReturnType<typeof showRollCall>>,
    note?: string,
  ) {
    const text = rosterText(this.t, view, this.deps.services.settings.policy.minRate);
    await this.send(
      chat.chatId,
      { text: note ? `${note}\n\n${text}` : text },
      view.editable ? { roster: { meetingId: view.meeting.id, memberIds: rosterOrder(view) } } : {},
    );
  }

  private async openRoster(chat: Chat) {
    const view = await this.guarded(chat, () => openRollCall(this.deps.services, chat.actor!));
    if (view) await this.sendRoster(chat, view);
  }

  /** `3 c` present, `3 v` excused, `3 k` unexcused, `3 t` reason rejected; then the roster again. */
  private async mark(chat: Chat, number: number, letter: string) {
    const state = await loadContext(this.deps.services.db, chat.chatId, this.now());
    const roster = state?.context.roster;
    if (!state || !roster) return this.say(chat.chatId, this.t("zalo-rollcall-no-roster"));
    if (state.expired) return this.stale(chat);
    const status = CODES[letter];
    if (!status && letter !== REJECT)
      return this.say(chat.chatId, this.t("zalo-rollcall-wrong-code"));
    const memberId = roster.memberIds[number - 1];
    if (!memberId)
      return this.say(
        chat.chatId,
        this.t("zalo-wrong-number", { number: String(number), max: roster.memberIds.length }),
      );
    const { services } = this.deps;
    const actor = chat.actor!;
    const t = this.t;
    const note = await this.guarded(chat, async () => {
      if (!status) {
        const r = await rejectReason(services, actor, roster.meetingId, memberId);
        return t("rollcall-reason-rejected", { name: r.name });
      }
      const r = await markMember(services, actor, roster.meetingId, memberId, status);
      return t(r.correction ? "rollcall-corrected" : "rollcall-marked", {
        name: r.name,
        status: r.status,
      });
    });
    if (note === undefined) return;
    await this.sendRoster(chat, await showRollCall(services, actor, roster.meetingId), note);
  }

  /** `chot`: asks first when some are unmarked (1 = close, 2 = back), like the Telegram button. */
  private async close(chat: Chat) {
    const { services } = this.deps;
    const actor = chat.actor!;
    const state = await loadContext(services.db, chat.chatId, this.now());
    const meetingId = state?.context.roster?.meetingId;
    const view = await this.guarded(chat, () =>
      meetingId ? showRollCall(services, actor, meetingId) : openRollCall(services, actor),
    );
    if (!view) return;
    const unmarked = view.members.filter((m) => m.status === "unmarked");
    if (!view.closed && unmarked.length > 0) {
      const short = shortId(view.meeting.id);
      await this.send(chat.chatId, {
        text: this.t("rollcall-confirm-close", {
          count: unmarked.length,
          names: unmarked.map((m) => m.fullName).join(", "),
        }),
        buttons: [
          [
            { label: this.t("button-rollcall-confirm"), data: `rc:k:${short}` },
            { label: this.t("button-rollcall-back"), data: `rc:v:${short}` },
          ],
        ],
      });
      return;
    }
    await this.closeConfirmed(chat, view.meeting.id);
  }

  private async closeConfirmed(chat: Chat, meetingId: string) {
    const { services } = this.deps;
    const closed = await this.guarded(chat, () => closeRollCall(services, chat.actor!, meetingId));
    if (!closed) return;
    await this.sendRoster(
      chat,
      closed.view,
      this.t(closed.resent ? "rollcall-resent-toast" : "rollcall-closed-toast"),
    );
    // The closer gets the minutes here; the other leaders and the committee through the ledger.
    const minutes = minutesMessages(this.t, closed.minutes);
    await this.say(chat.chatId, minutes.text);
  }
}
