import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { UserError } from "../../src/services/errors.ts";
import { localityOf } from "../../src/services/minutes/document.ts";
import {
  type MinutesDocument,
  minutesDocument,
  minutesFile,
  minutesForActor,
} from "../../src/services/minutes/index.ts";
import { meetingQuality } from "../../src/services/quality/index.ts";
import { createStack } from "../support/stack.ts";

// The minutes (biên bản) as a Word file, read back the way an office would see it: LibreOffice
// turns the .docx into a PDF and pdftotext reads its text. One LibreOffice run for the file.

const run = promisify(execFile);
const SOFFICE = "/usr/bin/soffice";
const PDFTOTEXT = "/usr/bin/pdftotext";
const stack = await createStack();
const { db, services } = stack;
process.env.DATABASE_URL = stack.url;
const dir = await mkdtemp(join(tmpdir(), "chibo-minutes-"));

const organisation = await db.unit.create({
  data: { code: "DBBS", name: "Đảng bộ phường Bắc Sơn", kind: "GRASSROOTS_COMMITTEE" },
});
const cell = await db.unit.create({
  data: {
    code: "KP3",
    name: "Chi bộ Khu phố 3",
    kind: "CELL",
    cellKind: "RESIDENTIAL",
    parentId: organisation.id,
    meetingPlace: "Nhà văn hóa khu phố",
  },
});

type Seat = {
  name: string;
  role?: "SECRETARY" | "DEPUTY";
  probationary?: true;
  status?: "EXEMPT" | "SPECIAL_DUTY";
  left?: string;
  mark?: "PRESENT" | "EXCUSED" | "UNEXCUSED";
  reason?: string;
  rejected?: true;
};

// Names and reasons with many diacritics: each must come back from the PDF as written.
const SEATS: Seat[] = [
  { name: "Nguyễn Thị Hồng Nhung", role: "SECRETARY", mark: "PRESENT" },
  { name: "Đỗ Quang Dũng", role: "DEPUTY", mark: "PRESENT" },
  { name: "Bùi Thị Thuỳ Dương", probationary: true, mark: "PRESENT" },
  { name: "Trương Mỹ Lệ", mark: "PRESENT" },
  { name: "Ngô Bảo Châu", mark: "PRESENT" },
  { name: "Phan Thị Kiều Oanh", mark: "PRESENT" },
  { name: "Tạ Đình Phương", mark: "PRESENT" },
  {
    name: "Trần Thị Ngọc Ánh",
    mark: "EXCUSED",
    reason: "Ốm nằm viện điều trị, có giấy xác nhận của Bệnh viện Đa khoa tỉnh",
  },
  {
    name: "Huỳnh Đức Hưởng",
    mark: "EXCUSED",
    reason: "Đi công tác ở Quảng Ngãi theo quyết định của cơ quan",
  },
  { name: "Phạm Quốc Việt", mark: "UNEXCUSED" },
  { name: "Lương Thế Vỹ", mark: "EXCUSED", reason: "Bận việc riêng đột xuất", rejected: true },
  { name: "Lê Văn Thưởng", status: "EXEMPT", mark: "PRESENT" },
  { name: "Đặng Hữu Nghĩa", status: "SPECIAL_DUTY" },
  // Left the cell in June: not in November's minutes.
  { name: "Cao Xuân Lộc", left: "2026-06-01", mark: "PRESENT" },
];

const startsAt = new Date("2026-11-03T19:30:00+07:00");
const meeting = await db.meeting.create({
  data: {
    unitId: cell.id,
    startsAt,
    plannedEndAt: new Date("2026-11-03T21:00:00+07:00"),
    place: "Nhà văn hóa khu phố 3, số 12 đường Lê Lợi",
    agenda:
      "Đánh giá kết quả thực hiện nghị quyết tháng 10\nTriển khai nhiệm vụ tháng 11 và cuối năm",
    status: "HELD",
    rollCallOpenedAt: new Date("2026-11-03T19:20:00+07:00"),
    rollCallClosedAt: new Date("2026-11-03T21:05:00+07:00"),
  },
});
const ids: Record<string, string> = {};
for (const [i, seat] of SEATS.entries()) {
  const member = await db.member.create({
    data: {
      code: `KP3-${i}`,
      fullName: seat.name,
      cellId: cell.id,
      cellRole: seat.role ?? "MEMBER",
      membership: seat.probationary ? "PROBATIONARY" : "FULL",
      joinedOn: new Date("2020-01-01"),
      leftOn: seat.left ? new Date(seat.left) : null,
      statusPeriods: seat.status
        ? { create: { kind: seat.status, fromDate: new Date("2026-01-01") } }
        : undefined,
    },
  });
  ids[seat.name] = member.id;
  if (seat.mark)
    await db.attendance.create({
      data: {
        meetingId: meeting.id,
        memberId: member.id,
        status: seat.mark,
        reason: seat.reason ?? null,
        reasonAccepted: !seat.rejected,
        markedAt: startsAt,
      },
    });
}
const committee = await db.member.create({
  data: {
    code: "UV-BS",
    fullName: "Võ Thị Xuân Hương",
    assignments: { create: { unitId: organisation.id } },
  },
});
await db.attendance.create({
  data: {
    meetingId: meeting.id,
    memberId: committee.id,
    status: "PRESENT",
    guest: true,
    markedAt: startsAt,
  },
});
// A meeting whose roll call is still open: no minutes yet.
const open = await db.meeting.create({
  data: {
    unitId: cell.id,
    startsAt: new Date("2026-12-03T19:30:00+07:00"),
    plannedEndAt: new Date("2026-12-03T21:00:00+07:00"),
  },
});

