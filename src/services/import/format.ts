// The import workbook's format: sheets, columns and the words allowed in list columns. The
// workbook is Vietnamese by specification (an office clerk fills it in), so these labels are part
// of the file format, like a schema, not messages: the messages live in locales/*/import.ftl.
import type {
  CellKind,
  CellRole,
  MembershipKind,
  StatusPeriodKind,
  UnitKind,
} from "@prisma/client";

export type SheetKind = "units" | "members" | "roles" | "statuses" | "assignments";

export interface ColumnSpec {
  readonly field: string;
  /** The header the template writes; any spelling that folds to it (or to an alias) is accepted. */
  readonly header: string;
  readonly aliases?: readonly string[];
  /** The column must be present (its cells may still be empty where the sheet allows it). */
  readonly required?: boolean;
  /** Read only so a clerk can see who a code is; never written. */
  readonly informational?: boolean;
  /** Template: the list of allowed words (an Excel data validation). */
  readonly choices?: readonly string[];
  readonly width: number;
}

export interface SheetSpec {
  readonly kind: SheetKind;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly columns: readonly ColumnSpec[];
}

/** A word in a list column, its stored value and the other spellings clerks use. */
export interface Choice<T> {
  readonly value: T;
  readonly label: string;
  readonly aliases: readonly string[];
}

export const UNIT_KINDS: readonly Choice<UnitKind>[] = [
  {
    value: "TOWN_COMMITTEE",
    label: "Đảng bộ cấp trên cơ sở",
    aliases: [
      "Đảng bộ thị xã",
      "Đảng bộ huyện",
      "Đảng bộ quận",
      "Đảng bộ thành phố",
      "Đảng bộ cấp huyện",
      "Đảng bộ cấp trên",
      "town committee",
    ],
  },
  { value: "GRASSROOTS_COMMITTEE", label: "Đảng bộ cơ sở", aliases: ["grassroots committee"] },
  { value: "GRASSROOTS_CELL", label: "Chi bộ cơ sở", aliases: ["grassroots cell"] },
  { value: "CELL", label: "Chi bộ trực thuộc", aliases: ["Chi bộ", "cell"] },
];

export const CELL_KINDS: readonly Choice<CellKind>[] = [
  {
    value: "RESIDENTIAL",
    label: "Khu dân cư",
    aliases: ["Dân cư", "Khu phố", "Thôn", "Xóm", "Tổ dân phố", "residential"],
  },
  { value: "OTHER", label: "Khác", aliases: ["other"] },
];

export const MEMBERSHIP_KINDS: readonly Choice<MembershipKind>[] = [
  { value: "FULL", label: "Chính thức", aliases: ["Đảng viên chính thức", "full"] },
  { value: "PROBATIONARY", label: "Dự bị", aliases: ["Đảng viên dự bị", "probationary"] },
];

export const CELL_ROLES: readonly Choice<Exclude<CellRole, "MEMBER">>[] = [
  { value: "SECRETARY", label: "Bí thư", aliases: ["Bí thư chi bộ", "secretary"] },
  { value: "DEPUTY", label: "Phó bí thư", aliases: ["Phó bí thư chi bộ", "deputy"] },
];

export const STATUS_KINDS: readonly Choice<StatusPeriodKind>[] = [
  {
    value: "EXEMPT",
    label: "Miễn công tác và sinh hoạt đảng",
    aliases: ["Miễn công tác và sinh hoạt", "Miễn sinh hoạt đảng", "Miễn sinh hoạt", "exempt"],
  },
  {
    value: "SPECIAL_DUTY",
    label: "LLVT làm nhiệm vụ đặc biệt",
    aliases: [
      "Lực lượng vũ trang làm nhiệm vụ đặc biệt",
      "Làm nhiệm vụ đặc biệt",
      "Nhiệm vụ đặc biệt",
      "special duty",
    ],
  },
];

const labels = <T>(choices: readonly Choice<T>[]) => choices.map((c) => c.label);

/** A member's name beside their code, so a clerk can read the row; checked, never stored. */
const NAME_FOR_CHECKING: ColumnSpec = {
  field: "fullName",
  header: "Họ và tên",
  aliases: ["Họ tên"],
  informational: true,
  width: 28,
};

