import { parseArgs } from "node:util";
import { ManualClock } from "../clock.ts";
import { toLocalIso } from "../domain/schedule.ts";
import { type DemoReport, type RuleFinding, seedDemo } from "../seed/demo.ts";
import type { Io } from "./io.ts";
import { offlineServices } from "./offline.ts";

const USAGE = "usage: npm run cli -- seed demo [--now ISO-8601] [--force]";
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
  let args: { now: Date; force: boolean };
  try {
    args = parseSeedArgs(argv);
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    io.stderr.write(`seed: ${error.message}\n`);
    return 2;
  }
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

class ArgumentError extends Error {}

function parseSeedArgs(argv: string[]): { now: Date; force: boolean } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
  const [what, ...extra] = parsed.positionals;
  if (what !== "demo" || extra.length > 0) throw new ArgumentError(USAGE);
  const text = parsed.values.now;
  const now = text === undefined ? new Date() : parseInstant(text);
  return { now, force: parsed.values.force ?? false };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { now: { type: "string" }, force: { type: "boolean" } },
  });
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
