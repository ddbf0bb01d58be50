import { parseArgs } from "node:util";
import { ManualClock } from "../clock.ts";
import { loadConfig } from "../config.ts";
import type { Db } from "../db/client.ts";
import { toLocalIso } from "../domain/schedule.ts";
import { type DemoReport, type RuleFinding, seedDemo } from "../seed/demo.ts";
import {
  MAX_CELL,
  MIN_CELL,
  PROVINCE_DEFAULTS,
  type ProvinceOptions,
  seedProvince,
} from "../seed/province.ts";
import { runPlanner } from "../services/planner.ts";
import { ArgumentError, type Io, parseArguments } from "./io.ts";
import { offlineServices } from "./offline.ts";

const USAGE =
  "usage: npm run cli -- seed demo [--now ISO-8601] [--force] | seed province [--members N] [--cells N] [--history-months N] [--now ISO-8601] [--force] [--skip-plan]";
const MAX_EXAMPLES = 4;

/**
 * `seed demo`: the demo organisation into an empty database (`--force` wipes every table first),
 * pure given `--now` (default: the current time), then the coming meetings planned.
 */
export async function seed(
  argv: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const args = parseArguments("seed", () => parseSeedArgs(argv), io);
  if (typeof args === "number") return args;
  if (args.what === "province") return seedProvinceCommand(args, io, env);
  const services = offlineServices(env, new ManualClock(args.now), { poolSize: 4 });
  const { db } = services;
  const started = performance.now();
  try {
    const outcome = await seedDemo(services, { force: args.force });
    if (!outcome.seeded) {
      io.stdout.write(
        "Cơ sở dữ liệu đã có dữ liệu, không thay đổi gì / already seeded, nothing changed (--force wipes and seeds again)\n",
      );
      return 0;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stdout.write(summary(outcome.report, outcome.wiped, seconds));
    return 0;
  } finally {
    await db.$disconnect();
  }
}

interface SeedArgs {
  what: "demo" | "province";
  now: Date;
  force: boolean;
  province: ProvinceOptions;
  plan: boolean;
}

function parseSeedArgs(argv: string[]): SeedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
  const [what, ...extra] = parsed.positionals;
  if ((what !== "demo" && what !== "province") || extra.length > 0) {
    throw new ArgumentError(USAGE);
  }
  const v = parsed.values;
  if (what === "demo" && (v.members || v.cells || v["history-months"] || v["skip-plan"])) {
    throw new ArgumentError(
      `--members, --cells, --history-months, --skip-plan: province only\n${USAGE}`,
    );
  }
  const whole = (name: string, text: string | undefined, fallback: number, min: number) => {
    if (text === undefined) return fallback;
    const n = Number(text.replaceAll("_", ""));
    if (!Number.isInteger(n) || n < min) {
      throw new ArgumentError(`--${name} must be a whole number ≥ ${min}, got "${text}"`);
    }
    return n;
  };
  const province: ProvinceOptions = {
    members: whole("members", v.members, PROVINCE_DEFAULTS.members, 5),
    cells: whole("cells", v.cells, PROVINCE_DEFAULTS.cells, 1),
    historyMonths: whole("history-months", v["history-months"], PROVINCE_DEFAULTS.historyMonths, 0),
  };
  const mean = province.members / province.cells;
  if (mean < MIN_CELL || mean > MAX_CELL) {
    throw new ArgumentError(
      `--members ${province.members} in --cells ${province.cells}: a cell has ${MIN_CELL} to ${MAX_CELL} members`,
    );
  }
  const text = v.now;
  const now = text === undefined ? new Date() : parseInstant(text);
  return { what, now, force: v.force ?? false, province, plan: !v["skip-plan"] };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      now: { type: "string" },
      force: { type: "boolean" },
      members: { type: "string" },
      cells: { type: "string" },
      "history-months": { type: "string" },
      "skip-plan": { type: "boolean" },
    },
  });
}

