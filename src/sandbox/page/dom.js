// The page's elements and the small DOM helpers every panel uses.

import { current, state } from "./state.js";

const $ = (id) => document.getElementById(id);
export const el = {
  busy: $("busy"),
  busyText: $("busy-text"),
  busyProgress: $("busy-progress"),
  back: $("chat-back"),
  search: $("persona-search"),
  roleOptions: $("role-filter-options"),
  count: $("persona-count"),
  list: $("persona-list"),
  openChats: $("open-chats"),
  avatar: $("chat-avatar"),
  title: $("chat-title"),
  subtitle: $("chat-subtitle"),
  log: $("chat-log"),
  quick: $("quick-commands"),
  composer: $("composer"),
  input: $("chat-input"),
  send: $("send-button"),
  now: $("clock-now"),
  nextDue: $("clock-next-due"),
  nextReminder: $("clock-next-reminder"),
  plusHour: $("clock-plus-hour"),
  plusDay: $("clock-plus-day"),
  meetingStart: $("clock-meeting-start"),
  meetingHint: $("meeting-start-hint"),
  who: $("who-answered"),
  toast: $("toast"),
};

export function node(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

let toastTimer;
export function toast(text, kind = "info") {
  el.toast.textContent = text;
  el.toast.dataset.kind = kind;
  el.toast.setAttribute("role", kind === "error" ? "alert" : "status");
  el.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.toast.hidden = true;
  }, 6000);
}

/** Busy: one action at a time (actions.js); every action button waits for it. */
export function applyBusy() {
  const busy = state.busy > 0;
  el.busy.hidden = !busy;
  document.body.classList.toggle("is-busy", busy);
  document.body.setAttribute("aria-busy", busy ? "true" : "false");
  for (const button of document.querySelectorAll("[data-action]")) {
    button.disabled = busy || button.dataset.unavailable === "true";
  }
  const persona = current();
  el.input.disabled = !persona;
  el.send.disabled = busy || !persona;
}
