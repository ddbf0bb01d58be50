// What the person at the page does: pick a persona, send, press, move the clock; each action
// runs with the buttons disabled, then refreshes what it may have changed.

import { ApiError, api } from "./api.js";
import {
  refreshChats,
  renderChat,
  renderHeader,
  renderOpenChats,
  renderQuickCommands,
} from "./chat.js";
import { refreshClock } from "./clock.js";
import { applyBusy, el, toast } from "./dom.js";
import { formatTime } from "./format.js";
import { refreshMeetings, renderMeetings } from "./meetings.js";
import { renderPersonas } from "./personas.js";
import { chatOf, current, state } from "./state.js";

/**
 * Runs one action with the buttons disabled, then refreshes what it may have changed; the clock
 * is waited for only when the action moved it.
 */
async function act(action, { clock = false } = {}) {
  if (state.busy > 0) return;
  state.busy++;
  el.toast.hidden = true;
  applyBusy();
  try {
    await action();
  } catch (error) {
    toast(error instanceof ApiError ? error.message : "Đã có lỗi, vui lòng thử lại.", "error");
  } finally {
    if (!clock) refreshClock().catch(() => undefined);
    try {
      await refresh({ clock });
    } catch {
      // The poll will try again.
    }
    state.busy--;
    applyBusy();
  }
}

export function select(id) {
  if (!state.byId.has(id)) return;
  const previous = current();
  if (previous) {
    const chat = chatOf(previous.id);
    chat.draft = el.input.value;
    chat.scrollTop = el.log.scrollTop;
    chat.atBottom = el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 40;
  }
  state.selected = id;
  state.open = [id, ...state.open.filter((o) => o !== id)];
  state.meetings = [];
  if (location.hash !== `#${id}`) history.replaceState(null, "", `#${id}`);
  const chat = chatOf(id);
  el.input.value = chat.draft;
  el.log.replaceChildren();
  renderHeader();
  renderQuickCommands();
  renderPersonas();
  renderChat();
  renderOpenChats();
  renderMeetings();
  applyBusy();
  if (chat.atBottom || chat.scrollTop === null) el.log.scrollTop = el.log.scrollHeight;
  else el.log.scrollTop = chat.scrollTop;
  // On a phone the panels are one under the other: the chat takes the screen (← Danh sách).
  document.body.dataset.view = "chat";
  if (narrow()) window.scrollTo({ top: 0 });
  refresh({ clock: false }).catch(() => undefined);
}

const narrow = () => window.matchMedia("(max-width: 760px)").matches;

/** Back to the persona list (phones): the chat stays open in «open chats». */
export function showList() {
  document.body.dataset.view = "list";
  window.scrollTo({ top: 0 });
  el.search.focus({ preventScroll: true });
}

export function closeChat(id) {
  state.open = state.open.filter((o) => o !== id);
  state.chats.delete(id);
  if (state.selected === id) {
    const next = state.open[0];
    if (next) select(next);
    else {
      state.selected = null;
      history.replaceState(null, "", location.pathname);
      el.input.value = "";
      renderHeader();
      renderQuickCommands();
      renderPersonas();
      renderChat();
      renderMeetings();
      applyBusy();
    }
  }
  renderOpenChats();
}

export async function refresh({ clock = true } = {}) {
  await Promise.all([refreshChats(), refreshMeetings(), clock ? refreshClock() : null]);
}

export function send(text) {
  const persona = current();
  const message = text.trim();
  if (!persona || !message) return;
  return act(async () => {
    await api(`/personas/${encodeURIComponent(persona.id)}/send`, { text: message });
    chatOf(persona.id).atBottom = true;
    if (el.input.value.trim() === message) el.input.value = "";
    chatOf(persona.id).draft = "";
  });
}

export function press(messageId, label) {
  const persona = current();
  if (!persona) return;
  return act(async () => {
    const result = await api(`/personas/${encodeURIComponent(persona.id)}/press`, {
      messageId,
      button: label,
    });
    if (result.answer) toast(result.answer);
  });
}

export function moveClock(body, done) {
  return act(
    async () => {
      const progress = watchProgress();
      try {
        const { now } = await api("/clock", body);
        toast(`${done} Bây giờ: ${formatTime(now)}.`);
      } finally {
        progress.stop();
      }
      const persona = current();
      if (persona) chatOf(persona.id).atBottom = true;
    },
    { clock: true },
  );
}

const DAY_MS = 86_400_000;

/**
 * A long move (days of reminders, sweeps and the planner) takes minutes on the full demo: while it
 * runs, the busy line says which day the clock has reached, with a progress bar.
 */
function watchProgress() {
  let stopped = false;
  let timer;
  const tick = async () => {
    try {
      const clock = await api("/clock");
      if (!stopped && clock.moving) showProgress(clock.moving);
    } catch {
      // The next tick tries again.
    }
    if (!stopped) timer = setTimeout(tick, 1000);
  };
  timer = setTimeout(tick, 700);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      el.busyText.textContent = "Đang xử lý…";
      el.busyProgress.hidden = true;
    },
  };
}

function showProgress({ from, to, at }) {
  const total = Math.max(1, Math.ceil((Date.parse(to) - Date.parse(from)) / DAY_MS));
  const done = Math.min(total, Math.round((Date.parse(at) - Date.parse(from)) / DAY_MS));
  el.busyText.textContent =
    total > 1
      ? `Đang tua đồng hồ: đã đến ${formatTime(at)} (ngày ${done}/${total})…`
      : `Đang tua đồng hồ đến ${formatTime(to)}…`;
  el.busyProgress.hidden = total <= 1;
  el.busyProgress.max = total;
  el.busyProgress.value = done;
  el.now.textContent = formatTime(at);
}
