import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Translate } from "../../i18n.ts";
import type { Actor } from "../../services/actors.ts";

const MEMBER = ["lich", "cuatoi", "caidat", "trogiup"];
const LEADER = [
  "tinhhinh",
  "nhacnho",
  "rollcall",
  "diemdanh",
  "bieuquyet",
  "lichhop",
  "traloithay",
  "moi",
  "baocao",
  "chamdiem",
  "tailieu",
  "web",
];
const COMMITTEE = ["donvi", "baocao", "web"];

function menu(names: string[], t: Translate): BotCommand[] {
  return names.map((command) => ({ command, description: t(`command-${command}`) }));
}

/** The menu every private chat sees before anything is known about it. */
export async function setDefaultCommands(api: Api, t: Translate) {
  await api.setMyCommands(menu(["start", ...MEMBER], t), { scope: { type: "all_private_chats" } });
}

/** A chat's own menu, by role: members, secretaries/deputies, committee members. */
export async function syncCommandMenu(api: Api, chatId: number, actor: Actor, t: Translate) {
  const names = [
    ...(actor.cellId ? MEMBER : ["trogiup"]),
    ...(actor.leads ? LEADER : []),
    ...(actor.inChargeOf.length ? COMMITTEE : []),
  ].filter((name, i, all) => all.indexOf(name) === i);
  await api.setMyCommands(menu(names, t), { scope: { type: "chat", chat_id: chatId } });
}