/** `seed province`: COPY the province in, then plan its reminders; each step timed. */
async function seedProvinceCommand(
  args: SeedArgs,
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const config = loadConfig(env);
  const services = offlineServices(env, new ManualClock(args.now), { poolSize: 4 });
  const { db } = services;
  try {
    const existing = (await db.unit.count()) + (await db.member.count());
    if (existing > 0 && !args.force) {
      io.stdout.write(
        "Cơ sở dữ liệu đã có dữ liệu, không thay đổi gì / already seeded, nothing changed (--force wipes and seeds again)\n",
      );
      return 0;
    }
    if (existing > 0) await wipeAll(db);
    const started = performance.now();
    let shownAt = 0;
    const progress = (table: string, rows: number) => {
      if (performance.now() - shownAt < 500) return;
      shownAt = performance.now();
      const seconds = ((shownAt - started) / 1000).toFixed(1);
      io.stderr.write(
        `\rseed province: ${table} ${rows.toLocaleString("en")} rows (${seconds} s)   `,
      );
    };
    const counts = await seedProvince(services, config.DATABASE_URL, args.province, progress);
    const seeded = (performance.now() - started) / 1000;
    io.stderr.write("\n");
    const c = counts;
    const lines = [
      `Đã tạo tổ chức cấp tỉnh / province seeded, now = ${toLocalIso(args.now)}`,
      `  ${c.organisations} tổ chức cơ sở đảng / grassroots organisations, ${c.cells} chi bộ / cells (${c.residential} khu dân cư / residential)`,
      `  ${c.members} đảng viên / members (${c.telegram} Telegram, ${c.zalo} Zalo, ${c.unlinked} chưa liên kết / unlinked; ${c.exempt} miễn / exempt, ${c.specialDuty} nhiệm vụ đặc biệt / special duty) + ${c.committeeMembers} cấp ủy viên phụ trách / committee members`,
      `  ${c.heldMeetings} cuộc họp đã họp / held meetings, ${c.attendance} điểm danh / attendance rows`,
      `  Nạp dữ liệu / loaded in ${seeded.toFixed(1)} s (COPY)`,
    ];
    io.stdout.write(`${lines.join("\n")}\n`);
    if (args.plan) {
      const planStarted = performance.now();
      const planned = await runPlanner(services);
      const seconds = ((performance.now() - planStarted) / 1000).toFixed(1);
      io.stdout.write(
        `  Lập lịch / planner: ${planned.changes.length} cuộc họp / meetings, ${planned.deliveries} lời nhắc / reminders in ${seconds} s` +
          `${planned.late?.length ? `; ${planned.late.length} đợt nhắc không kịp / offsets that cannot fit` : ""}\n`,
      );
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

/** Every table but the migrations', emptied at once (the audit log refuses DELETE, not TRUNCATE). */
async function wipeAll(db: Db) {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  const list = tables.map((t) => `"${t.tablename}"`).join(", ");
  await db.$executeRawUnsafe(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
}

// A date alone, or a date and time with a zone: "local time" would depend on the machine.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function parseInstant(text: string): Date {
  const instant = new Date(text);
  if (!INSTANT.test(text) || Number.isNaN(instant.getTime())) {
    throw new ArgumentError(
      `--now must be an ISO 8601 instant like 2026-11-25T09:00:00+07:00, got "${text}"`,
    );
  }
  return instant;
}

function summary(report: DemoReport, wiped: boolean, seconds: string): string {
  const c = report.counts;
  const rule = (id: string) => report.findings.find((f) => f.rule === id);
  const cases = (finding: RuleFinding | undefined) =>
    finding
      ? `${finding.count} (${finding.cells} chi bộ / cells) — ${finding.examples.slice(0, MAX_EXAMPLES).join(", ")}${
          finding.examples.length > MAX_EXAMPLES ? ", …" : ""
        }`
      : "0";
  const lines = [
    `Đã tạo tổ chức mẫu / demo organisation seeded${wiped ? " (dữ liệu cũ đã xóa / old data wiped)" : ""}, now = ${toLocalIso(report.now)}`,
    `  Đơn vị / units: 1 đảng bộ thị xã / town committee, ${c.organisations} tổ chức cơ sở đảng / grassroots organisations (${c.grassrootsCommittees} đảng bộ cơ sở), ${c.meetingUnits} chi bộ họp / meeting units, ${c.residential} khu dân cư / residential`,
    `  Đảng viên / members: ${c.members} trong chi bộ / in cells + ${c.outsideCells} ủy viên BCH thị xã / town committee; ${c.committeeMembers} cấp ủy viên phụ trách / committee members in charge; ${c.linked} liên kết chat / linked (${c.zalo} có Zalo / on Zalo), ${c.probationary} dự bị / probationary, ${c.exempt} miễn sinh hoạt / exempt, ${c.specialDuty} nhiệm vụ đặc biệt / special duty, ${c.left} đã chuyển đi / left`,
    `  Cuộc họp / meetings: ${c.heldMeetings} đã họp / held (${c.thematicMeetings} chuyên đề / thematic), ${c.plannedMeetings} sắp tới / upcoming; ${c.answers} trả lời / answers, ${c.attendance} điểm danh / attendance rows`,
    `  Chưa chốt điểm danh / roll call open: ${report.openRollCalls.join(", ") || "—"}`,
    `  Nhắc lịch chờ gửi / pending reminders: ${c.pendingReminders} (worker xếp hàng khi khởi động / the worker's reconciler enqueues them at start)`,
    "  Quy tắc / rules (bộ quy tắc đánh giá / judged by the rule engine):",
    `    R2 chưa có lịch họp tháng này / no meeting this month: ${report.unscheduled.join(", ") || "—"}`,
    `    R3 tỷ lệ ≤ 85% / rate ≤ 85%: ${cases(rule("R3"))}`,
    `    R4 vắng không lý do / absent without a valid reason: ${cases(rule("R4"))}`,
    `    R5 vắng có lý do liên tiếp / excused in a row — nhắc / notice: ${cases(rule("R5 notice"))}`,
    `       cảnh báo / warning: ${cases(rule("R5 warning"))}`,
    `       vi phạm / violation: ${cases(rule("R5 violation"))}`,
    `    R6 miễn sinh hoạt / exempt: ${cases(rule("R6 exempt"))}`,
    `       nhiệm vụ đặc biệt / special duty: ${cases(rule("R6 special_duty"))}`,
    `       miễn nhưng có dự / exempt but attended: ${cases(rule("R6 attended"))}`,
    `    R7 cấp ủy viên dự họp / committee members as guests: ${cases(rule("R7"))}`,
    `    R8 tháng vắng không lý do / months without reason — cảnh báo / warning: ${cases(rule("R8 warning"))}`,
    `       xem xét xóa tên / consider: ${cases(rule("R8 consider"))}`,
    `    R9 họp chưa đủ thời gian / too short: ${cases(rule("R9"))}`,
    `  Thời gian / took ${seconds} s`,
  ];
  return `${lines.join("\n")}\n`;
}
