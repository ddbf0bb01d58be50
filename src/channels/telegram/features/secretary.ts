import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export const secretary = new Composer<BotContext>();
