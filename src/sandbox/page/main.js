// The sandbox's web chat: play any member, secretary, deputy or committee member, move the
// virtual clock. Plain ES modules, no build step, nothing from the internet; every user-visible
// text is Vietnamese. It only talks to the control API at /api/sandbox (api.js).
//
// This module wires the page and starts it. The panels: personas.js (who to play), chat.js (the
// chat), clock.js (the virtual clock), meetings.js (who answered); actions.js is what a click
// does; state.js, dom.js and format.js are shared by all of them.

import { closeChat, moveClock, press, refresh, select, send, showList } from "./actions.js";
import { ApiError, api } from "./api.js";
import { refreshChats, renderChat, renderOpenChats } from "./chat.js";
import { refreshClock, renderClock } from "./clock.js";
import { applyBusy, el } from "./dom.js";
import { fold } from "./format.js";
import { nextMeeting, refreshMeetings, renderMeetings } from "./meetings.js";
import { renderPersonas } from "./personas.js";
import { chatOf, current, handlers, state } from "./state.js";

const POLL_MS = 2000;
const CLOCK_POLL_MS = 15_000;

Object.assign(handlers, { select, closeChat, send, press });

async function poll() {
  if (state.busy > 0 || state.polling || document.hidden) return;
  state.polling = true;
  try {
    await Promise.all([refreshChats(), refreshMeetings()]);
  } catch {
    // Transient: the next poll tries again.
  } finally {
    state.polling = false;
  }
}

function pollClock() {
  if (state.busy > 0 || document.hidden) return;
  refreshClock().catch(() => undefined);
}

el.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  send(el.input.value);
});
el.input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    if (state.busy === 0) send(el.input.value);
  }
});
el.input.addEventListener("input", () => {
  const persona = current();
  if (persona) chatOf(persona.id).draft = el.input.value;
});
el.log.addEventListener("scroll", () => {
  const persona = current();
  if (persona) {
    chatOf(persona.id).atBottom = el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 40;
  }
});
el.back.addEventListener("click", () => showList());
el.search.addEventListener("input", () => {
  state.query = el.search.value;
  renderPersonas();
});
el.nextReminder.addEventListener("click", () =>
  moveClock({ next: "reminder" }, "Đã tua đến lời nhắc tiếp theo."),
);
el.plusHour.addEventListener("click", () => moveClock({ advanceBy: "PT1H" }, "Đã tua thêm 1 giờ."));
el.plusDay.addEventListener("click", () => moveClock({ advanceBy: "P1D" }, "Đã tua thêm 1 ngày."));
el.meetingStart.addEventListener("click", () => {
  const meeting = nextMeeting();
  if (meeting) moveClock({ advanceTo: meeting.startsAt }, "Đã tua đến giờ họp.");
});
window.addEventListener("hashchange", () => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id && id !== state.selected) select(id);
});

// ── Start ────────────────────────────────────────────────────────────────────

async function start() {
  renderPersonas();
  renderChat();
  renderOpenChats();
  renderMeetings();
  applyBusy();
  try {
    const personas = await api("/personas");
    state.personas = personas.map((p) => ({
      ...p,
      key: fold(`${p.name} ${p.cell} ${p.organisation ?? ""} ${p.channel}`),
    }));
    state.byId = new Map(state.personas.map((p) => [p.id, p]));
    state.loaded = true;
  } catch (error) {
    el.count.textContent = error instanceof ApiError ? error.message : "Không tải được danh sách.";
    return;
  }
  renderPersonas();
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash && state.byId.has(fromHash)) select(fromHash);
  setInterval(poll, POLL_MS);
  setInterval(pollClock, CLOCK_POLL_MS);
  setInterval(() => {
    if (state.clock.now) renderClock();
  }, 1000);
  await refresh().catch(() => undefined);
  document.body.dataset.ready = "true";
}

start();
