import { describe, expect, it } from "vitest";
import { DEFAULT_QUIET_HOURS } from "../../src/domain/reminder-plan.ts";
import { toLocalIso } from "../../src/domain/schedule.ts";
import { SendCalendar } from "../../src/services/send-calendar.ts";
import { freshDatabase } from "../support/db.ts";

const at = (local: string) => new Date(`${local}+07:00`);
const { db } = await freshDatabase();
const local = (times: Date[]) => times.map(toLocalIso);
const localClock = (d: Date) => toLocalIso(d).slice(11, 19);

describe("the send calendar: each offset's fan-out by its target, at the capacity (issue 18)", () => {
  it("aims 5 seconds before the target (the worker's jitter at the cap), and uses them before going late", async () => {
    const calendar = new SendCalendar(db, 1, "off");
    const target = at("2026-12-22T17:30:00");
    const window = {
      target,
      earliest: at("2026-12-22T17:29:00"),
      latest: at("2026-12-22T19:30:00"),
    };
    const first = await calendar.assign(3, window);
    expect(first.times.map(localClock)).toEqual(["17:29:55", "17:29:54", "17:29:53"]);
    expect(first.late).toBe(0);
    // 61 seconds from 17:29:00 to 17:30:00: the 56 up to 17:29:55 (3 taken), then the margin's 5
    // (on time still), then one after the target: the only late one.
    const rest = await calendar.assign(59, window);
    expect(rest.late).toBe(1);
    expect(rest.times.filter((t) => t > at("2026-12-22T17:29:55"))).toHaveLength(6);
    expect(localClock(rest.times.at(-1)!)).toBe("17:30:01");
  });

  it("fills the seconds before the target, latest first, at most the capacity per second", async () => {
    const calendar = new SendCalendar(db, 2, DEFAULT_QUIET_HOURS, 0);
    const window = {
      target: at("2026-12-03T17:30:00"),
      earliest: at("2026-12-02T19:30:00"),
      latest: at("2026-12-03T19:30:00"),
    };
    const first = await calendar.assign(5, window);
    expect(local(first.times)).toEqual([
      "2026-12-03T17:30:00+07:00",
      "2026-12-03T17:30:00+07:00",
      "2026-12-03T17:29:59+07:00",
      "2026-12-03T17:29:59+07:00",
      "2026-12-03T17:29:58+07:00",
    ]);
    expect(first.late).toBe(0);
    // A second cell with the same target takes the next free seconds, its members together.
    const second = await calendar.assign(3, window);
    expect(local(second.times)).toEqual([
      "2026-12-03T17:29:58+07:00",
      "2026-12-03T17:29:57+07:00",
      "2026-12-03T17:29:57+07:00",
    ]);
  });

  it("gives every bot (BOT_TOKENS) its own seconds: two bots fill the same seconds side by side", async () => {
    const target = at("2026-12-20T17:30:00");
    // A member bound to the ward's bot already has a send in the target's second: that bot's.
    const member = await db.member.create({
      data: {
        code: "LANE-1",
        fullName: "Trần Văn Làn",
        identities: {
          create: { platform: "TELEGRAM", externalId: "555", chatId: "555", botId: "234567" },
        },
      },
    });
    await db.delivery.create({
      data: {
        idempotencyKey: "lane-already-there",
        platform: "TELEGRAM",
        chatId: "555",
        memberId: member.id,
        kind: "reminder",
        payload: {},
        dueAt: target,
      },
    });
    const calendar = new SendCalendar(db, 2, DEFAULT_QUIET_HOURS, 0);
    const ward = "TELEGRAM:234567";
    const { times, late } = await calendar.assign(["TELEGRAM", ward, "TELEGRAM", ward, ward], {
      target,
      earliest: at("2026-12-20T09:00:00"),
      latest: at("2026-12-20T19:30:00"),
    });
    expect(times.map(localClock)).toEqual([
      "17:30:00",
      "17:30:00",
      "17:30:00",
      "17:29:59",
      "17:29:59",
    ]);
    expect(late).toBe(0);
  });

  it("counts the pending sends already in the ledger", async () => {
    const target = at("2026-12-10T17:30:00");
    await db.delivery.create({
      data: {
        idempotencyKey: "already-there",
        platform: "TELEGRAM",
        chatId: "1",
        kind: "reminder",
        payload: {},
        dueAt: target,
      },
    });
    const calendar = new SendCalendar(db, 1, DEFAULT_QUIET_HOURS, 0);
    const { times } = await calendar.assign(1, {
      target,
      earliest: at("2026-12-10T07:00:00"),
      latest: at("2026-12-10T19:30:00"),
    });
    expect(local(times)).toEqual(["2026-12-10T17:29:59+07:00"]);
  });

  it("never inside quiet hours: a fan-out too big for the morning continues the evening before", async () => {
    const calendar = new SendCalendar(db, 1, DEFAULT_QUIET_HOURS, 0);
    const { times, late } = await calendar.assign(2_000, {
      target: at("2026-12-15T07:00:00"),
      earliest: at("2026-12-14T07:00:00"),
      latest: at("2026-12-15T09:00:00"),
    });
    expect(late).toBe(0);
    const quiet = times.filter((t) => {
      const clock = localClock(t);
      return clock >= "21:30:00" || clock < "06:30:00";
    });
    expect(quiet).toEqual([]);
    expect(times.every((t) => t <= at("2026-12-15T07:00:00"))).toBe(true);
    // 06:30:00–07:00:00 holds 1,801; the other 199 go just before 21:30 the evening before.
    expect(times.filter((t) => t >= at("2026-12-15T06:30:00"))).toHaveLength(1_801);
    expect(toLocalIso(times.at(-1)!)).toBe("2026-12-14T21:26:41+07:00");
  });

  it("too many for the window: the rest after the target, before the meeting, and counted late", async () => {
    const calendar = new SendCalendar(db, 1, "off", 0);
    const { times, late } = await calendar.assign(15, {
      target: at("2026-12-20T17:30:00"),
      earliest: at("2026-12-20T17:29:50"),
      latest: at("2026-12-20T19:30:00"),
    });
    expect(late).toBe(4);
    expect(times.filter((t) => t <= at("2026-12-20T17:30:00"))).toHaveLength(11);
    expect(local(times.slice(11))).toEqual([
      "2026-12-20T17:30:01+07:00",
      "2026-12-20T17:30:02+07:00",
      "2026-12-20T17:30:03+07:00",
      "2026-12-20T17:30:04+07:00",
    ]);
  });
});
