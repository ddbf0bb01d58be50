import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export const alerts = new Composer<BotContext>();
