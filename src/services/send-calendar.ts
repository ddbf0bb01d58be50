import type { Prisma } from "@prisma/client";
import { getTimezoneOffset } from "date-fns-tz";
import type { Db } from "../db/client.ts";
import type { QuietHours } from "../domain/reminder-plan.ts";
import type { SendLane } from "../domain/send-lanes.ts";

type Tx = Prisma.TransactionClient | Db;

const DAY_S = 86_400;

export interface SendWindow {
  /** The offset's target (start − offset, out of quiet hours): the last send is at or before it. */
  target: Date;
  /** No send before this (the previous reminder's target, or now). */
  earliest: Date;
  /** Never at or after this (the meeting's start). */
  latest: Date;
}

export interface Assigned {
  /** One send time per delivery, in the order asked: consecutive deliveries get neighbouring seconds. */
  times: Date[];
  /** How many could not be placed by the target (sent after it, still before the meeting). */
  late: number;
}

/** One lane's seconds: how many sends each holds, and shortcuts over the full ones. */
class LaneSeconds {
  readonly used = new Map<number, number>();
  /** For a full or quiet second: a second further left that may be free (path-compressed). */
  readonly left = new Map<number, number>();
}

/**
 * The deployment's send capacity as a calendar of seconds per send lane (issue 18: each bot of
 * BOT_TOKENS and each platform has its own limit): each second of a lane holds at most
 * `capacityPerSecond` sends (the lane's rate × utilisation), counting the pending deliveries
 * already in the ledger. A fan-out is placed as late as possible at or before its target, walking
 * back over full seconds and quiet hours, so it finishes on time at the cap; what cannot fit goes
 * after the target, before the meeting, and is reported as late.
 * One calendar serves a whole planner run (loaded once per day, then kept in memory).
 */
export class SendCalendar {
  private readonly lanes = new Map<SendLane, LaneSeconds>();
  private readonly loadedDays = new Set<number>();
  private readonly quiet: { start: number; end: number } | null;
  private readonly offsetS: number;

  /**
   * `finishMarginS`: a fan-out aims to end this long before its target, so the worker's jitter
   * at the cap (and a busy moment) still lands it on time; the margin is used only when the
   * seconds before it are full.
   */
  constructor(
    private readonly db: Tx,
    readonly capacityPerSecond: number,
    quietHours: QuietHours,
    private readonly finishMarginS = 5,
    tz = "Asia/Ho_Chi_Minh",
  ) {
    if (!Number.isInteger(capacityPerSecond) || capacityPerSecond < 1) {
      throw new RangeError("send capacity must be a whole number ≥ 1 per second");
    }
    const seconds = (hhmm: string) => {
      const [h = 0, m = 0] = hhmm.split(":").map(Number);
      return h * 3600 + m * 60;
    };
    this.quiet =
      quietHours === "off"
        ? null
        : { start: seconds(quietHours.start), end: seconds(quietHours.end) };
    // Vietnam has kept UTC+7 without daylight saving since 1975: one offset for the calendar.
    this.offsetS = getTimezoneOffset(tz, new Date()) / 1000;
  }

  /**
   * Places the deliveries of one offset in `window`: `count` on the main Telegram lane, or one per
   * entry of `lanes` (each lane filled on its own, the caller's order kept).
   */
  async assign(who: number | readonly SendLane[], window: SendWindow): Promise<Assigned> {
    const lanes = typeof who === "number" ? Array<SendLane>(who).fill("TELEGRAM") : who;
    const times: Date[] = new Array(lanes.length);
    let late = 0;
    const byLane = new Map<SendLane, number[]>();
    for (const [i, lane] of lanes.entries()) {
      const indexes = byLane.get(lane) ?? [];
      indexes.push(i);
      byLane.set(lane, indexes);
    }
    for (const [lane, indexes] of byLane) {
      const placed = await this.assignInLane(this.lane(lane), indexes.length, window);
      for (const [j, i] of indexes.entries()) times[i] = placed.times[j]!;
      late += placed.late;
    }
    return { times, late };
  }

  private lane(lane: SendLane): LaneSeconds {
    let seconds = this.lanes.get(lane);
    if (!seconds) {
      seconds = new LaneSeconds();
      this.lanes.set(lane, seconds);
    }
    return seconds;
  }