export const SHEETS: readonly SheetSpec[] = [
  {
    kind: "units",
    name: "Đơn vị",
    aliases: ["Tổ chức đảng", "units"],
    columns: [
      { field: "code", header: "Mã đơn vị", required: true, width: 16 },
      { field: "name", header: "Tên đơn vị", required: true, width: 36 },
      {
        field: "kind",
        header: "Loại đơn vị",
        required: true,
        choices: labels(UNIT_KINDS),
        width: 24,
      },
      { field: "parent", header: "Mã đơn vị cấp trên", aliases: ["Mã cấp trên"], width: 20 },
      { field: "cellKind", header: "Loại chi bộ", choices: labels(CELL_KINDS), width: 14 },
      { field: "dayRule", header: "Ngày họp thường kỳ", aliases: ["Ngày họp"], width: 22 },
      { field: "meetingTime", header: "Giờ họp", width: 10 },
      { field: "meetingPlace", header: "Địa điểm họp", aliases: ["Địa điểm"], width: 36 },
    ],
  },
  {
    kind: "members",
    name: "Đảng viên",
    aliases: ["Danh sách đảng viên", "members"],
    columns: [
      { field: "code", header: "Mã đảng viên", required: true, width: 16 },
      { field: "fullName", header: "Họ và tên", aliases: ["Họ tên"], required: true, width: 28 },
      { field: "cell", header: "Mã chi bộ", width: 16 },
      {
        field: "membership",
        header: "Chính thức/Dự bị",
        aliases: ["Loại đảng viên"],
        choices: labels(MEMBERSHIP_KINDS),
        width: 18,
      },
      {
        field: "joinedOn",
        header: "Ngày bắt đầu sinh hoạt",
        aliases: ["Ngày chuyển đến"],
        width: 22,
      },
      { field: "leftOn", header: "Ngày thôi sinh hoạt", aliases: ["Ngày chuyển đi"], width: 20 },
    ],
  },
  {
    kind: "roles",
    name: "Chức vụ",
    aliases: ["Bí thư, phó bí thư", "roles"],
    columns: [
      { field: "cell", header: "Mã chi bộ", required: true, width: 16 },
      { field: "member", header: "Mã đảng viên", required: true, width: 16 },
      NAME_FOR_CHECKING,
      { field: "role", header: "Chức vụ", required: true, choices: labels(CELL_ROLES), width: 14 },
    ],
  },
  {
    kind: "statuses",
    name: "Miễn sinh hoạt",
    aliases: ["Miễn sinh hoạt, nhiệm vụ đặc biệt", "Nhiệm vụ đặc biệt", "status periods"],
    columns: [
      { field: "member", header: "Mã đảng viên", required: true, width: 16 },
      NAME_FOR_CHECKING,
      {
        field: "kind",
        header: "Trường hợp",
        aliases: ["Diện"],
        required: true,
        choices: labels(STATUS_KINDS),
        width: 34,
      },
      { field: "from", header: "Từ ngày", required: true, width: 14 },
      { field: "to", header: "Đến ngày", width: 14 },
      { field: "decision", header: "Số quyết định", aliases: ["Quyết định"], width: 24 },
    ],
  },
  {
    kind: "assignments",
    name: "Phân công phụ trách",
    aliases: ["Phân công", "assignments"],
    columns: [
      { field: "member", header: "Mã đảng viên", required: true, width: 16 },
      NAME_FOR_CHECKING,
      {
        field: "unit",
        header: "Mã đơn vị phụ trách",
        aliases: ["Mã đơn vị"],
        required: true,
        width: 20,
      },
    ],
  },
];

/** The sheet with the instructions: recognised and skipped when reading. */
export const GUIDE_SHEET = "Hướng dẫn";

export const sheetSpec = (kind: SheetKind): SheetSpec => SHEETS.find((s) => s.kind === kind)!;

/**
 * The form under which headers, sheet names and list words are compared: without diacritics,
 * case, punctuation or a note in parentheses ("Mã đơn vị (*)" = "ma don vi").
 */
export function fold(text: string): string {
  return text
    .replace(/\([^)]*\)/g, " ")
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function matchesName(text: string, name: string, aliases: readonly string[] = []) {
  const folded = fold(text);
  return folded !== "" && [name, ...aliases].some((n) => fold(n) === folded);
}

/** The stored value a list word stands for, or undefined when it is not one of the words. */
export function choose<T>(choices: readonly Choice<T>[], text: string): T | undefined {
  return choices.find((c) => matchesName(text, c.label, c.aliases))?.value;
}

export function labelOf<T>(choices: readonly Choice<T>[], value: T): string {
  return choices.find((c) => c.value === value)?.label ?? String(value);
}

/** Meeting units (where members sit and meetings happen), as in the planner. */
export const isMeetingUnit = (kind: UnitKind) => kind === "CELL" || kind === "GRASSROOTS_CELL";

/** Depth in the tree: a unit's parent always has a lower level (the kinds allow no cycle). */
export const unitLevel = (kind: UnitKind | undefined) =>
  kind === "TOWN_COMMITTEE" ? 0 : kind === "CELL" ? 2 : 1;

/** The kinds a unit of this kind may sit under; an empty list means it has no parent. */
export const PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  TOWN_COMMITTEE: [],
  GRASSROOTS_COMMITTEE: ["TOWN_COMMITTEE"],
  GRASSROOTS_CELL: ["TOWN_COMMITTEE"],
  CELL: ["GRASSROOTS_COMMITTEE"],
};
