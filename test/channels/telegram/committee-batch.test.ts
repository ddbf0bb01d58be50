// Issue 13 item 9: a committee member in charge of many cells gets the alerts of one sweep as one
// message listing the cells; urgent ones stay single; a re-run sends nothing more; the digest
// leaves out what they acknowledged; /caidat chooses every meeting's reminder or the summary.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { sweepAlerts } from "../../../src/services/alert-sweep.ts";
import { raiseAlertsAtOnce, recipientsOfUnits } from "../../../src/services/alerts.ts";
import { prepareReminder } from "../../../src/services/reminders.ts";
import { prepareDigest } from "../../../src/services/report/digest.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Friday 25 December 2026, 10:00 local: R2's alert day, in the quarter's last month (R2c).
const clock = new ManualClock(new Date("2026-12-25T03:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();
const { db } = s;

/**
 * Five cells of one ward, nothing scheduled in November or December and no thematic meeting:
 * the sweep finds R2 (November not held, December unscheduled) and R2c for each — 15 alerts. Two
 * of the cells are both called «Chi bộ Khu phố 2» in different wards' lists, as in the demo.
 */
async function ward() {
  const seeded = await seedCell(s, { size: 2, kind: "OTHER" });
  const known = new Date("2026-01-01T00:00:00Z");
  await db.unit.update({ where: { id: seeded.cell.id }, data: { createdAt: known } });
  const cells = [seeded.cell];
  for (let i = 2; i <= 5; i++) {
    const cell = await db.unit.create({
      data: {
        code: `${seeded.cell.code}-${i}`,
        name: `Chi bộ Khu phố ${i}`,
        kind: "CELL",
        cellKind: "OTHER",
        parentId: seeded.parent.id,
        createdAt: known,
      },
    });
    const telegramId = 900_000 + cells.length * 1000 + Number(seeded.cell.code.slice(2));
    await db.member.create({
      data: {
        code: `${cell.code}-BT`,
        fullName: `Bí thư ${cell.code}`,
        cellId: cell.id,
        cellRole: "SECRETARY",
        identities: {
          create: {
            platform: "TELEGRAM",
            externalId: String(telegramId),
            chatId: String(telegramId),
          },
        },
      },
    });
    s.botApi.addUser({ id: telegramId, first_name: `Bí thư ${i}`, started: true });
    cells.push(cell);
  }
  return { ...seeded, cells };
}

const sentTo = (telegramId: number) => s.botApi.messagesSentTo(telegramId);
const settled = () =>
  waitUntil(
    async () =>
      (await db.delivery.count({ where: { status: { in: ["PENDING", "SENDING"] } } })) === 0,
  );

describe("a sweep's alerts to a committee member in charge of many cells", () => {
  it("arrive as one message listing the cells with their ward; each secretary still gets theirs", async () => {
    const { cells, committee, members, parent } = await ward();
    const result = await sweepAlerts(s.services, { unitIds: cells.map((c) => c.id) });
    expect(result.raised).toEqual({ "r2-unscheduled": 5, "r2-not-held": 5, "r2c-thematic": 5 });
    await settled();
    const received = sentTo(committee.telegramId);
    expect(received).toHaveLength(1);
    const text = received[0]!.text!;
    expect(text).toContain("15 cảnh báo mới về 5 chi bộ");
    expect(text).toContain("🔴 Không tổ chức sinh hoạt chi bộ trong tháng 11/2026 (5):");
    expect(text).toContain("sinh hoạt chuyên đề nào trong quý 4/2026");
    for (const cell of cells) expect(text).toContain(`• ${cell.name} (${parent.name})`);
    expect(received[0]!.buttons.flat().map((b) => b.label)).toEqual(["👁 Đã xem tất cả"]);
    // The secretary's own cell: its three alerts one by one, as before.
    expect(sentTo(members[0]!.telegramId)).toHaveLength(3);
  });

  it("running the sweep again sends nothing more", async () => {
    const { cells, committee } = await ward();
    await sweepAlerts(s.services, { unitIds: cells.map((c) => c.id) });
    await settled();
    const rows = await db.delivery.count();
    const again = await sweepAlerts(s.services, { unitIds: cells.map((c) => c.id) });
    expect(again).toEqual({ raised: {}, deliveries: 0 });
    await settled();
    expect(await db.delivery.count()).toBe(rows);
    expect(sentTo(committee.telegramId)).toHaveLength(1);
  });

  it("an urgent alert (R3 at risk, R5 violation) raised with the others stays a message of its own", async () => {
    const { cells, committee } = await ward();
    const recipients = await recipientsOfUnits(db, [cells[0]!.id, cells[1]!.id]);
    const input = (type: "r3-risk" | "r5-violation" | "r9-short", unit: number) => ({
      type,
      unitId: cells[unit]!.id,
      period: `urgent-test-${type}`,
      args: { cell: cells[unit]!.name },
    });
    const { created } = await raiseAlertsAtOnce(
      db,
      [input("r3-risk", 0), input("r5-violation", 1), input("r9-short", 0), input("r9-short", 1)],
      recipients,
      clock.now(),
    );
    const rows = await db.delivery.findMany({
      where: { id: { in: created.map((d) => d.id) }, memberId: committee.id },
    });
    const alerts = await db.alert.findMany({
      where: { id: { in: rows.flatMap((r) => (r.alertId ? [r.alertId] : [])) } },
    });
    expect(alerts.map((a) => a.type).sort()).toEqual(["r3-risk", "r5-violation"]);
    const batch = rows.filter((r) => r.kind === "alert-batch");
    expect(batch).toHaveLength(1);
    expect((batch[0]!.payload as { alertIds: string[] }).alertIds).toHaveLength(2);
    // Made-up alerts (no meeting behind them): not sent, the ledger is what this test reads.
    await db.delivery.updateMany({
      where: { id: { in: created.map((d) => d.id) } },
      data: { status: "CANCELLED" },
    });
  });

  it("pressing Đã xem tất cả acknowledges them all, and the monthly digest leaves them out", async () => {
    const { cells, committee } = await ward();
    await sweepAlerts(s.services, { unitIds: cells.map((c) => c.id) });
    await settled();
    const digest = () =>
      prepareDigest(
        { db, settings: s.services.settings, t: s.services.t },
        {
          memberId: committee.id,
          payload: { month: "2026-11" },
          dueAt: clock.now(),
          platform: "TELEGRAM",
        },
      );
    const before = (await digest())!.text;
    expect(before).toContain(`Không sinh hoạt trong tháng (5): ${cells[0]!.name}`);

    const message = sentTo(committee.telegramId)[0]!;
    expect(await s.press(committee.telegramId, message.messageId, "👁 Đã xem tất cả")).toBe(
      "Đã ghi nhận: đồng chí đã xem 15 cảnh báo.",
    );
    const acknowledged = await db.alert.count({
      where: { unitId: { in: cells.map((c) => c.id) }, acknowledgedById: committee.id },
    });
    expect(acknowledged).toBe(15);
    expect(s.botApi.message(committee.telegramId, message.messageId)!.buttons).toEqual([]);

    const after = (await digest())!.text;
    expect(after).not.toContain("Không sinh hoạt trong tháng (5): Chi bộ");
    expect(after).toContain(
      "Không sinh hoạt trong tháng (5): 5 chi bộ đồng chí đã xem trong cảnh báo.",
    );
  });
});

describe("/caidat: every meeting's reminder or only my cells' summary", () => {
  it("in charge of many cells the summary is the default; the choice is stored and respected", async () => {
    const { cells, committee } = await ward();
    const meeting = await db.meeting.create({
      data: {
        unitId: cells[2]!.id,
        startsAt: new Date("2026-12-28T12:30:00Z"),
        plannedEndAt: new Date("2026-12-28T14:00:00Z"),
      },
    });
    const guestReminder = () =>
      prepareReminder(
        db,
        {
          meetingId: meeting.id,
          memberId: committee.id,
          payload: {
            role: "guest",
            reminder: "P1D",
            first: true,
            last: false,
            startsAt: meeting.startsAt.toISOString(),
          },
        },
        s.services.t,
      );
    const [shown] = await s.say(committee.telegramId, "/caidat");
    expect(shown!.text).toContain("chỉ nhận bản tóm tắt");
    expect(await guestReminder()).toBeNull();

    await s.press(committee.telegramId, shown!.messageId, "📬 Nhận lời nhắc từng cuộc họp");
    const row = await db.member.findUniqueOrThrow({ where: { id: committee.id } });
    expect(row.committeeReminders).toBe("EVERY_MEETING");
    expect(s.botApi.message(committee.telegramId, shown!.messageId)!.text).toContain(
      "nhận lời nhắc của từng cuộc họp",
    );
    expect((await guestReminder())?.text).toContain("cấp ủy viên phụ trách");
    expect(
      await db.auditLog.count({
        where: { action: "member.committee-reminders", entityId: committee.id },
      }),
    ).toBe(1);

    await s.press(committee.telegramId, shown!.messageId, "📋 Chỉ nhận tóm tắt các chi bộ");
    expect(await guestReminder()).toBeNull();
  });

  it("a plain member sees no committee choice", async () => {
    const { members } = await seedCell(s, { size: 3 });
    const [shown] = await s.say(members[2]!.telegramId, "/caidat");
    expect(shown!.buttons.flat().map((b) => b.label)).toEqual(["🔕 Chỉ nhắc lần cuối"]);
  });
});