  private async assignInLane(lane: LaneSeconds, count: number, window: SendWindow) {
    const times: Date[] = [];
    if (count === 0) return { times, late: 0 };
    const earliest = Math.ceil(window.earliest.getTime() / 1000);
    const latest = Math.ceil(window.latest.getTime() / 1000) - 1;
    const target = Math.min(Math.floor(window.target.getTime() / 1000), latest);
    const aim = target - this.finishMarginS >= earliest ? target - this.finishMarginS : target;
    await this.ensure(Math.min(earliest, target), latest);
    let remaining = count;
    let k: number | null = aim;
    while (remaining > 0 && k !== null) {
      k = this.findLeft(lane, k, earliest);
      if (k === null) break;
      const take = Math.min(this.capacityPerSecond - usedIn(lane, k), remaining);
      lane.used.set(k, usedIn(lane, k) + take);
      for (let i = 0; i < take; i++) times.push(new Date(k * 1000));
      remaining -= take;
    }
    // Too many for the window: the margin, then after the target, still before the meeting.
    for (let s = aim + 1; remaining > 0 && s <= latest; s++) {
      if (this.isQuiet(s)) {
        s = this.quietEndOf(s) - 1;
        continue;
      }
      const free = this.capacityPerSecond - usedIn(lane, s);
      if (free <= 0) continue;
      const take = Math.min(free, remaining);
      lane.used.set(s, usedIn(lane, s) + take);
      for (let i = 0; i < take; i++) times.push(new Date(s * 1000));
      remaining -= take;
    }
    const late = times.filter((t) => t.getTime() > target * 1000).length + remaining;
    // No capacity left before the meeting: the last second before it (the worker drops what
    // would arrive after the start).
    for (; remaining > 0; remaining--) times.push(new Date(Math.max(latest, earliest) * 1000));
    // Latest first was the order of placement; the caller's order is kept (cell by cell).
    return { times, late };
  }

  private findLeft(lane: LaneSeconds, from: number, earliest: number): number | null {
    const path: number[] = [];
    let k = from;
    while (k >= earliest) {
      if (this.isQuiet(k)) {
        path.push(k);
        k = this.quietStartOf(k) - 1;
        continue;
      }
      if (usedIn(lane, k) < this.capacityPerSecond) break;
      path.push(k);
      k = lane.left.get(k) ?? k - 1;
    }
    for (const p of path) lane.left.set(p, k);
    return k >= earliest ? k : null;
  }

  private localSecond(second: number): number {
    return (((second + this.offsetS) % DAY_S) + DAY_S) % DAY_S;
  }

  private isQuiet(second: number): boolean {
    if (!this.quiet) return false;
    const t = this.localSecond(second);
    const { start, end } = this.quiet;
    return start < end ? t >= start && t < end : t >= start || t < end;
  }

  /** The first second of the quiet window containing `second`. */
  private quietStartOf(second: number): number {
    const t = this.localSecond(second);
    return second - ((t - this.quiet!.start + DAY_S) % DAY_S);
  }

  /** The first second after the quiet window containing `second`. */
  private quietEndOf(second: number): number {
    const t = this.localSecond(second);
    return second + ((this.quiet!.end - t + DAY_S) % DAY_S);
  }

  /** Loads the pending sends of every UTC day in [from, to] not loaded yet (one query). */
  private async ensure(from: number, to: number): Promise<void> {
    const missing: number[] = [];
    for (let day = Math.floor(from / DAY_S); day <= Math.floor(to / DAY_S); day++) {
      if (!this.loadedDays.has(day)) missing.push(day);
    }
    if (missing.length === 0) return;
    const start = new Date(missing[0]! * DAY_S * 1000);
    const end = new Date((missing.at(-1)! + 1) * DAY_S * 1000);
    // A Telegram chat's lane is its member's bot, as the worker will find it (src/services/ledger.ts).
    const rows = await this.db.$queryRaw<{ second: bigint; lane: SendLane; sends: bigint }[]>`
      SELECT floor(extract(epoch FROM d."dueAt"))::bigint AS second,
        CASE WHEN i."botId" IS NULL THEN d.platform::text ELSE 'TELEGRAM:' || i."botId" END AS lane,
        count(*) AS sends
      FROM "Delivery" d
      LEFT JOIN "ChatIdentity" i ON d.platform = 'TELEGRAM' AND i.platform = 'TELEGRAM'
        AND i."externalId" = d."chatId"
      WHERE d.status = 'PENDING' AND d."dueAt" >= ${start} AND d."dueAt" < ${end}
      GROUP BY 1, 2`;
    for (const row of rows) {
      const second = Number(row.second);
      if (!missing.includes(Math.floor(second / DAY_S))) continue;
      const lane = this.lane(row.lane);
      lane.used.set(second, usedIn(lane, second) + Number(row.sends));
    }
    for (const day of missing) this.loadedDays.add(day);
  }
}

function usedIn(lane: LaneSeconds, second: number): number {
  return lane.used.get(second) ?? 0;
}
