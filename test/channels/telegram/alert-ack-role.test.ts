import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { sweepAlerts } from "../../../src/services/alert-sweep.ts";
import { createBotStack } from "../../support/bot.ts";
import { seedCell, waitUntil } from "../../support/stack.ts";

// Issue 12 item 12. Friday 25 December 2026, 10:00 local: R2's alert day.
const clock = new ManualClock(new Date("2026-12-25T03:00:00Z"));
const s = await createBotStack({ clock });
s.startDeliveryWorker();

const R2_TEXT = "chưa có lịch sinh hoạt chi bộ tháng 12/2026";
const alertOf = (telegramId: number) =>
  s.botApi.messagesSentTo(telegramId).find((m) => m.text?.includes(R2_TEXT))!;

/** A cell with nothing scheduled in December: its R2 alert sent to secretary, deputy, committee. */
async function alertedCell() {
  const seeded = await seedCell(s, { size: 4, kind: "OTHER" });
  const startsAt = new Date("2026-11-10T12:30:00Z");
  await s.db.meeting.create({
    data: {
      unitId: seeded.cell.id,
      kind: "THEMATIC",
      status: "HELD",
      startsAt,
      plannedEndAt: new Date(startsAt.getTime() + 120 * 60_000),
      rollCallClosedAt: new Date(startsAt.getTime() + 120 * 60_000),
    },
  });
  await sweepAlerts(s.services, { unitIds: [seeded.cell.id] });
  const alert = await s.db.alert.findFirstOrThrow({ where: { unitId: seeded.cell.id } });
  await waitUntil(
    async () => (await s.db.delivery.count({ where: { alertId: alert.id, status: "SENT" } })) === 3,
  );
  return { ...seeded, alert };
}

const acknowledged = async (alertId: string) =>
  (await s.db.alert.findUniqueOrThrow({ where: { id: alertId } })).acknowledgedById;

describe("acknowledging an alert checks the current role", () => {
  it("a secretary demoted since the alert was sent cannot press Đã xem; the deputy still can", async () => {
    const { alert, members } = await alertedCell();
    const [secretary, deputy] = members;
    await s.db.member.update({ where: { id: secretary!.id }, data: { cellRole: "MEMBER" } });

    const refused = await s.press(
      secretary!.telegramId,
      alertOf(secretary!.telegramId).messageId,
      "👁 Đã xem",
    );
    expect(refused).toContain("không có quyền");
    expect(await acknowledged(alert.id)).toBeNull();

    await s.press(deputy!.telegramId, alertOf(deputy!.telegramId).messageId, "👁 Đã xem");
    expect(await acknowledged(alert.id)).toBe(deputy!.id);
  });

  it("a committee member no longer in charge of the cell cannot acknowledge it either", async () => {
    const { alert, committee } = await alertedCell();
    await s.db.committeeAssignment.deleteMany({ where: { memberId: committee.id } });
    const refused = await s.press(
      committee.telegramId,
      alertOf(committee.telegramId).messageId,
      "👁 Đã xem",
    );
    expect(refused).toContain("không có quyền");
    expect(await acknowledged(alert.id)).toBeNull();
  });
});
