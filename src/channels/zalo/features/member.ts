import { committeeMode, setCommitteeMode } from "../../../services/committee-mode.ts";
import { myNextMeeting, myYear } from "../../../services/overview.ts";
import { setMuted } from "../../../services/settings-member.ts";
import type { ZaloFeature } from "../feature.ts";
import { nextMeetingMessage } from "../next-meeting.ts";
import type { LinkedTurn } from "../turn.ts";

/** `lich`: the next meeting and the member's answer, asked again (1 attend, 2 absent). */
async function next(turn: LinkedTurn) {
  const next = await myNextMeeting(turn.services, turn.actor);
  if (!next) return turn.reply(turn.t("next-none"));
  await turn.reply(nextMeetingMessage(turn.t, next));
}

/** `cuatoi`: the member's year so far. */
async function year(turn: LinkedTurn) {
  const year = await myYear(turn.services, turn.actor);
  await turn.reply(year ? turn.t("my-year", year) : turn.t("my-year-none"));
}

/** `caidat`: muted or not, for a committee member in charge their cells' choice, and the changes. */
async function settingsMenu(turn: LinkedTurn, note?: string) {
  const { t, actor } = turn;
  const row = await turn.services.db.member.findUnique({ where: { id: actor.memberId } });
  const muted = row?.muted ?? false;
  const lines = [t(muted ? "settings-muted" : "settings-unmuted")];
  const buttons = [
    [{ label: t(muted ? "button-unmute" : "button-mute"), data: `mute:${muted ? 0 : 1}` }],
  ];
  if (actor.inChargeOf.length > 0) {
    const summary = (await committeeMode(turn.services.db, actor.memberId)) === "summary";
    lines.push(t(summary ? "committee-settings-summary" : "committee-settings-every-meeting"));
    buttons.push([
      {
        label: t(summary ? "button-committee-every-meeting" : "button-committee-summary"),
        data: `cmode:${summary ? "e" : "s"}`,
      },
    ]);
  }
  await turn.reply({ text: [...(note ? [note] : []), ...lines].join("\n\n"), buttons });
}

/** `trogiup`: what this person may type; leaders and the committee see their part too. */
async function help(turn: LinkedTurn) {
  const { actor, t } = turn;
  const parts = [t("zalo-help-member")];
  if (actor.leads) parts.push(t("zalo-help-leader"));
  if (actor.inChargeOf.length) parts.push(t("zalo-help-committee"));
  await turn.reply(parts.join("\n\n"));
}

/** What every linked member can do for themselves: see the next meeting, their year, mute. */
export const member: ZaloFeature = {
  commands: [
    { names: ["lich", "lichhop_cua_toi", "lichhopcuatoi"], run: next },
    { names: ["cuatoi"], run: year },
    { names: ["caidat"], run: (turn) => settingsMenu(turn) },
    { names: ["trogiup", "help", "huongdan"], run: help },
  ],
  choices: [
    {
      data: /^mute:([01])$/,
      run: async (turn, match) => {
        const muted = match[1] === "1";
        await setMuted(turn.services, turn.actor, muted);
        await settingsMenu(turn, turn.t("zalo-settings-saved"));
      },
    },
    {
      data: /^cmode:([es])$/,
      run: async (turn, match) => {
        if (turn.actor.inChargeOf.length === 0) return turn.reply(turn.t("error-not-allowed"));
        await setCommitteeMode(
          turn.services,
          turn.actor,
          match[1] === "s" ? "summary" : "every-meeting",
        );
        await settingsMenu(turn, turn.t("zalo-settings-saved"));
      },
    },
  ],
};
