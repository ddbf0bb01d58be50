import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { QualityRubric } from "../../domain/quality.ts";

/** The default rubric shipped with the project (a ward's published HD 42 sheet, 100 points). */
export const DEFAULT_RUBRIC_FILE = fileURLToPath(
  new URL("../../../config/quality-rubric.json", import.meta.url),
);

const points = z.number().int().min(0).max(1000);
const key = z.string().regex(/^[a-z0-9-]{1,40}$/, "a-z, 0-9 and -, at most 40 characters");
const label = z.string().min(1).max(120).optional();

const rule = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("duration"),
    largeCellFrom: z.number().int().min(1),
    smallMinutes: z.number().int().min(1),
    largeMinutes: z.number().int().min(1),
    thematicMinutes: z.number().int().min(1),
  }),
  z.object({
    kind: z.literal("attendance"),
    tiers: z
      .array(z.object({ fromRate: z.number().min(0).max(1), points }))
      .min(1)
      .refine((t) => t.every((x, i) => i === 0 || x.fromRate < t[i - 1]!.fromRate), {
        message: "tiers go from the highest rate down",
      })
      .refine((t) => t.at(-1)!.fromRate === 0, { message: "the last tier starts at 0" }),
    unexcusedPoints: points,
    bonus: points,
    bonusMaxConsecutiveExcused: z.number().int().min(0),
  }),
  z.object({ kind: z.literal("notice"), members: points, committee: points }),
  z.object({ kind: z.literal("documents"), daysBefore: z.number().min(0).max(30) }),
  z.object({ kind: z.literal("minutes"), withinDays: z.number().min(0).max(30) }),
  z.object({ kind: z.literal("choice"), partial: points }),
]);

const item = z
  .object({ key, max: points.min(1), by: z.enum(["bot", "secretary"]), rule, label })
  .superRefine((it, ctx) => {
    const r = it.rule;
    if ((r.kind === "choice") !== (it.by === "secretary"))
      ctx.addIssue({
        code: "custom",
        path: ["by"],
        message: "the secretary scores exactly the items of kind choice",
      });
    const most =
      r.kind === "attendance"
        ? Math.max(...r.tiers.map((t) => t.points)) + r.bonus
        : r.kind === "notice"
          ? r.members + r.committee
          : r.kind === "choice"
            ? r.partial
            : 0;
    if (most > it.max)
      ctx.addIssue({ code: "custom", path: ["rule"], message: `gives more than max (${it.max})` });
  });

const rubric = z
  .object({
    name: z.string().min(1).max(300),
    items: z.array(item).min(1).max(40),
    grades: z
      .array(z.object({ key, min: points, label }))
      .min(1)
      .refine((g) => g.every((x, i) => i === 0 || x.min < g[i - 1]!.min), {
        message: "grades go from the highest down",
      })
      .refine((g) => g.at(-1)!.min === 0, { message: "the last grade starts at 0" }),
  })
  .refine((r) => new Set(r.items.map((i) => i.key)).size === r.items.length, {
    message: "item keys must be unique",
    path: ["items"],
  });

/** A rubric from JSON text, validated; the error names the file and the place that is wrong. */
export function parseRubric(text: string, source = "rubric"): QualityRubric {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`QUALITY_RUBRIC ${source}: not JSON (${(error as Error).message})`);
  }
  const parsed = rubric.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`)
      .join("; ");
    throw new Error(`QUALITY_RUBRIC ${source}: ${problems}`);
  }
  return parsed.data;
}

const cache = new Map<string, QualityRubric>();

/** The rubric file (default: config/quality-rubric.json), read and validated once per process. */
export function loadRubric(file: string = DEFAULT_RUBRIC_FILE): QualityRubric {
  const known = cache.get(file);
  if (known) return known;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`QUALITY_RUBRIC ${file}: cannot be read (${(error as Error).message})`);
  }
  const loaded = parseRubric(text, file);
  cache.set(file, loaded);
  return loaded;
}
