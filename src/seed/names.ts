// Fixture text of the demo organisation (Vietnamese): the units modelled on the town of Bỉm Sơn,
// Thanh Hóa (SPEC §2), the name pools of its members and the reasons they give for an absence.

/** What kind of place a meeting unit is: decides its schedule, its meeting room, its members. */
export type Sector =
  | "residential"
  | "agency"
  | "enterprise"
  | "school"
  | "health"
  | "military"
  | "police";

export interface CellSpec {
  readonly name: string;
  readonly sector: Sector;
  readonly place: string;
  /** Undefined: drawn from the usual rules; null: no default day, the secretary picks (R2). */
  readonly dayRule?: string | null;
}

export interface OrganisationSpec {
  readonly name: string;
  /** The cells of a grassroots committee (đảng bộ cơ sở); absent for a grassroots cell. */
  readonly cells?: readonly CellSpec[];
  /** A grassroots cell (chi bộ cơ sở) is itself a meeting unit. */
  readonly sector?: Sector;
  readonly place?: string;
}

export const TOWN_COMMITTEE = "Đảng bộ thị xã Bỉm Sơn";

interface LocalitySpec {
  readonly name: string;
  readonly ward: boolean;
  /** Residential cells: khu phố numbers of a ward, villages (thôn) of a commune. */
  readonly residential: readonly string[];
}

const khuPho = (count: number) => Array.from({ length: count }, (_, i) => `Khu phố ${i + 1}`);

const LOCALITIES: readonly LocalitySpec[] = [
  { name: "phường Ba Đình", ward: true, residential: khuPho(9) },
  { name: "phường Bắc Sơn", ward: true, residential: khuPho(8) },
  { name: "phường Đông Sơn", ward: true, residential: khuPho(9) },
  { name: "phường Lam Sơn", ward: true, residential: khuPho(8) },
  { name: "phường Ngọc Trạo", ward: true, residential: khuPho(8) },
  { name: "phường Phú Sơn", ward: true, residential: khuPho(6) },
  {
    name: "xã Hà Lan",
    ward: false,
    residential: [
      "Thôn Đoài Thôn",
      "Thôn Khắc Niệm",
      "Thôn Cẩm Hoàng",
      "Thôn Tam Đa",
      "Thôn Liên Giang",
    ],
  },
  {
    name: "xã Quang Trung",
    ward: false,
    residential: [
      "Thôn Nghĩa Môn",
      "Thôn Trường Sơn",
      "Thôn Tây Sơn",
      "Thôn Điền Lư",
      "Thôn Cổ Đam",
    ],
  },
];

function locality(spec: LocalitySpec): OrganisationSpec {
  const hall = `Hội trường UBND ${spec.name}`;
  return {
    name: `Đảng bộ ${spec.name}`,
    cells: [
      ...spec.residential.map((place) => ({
        name: `Chi bộ ${place}`,
        sector: "residential" as const,
        place: `Nhà văn hóa ${place.charAt(0).toLowerCase()}${place.slice(1)}`,
      })),
      { name: `Chi bộ Cơ quan ${spec.name}`, sector: "agency", place: hall },
      { name: `Chi bộ Quân sự ${spec.name}`, sector: "military", place: hall },
      {
        name: `Chi bộ Công an ${spec.name}`,
        sector: "police",
        place: `Trụ sở Công an ${spec.name}`,
      },
    ],
  };
}

function committee(
  name: string,
  sector: Sector,
  place: string,
  cells: readonly (string | [string, string | null])[],
): OrganisationSpec {
  return {
    name,
    cells: cells.map((cell) =>
      typeof cell === "string"
        ? { name: `Chi bộ ${cell}`, sector, place }
        : { name: `Chi bộ ${cell[0]}`, sector, place, dayRule: cell[1] },
    ),
  };
}

const grassrootsCell = (name: string, sector: Sector, place: string): OrganisationSpec => ({
  name: `Chi bộ ${name}`,
  sector,
  place,
});

/**
 * The 36 grassroots organisations in code order (DB01…DB36): 8 wards and communes, 8 committees of
 * enterprises, agencies and the armed forces, 20 grassroots cells. 168 meeting units, 58 residential.
 */
