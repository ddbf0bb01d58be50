// The virtual clock panel (right column, top).

import { api } from "./api.js";
import { applyBusy, el } from "./dom.js";
import { formatTime } from "./format.js";
import { state } from "./state.js";

/** The virtual time now: the server's answer plus the real time since. */
function virtualNow() {
  if (!state.clock.now) return null;
  return new Date(Date.parse(state.clock.now) + Date.now() - state.clockFetchedAt).toISOString();
}

export function renderClock() {
  const now = virtualNow();
  el.now.textContent = formatTime(now);
  if (now) el.now.dataset.iso = now;
  el.nextDue.textContent = state.clock.nextDue
    ? formatTime(state.clock.nextDue, { seconds: true })
    : "không có lời nhắc nào đang chờ";
  if (state.clock.nextDue) el.nextDue.dataset.iso = state.clock.nextDue;
  else delete el.nextDue.dataset.iso;
  el.nextReminder.dataset.unavailable = state.clock.nextDue ? "false" : "true";
}

/**
 * The virtual clock runs in real time between jumps, so the page ticks it locally and asks the
 * server only after an action and every CLOCK_POLL_MS (finding the next due reminder is slow
 * on the full demo). A late answer to an older request never overwrites a newer one.
 */
let clockAsked = 0;
let clockApplied = 0;
export async function refreshClock() {
  const asked = ++clockAsked;
  const clock = await api("/clock");
  if (asked < clockApplied) return;
  clockApplied = asked;
  state.clock = clock;
  state.clockFetchedAt = Date.now();
  renderClock();
  applyBusy();
}
