// `npm run bench -- committee-messages [--cells N] [--members M] [--not-held K]`: a demo-like month
// in the sandbox (the real bot, workers, sweep and virtual clock) for one committee member in
// charge of N cells in two wards: each cell's meeting is reminded, answered and its roll call
// closed, except K cells that never meet (roll call left open, R2 at month end); no cell holds a
// thematic meeting in the quarter's last month (R2c). Prints the messages the committee member
// received in the month, by kind, as the ledger recorded them and as their chat shows them.
import { Redis } from "ioredis";
import { loadConfig } from "../src/config.ts";
import { localDate } from "../src/domain/local-time.ts";
import { startSandbox } from "../src/sandbox/start.ts";
import { actorFor } from "../src/services/actors.ts";
import { recordAnswer } from "../src/services/answers.ts";
import type { Services } from "../src/services/context.ts";
import { runPlanner } from "../src/services/planner.ts";
import {
  closeRollCall,
  markConfirmedPresent,
  openRollCall,
} from "../src/services/rollcall/index.ts";
import {
  benchPrefix,
  Cleanup,
  deleteKeys,
  parseOptions,
  REDIS_URL,
  temporaryDatabase,
  UsageError,
} from "./support.ts";

const OPTIONS = {
  cells: { default: 13 as number | undefined, help: "cells the committee member is in charge of" },
  members: { default: 7 as number | undefined, help: "members per cell (the first is secretary)" },
  "not-held": { default: 3 as number | undefined, help: "cells that never hold their meeting" },
  mode: {
    default: "default" as string | undefined,
    help: "the committee member's /caidat choice: default, every-meeting or summary",
  },
};

export const description = "messages a committee member in charge of many cells gets in a month";
export const options = OPTIONS;

const COMMITTEE_CHAT = 8999;
const WARDS = ["Đảng bộ Phường An Phú", "Đảng bộ Phường Bình Minh"];