export const ORGANISATIONS: readonly OrganisationSpec[] = [
  ...LOCALITIES.map(locality),
  committee("Đảng bộ Công ty Cổ phần Xi măng Bỉm Sơn", "enterprise", "Phòng họp phân xưởng", [
    "Phân xưởng Mỏ nguyên liệu",
    "Phân xưởng Lò nung",
    "Phân xưởng Nghiền xi măng",
    "Phân xưởng Đóng bao",
    "Phân xưởng Cơ khí",
    "Phân xưởng Điện – Tự động hóa",
    "Phân xưởng Nước – Nén khí",
    "Xí nghiệp Vận tải",
    "Phòng Kỹ thuật sản xuất",
    "Phòng Kiểm tra chất lượng",
    "Phòng Tổ chức – Lao động",
    "Phòng Tài chính – Kế toán",
    "Văn phòng Công ty",
    "Trung tâm Tiêu thụ",
  ]),
  committee("Đảng bộ Công ty Xi măng Long Sơn", "enterprise", "Phòng họp Công ty", [
    "Phân xưởng Khai thác mỏ",
    "Phân xưởng Lò nung",
    "Phân xưởng Nghiền",
    "Phân xưởng Đóng bao",
    "Phân xưởng Cơ điện",
    "Phòng Kỹ thuật",
    "Phòng Kinh doanh",
    "Văn phòng Công ty",
  ]),
  committee("Đảng bộ Công ty Cổ phần Lilama 5", "enterprise", "Phòng họp Công ty", [
    "Xí nghiệp Lắp máy số 1",
    "Xí nghiệp Lắp máy số 2",
    "Xí nghiệp Lắp máy số 3",
    "Xí nghiệp Cơ khí chế tạo",
    // Teams working on distant sites: no default day, the secretary sets each meeting.
    ["Đội Công trình Nghi Sơn", null],
    ["Đội Công trình Quảng Trạch", null],
    "Phòng Kỹ thuật",
    "Phòng Kinh tế – Kế hoạch",
    "Phòng Tài chính – Kế toán",
    "Văn phòng Công ty",
  ]),
  committee("Đảng bộ Cơ quan Chính quyền thị xã", "agency", "Phòng họp cơ quan", [
    "Văn phòng HĐND và UBND thị xã",
    "Phòng Tài chính – Kế hoạch",
    "Phòng Nội vụ",
    "Phòng Kinh tế",
    "Phòng Quản lý đô thị",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động – Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Thanh tra thị xã",
  ]),
  committee("Đảng bộ Cơ quan Đảng – Mặt trận – Đoàn thể thị xã", "agency", "Phòng họp Thị ủy", [
    "Văn phòng Thị ủy",
    "Ban Tổ chức Thị ủy",
    "Ban Tuyên giáo Thị ủy",
    "Ủy ban Kiểm tra Thị ủy",
    "Ủy ban Mặt trận Tổ quốc thị xã",
    "Khối Đoàn thể thị xã",
  ]),
  committee("Đảng bộ Quân sự thị xã", "military", "Hội trường Ban Chỉ huy Quân sự thị xã", [
    "Ban Chỉ huy Quân sự thị xã",
    "Cơ quan Tham mưu",
    "Cơ quan Chính trị",
    "Cơ quan Hậu cần – Kỹ thuật",
    "Trung đội Dân quân cơ động",
  ]),
  committee("Đảng bộ Công an thị xã", "police", "Hội trường Công an thị xã", [
    "Đội An ninh",
    "Đội Cảnh sát điều tra tội phạm về trật tự xã hội",
    "Đội Cảnh sát giao thông – Trật tự",
    "Đội Cảnh sát quản lý hành chính về trật tự xã hội",
    "Đội Tham mưu – Tổng hợp",
    "Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
  ]),
  committee("Đảng bộ Trung tâm Y tế thị xã", "health", "Phòng giao ban Trung tâm Y tế", [
    "Khoa Khám bệnh",
    "Khoa Nội tổng hợp",
    "Khoa Ngoại – Sản",
    ["Khoa Hồi sức cấp cứu", null],
    "Khối Cận lâm sàng",
    "Khối Phòng chức năng",
  ]),
  grassrootsCell("Trường THPT Bỉm Sơn", "school", "Phòng họp trường"),
  grassrootsCell("Trường THPT Lê Hồng Phong", "school", "Phòng họp trường"),
  grassrootsCell("Trường THCS Lê Quý Đôn", "school", "Phòng họp trường"),
  grassrootsCell("Trường THCS Ba Đình", "school", "Phòng họp trường"),
  grassrootsCell("Trường THCS Xi Măng", "school", "Phòng họp trường"),
  grassrootsCell("Trường Tiểu học Lam Sơn", "school", "Phòng họp trường"),
  grassrootsCell("Trường Tiểu học Ngọc Trạo", "school", "Phòng họp trường"),
  grassrootsCell("Trường Mầm non Hoa Hồng", "school", "Phòng họp trường"),
  grassrootsCell(
    "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
    "school",
    "Phòng họp trung tâm",
  ),
  grassrootsCell("Viện Kiểm sát nhân dân thị xã", "agency", "Phòng họp cơ quan"),
  grassrootsCell("Tòa án nhân dân thị xã", "agency", "Phòng họp cơ quan"),
  grassrootsCell("Chi cục Thi hành án dân sự thị xã", "agency", "Phòng họp cơ quan"),
  grassrootsCell("Chi cục Thuế khu vực Bỉm Sơn – Thạch Thành", "agency", "Phòng họp cơ quan"),
  grassrootsCell("Kho bạc Nhà nước Bỉm Sơn", "agency", "Phòng họp cơ quan"),
  grassrootsCell("Bảo hiểm xã hội thị xã", "agency", "Phòng họp cơ quan"),
  grassrootsCell(
    "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Bỉm Sơn",
    "enterprise",
    "Phòng họp chi nhánh",
  ),
  grassrootsCell("Điện lực Bỉm Sơn", "enterprise", "Phòng họp Điện lực"),
  grassrootsCell(
    "Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch",
    "agency",
    "Phòng họp trung tâm",
  ),
  grassrootsCell("Ban Quản lý dự án đầu tư xây dựng thị xã", "agency", "Phòng họp cơ quan"),
  grassrootsCell("Công ty Cổ phần Bao bì Bỉm Sơn", "enterprise", "Phòng họp Công ty"),
];