/** What an office reads: every run of whitespace one space (a PDF breaks lines where it likes). */
const flat = (text: string) => text.normalize("NFC").replace(/\s+/g, " ");

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(["minutes", ...argv], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

const withSections: Pick<MinutesDocument, "quality" | "votes"> = {
  votes: [
    {
      text: "Thông qua Nghị quyết lãnh đạo thực hiện nhiệm vụ tháng 11",
      approve: 6,
      reject: 1,
      abstain: 0,
      of: 7,
      passed: true,
    },
  ],
  quality: {
    total: 92,
    grade: "Tốt",
    items: [
      {
        key: "duration",
        label: "Thời lượng sinh hoạt",
        points: 5,
        max: 5,
        by: "bot",
        why: "95 phút, đủ 90 phút",
      },
      {
        key: "attendance",
        label: "Tỷ lệ đảng viên dự",
        points: 2,
        max: 5,
        by: "bot",
        why: "Tỷ lệ 63,6 % → 2 điểm",
      },
      { key: "rest", label: "Các tiêu chí còn lại", points: 85, max: 90, by: "secretary", why: "" },
    ],
  },
};

let plain = "";
let full = "";
/** The second file as pdftotext -layout lays it out: a table's row on one line. */
let fullLayout = "";
let cliOutput: Awaited<ReturnType<typeof cli>>;
const cliFile = join(dir, "bien-ban-cli.docx");

beforeAll(async () => {
  for (const tool of [SOFFICE, PDFTOTEXT])
    if (!existsSync(tool))
      throw new Error(
        `${tool} is missing: this test reads the minutes' .docx back through LibreOffice and ` +
          "pdftotext. Install them with `apt-get install -y --no-install-recommends " +
          "libreoffice-writer-nogui poppler-utils fonts-liberation` (.ci/run does this).",
      );
  // The CLI writes the file without the optional sections; the service adds them for the second.
  cliOutput = await cli("--meeting", meeting.id, "--out", cliFile);
  const doc = await minutesDocument(services, meeting.id);
  const fullFile = join(dir, "bien-ban-day-du.docx");
  await writeFile(
    fullFile,
    (await minutesFile(services.t, { ...doc, ...withSections })).file.content,
  );
  await run(
    SOFFICE,
    [
      "--headless",
      `-env:UserInstallation=file://${dir}/lo-profile`,
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      cliFile,
      fullFile,
    ],
    { timeout: 120_000 },
  );
  const text = async (name: string) =>
    flat((await run(PDFTOTEXT, ["-enc", "UTF-8", join(dir, name), "-"])).stdout);
  plain = await text("bien-ban-cli.pdf");
  full = await text("bien-ban-day-du.pdf");
  fullLayout = (
    await run(PDFTOTEXT, ["-layout", "-enc", "UTF-8", join(dir, "bien-ban-day-du.pdf"), "-"])
  ).stdout.normalize("NFC");
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the minutes as a .docx, read back from LibreOffice's PDF", () => {
  it("the Party heading: organisation and cell at the left, the party and the place and date at the right", () => {
    expect(plain).toContain("ĐẢNG BỘ PHƯỜNG BẮC SƠN");
    expect(plain).toContain("CHI BỘ KHU PHỐ 3");
    expect(plain).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(plain).toContain("Phường Bắc Sơn, ngày 03 tháng 11 năm 2026");
    expect(plain).toContain("BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 11 NĂM 2026");
  });

  it("times from the planned start to the close, the place, the chair and a blank for the minute-taker", () => {
    expect(plain).toContain("Thời gian bắt đầu: 19 giờ 30 ngày 03/11/2026.");
    expect(plain).toContain("Thời gian kết thúc: 21 giờ 05 ngày 03/11/2026.");
    expect(plain).toContain("Địa điểm: Nhà văn hóa khu phố 3, số 12 đường Lê Lợi.");
    expect(plain).toContain("Chủ trì: đồng chí Nguyễn Thị Hồng Nhung.");
    expect(plain).toContain("Thư ký: đồng chí ……………………………");
  });

  it("attendance: the numbers, every name and reason intact, the committee member in charge", () => {
    expect(plain).toContain(
      "Tổng số đảng viên của chi bộ: 13 đồng chí (chính thức: 12, dự bị: 1).",
    );
    expect(plain).toContain("Số đảng viên phải dự sinh hoạt: 11 đồng chí.");
    expect(plain).toContain("Có mặt: 7/11 đồng chí, đạt tỷ lệ 63,6%.");
    expect(plain).toContain("Vắng có lý do: 2 đồng chí:");
    expect(plain).toContain(
      "+ Đồng chí Trần Thị Ngọc Ánh, lý do: Ốm nằm viện điều trị, có giấy xác nhận của Bệnh viện Đa khoa tỉnh.",
    );
    expect(plain).toContain(
      "+ Đồng chí Huỳnh Đức Hưởng, lý do: Đi công tác ở Quảng Ngãi theo quyết định của cơ quan.",
    );
    expect(plain).toContain("Vắng không có lý do: 2 đồng chí:");
    expect(plain).toContain("+ Đồng chí Phạm Quốc Việt.");
    expect(plain).toContain(
      "+ Đồng chí Lương Thế Vỹ (lý do «Bận việc riêng đột xuất» không được chi bộ chấp nhận).",
    );
    expect(plain).toContain(
      "Miễn công tác và sinh hoạt đảng: 1 đồng chí: + Đồng chí Lê Văn Thưởng (có dự sinh hoạt).",
    );
    expect(plain).toContain(
      "Lực lượng vũ trang làm nhiệm vụ đặc biệt: 1 đồng chí: + Đồng chí Đặng Hữu Nghĩa.",
    );
    expect(plain).toContain("Cấp ủy viên phụ trách chi bộ: đồng chí Võ Thị Xuân Hương, có mặt.");
    expect(plain).not.toContain("Cao Xuân Lộc");
  });

  it("the agenda, the closing time and the signature block", () => {
    expect(plain).toContain("II. NỘI DUNG SINH HOẠT");
    expect(plain).toContain("1. Đánh giá kết quả thực hiện nghị quyết tháng 10");
    expect(plain).toContain("2. Triển khai nhiệm vụ tháng 11 và cuối năm");
    expect(plain).toContain("Buổi sinh hoạt kết thúc lúc 21 giờ 05 ngày 03/11/2026.");
    expect(plain).toMatch(/THƯ KÝ.*CHỦ TRÌ.*\(Ký, ghi rõ họ tên\)/);
    expect(plain.trim().endsWith("Nguyễn Thị Hồng Nhung")).toBe(true);
  });

  it("votes and quality appear only when given", () => {
    expect(plain).not.toContain("KẾT QUẢ BIỂU QUYẾT");
    expect(plain).not.toContain("TỰ ĐÁNH GIÁ CHẤT LƯỢNG");
    expect(full).toContain("III. KẾT QUẢ BIỂU QUYẾT");
    expect(full).toContain("Thông qua Nghị quyết lãnh đạo thực hiện nhiệm vụ tháng 11");
    expect(fullLayout).toMatch(
      /^\s*1\s+Thông qua Nghị quyết lãnh\s+6\/7\s+1\/7\s+0\/7\s+Thông qua$/m,
    );
    expect(full).toContain("IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT");
    expect(fullLayout).toMatch(
      /^\s*2\s+Tỷ lệ đảng viên dự\s+2\/5\s+Bot tự tính\s+Tỷ lệ 63,6 % → 2 điểm$/m,
    );
    expect(full).toContain("Tổng điểm: 92/100; xếp loại: Tốt.");
  });
});

describe("the document's quality and votes come from the database", () => {
  it("no section before the sheet is complete; the real score once every item is scored", async () => {
    const before = await minutesDocument(services, meeting.id);
    expect([before.quality, before.votes]).toEqual([undefined, undefined]);
    const secretaryItems = services.settings.qualityRubric.items.filter(
      (i) => i.by === "secretary",
    );
    for (const item of secretaryItems.slice(0, -1))
      await db.qualityScore.create({
        data: { meetingId: meeting.id, itemKey: item.key, points: item.max, scoredAt: startsAt },
      });
    // One item still «chưa chấm»: a partial total would read as a low grade, so none is shown.
    expect((await minutesDocument(services, meeting.id)).quality).toBeUndefined();
    const last = secretaryItems.at(-1)!;
    await db.qualityScore.create({
      data: { meetingId: meeting.id, itemKey: last.key, points: last.max, scoredAt: startsAt },
    });
    const scored = (await minutesDocument(services, meeting.id)).quality!;
    const expected = await meetingQuality(services, meeting.id);
    expect(scored.total).toBe(expected!.total);
    expect(scored.grade).toBe(expected!.gradeLabel);
    expect(scored.items.map((i) => i.key)).toEqual(
      services.settings.qualityRubric.items.map((i) => i.key),
    );
    await db.qualityScore.deleteMany({ where: { meetingId: meeting.id } });
  });
});

describe("npm run cli -- minutes", () => {
  it("writes the Word file and says so", async () => {
    expect(cliOutput).toMatchObject({ code: 0, stderr: "" });
    expect(cliOutput.stdout).toMatch(
      /bien-ban-cli\.docx: bien-ban-sinh-hoat-chi-bo-khu-pho-3-2026-11-03\.docx, \d+ bytes/,
    );
    expect((await readFile(cliFile)).subarray(0, 2).toString()).toBe("PK");
  });

  it("--chair and --taker name who chaired and who took the minutes", async () => {
    const doc = await minutesDocument(services, meeting.id, {
      chair: "Đỗ Quang Dũng",
      minuteTaker: "Bùi Thị Thuỳ Dương",
    });
    expect([doc.chair, doc.minuteTaker]).toEqual(["Đỗ Quang Dũng", "Bùi Thị Thuỳ Dương"]);
  });

  it("refuses bad input with one line and exit code 2", async () => {
    expect(await cli("--out", join(dir, "x.docx"))).toMatchObject({
      code: 2,
      stderr: "minutes: --meeting ID is required\n",
    });
    expect(await cli("--meeting", "12", "--out", join(dir, "x.docx"))).toMatchObject({
      code: 2,
      stderr: 'minutes: --meeting must be a meeting\'s id (a UUID), not "12"\n',
    });
    expect(await cli("--meeting", meeting.id)).toMatchObject({
      code: 2,
      stderr: "minutes: --out FILE.docx is required\n",
    });
    expect(await cli("--meeting", open.id, "--out", join(dir, "x.docx"))).toMatchObject({
      code: 2,
      stderr: `minutes: meeting ${open.id}: its roll call is not closed yet, so it has no minutes\n`,
    });
    expect(existsSync(join(dir, "x.docx"))).toBe(false);
  });
});

describe("who may get the minutes", () => {
  const actor = (over: Partial<Parameters<typeof minutesForActor>[1]>) => ({
    memberId: ids["Trương Mỹ Lệ"]!,
    fullName: "Trương Mỹ Lệ",
    cellId: cell.id,
    cellName: cell.name,
    leads: false,
    cellRole: "MEMBER" as const,
    inChargeOf: [],
    ...over,
  });

  it("the cell's secretary and the committee member in charge get the file; a plain member is refused", async () => {
    const secretary = actor({ leads: true, cellRole: "SECRETARY" });
    const file = await minutesForActor(services, secretary, meeting.id);
    expect(file.file.name).toBe("bien-ban-sinh-hoat-chi-bo-khu-pho-3-2026-11-03.docx");
    expect(file.text).toBe(
      "📄 Biên bản sinh hoạt chi bộ (tệp Word) — Chi bộ Khu phố 3, ngày 03/11/2026",
    );
    const inCharge = actor({ memberId: committee.id, cellId: null, inChargeOf: [cell.id] });
    expect((await minutesForActor(services, inCharge, meeting.id)).file.name).toBe(file.file.name);
    await expect(minutesForActor(services, actor({}), meeting.id)).rejects.toEqual(
      new UserError("error-not-allowed"),
    );
  });
});

describe("the date line's place: the nearest unit named after a ward, commune, town…", () => {
  it.each([
    [["Chi bộ Khu phố 3", "Đảng bộ phường Bắc Sơn"], "Phường Bắc Sơn"],
    [["Chi bộ Cơ quan phường Bắc Sơn", "Đảng bộ phường Bắc Sơn"], "Phường Bắc Sơn"],
    [["Chi bộ thôn Đông", "Đảng bộ xã Hà Lan"], "Xã Hà Lan"],
    [
      ["Chi bộ Phân xưởng 1", "Đảng bộ Công ty Cổ phần Xi măng Bỉm Sơn", "Đảng bộ thị xã Bỉm Sơn"],
      "Thị xã Bỉm Sơn",
    ],
    [
      ["Chi bộ Văn phòng", "Đảng bộ Cơ quan Chính quyền thị xã", "Đảng bộ thị xã Bỉm Sơn"],
      "Thị xã Bỉm Sơn",
    ],
    [["Chi bộ Trường Tiểu học Lam Sơn"], null],
  ])("%j → %s", (names, place) => {
    expect(localityOf(names.map((name) => ({ name })))).toBe(place);
  });
});
