// What people read: one number style for rates everywhere, and no message without its twin.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n, translator } from "../src/i18n.ts";
import { percent } from "../src/services/format.ts";

const LOCALES = resolve(import.meta.dirname, "../locales");
const files = (lang: string) => [
  join(LOCALES, `${lang}.ftl`),
  ...readdirSync(join(LOCALES, lang)).map((f) => join(LOCALES, lang, f)),
];
const messages = (lang: string) =>
  files(lang).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => /^[a-z][a-z0-9-]* =/.test(line))
      .map((line) => line.slice(0, line.indexOf(" ="))),
  );

describe("rates as people read them", () => {
  const t = translator(createI18n());

  it("one Vietnamese style, rounded down: 84,96 % of a cell is written 84,9%, never 85,0%", () => {
    const rate = percent(0.8496);
    expect(t("report-percent", { rate })).toBe("84,9%");
    expect(t("minutes-csv-percent", { rate })).toBe("84,9%");
    expect(t("minutes-present", { present: 17, eligible: 20, rate: percent(17 / 20) })).toContain(
      "tỷ lệ 85%",
    );
    expect(percent(25 / 26)).toBe(96.1); // 96.15…: rounded down, as the help says
    expect(t("help-leader")).toContain("làm tròn xuống");
  });

  it("no message puts a space between the number and %", () => {
    for (const lang of ["vi", "en"]) {
      for (const file of files(lang)) {
        const spaced = readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => !line.startsWith("#") && /(\d|\}) %/.test(line));
        expect(spaced, file).toEqual([]);
      }
    }
  });

  it("every Vietnamese message has its English twin and the other way round", () => {
    const vi = new Set(messages("vi"));
    const en = new Set(messages("en"));
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });

  it("plural forms: one member is «đồng chí này», several «các đồng chí này»", () => {
    const one = t("rollcall-confirm-close", { count: 1, names: "Lê Văn A" });
    const many = t("rollcall-confirm-close", { count: 3, names: "A, B, C" });
    expect(one).toContain("Khi chốt, đồng chí này được ghi");
    expect(many).toContain("Khi chốt, các đồng chí này được ghi");
  });
});
