// The chat view (middle column): open chats, the message log, quick commands, the header.

import { api } from "./api.js";
import { applyBusy, el, node } from "./dom.js";
import { badge, channelLabel, placeOf } from "./personas.js";
import { chatOf, current, handlers, state } from "./state.js";

/** Open chats refreshed by the poll besides the selected one (for the unread counts). */
const OPEN_CAP = 8;

/** Commands offered as one-press chips; the bot decides what each person may do. */
const COMMANDS = {
  member: [
    ["/lich", "Cuộc họp tới"],
    ["/cuatoi", "Tình hình sinh hoạt của tôi"],
    ["/caidat", "Cài đặt lời nhắc"],
    ["/trogiup", "Hướng dẫn"],
  ],
  leader: [
    ["/tinhhinh", "Tình hình trả lời"],
    ["/nhacnho", "Nhắc người chưa trả lời"],
    ["/diemdanh", "Điểm danh"],
    ["/lichhop", "Đặt, dời, hủy cuộc họp"],
    ["/traloithay", "Trả lời thay đảng viên"],
    ["/moi", "Mã mời liên kết"],
    ["/lich", "Cuộc họp tới"],
    ["/trogiup", "Hướng dẫn"],
  ],
  committee: [
    ["/donvi", "Các chi bộ phụ trách"],
    ["/lich", "Cuộc họp tới"],
    ["/trogiup", "Hướng dẫn"],
  ],
};

export function renderOpenChats() {
  el.openChats.replaceChildren(
    ...state.open.map((id) => {
      const p = state.byId.get(id);
      const chat = chatOf(id);
      const unread =
        id === state.selected || !chat.messages
          ? 0
          : chat.messages.filter((m) => m.from === "bot").length - chat.seen;
      const isOn = id === state.selected;
      return node(
        "span",
        { class: `open-chat${isOn ? " is-on" : ""}` },
        node(
          "button",
          {
            type: "button",
            class: "open-chat-select",
            "data-testid": "open-chat",
            "data-persona-id": id,
            "aria-current": isOn ? "true" : undefined,
            onclick: () => handlers.select(id),
          },
          p.name,
          unread > 0
            ? node(
                "span",
                { class: "unread", "aria-label": `${unread} tin mới`, "data-testid": "unread" },
                String(unread),
              )
            : null,
        ),
        node(
          "button",
          {
            type: "button",
            class: "open-chat-close",
            "aria-label": `Đóng trò chuyện của ${p.name}`,
            title: "Đóng",
            onclick: () => handlers.closeChat(id),
          },
          "×",
        ),
      );
    }),
  );
  el.openChats.hidden = state.open.length === 0;
}

function messageKey(m) {
  return JSON.stringify([m.text, m.buttons, m.edited, m.file?.name ?? null]);
}

function fileUrl(m) {
  const persona = current();
  return `/api/sandbox/personas/${encodeURIComponent(persona?.id ?? "")}/files/${m.messageId}`;
}

function fileSize(bytes) {
  return bytes < 1024
    ? `${bytes} B`
    : `${(bytes / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} KB`;
}

function renderMessage(m) {
  const bubble = node(
    "div",
    { class: "bubble" },
    m.text ? node("p", { class: "text", "data-testid": "message-text" }, m.text) : null,
    m.file
      ? node(
          "p",
          { class: "file", "data-testid": "message-file" },
          node(
            "a",
            {
              href: fileUrl(m),
              download: m.file.name,
              "data-testid": "message-file-link",
              title: "Tải tệp về máy",
            },
            `📎 ${m.file.name}`,
          ),
          m.file.size ? node("span", { class: "file-size" }, ` (${fileSize(m.file.size)})`) : null,
        )
      : null,
    m.file?.image
      ? node("img", {
          class: "qr",
          "data-testid": "message-image",
          src: m.file.image,
          alt: m.file.name,
          width: "240",
        })
      : null,
    m.edited
      ? node(
          "p",
          { class: "meta" },
          node("span", { class: "edited", "data-testid": "message-edited" }, "đã sửa"),
        )
      : null,
  );
  const keyboard = m.buttons.length
    ? node(
        "div",
        { class: "keyboard", "data-testid": "message-buttons" },
        m.buttons.map((row) =>
          node(
            "div",
            { class: "keyboard-row" },
            row.map((b) =>
              node(
                "button",
                {
                  type: "button",
                  class: "inline-button",
                  "data-testid": "message-button",
                  "data-label": b.label,
                  "data-action": true,
                  disabled: state.busy > 0,
                  onclick: () => handlers.press(m.messageId, b.label),
                },
                b.label,
              ),
            ),
          ),
        ),
      )
    : null;
  return node(
    "article",
    {
      class: `message from-${m.from}${m.edited ? " is-edited" : ""}`,
      "data-testid": "message",
      "data-message-id": m.messageId,
      "data-from": m.from,
      "data-key": messageKey(m),
      "aria-label": m.from === "bot" ? "Tin nhắn của bot" : "Tin nhắn của đồng chí",
    },
    bubble,
    keyboard,
  );
}

