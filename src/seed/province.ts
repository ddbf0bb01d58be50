// `npm run cli -- seed province`: a province's Party organisation at full size (issue 18), to test
// and measure with. Deterministic (every number comes from seeded streams, ids from counters),
// realistic in shape (cells of 5 to 150 members, residential and other cells, exemptions, special
// duty, the last months' meetings and roll calls) and bulk-loaded with COPY.
import { pipeline } from "node:stream/promises";
import type { Unit } from "@prisma/client";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pgConfigFromUrl } from "../db/pg-config.ts";
import { copyField } from "../db/sql.ts";
import { localDate } from "../domain/local-time.ts";
import type { Services } from "../services/context.ts";
import { plannedStart } from "../services/planner.ts";
import * as fixture from "./names.ts";
import { Random } from "./random.ts";

export interface ProvinceOptions {
  members: number;
  cells: number;
  /** Months of held meetings and roll calls before the current one. */
  historyMonths: number;
}

export const PROVINCE_DEFAULTS: ProvinceOptions = {
  members: 250_000,
  cells: 10_000,
  historyMonths: 2,
};

export const MIN_CELL = 5;
export const MAX_CELL = 150;
/** Cells per grassroots organisation (a ward's or a commune's đảng bộ). */
const CELLS_PER_ORGANISATION = 40;
/** Telegram user ids of the province's members start here (the local Bot API accepts any). */
export const PROVINCE_TELEGRAM_BASE = 20_000_000;

export interface ProvinceCounts {
  organisations: number;
  cells: number;
  residential: number;
  members: number;
  committeeMembers: number;
  telegram: number;
  zalo: number;
  unlinked: number;
  exempt: number;
  specialDuty: number;
  heldMeetings: number;
  attendance: number;
}

type Progress = (table: string, rows: number) => void;

