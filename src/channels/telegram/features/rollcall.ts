import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export const rollcall = new Composer<BotContext>();
