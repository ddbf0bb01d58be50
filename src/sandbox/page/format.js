// Text helpers: search folding and Việt Nam time.

const TIME_ZONE = "Asia/Ho_Chi_Minh";

/** Lower case without diacritics, so "nguyen van" finds "Nguyễn Văn". */
export function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

const WEEKDAYS = {
  Sun: "Chủ nhật",
  Mon: "Thứ Hai",
  Tue: "Thứ Ba",
  Wed: "Thứ Tư",
  Thu: "Thứ Năm",
  Fri: "Thứ Sáu",
  Sat: "Thứ Bảy",
};
const dateParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  weekday: "short",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * "19:30, Thứ Năm 12/06/2025" in Việt Nam time; with `seconds`, "13:59:55, …" (the planner spreads
 * a fan-out over seconds, so a send time shown to the minute looks already past).
 */
export function formatTime(iso, { seconds = false } = {}) {
  if (!iso) return "—";
  const p = Object.fromEntries(
    dateParts.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  const time = seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${time}, ${WEEKDAYS[p.weekday] ?? p.weekday} ${p.day}/${p.month}/${p.year}`;
}
