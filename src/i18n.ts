import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";

export const DEFAULT_LOCALE = "vi";
const localesDir = fileURLToPath(new URL("../locales", import.meta.url));

/** One Fluent instance for the bot (as middleware) and the workers (`t`). */
export function createI18n<C extends Context = Context>(): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: DEFAULT_LOCALE,
    // Telegram shows the isolation marks as garbage.
    fluentBundleOptions: { useIsolating: false },
  });
  i18n.loadLocalesDirSync(localesDir);
  return i18n;
}

export type Translate = (key: string, args?: Record<string, string | number>) => string;

export function translator(i18n: I18n, locale = DEFAULT_LOCALE): Translate {
  return (key, args) => i18n.t(locale, key, args);
}
