// `npm run bench -- web [--runs N]`: the web console's pages on the demo organisation (168 cells,
// ~3,400 members, its year of meetings), rendered through Hono exactly as a browser asks for
// them, for an office administrator (every cell), a committee member and a secretary.
// Figures: each page's p50/p95 in ms, the slowest page; a page should render in under 300 ms.
import os from "node:os";
import { Hono } from "hono";
import { systemClock } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { createI18n, translator } from "../src/i18n.ts";
import { createLogger } from "../src/logger.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { mountWeb } from "../src/server/web.ts";
import { actorFor } from "../src/services/actors.ts";
import type { Services } from "../src/services/context.ts";
import { grantWebAdmin, redeemSignInLink, requestSignInLink } from "../src/services/web-access.ts";
import { settingsFrom } from "../src/settings.ts";
import { Cleanup, parseOptions, percentile, round, temporaryDatabase } from "./support.ts";

const OPTIONS = {
  runs: { default: 20 as number | undefined, help: "requests per page (after one warm-up)" },
};

export const description = "the web console's pages on the demo organisation: p50/p95 per page";
export const options = OPTIONS;

export async function run(argv: string[]) {
  const opts = parseOptions(argv, OPTIONS);
  const cleanup = new Cleanup();
  try {
    const { db, url } = await temporaryDatabase(cleanup);
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" });
    const services: Services = {
      db,
      clock: systemClock,
      settings: settingsFrom(config),
      dispatcher: { dispatch: async () => undefined },
      t: translator(createI18n()),
    };
    console.log("seeding the demo organisation…");
    await seedDemo(services);
    const app = mountWeb(new Hono(), { services, logger: createLogger("silent") });

    // The personas: the largest cell's secretary, a committee member, an administrator.
    const [largest] = await db.$queryRaw<{ id: string }[]>`
      SELECT "cellId" AS id FROM "Member" WHERE "cellId" IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`;
    const cellId = largest!.id;
    const secretary = await db.member.findFirstOrThrow({
      where: { cellId, cellRole: "SECRETARY", identities: { some: {} } },
      include: { identities: true },
    });
    const committee = await db.member.findFirstOrThrow({
      where: { assignments: { some: {} }, identities: { some: {} } },
      include: { identities: true, assignments: true },
    });
    const member = await db.member.findFirstOrThrow({ where: { cellId, cellRole: "MEMBER" } });
    await grantWebAdmin(services, committee.code);
    const session = async (who: typeof secretary) => {
      const identity = who.identities[0]!;
      const actor = (await actorFor(db, identity.platform, identity.externalId))!;
      const { url: link } = await requestSignInLink(services, actor, identity);
      const opened = await redeemSignInLink(services, link.split("/").at(-1)!);
      return `chibo_web=${opened!.token}`;
    };
    const inCharge = await db.member.findFirstOrThrow({
      where: { assignments: { some: {} }, identities: { some: {} }, id: { not: committee.id } },
      include: { identities: true },
    });
    const admin = await session(committee);
    const leader = await session(secretary);
    const overseer = await session(inCharge);
    const organisation = await db.unit.findFirstOrThrow({
      where: { kind: "GRASSROOTS_COMMITTEE" },
    });
    const cells = await db.unit.count({ where: { kind: { in: ["CELL", "GRASSROOTS_CELL"] } } });
    const members = await db.member.count();
    const meetings = await db.meeting.count({ where: { status: "HELD" } });

    const pages: [string, string, string][] = [
      ["month (admin, every cell)", "/web", admin],
      ["month, late to report (admin)", "/web?cham=1", admin],
      ["month (committee member)", "/web", overseer],
      ["month (secretary)", "/web", leader],
      ["cell (secretary)", `/web/chi-bo/${cellId}`, leader],
      ["member (secretary)", `/web/dang-vien/${member.id}`, leader],
      ["charts (admin, every cell)", "/web/bieu-do", admin],
      ["charts (organisation)", `/web/bieu-do?to-chuc=${organisation.id}`, admin],
      ["audit log (admin)", "/web/nhat-ky", admin],
      ["month report xlsx (admin)", "/web/bao-cao.xlsx", admin],
    ];
    const results: { page: string; p50: number; p95: number; max: number }[] = [];
    console.log(
      `demo: ${cells} cells, ${members} members, ${meetings} held meetings; ${opts.runs} runs a page; ` +
        `${os.cpus().length} CPUs, load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
    );
    for (const [name, path, cookie] of pages) {
      const ask = async () => {
        const started = performance.now();
        const res = await app.request(path, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        return performance.now() - started;
      };
      await ask();
      const times: number[] = [];
      for (let i = 0; i < opts.runs!; i++) times.push(await ask());
      const row = {
        page: name,
        p50: round(percentile(times, 50), 1),
        p95: round(percentile(times, 95), 1),
        max: round(Math.max(...times), 1),
      };
      results.push(row);
      console.log(
        `${name.padEnd(34)} p50 ${String(row.p50).padStart(7)} ms   p95 ${String(row.p95).padStart(7)} ms`,
      );
    }
    // A download is not a page: the workbook is listed, the slowest page is among the pages.
    const slowest = results
      .filter((r) => !r.page.includes("xlsx"))
      .sort((a, b) => b.p95 - a.p95)[0]!;
    console.log(`slowest: ${slowest.page}, p50 ${slowest.p50} ms, p95 ${slowest.p95} ms`);
    return {
      bench: "web",
      cells,
      members,
      runs: opts.runs,
      slowest: slowest.page,
      slowestP50Ms: slowest.p50,
      slowestP95Ms: slowest.p95,
      under300ms: slowest.p95 < 300,
      load: os.loadavg().map((l) => round(l, 2)),
      pages: Object.fromEntries(results.map((r) => [r.page, { p50: r.p50, p95: r.p95 }])),
    };
  } finally {
    await cleanup.run();
  }
}