/** Family names with rough weights (per cent of the population, the north-central mix). */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ["Nguyễn", 36],
  ["Lê", 11],
  ["Trần", 10],
  ["Phạm", 7],
  ["Hoàng", 4.5],
  ["Trịnh", 3.5],
  ["Vũ", 3.5],
  ["Đỗ", 2.5],
  ["Bùi", 2.5],
  ["Đặng", 2],
  ["Ngô", 2],
  ["Mai", 1.8],
  ["Phan", 1.5],
  ["Đinh", 1.5],
  ["Hà", 1.2],
  ["Dương", 1],
  ["Lưu", 0.8],
  ["Tống", 0.8],
  ["Cao", 0.8],
  ["Lương", 0.7],
  ["Đào", 0.7],
  ["Tạ", 0.5],
  ["Lại", 0.5],
  ["Hồ", 0.5],
  ["Trương", 0.5],
];

export const MALE_MIDDLE_NAMES: readonly (readonly [string, number])[] = [
  ["Văn", 40],
  ["Đức", 9],
  ["Minh", 8],
  ["Quang", 6],
  ["Hữu", 6],
  ["Xuân", 5],
  ["Đình", 5],
  ["Ngọc", 4],
  ["Công", 4],
  ["Thanh", 4],
  ["Mạnh", 3],
  ["Trọng", 3],
  ["Bá", 2],
  ["Tiến", 2],
];

export const FEMALE_MIDDLE_NAMES: readonly (readonly [string, number])[] = [
  ["Thị", 62],
  ["Thu", 6],
  ["Ngọc", 5],
  ["Thanh", 5],
  ["Minh", 4],
  ["Hồng", 4],
  ["Phương", 3],
  ["Thùy", 3],
  ["Kim", 3],
  ["Mai", 2],
];

/** A second middle name some women carry after "Thị" (Nguyễn Thị Thu Hà). */
export const FEMALE_SECOND_MIDDLE_NAMES: readonly string[] = [
  "Thu",
  "Thanh",
  "Hồng",
  "Kim",
  "Minh",
  "Ngọc",
];

