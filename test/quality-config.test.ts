import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { DEFAULT_RUBRIC_FILE } from "../src/services/quality/rubric.ts";
import { settingsFrom } from "../src/settings.ts";

// Issue 15: QUALITY_RUBRIC points a deployment at its own scoring sheet, validated at start.
const dir = mkdtempSync(join(tmpdir(), "chibo-rubric-"));
const base = JSON.parse(readFileSync(DEFAULT_RUBRIC_FILE, "utf8"));

describe("QUALITY_RUBRIC", () => {
  it("unset: the shipped rubric (100 points); set: that file, its own labels", () => {
    expect(settingsFrom(loadConfig({})).qualityRubric.items).toHaveLength(11);
    const own = join(dir, "phuong.json");
    writeFileSync(
      own,
      JSON.stringify({
        ...base,
        grades: [
          { key: "dat", min: 50, label: "Đạt" },
          { key: "chua-dat", min: 0 },
        ],
      }),
    );
    expect(settingsFrom(loadConfig({ QUALITY_RUBRIC: own })).qualityRubric.grades[0]!.label).toBe(
      "Đạt",
    );
  });

  it("a bad file stops the start with the variable and the place that is wrong", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...base, items: [{ ...base.items[1], max: 3 }] }));
    expect(() => loadConfig({ QUALITY_RUBRIC: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ QUALITY_RUBRIC: bad })).toThrow(
      /QUALITY_RUBRIC: .*items\.0\.rule: gives more than max \(3\)/,
    );
    expect(() => loadConfig({ QUALITY_RUBRIC: join(dir, "missing.json") })).toThrow(
      /QUALITY_RUBRIC: .*cannot be read/,
    );
  });
});
