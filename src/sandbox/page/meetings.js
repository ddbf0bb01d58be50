// Who answered (right column, below the clock): the persona's cell's next meetings.

import { api } from "./api.js";
import { applyBusy, el, node } from "./dom.js";
import { formatTime } from "./format.js";
import { current, state } from "./state.js";

export function nextMeeting() {
  return state.meetings[0];
}

export function renderMeetings() {
  const persona = current();
  const meeting = nextMeeting();
  el.meetingStart.dataset.unavailable = meeting ? "false" : "true";
  applyBusy();
  el.meetingHint.textContent = !persona
    ? "«Đến giờ họp»: chọn một đồng chí trước."
    : meeting
      ? `Cuộc họp tới của ${meeting.cell}: ${formatTime(meeting.startsAt)}`
      : `${persona.cell || "Đồng chí này"} chưa có cuộc họp sắp tới.`;
  if (!persona) {
    el.who.replaceChildren(
      node("p", { class: "hint" }, "Chọn một đồng chí để xem các cuộc họp sắp tới của chi bộ."),
    );
    return;
  }
  if (state.meetings.length === 0) {
    el.who.replaceChildren(node("p", { class: "hint" }, "Chưa có cuộc họp sắp tới."));
    return;
  }
  const names = (list) => (list.length ? list.join(", ") : "chưa có ai");
  el.who.replaceChildren(
    ...state.meetings.map((m) =>
      node(
        "article",
        { class: "meeting", "data-testid": "meeting", "data-meeting-id": m.id },
        node("h3", {}, `Họp lúc ${formatTime(m.startsAt)}`),
        node("p", { class: "hint" }, m.cell),
        node(
          "p",
          { class: "answer-line attending", "data-testid": "meeting-attending" },
          node("strong", {}, `Tham dự (${m.attending.length}): `),
          names(m.attending),
        ),
        node(
          "p",
          { class: "answer-line absent", "data-testid": "meeting-absent" },
          node("strong", {}, `Vắng (${m.absent.length}): `),
          names(m.absent),
        ),
      ),
    ),
  );
}

export async function refreshMeetings() {
  const persona = current();
  const cell = persona?.cellId ?? persona?.cell;
  const meetings = persona ? await api(`/meetings?cell=${encodeURIComponent(cell)}`) : [];
  if (current() !== persona) return;
  // Six wards each have a «Chi bộ Khu phố 2»: only this persona's own cell, by its id.
  state.meetings = persona
    ? meetings.filter((m) =>
        persona.cellId ? m.cellId === persona.cellId : m.cell === persona.cell,
      )
    : [];
  renderMeetings();
}