/** A counter-based v4-shaped uuid: `kind` (8 hex digits) names the table, `n` the row. */
const uuid = (kind: string, n: number) =>
  `${kind}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

class Copier {
  constructor(
    private readonly client: pg.Client,
    private readonly progress: Progress,
  ) {}

  /** COPY rows (arrays in `columns` order) into `table`, 5,000 lines per chunk. */
  async copy(table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
    const cols = columns.map((c) => `"${c}"`).join(", ");
    const stream = this.client.query(copyFrom(`COPY "${table}" (${cols}) FROM STDIN`));
    let count = 0;
    const progress = this.progress;
    async function* lines() {
      let chunk: string[] = [];
      for (const row of rows) {
        chunk.push(row.map(copyField).join("\t"));
        count++;
        if (chunk.length === 5_000) {
          yield `${chunk.join("\n")}\n`;
          chunk = [];
          progress(table, count);
        }
      }
      if (chunk.length > 0) yield `${chunk.join("\n")}\n`;
      progress(table, count);
    }
    await pipeline(lines, stream);
    return count;
  }
}

function fullName(rng: Random, male: boolean): string {
  const family = rng.weighted(fixture.FAMILY_NAMES);
  const middle = rng.weighted(male ? fixture.MALE_MIDDLE_NAMES : fixture.FEMALE_MIDDLE_NAMES);
  const given = rng.pick(male ? fixture.MALE_GIVEN_NAMES : fixture.FEMALE_GIVEN_NAMES);
  return `${family} ${middle} ${given}`.normalize("NFC");
}

/** Cell sizes in [5, 150] adding up to `members`: most cells small, a few large (agencies, big wards). */
export function cellSizes(members: number, cells: number, rng: Random): number[] {
  const mean = members / cells;
  if (mean < MIN_CELL || mean > MAX_CELL) {
    throw new RangeError(`${members} members in ${cells} cells: each cell needs 5 to 150`);
  }
  // A right-skewed draw (u²) scaled to the mean, then nudged one by one to the exact total.
  const raw = Array.from({ length: cells }, () => 0.35 + rng.float() ** 2 * 2.6);
  const scale = mean / (raw.reduce((a, b) => a + b, 0) / cells);
  const sizes = raw.map((w) => Math.min(MAX_CELL, Math.max(MIN_CELL, Math.round(w * scale))));
  let diff = members - sizes.reduce((a, b) => a + b, 0);
  for (let guard = 0; diff !== 0 && guard < 100 * members; guard++) {
    const i = rng.int(0, cells - 1);
    const next = sizes[i]! + Math.sign(diff);
    if (next < MIN_CELL || next > MAX_CELL) continue;
    sizes[i] = next;
    diff -= Math.sign(diff);
  }
  return sizes;
}

const monthBefore = (month: string, n: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + m - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
};

/**
 * Writes the province into an empty database with COPY (one transaction: all or nothing) and
 * returns what it wrote. `services.clock` is "now": it dates the history and the links.
 */
export async function seedProvince(
  services: Services,
  databaseUrl: string,
  options: ProvinceOptions,
  progress: Progress = () => undefined,
): Promise<ProvinceCounts> {
  const now = services.clock.now();
  const rng = new Random("chibo-province/organisation");
  const sizes = cellSizes(options.members, options.cells, new Random("chibo-province/sizes"));
  const client = new pg.Client(pgConfigFromUrl(databaseUrl));
  await client.connect();
  const copier = new Copier(client, progress);
  const counts: ProvinceCounts = {
    organisations: 0,
    cells: options.cells,
    residential: 0,
    members: options.members,
    committeeMembers: 0,
    telegram: 0,
    zalo: 0,
    unlinked: 0,
    exempt: 0,
    specialDuty: 0,
    heldMeetings: 0,
    attendance: 0,
  };
  try {
    await client.query("BEGIN");
    // ── Units ──
    const organisations = Math.ceil(options.cells / CELLS_PER_ORGANISATION);
    counts.organisations = organisations;
    const province: Unit = unitRow({
      id: uuid("a0000000", 0),
      code: "TINH",
      name: "Đảng bộ tỉnh Thanh Hóa",
      kind: "TOWN_COMMITTEE",
      createdAt: new Date("2020-01-01T00:00:00Z"),
      updatedAt: now,
    });
    const units: Unit[] = [province];
    const cells: Unit[] = [];
    for (let o = 0; o < organisations; o++) {
      const ward = o % 3 !== 2;
      const org = unitRow({
        id: uuid("a0000001", o),
        code: `DB${String(o + 1).padStart(4, "0")}`,
        name: `Đảng bộ ${ward ? "phường" : "xã"} số ${o + 1}`,
        kind: "GRASSROOTS_COMMITTEE",
        parentId: province.id,
        createdAt: new Date("2020-01-01T00:00:00Z"),
        updatedAt: now,
      });
      units.push(org);
      const first = o * CELLS_PER_ORGANISATION;
      const last = Math.min(options.cells, first + CELLS_PER_ORGANISATION);
      for (let c = first; c < last; c++) {
        const residential = rng.chance(0.7);
        if (residential) counts.residential++;
        const n = c - first + 1;
        const cell = unitRow({
          id: uuid("a0000002", c),
          code: `${org.code}-CB${String(n).padStart(2, "0")}`,
          name: residential
            ? `Chi bộ ${ward ? "Khu phố" : "Thôn"} ${n} — ${org.name.slice(8)}`
            : `Chi bộ ${rng.pick(["Trường học", "Trạm Y tế", "Cơ quan", "Doanh nghiệp", "Hợp tác xã"])} ${n} — ${org.name.slice(8)}`,
          kind: "CELL",
          parentId: org.id,
          cellKind: residential ? "RESIDENTIAL" : "OTHER",
          dayRule: residential
            ? null
            : rng.pick(["day-3", "day-5", "day-10", "first-monday", "last-friday"]),
          meetingTime: residential
            ? rng.weighted([
                ["19:30", 85],
                ["19:00", 10],
                ["20:00", 5],
              ])
            : rng.pick(["14:00", "16:00", "07:30"]),
          meetingPlace: residential ? `Nhà văn hóa khu dân cư ${n}` : "Phòng họp cơ quan",
          createdAt: new Date("2020-01-01T00:00:00Z"),
          updatedAt: now,
        });
        units.push(cell);
        cells.push(cell);
      }
    }
    const unitColumns = [
      "id",
      "code",
      "name",
      "kind",
      "parentId",
      "cellKind",
      "dayRule",
      "meetingTime",
      "meetingPlace",
      "createdAt",
      "updatedAt",
    ] as const;
    await copier.copy(
      "Unit",
      [...unitColumns],
      units.map((u) => unitColumns.map((c) => u[c])),
    );

    // ── Members, their chats and status periods ──
    const today = localDate(now);
    const memberCell: number[] = [];
    const memberRows: unknown[][] = [];
    const identities: unknown[][] = [];
    const periods: unknown[][] = [];
    const exemptOrAway = new Set<number>();
    let m = 0;
    for (const [c, size] of sizes.entries()) {
      const cell = cells[c]!;
      for (let i = 0; i < size; i++, m++) {
        const male = rng.chance(0.55);
        const role = i === 0 ? "SECRETARY" : i === 1 && size >= 7 ? "DEPUTY" : "MEMBER";
        const joined = `${rng.int(1975, 2024)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
        memberRows.push([
          uuid("b0000000", m),
          `P${String(m + 1).padStart(7, "0")}`,
          fullName(rng, male),
          cell.id,
          rng.chance(0.03) && role === "MEMBER" ? "PROBATIONARY" : "FULL",
          role,
          joined,
          now,
          now,
        ]);
        memberCell.push(c);
        const link = rng.float();
        if (link < 0.92) {
          counts.telegram++;
          const id = String(PROVINCE_TELEGRAM_BASE + m);
          identities.push([uuid("c0000000", m), "TELEGRAM", id, id, uuid("b0000000", m), now, now]);
        } else if (link < 0.95) {
          counts.zalo++;
          const id = `z${m}`;
          identities.push([uuid("c0000000", m), "ZALO", id, id, uuid("b0000000", m), now, now]);
        } else counts.unlinked++;
        if (role === "MEMBER" && rng.chance(0.015)) {
          counts.exempt++;
          exemptOrAway.add(m);
          periods.push([
            uuid("d0000000", m),
            uuid("b0000000", m),
            "EXEMPT",
            `${rng.int(2018, 2025)}-01-01`,
            null,
            fixture.EXEMPT_DECISION(rng.int(1, 300), false),
            now,
          ]);
        } else if (role === "MEMBER" && cell.cellKind === "OTHER" && rng.chance(0.01)) {
          counts.specialDuty++;
          exemptOrAway.add(m);
          periods.push([
            uuid("d0000000", m),
            uuid("b0000000", m),
            "SPECIAL_DUTY",
            monthBefore(today.slice(0, 7), 6).concat("-01"),
            null,
            fixture.SPECIAL_DUTY_DECISION(rng.int(1, 300), "military"),
            now,
          ]);
        }
      }
    }
    // Committee members in charge: two per grassroots organisation, outside the cells.
    const assignments: unknown[][] = [];
    for (let o = 0; o < organisations; o++) {
      for (let j = 0; j < 2; j++, m++) {
        counts.committeeMembers++;
        memberRows.push([
          uuid("b0000000", m),
          `UV${String(o * 2 + j + 1).padStart(5, "0")}`,
          fullName(rng, rng.chance(0.6)),
          null,
          "FULL",
          "MEMBER",
          null,
          now,
          now,
        ]);
        const id = String(PROVINCE_TELEGRAM_BASE + m);
        identities.push([uuid("c0000000", m), "TELEGRAM", id, id, uuid("b0000000", m), now, now]);
        assignments.push([uuid("e0000000", m), uuid("b0000000", m), uuid("a0000001", o), now]);
      }
    }
    await copier.copy(
      "Member",
      [
        "id",
        "code",
        "fullName",
        "cellId",
        "membership",
        "cellRole",
        "joinedOn",
        "createdAt",
        "updatedAt",
      ],
      memberRows,
    );
    await copier.copy(
      "ChatIdentity",
      ["id", "platform", "externalId", "chatId", "memberId", "lastUsedAt", "createdAt"],
      identities,
    );
    await copier.copy(
      "StatusPeriod",
      ["id", "memberId", "kind", "fromDate", "toDate", "decisionRef", "createdAt"],
      periods,
    );
    await copier.copy(
      "CommitteeAssignment",
      ["id", "memberId", "unitId", "createdAt"],
      assignments,
    );

    // ── The last months: one held meeting per cell and month, its roll call closed ──
    const history = new Random("chibo-province/history");
    const meetings: unknown[][] = [];
    const attendance: unknown[][] = [];
    const month = today.slice(0, 7);
    let meetingSeq = 0;
    let markSeq = 0;
    for (let back = options.historyMonths; back >= 1; back--) {
      const past = monthBefore(month, back);
      let first = 0;
      for (const [c, size] of sizes.entries()) {
        const cell = cells[c]!;
        const startsAt = plannedStart(cell, past, services.settings);
        const begin = first;
        first += size;
        if (!startsAt) continue;
        const end = new Date(startsAt.getTime() + 95 * 60_000);
        const id = uuid("f0000000", meetingSeq++);
        meetings.push([
          id,
          cell.id,
          "REGULAR",
          `regular-${past}`,
          startsAt,
          new Date(startsAt.getTime() + 90 * 60_000),
          cell.meetingPlace,
          fixture.REGULAR_AGENDA(`${past.slice(5)}/${past.slice(0, 4)}`),
          "HELD",
          startsAt,
          end,
          end,
          end,
        ]);
        const secretary = uuid("b0000000", begin);
        for (let k = begin; k < begin + size; k++) {
          if (exemptOrAway.has(k)) continue;
          const draw = history.float();
          const [status, reason] =
            draw < 0.88
              ? ["PRESENT", null]
              : draw < 0.97
                ? ["EXCUSED", history.pick(fixture.ABSENCE_REASONS)]
                : ["UNEXCUSED", null];
          attendance.push([
            uuid("f1000000", markSeq++),
            id,
            uuid("b0000000", k),
            status,
            reason,
            secretary,
            end,
          ]);
        }
      }
    }
    counts.heldMeetings = meetings.length;
    await copier.copy(
      "Meeting",
      [
        "id",
        "unitId",
        "kind",
        "plannerKey",
        "startsAt",
        "plannedEndAt",
        "place",
        "agenda",
        "status",
        "rollCallOpenedAt",
        "rollCallClosedAt",
        "createdAt",
        "updatedAt",
      ],
      meetings,
    );
    counts.attendance = await copier.copy(
      "Attendance",
      ["id", "meetingId", "memberId", "status", "reason", "markedById", "markedAt"],
      attendance,
    );
    await client.query(
      `INSERT INTO "AuditLog" ("actorId", action, entity, "entityId", after, at) VALUES (NULL, 'seed.province', 'Unit', $1, $2, $3)`,
      [province.id, JSON.stringify({ now: now.toISOString(), ...options }), now],
    );
    await client.query("COMMIT");
    await client.query("ANALYZE");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function unitRow(data: Partial<Unit> & Pick<Unit, "id" | "code" | "name" | "kind">): Unit {
  return {
    parentId: null,
    cellKind: null,
    dayRule: null,
    meetingTime: "19:30",
    meetingPlace: null,
    reminderOffsets: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...data,
  };
}
