import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export const committee = new Composer<BotContext>();
