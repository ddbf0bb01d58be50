import { describe, expect, it } from "vitest";
import { freshDatabase } from "../support/db.ts";

const { db } = await freshDatabase();
let seq = 0;

async function cellWithMember() {
  seq += 1;
  const cell = await db.unit.create({
    data: { code: `C${seq}`, name: "Chi bộ Khu phố 1", kind: "CELL", cellKind: "RESIDENTIAL" },
  });
  const member = await db.member.create({
    data: {
      code: `M${seq}`,
      fullName: "Nguyễn Văn An",
      cellId: cell.id,
      joinedOn: new Date("2020-01-01"),
    },
  });
  return { cell, member };
}

describe("data layer", () => {
  it("keeps the audit log append-only: an entry cannot be changed or deleted", async () => {
    const entry = await db.auditLog.create({
      data: {
        action: "attendance.mark",
        entity: "Attendance",
        entityId: "x",
        after: { status: "PRESENT" },
      },
    });
    await expect(
      db.auditLog.update({ where: { id: entry.id }, data: { action: "forged" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  });

  it("links one chat identity to one member only", async () => {
    const { member } = await cellWithMember();
    const other = await cellWithMember();
    const identity = { platform: "TELEGRAM" as const, externalId: "1001", chatId: "1001" };
    await db.chatIdentity.create({ data: { ...identity, memberId: member.id } });
    await expect(
      db.chatIdentity.create({ data: { ...identity, memberId: other.member.id } }),
    ).rejects.toThrow();
  });

  it("records a member's answer once per meeting", async () => {
    const { cell, member } = await cellWithMember();
    const meeting = await db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2026-12-03T12:30:00Z"),
        plannedEndAt: new Date("2026-12-03T14:00:00Z"),
      },
    });
    const data = {
      meetingId: meeting.id,
      memberId: member.id,
      kind: "ATTENDING" as const,
      answeredAt: new Date(),
    };
    await db.answer.create({ data });
    await expect(db.answer.create({ data })).rejects.toThrow();
  });

  it("writes each delivery intent once per idempotency key", async () => {
    const data = {
      idempotencyKey: "reminder_m1_u1_d3",
      platform: "TELEGRAM" as const,
      chatId: "1",
      kind: "reminder",
      payload: {},
      dueAt: new Date(),
    };
    await db.delivery.create({ data });
    await expect(db.delivery.create({ data })).rejects.toThrow();
    expect(await db.delivery.count({ where: { idempotencyKey: data.idempotencyKey } })).toBe(1);
  });
});