export async function run(argv: string[]) {
  const opts = parseOptions(argv, OPTIONS);
  const cells = opts.cells!;
  const perCell = opts.members!;
  const notHeld = opts["not-held"]!;
  const mode = opts.mode!;
  if (!["default", "every-meeting", "summary"].includes(mode))
    throw new UsageError(`--mode: default, every-meeting or summary, not "${mode}"`);
  const cleanup = new Cleanup();
  try {
    const { db, url } = await temporaryDatabase(cleanup);
    const prefix = benchPrefix();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    cleanup.add("close redis", async () => {
      await deleteKeys(redis, prefix);
      await redis.quit();
    });
    const config = loadConfig({
      DATABASE_URL: url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SEND_RATE_PER_SEC: "1000",
      QUIET_HOURS: "off",
      LOG_LEVEL: "silent",
    });
    let services!: Services;
    const sandbox = await startSandbox(config, {
      port: 0,
      prepare: async (s) => {
        services = s;
        await seed(s, cells, perCell, mode);
        await runPlanner(s);
      },
    });
    cleanup.add("stop the sandbox", () => sandbox.stop());
    const committee = await db.member.findUniqueOrThrow({ where: { code: "UV1" } });
    const start = sandbox.clock.now();
    const month = localDate(start).slice(0, 7);
    const [y, m] = month.split("-").map(Number) as [number, number];
    // The 1st of next month, 08:00 local (01:00 UTC): the digest has gone out.
    const end = new Date(Date.UTC(y, m, 1, 1));
    const meetings = await db.meeting.findMany({
      where: { status: "PLANNED", startsAt: { gt: start, lt: end } },
      include: { unit: true },
      orderBy: { startsAt: "asc" },
    });
    const skipped = new Set(
      [...new Set(meetings.map((x) => x.unitId))].slice(cells - notHeld).map(String),
    );
    const t0 = Date.now();
    // The day before, everyone answers Tham dự; 5 minutes in, the secretary opens the roll call,
    // marks those who said they would come and closes it (the cells that do not meet do neither).
    const events = meetings
      .filter((x) => !skipped.has(x.unitId))
      .flatMap((x) => [
        { at: x.startsAt.getTime() - 86_400_000, meeting: x, step: "answer" as const },
        { at: x.startsAt.getTime() + 5 * 60_000, meeting: x, step: "rollcall" as const },
      ])
      .sort((a, b) => a.at - b.at);
    for (const { at, meeting, step } of events) {
      await sandbox.driver.advanceTo(new Date(at));
      const members = await db.member.findMany({ where: { cellId: meeting.unitId } });
      if (step === "answer") {
        for (const member of members) {
          const actor = (await actorFor(db, "TELEGRAM", (await chatOf(services, member.id))!))!;
          await recordAnswer(services, actor, {
            meetingId: meeting.id,
            memberId: member.id,
            kind: "ATTENDING",
          });
        }
        continue;
      }
      const secretary = members.find((x) => x.cellRole === "SECRETARY")!;
      const actor = (await actorFor(db, "TELEGRAM", (await chatOf(services, secretary.id))!))!;
      await openRollCall(services, actor);
      await markConfirmedPresent(services, actor, meeting.id);
      await closeRollCall(services, actor, meeting.id);
    }
    for (let at = sandbox.clock.now().getTime(); at < end.getTime(); at += 6 * 3_600_000)
      await sandbox.driver.advanceTo(new Date(Math.min(at + 6 * 3_600_000, end.getTime())));
    const seconds = Math.round((Date.now() - t0) / 1000);

    const sent = await db.delivery.findMany({
      where: { memberId: committee.id, status: "SENT" },
      orderBy: { sentAt: "asc" },
    });
    const alertTypes = new Map(
      (
        await db.alert.findMany({
          where: { id: { in: sent.flatMap((d) => (d.alertId ? [d.alertId] : [])) } },
          select: { id: true, type: true },
        })
      ).map((a) => [a.id, a.type]),
    );
    const byKind: Record<string, number> = {};
    for (const d of sent) {
      const kind = d.kind === "alert" ? `alert ${alertTypes.get(d.alertId ?? "")}` : d.kind;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    const chat = sandbox.botApi.messagesSentTo(COMMITTEE_CHAT);
    console.log(
      `${cells} cells in ${WARDS.length} wards (${perCell} members each, ${notHeld} never meet), ` +
        `committee member's choice: ${mode}, ` +
        `${meetings.length} meetings, ${localDate(start)} → ${localDate(end)}: ${seconds} s`,
    );
    console.log("messages to the committee member, by kind (ledger rows SENT):");
    for (const [kind, count] of Object.entries(byKind).sort((a, b) => b[1] - a[1]))
      console.log(`  ${kind.padEnd(28)} ${count}`);
    console.log(`  ${"total".padEnd(28)} ${sent.length}`);
    console.log(`messages in the committee member's chat: ${chat.length}`);
    return {
      benchmark: "committee-messages",
      cells,
      membersPerCell: perCell,
      notHeld,
      mode,
      meetings: meetings.length,
      from: localDate(start),
      to: localDate(end),
      ledgerSent: sent.length,
      chatMessages: chat.length,
      byKind,
      seconds,
    };
  } finally {
    await cleanup.run();
  }
}

async function chatOf(services: Services, memberId: string) {
  const identity = await services.db.chatIdentity.findFirst({ where: { memberId } });
  return identity?.externalId;
}

/** Two wards' organisations, the cells split between them (both have a «Chi bộ Khu phố 1»…). */
async function seed(services: Services, cells: number, perCell: number, mode: string) {
  const { db } = services;
  const wards = [];
  for (const [i, name] of WARDS.entries())
    wards.push(
      await db.unit.create({
        data: { code: `P${i + 1}`, name, kind: "GRASSROOTS_COMMITTEE", createdAt: new Date(0) },
      }),
    );
  let chat = 10_000;
  for (let c = 0; c < cells; c++) {
    const ward = c % wards.length;
    const number = Math.floor(c / wards.length) + 1;
    const unit = await db.unit.create({
      data: {
        code: `P${ward + 1}KP${number}`,
        name: `Chi bộ Khu phố ${number}`,
        kind: "CELL",
        cellKind: "RESIDENTIAL",
        parentId: wards[ward]!.id,
        meetingPlace: `Nhà văn hóa khu phố ${number}`,
        // Known from now: November (before the month played) is not judged.
        createdAt: services.clock.now(),
      },
    });
    for (let i = 0; i < perCell; i++) {
      const id = String(chat++);
      await db.member.create({
        data: {
          code: `${unit.code}-${i + 1}`,
          fullName: `Đảng viên ${i + 1} ${unit.code}`,
          cellId: unit.id,
          cellRole: i === 0 ? "SECRETARY" : "MEMBER",
          joinedOn: new Date("2015-01-01"),
          identities: { create: [{ platform: "TELEGRAM", externalId: id, chatId: id }] },
        },
      });
    }
  }
  await db.member.create({
    data: {
      code: "UV1",
      fullName: "Trương Văn Ủy",
      joinedOn: new Date("2010-01-01"),
      ...(mode === "default"
        ? {}
        : { committeeReminders: mode === "summary" ? "SUMMARY" : "EVERY_MEETING" }),
      identities: {
        create: [
          {
            platform: "TELEGRAM",
            externalId: String(COMMITTEE_CHAT),
            chatId: String(COMMITTEE_CHAT),
          },
        ],
      },
      assignments: { create: wards.map((w) => ({ unitId: w.id })) },
    },
  });
}
