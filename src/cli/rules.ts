import { readFile } from "node:fs/promises";
import { z } from "zod";
import {
  isCalendarDate,
  isInCell,
  type MeetingRecord,
  type Member,
} from "../domain/eligibility.ts";
import { type CellHistory, evaluateCell } from "../domain/evaluate.ts";
import { resolvePolicy } from "../domain/policy.ts";
import type { Io } from "./io.ts";

const USAGE = "usage: npm run cli -- rules evaluate FILE.json";

/** `rules evaluate FILE.json`: one cell's history in, its evaluation as one JSON object out. */
export async function rules(argv: string[], io: Io): Promise<number> {
  const [subcommand, file, ...extra] = argv;
  if (subcommand !== "evaluate" || file === undefined || extra.length > 0) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let history: CellHistory;
  try {
    history = parseCellHistory(await readText(file));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`${file}: ${error.message}\n`);
    return 2;
  }
  io.stdout.write(`${JSON.stringify(evaluateCell(history), null, 2)}\n`);
  return 0;
}

/** A problem in the user's file, worded for the person who wrote it. */
class InputError extends Error {}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "no such file" : `cannot read the file (${code})`);
  }
}

const date = z.string().refine(isCalendarDate, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a date (YYYY-MM-DD)`,
});

const status = z.strictObject({
  kind: z.enum(["exempt", "special_duty"], {
    error: (issue) =>
      `unknown status ${JSON.stringify(issue.input)} (expected exempt or special_duty)`,
  }),
  from: date,
  to: date.nullable(),
});

const member = z.strictObject({
  id: z.string().min(1),
  joined: date,
  left: date.nullable().default(null),
  statuses: z.array(status).default([]),
});

const mark = z.enum(["present", "excused", "unexcused"], {
  error: (issue) =>
    `unknown attendance ${JSON.stringify(issue.input)} (expected present, excused or unexcused)`,
});

const meeting = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(["regular", "thematic"], {
    error: (issue) =>
      `unknown meeting kind ${JSON.stringify(issue.input)} (expected regular or thematic)`,
  }),
  date,
  attendance: z.record(z.string(), mark),
});

const cellFile = z.strictObject({
  policy: z
    .strictObject({
      minRate: z.number().gt(0).lt(1).optional(),
      maxConsecutiveExcused: z.int().min(1).optional(),
      removalMonths: z.int().min(1).max(12).optional(),
    })
    .optional(),
  members: z.array(member),
  meetings: z.array(meeting),
});

/** Parses and checks one cell's history; throws InputError naming the first problem. */
function parseCellHistory(text: string): CellHistory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(`malformed JSON: ${(error as Error).message}`);
  }
  const parsed = cellFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError([...describePath(raw, issue?.path ?? []), issue?.message].join(": "));
  }
  const { policy, members, meetings } = parsed.data;
  checkMembers(members);
  checkMeetings(members, meetings);
  return { policy: resolvePolicy(policy), members, meetings };
}

function checkMembers(members: readonly Member[]): void {
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.id)) throw new InputError(`member ${m.id} appears twice`);
    seen.add(m.id);
    if (m.left !== null && m.left <= m.joined) {
      throw new InputError(`member ${m.id}: left ${m.left} is not after joined ${m.joined}`);
    }
    m.statuses.forEach((s, i) => {
      if (s.to !== null && s.to < s.from) {
        throw new InputError(
          `member ${m.id}: status #${i + 1}: to ${s.to} is before from ${s.from}`,
        );
      }
    });
  }
}

function checkMeetings(members: readonly Member[], meetings: readonly MeetingRecord[]): void {
  const byId = new Map(members.map((m) => [m.id, m]));
  const seen = new Set<string>();
  for (const meeting of meetings) {
    const where = `meeting ${meeting.id}`;
    if (seen.has(meeting.id)) throw new InputError(`${where} appears twice`);
    seen.add(meeting.id);
    for (const id of Object.keys(meeting.attendance)) {
      const m = byId.get(id);
      if (!m) throw new InputError(`${where}: member ${id} is not in the members list`);
      if (!isInCell(m, meeting.date)) {
        throw new InputError(`${where}: member ${id} is not in the cell on ${meeting.date}`);
      }
    }
  }
}

// A list index or a record key in a zod path names the item with these words.
const ITEM_LABELS = new Map<PropertyKey, string>([
  ["members", "member"],
  ["meetings", "meeting"],
  ["statuses", "status"],
  ["attendance", "member"],
]);

/** Turns a zod path into the words a secretary would use: "meeting 2026-03: member m9". */
function describePath(raw: unknown, path: readonly PropertyKey[]): string[] {
  const words: string[] = [];
  let node = raw;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const item = path[i + 1];
    const label = key === undefined ? undefined : ITEM_LABELS.get(key);
    node = childOf(node, key);
    if (label === undefined || item === undefined) {
      words.push(String(key));
      continue;
    }
    node = childOf(node, item);
    i++;
    const name = typeof item === "number" ? (idOf(node) ?? `#${item + 1}`) : String(item);
    words.push(`${label} ${name}`);
  }
  return words;
}

function childOf(node: unknown, key: PropertyKey | undefined): unknown {
  return typeof node === "object" && node !== null && key !== undefined
    ? (node as Record<PropertyKey, unknown>)[key]
    : undefined;
}

function idOf(node: unknown): string | undefined {
  const id = childOf(node, "id");
  return typeof id === "string" && id !== "" ? id : undefined;
}
