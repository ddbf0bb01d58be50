import type { Translate } from "../../i18n.ts";
import { type RosterView, rosterClosedLine, rosterHeader } from "../../services/rollcall/index.ts";

const ICON = { unmarked: "⬜", present: "✅", excused: "🟡", unexcused: "🔴" } as const;
const REASON_PREVIEW = 80;

/** Numbered roster order: eligible members, then exempt members, then guests. */
export function rosterOrder(view: RosterView): string[] {
  return [...view.members, ...view.exempt, ...view.guests].map((m) => m.memberId);
}

/**
 * The roll call as text: counts, then one numbered line per person, answered with `3 c|v|k`.
 */
export function rosterText(t: Translate, view: RosterView, minRate: number): string {
  const lines = [...rosterHeader(t, view, minRate), ""];
  let number = 0;
  for (const m of view.members) {
    number += 1;
    const rejected = m.status === "excused" && !m.reasonAccepted;
    const reason = m.status === "excused" && m.reason ? `: ${preview(m.reason)}` : "";
    lines.push(
      t("zalo-rollcall-line", {
        number,
        icon: rejected ? "⛔" : m.status === "present" && m.selfCheckedAt ? "📲" : ICON[m.status],
        name: m.fullName,
        note: reason,
      }),
    );
  }
  if (view.exempt.length > 0) {
    lines.push("", t("zalo-rollcall-exempt-head"));
    for (const m of view.exempt) {
      number += 1;
      lines.push(
        t("zalo-rollcall-line", { number, icon: ICON[m.status], name: m.fullName, note: "" }),
      );
    }
  }
  if (view.guests.length > 0) {
    lines.push("", t("zalo-rollcall-guests-head"));
    for (const g of view.guests) {
      number += 1;
      const icon = g.present ? ICON.present : ICON.unmarked;
      lines.push(t("zalo-rollcall-line", { number, icon, name: g.fullName, note: "" }));
    }
  }
  lines.push("");
  const closedLine = rosterClosedLine(t, view);
  if (closedLine) {
    lines.push(closedLine);
    if (view.editable) lines.push(t("zalo-rollcall-legend-closed"));
  } else {
    lines.push(t("zalo-rollcall-legend"));
  }
  return lines.join("\n");
}

function preview(text: string): string {
  const chars = [...text];
  return chars.length <= REASON_PREVIEW ? text : `${chars.slice(0, REASON_PREVIEW - 1).join("")}…`;
}