/** Updates the log in place: unchanged messages keep their element (and focus). */
export function renderChat() {
  const persona = current();
  if (!persona) {
    el.log.replaceChildren(
      node("p", { class: "empty" }, "Chọn một đồng chí ở cột bên trái để bắt đầu."),
    );
    return;
  }
  const chat = chatOf(persona.id);
  if (!chat.messages) {
    el.log.replaceChildren(node("p", { class: "empty" }, "Đang tải tin nhắn…"));
    return;
  }
  if (chat.messages.length === 0) {
    el.log.replaceChildren(
      node(
        "p",
        { class: "empty", "data-testid": "chat-empty" },
        "Chưa có tin nhắn. Gõ /trogiup để xem các lệnh, hoặc bấm «Lời nhắc tiếp theo» để bot gửi lời nhắc.",
      ),
    );
    return;
  }
  const wasAtBottom = el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 40;
  const existing = new Map(
    [...el.log.querySelectorAll("article.message")].map((a) => [a.dataset.messageId, a]),
  );
  for (const child of [...el.log.children]) {
    if (!child.matches("article.message")) child.remove();
  }
  let previous = null;
  let appended = false;
  for (const m of chat.messages) {
    const id = String(m.messageId);
    let article = existing.get(id);
    existing.delete(id);
    if (!article || article.dataset.key !== messageKey(m)) {
      const fresh = renderMessage(m);
      if (article) {
        fresh.classList.add("just-edited");
        article.replaceWith(fresh);
      } else appended = true;
      article = fresh;
    }
    const expected = previous ? previous.nextSibling : el.log.firstChild;
    if (expected !== article) el.log.insertBefore(article, expected);
    previous = article;
  }
  for (const stale of existing.values()) stale.remove();
  if (appended && (wasAtBottom || chat.atBottom)) el.log.scrollTop = el.log.scrollHeight;
  chat.seen = chat.messages.filter((m) => m.from === "bot").length;
}

export function renderQuickCommands() {
  const persona = current();
  if (!persona) {
    el.quick.replaceChildren();
    return;
  }
  const list =
    persona.role === "secretary" || persona.role === "deputy"
      ? COMMANDS.leader
      : persona.role === "committee"
        ? COMMANDS.committee
        : COMMANDS.member;
  el.quick.replaceChildren(
    node("span", { class: "hint" }, "Lệnh nhanh:"),
    ...list.map(([command, label]) =>
      node(
        "button",
        {
          type: "button",
          class: "command",
          "data-testid": "quick-command",
          "data-command": command,
          "data-action": true,
          disabled: state.busy > 0,
          title: label,
          "aria-label": `${command} — ${label}`,
          onclick: () => handlers.send(command),
        },
        command,
      ),
    ),
  );
}

export function renderHeader() {
  const persona = current();
  if (!persona) {
    el.title.textContent = "Chưa chọn người đóng vai";
    el.subtitle.textContent =
      "Chọn một đồng chí ở cột bên trái để xem trò chuyện của đồng chí ấy với bot.";
    el.avatar.textContent = "?";
    return;
  }
  el.avatar.textContent = persona.name
    .split(" ")
    .filter(Boolean)
    .slice(-1)[0]
    .charAt(0)
    .toUpperCase();
  el.title.replaceChildren(persona.name, " ", badge(persona.role));
  el.subtitle.textContent = `${placeOf(persona)} · trò chuyện riêng với Chi bộ Bot (${channelLabel(persona)})`;
}

async function loadChat(id) {
  const messages = await api(`/personas/${encodeURIComponent(id)}/chat`);
  if (state.chats.has(id)) chatOf(id).messages = messages;
}

/** The selected chat and, for their unread counts, the other open ones. */
export async function refreshChats() {
  const persona = current();
  const others = state.open.filter((id) => id !== persona?.id).slice(0, OPEN_CAP);
  await Promise.all([
    persona ? loadChat(persona.id) : null,
    ...others.map((id) => loadChat(id).catch(() => undefined)),
  ]);
  renderChat();
  renderOpenChats();
  applyBusy();
}
