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
  refresh({ clock: false }).catch(() => undefined);
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
      const { now } = await api("/clock", body);
      toast(`${done} Bây giờ: ${formatTime(now)}.`);
      const persona = current();
      if (persona) chatOf(persona.id).atBottom = true;
    },
    { clock: true },
  );
}
