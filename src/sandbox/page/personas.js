// The persona picker (left column): search, role filter, the list.

import { openConsole } from "./console.js";
import { el, node } from "./dom.js";
import { fold } from "./format.js";
import { handlers, state } from "./state.js";

/** The demo has ~3,400 personas: show at most this many matches at once. */
const LIST_CAP = 150;

const ROLES = [
  { id: "secretary", label: "Bí thư" },
  { id: "deputy", label: "Phó bí thư" },
  { id: "committee", label: "Cấp ủy viên" },
  { id: "member", label: "Đảng viên" },
];
const ROLE_LABEL = Object.fromEntries(ROLES.map((r) => [r.id, r.label]));

function matching() {
  const words = fold(state.query).split(/\s+/).filter(Boolean);
  return state.personas.filter((p) => words.every((w) => p.key.includes(w)));
}

/** 0: the name is what was typed; 1: the name holds every word typed; 2: the cell or ward does. */
function nameScore(p) {
  const query = fold(state.query).trim().replace(/\s+/g, " ");
  if (!query) return 2;
  const name = fold(p.name);
  if (name === query) return 0;
  const words = name.split(" ");
  return query.split(" ").every((w) => words.includes(w)) ? 1 : 2;
}

export const channelLabel = (p) => (p.channel === "zalo" ? "Zalo" : "Telegram");

/** «Chi bộ Khu phố 2 — Đảng bộ phường An Phú»: the cell alone is not enough to tell them apart. */
export const placeOf = (p) => [p.cell || "—", p.organisation].filter(Boolean).join(" — ");

function renderRoleFilter(found) {
  const counts = { all: found.length };
  for (const p of found) counts[p.role] = (counts[p.role] ?? 0) + 1;
  el.roleOptions.replaceChildren(
    ...[{ id: "all", label: "Tất cả" }, ...ROLES].map((role) =>
      node(
        "label",
        {
          class: `chip${state.role === role.id ? " is-on" : ""}`,
          "data-testid": "role-option",
          "data-role": role.id,
        },
        node("input", {
          type: "radio",
          name: "role",
          value: role.id,
          checked: state.role === role.id,
          onchange: () => {
            state.role = role.id;
            renderPersonas();
          },
        }),
        `${role.label} (${(counts[role.id] ?? 0).toLocaleString("vi-VN")})`,
      ),
    ),
  );
}

export function badge(role) {
  return node(
    "span",
    { class: `badge badge-${role}`, "data-testid": "role-badge" },
    ROLE_LABEL[role],
  );
}

export function renderPersonas() {
  const found = matching();
  renderRoleFilter(found);
  const shown = found.filter((p) => state.role === "all" || p.role === state.role);
  const rank = (role) => ROLES.findIndex((r) => r.id === role);
  const scores = new Map(shown.map((p) => [p.id, nameScore(p)]));
  const sorted = [...shown].sort(
    (a, b) => scores.get(a.id) - scores.get(b.id) || rank(a.role) - rank(b.role),
  );
  const capped = sorted.slice(0, LIST_CAP);
  el.count.textContent = !state.loaded
    ? "Đang tải danh sách…"
    : state.personas.length === 0
      ? "Chưa có ai để đóng vai: cơ sở dữ liệu chưa có đảng viên nào liên kết Telegram."
      : shown.length === 0
        ? "Không tìm thấy ai. Thử gõ tên khác hoặc tên chi bộ."
        : capped.length < shown.length
          ? `Hiển thị ${capped.length} trên ${shown.length.toLocaleString("vi-VN")} người — gõ tên hoặc chi bộ để thu hẹp.`
          : `${shown.length.toLocaleString("vi-VN")} người`;
  const groups = [];
  // Whoever has exactly the name typed comes first, above the role groups.
  const exact = capped.filter((p) => scores.get(p.id) === 0);
  const sections = [
    ...(exact.length ? [{ label: "Đúng tên đã gõ", people: exact }] : []),
    ...ROLES.map((role) => ({
      label: role.label,
      people: capped.filter((p) => p.role === role.id && scores.get(p.id) !== 0),
    })),
  ];
  for (const { label, people } of sections) {
    if (!people.length) continue;
    const role = { label };
    groups.push(
      node(
        "div",
        { class: "persona-group", role: "group", "aria-label": role.label },
        node("h3", { class: "group-title" }, role.label),
        node(
          "ul",
          {},
          people.map((p) =>
            node(
              "li",
              {},
              node(
                "button",
                {
                  type: "button",
                  class: `persona${p.id === state.selected ? " is-selected" : ""}`,
                  "data-testid": "persona",
                  "data-persona-id": p.id,
                  "aria-pressed": p.id === state.selected ? "true" : "false",
                  onclick: () => handlers.select(p.id),
                },
                node("span", { class: "persona-name" }, p.name),
                badge(p.role),
                node("span", { class: "persona-cell", "data-testid": "persona-place" }, placeOf(p)),
                node(
                  "span",
                  {
                    class: `channel channel-${p.channel}`,
                    "data-testid": "persona-channel",
                  },
                  channelLabel(p),
                ),
              ),
              p.role === "member"
                ? null
                : node(
                    "button",
                    {
                      type: "button",
                      class: "persona-console",
                      "data-testid": "open-console",
                      "data-persona-id": p.id,
                      "aria-label": `Mở trang quản lý: ${p.name}`,
                      onclick: () => openConsole(p),
                    },
                    "Mở trang quản lý",
                  ),
            ),
          ),
        ),
      ),
    );
  }
  el.list.replaceChildren(...groups);
}