export const MALE_GIVEN_NAMES: readonly string[] = [
  "Hùng",
  "Dũng",
  "Tuấn",
  "Hải",
  "Sơn",
  "Thắng",
  "Long",
  "Nam",
  "Trung",
  "Cường",
  "Bình",
  "Quân",
  "Hiếu",
  "Đức",
  "Thành",
  "Toàn",
  "Khánh",
  "Phong",
  "Hoàng",
  "Tùng",
  "Lâm",
  "Mạnh",
  "Hưng",
  "Việt",
  "Kiên",
  "Thịnh",
  "Lực",
  "Chiến",
  "Tiến",
  "Hòa",
  "An",
  "Phúc",
  "Vinh",
  "Hoàn",
  "Nghĩa",
  "Quyết",
  "Thái",
  "Tâm",
  "Huy",
  "Đạt",
  "Lợi",
  "Bảo",
  "Duy",
  "Khải",
  "Quý",
];

export const FEMALE_GIVEN_NAMES: readonly string[] = [
  "Lan",
  "Hương",
  "Hoa",
  "Hằng",
  "Mai",
  "Nga",
  "Thủy",
  "Hà",
  "Linh",
  "Trang",
  "Huyền",
  "Yến",
  "Dung",
  "Hạnh",
  "Loan",
  "Thảo",
  "Nhung",
  "Oanh",
  "Phương",
  "Vân",
  "Liên",
  "Hiền",
  "Tâm",
  "Xuân",
  "Nguyệt",
  "Quyên",
  "Giang",
  "Thúy",
  "Ánh",
  "Chi",
  "Diệp",
  "Hậu",
  "Lý",
  "Ngân",
  "Tuyết",
];

/** Reasons members give for an absence (SPEC §4 step 3 presets and the usual free texts). */
export const ABSENCE_REASONS: readonly string[] = [
  "ốm đau",
  "ốm đau",
  "đi công tác",
  "đi công tác",
  "việc gia đình",
  "việc gia đình",
  "con nhỏ ốm",
  "đi viện",
  "đi học tập trung",
  "về quê có việc hiếu",
  "trực cơ quan",
  "đi làm ca",
];

/** The long absence behind the R5 violation: four meetings in a row, each with a reason. */
export const LONG_ABSENCE_REASONS: readonly string[] = [
  "đi công tác dài ngày ở Quảng Trạch",
  "điều trị tại Bệnh viện Đa khoa tỉnh",
  "điều trị tại Bệnh viện Đa khoa tỉnh",
  "nghỉ dưỡng bệnh sau phẫu thuật",
];

/** Reasons a secretary rejected as not valid (R4: the absence counts as without a reason). */
export const REJECTED_REASONS: readonly string[] = ["bận việc riêng", "đi ăn cưới", "bận bán hàng"];

/** Why a cell fell short of R3 in the demo: many excused at once, as happens in shift work. */
export const SHIFT_REASONS: readonly string[] = ["đi làm ca", "trực sản xuất", "đi công tác"];

export const REGULAR_AGENDA = (month: string) =>
  `Sinh hoạt chi bộ thường kỳ tháng ${month}: kiểm điểm công tác tháng, triển khai nhiệm vụ tháng tới`;

export const THEMATIC_AGENDAS: readonly string[] = [
  "Chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  "Chuyên đề: Nâng cao chất lượng sinh hoạt chi bộ",
  "Chuyên đề: Phòng, chống tham nhũng, lãng phí, tiêu cực",
  "Chuyên đề: Xây dựng khu dân cư văn hóa, bảo vệ môi trường",
  "Chuyên đề: Công tác phát triển đảng viên",
];

/** Who decided an exemption or a special duty (decisionRef): number then issuing body. */
export const EXEMPT_DECISION = (n: number, grassrootsCell: boolean) =>
  `QĐ ${n}-QĐ/${grassrootsCell ? "CB" : "ĐU"}`;

export const SPECIAL_DUTY_DECISION = (n: number, sector: Sector) =>
  sector === "police" ? `QĐ ${n}/QĐ-CATX` : `QĐ ${n}/QĐ-BCH`;

/** Labels for the summary, with their English gloss. */
export const TOWN_CODE = "TX";
