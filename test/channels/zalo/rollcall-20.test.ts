// Issue 13 item 6: a Zalo roll call of a 20-member cell in a few messages — lists, ranges,
// «xác nhận», «còn lại k» — each answered with one short line, not the whole roster.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/clock.ts";
import { seedCell } from "../../support/stack.ts";
import { createZaloStack } from "./zalo-stack.ts";

// Thursday 3 December 2026, 19:45 local; the meeting began at 19:30.
const clock = new ManualClock(new Date("2026-12-03T12:45:00Z"));
const s = await createZaloStack({ clock });

const SECRETARY = "zalo-secretary";

describe("a Zalo roll call of 20", () => {
  it("16 said yes, 2 excused, 2 silent: done in 6 messages from the secretary, one short reply each", async () => {
    const { cell, members, committee } = await seedCell(s, { size: 20 });
    await s.linkZalo(SECRETARY, members[0]!.id, members[0]!.telegramId);
    const meeting = await s.db.meeting.create({
      data: {
        unitId: cell.id,
        startsAt: new Date("2026-12-03T12:30:00Z"),
        plannedEndAt: new Date("2026-12-03T14:30:00Z"),
        place: "Nhà văn hóa khu phố",
      },
    });
    await s.db.answer.createMany({
      // 0–15 said they would come, 16 and 17 are excused, 18 and 19 never answered.
      data: members.slice(0, 18).map((m, i) => ({
        meetingId: meeting.id,
        memberId: m.id,
        kind: i < 16 ? ("ATTENDING" as const) : ("ABSENT" as const),
        reason: i < 16 ? null : "Ốm đau",
        answeredAt: clock.now(),
      })),
    });

    const sent: string[] = [];
    const replies: string[] = [];
    const say = async (text: string) => {
      sent.push(text);
      const answer = await s.say(SECRETARY, text);
      replies.push(...answer);
      return answer.join("\n");
    };

    const roster = await say("điểm danh");
    const numberOf = (name: string) => new RegExp(`(\\d+)\\. \\S+ ${name}`).exec(roster)?.[1];
    expect(roster).toContain("Có mặt: 0/20");
    // Everyone who confirmed is in the room…
    expect(await say("xn")).toContain("Đã ghi có mặt 16 đồng chí");
    // …but one of them left early, one silent member came, and the committee member attended.
    const left = numberOf(members[5]!.fullName)!;
    expect(await say(`${left} k`)).toContain(`${members[5]!.fullName}: vắng không lý do`);
    const came = numberOf(members[18]!.fullName)!;
    const guest = numberOf(committee.fullName)!;
    const both = await say(`${came} ${guest} c`);
    expect(both).toContain("Có mặt 16/20");
    expect(await say("còn lại k")).toContain("Có mặt 16/20");
    const closed = await say("chốt");
    expect(closed).toContain("BIÊN BẢN ĐIỂM DANH");

    const marks = await s.db.attendance.findMany({ where: { meetingId: meeting.id } });
    const status = (id: string) => marks.find((a) => a.memberId === id)?.status;
    expect(status(members[5]!.id)).toBe("UNEXCUSED");
    expect(status(members[18]!.id)).toBe("PRESENT");
    expect(status(members[19]!.id)).toBe("UNEXCUSED");
    expect(status(members[16]!.id)).toBe("EXCUSED");
    expect(status(committee.id)).toBe("PRESENT");
    expect(marks.filter((a) => !a.guest && a.status === "PRESENT")).toHaveLength(16);

    // The figure for the note: messages each way, the roster sent once.
    expect(sent).toHaveLength(6);
    // The roster at the start and once closed; every mark between is answered in two lines.
    const marksReplies = replies.slice(1, -2);
    expect(marksReplies).toHaveLength(4);
    for (const reply of marksReplies) expect(reply.split("\n").length).toBeLessThanOrEqual(2);
    console.log(
      `Zalo roll call of 20: ${sent.length} messages from the secretary, ${replies.length} replies`,
    );
  });
});
