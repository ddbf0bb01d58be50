// The sandbox's web chat: play any member, secretary, deputy or committee member, move the
// virtual clock. Plain ES module, no build step, nothing from the internet; every user-visible
// text is Vietnamese. It only talks to the control API at /api/sandbox.

const API = "/api/sandbox";
const POLL_MS = 2000;
const CLOCK_POLL_MS = 15_000;
/** The demo has ~3,400 personas: show at most this many matches at once. */
const LIST_CAP = 150;
/** Open chats refreshed by the poll besides the selected one (for the unread counts). */
const OPEN_CAP = 8;
const TIME_ZONE = "Asia/Ho_Chi_Minh";

const ROLES = [
  { id: "secretary", label: "Bí thư" },
  { id: "deputy", label: "Phó bí thư" },
  { id: "committee", label: "Cấp ủy viên" },
  { id: "member", label: "Đảng viên" },
];
const ROLE_LABEL = Object.fromEntries(ROLES.map((r) => [r.id, r.label]));

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

const ERRORS = {
  "nothing is due": "Không có lời nhắc nào đang chờ gửi.",
  "the clock never goes back": "Đồng hồ ảo không thể quay lùi.",
  "unknown button": "Nút này không còn trên tin nhắn (tin nhắn vừa được sửa). Vui lòng bấm lại.",
  "unknown message": "Không tìm thấy tin nhắn này.",
  "unknown persona": "Không tìm thấy người đóng vai này.",
};

// ── State ────────────────────────────────────────────────────────────────────

const state = {
  /** @type {{id:string,name:string,role:string,cell:string,channel:string,key:string}[]} */
  personas: [],
  byId: new Map(),
  query: "",
  role: "all",
  selected: null,
  /** Persona ids with a chat open, most recent first. */
  open: [],
  /** id → { messages, seen, draft, scrollTop, atBottom } */
  chats: new Map(),
  clock: { now: null, nextDue: null },
  clockFetchedAt: 0,
  meetings: [],
  busy: 0,
  polling: false,
  loaded: false,
};

const $ = (id) => document.getElementById(id);
const el = {
  busy: $("busy"),
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

// ── Helpers ──────────────────────────────────────────────────────────────────

class ApiError extends Error {}

async function api(path, body) {
  let response;
  try {
    response = await fetch(`${API}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("Không kết nối được với máy chủ thử nghiệm. Vui lòng kiểm tra lại.");
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = json && typeof json.error === "string" ? json.error : `HTTP ${response.status}`;
    throw new ApiError(ERRORS[error] ?? `Không thực hiện được: ${error}`);
  }
  return json;
}

/** Lower case without diacritics, so "nguyen van" finds "Nguyễn Văn". */
function fold(text) {
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
  hourCycle: "h23",
});

/** "19:30, Thứ Năm 12/06/2025" in Việt Nam time. */
function formatTime(iso) {
  if (!iso) return "—";
  const p = Object.fromEntries(
    dateParts.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${p.hour}:${p.minute}, ${WEEKDAYS[p.weekday] ?? p.weekday} ${p.day}/${p.month}/${p.year}`;
}

function node(tag, attrs = {}, ...children) {
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
function toast(text, kind = "info") {
  el.toast.textContent = text;
  el.toast.dataset.kind = kind;
  el.toast.setAttribute("role", kind === "error" ? "alert" : "status");
  el.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.toast.hidden = true;
  }, 6000);
}

function chatOf(id) {
  let chat = state.chats.get(id);
  if (!chat) {
    chat = { messages: null, seen: 0, draft: "", scrollTop: null, atBottom: true };
    state.chats.set(id, chat);
  }
  return chat;
}

const current = () => (state.selected ? state.byId.get(state.selected) : undefined);

// ── Busy: one action at a time; every action button waits for it ────────────

function applyBusy() {
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

// ── Personas ─────────────────────────────────────────────────────────────────

function matching() {
  const words = fold(state.query).split(/\s+/).filter(Boolean);
  return state.personas.filter((p) => words.every((w) => p.key.includes(w)));
}

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

function badge(role) {
  return node(
    "span",
    { class: `badge badge-${role}`, "data-testid": "role-badge" },
    ROLE_LABEL[role],
  );
}

function renderPersonas() {
  const found = matching();
  renderRoleFilter(found);
  const shown = found.filter((p) => state.role === "all" || p.role === state.role);
  const rank = (role) => ROLES.findIndex((r) => r.id === role);
  const sorted = [...shown].sort((a, b) => rank(a.role) - rank(b.role));
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
  for (const role of ROLES) {
    const people = capped.filter((p) => p.role === role.id);
    if (!people.length) continue;
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
                  onclick: () => select(p.id),
                },
                node("span", { class: "persona-name" }, p.name),
                badge(p.role),
                node("span", { class: "persona-cell" }, p.cell || "—"),
              ),
            ),
          ),
        ),
      ),
    );
  }
  el.list.replaceChildren(...groups);
}

// ── Chats ────────────────────────────────────────────────────────────────────

function renderOpenChats() {
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
            onclick: () => select(id),
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
            onclick: () => closeChat(id),
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

function renderMessage(m) {
  const bubble = node(
    "div",
    { class: "bubble" },
    m.text ? node("p", { class: "text", "data-testid": "message-text" }, m.text) : null,
    m.file
      ? node("p", { class: "file", "data-testid": "message-file" }, `📎 ${m.file.name}`)
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
                  onclick: () => press(m.messageId, b.label),
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
function renderChat() {
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

function renderQuickCommands() {
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
          onclick: () => send(command),
        },
        command,
      ),
    ),
  );
}

function renderHeader() {
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
  el.subtitle.textContent = `${persona.cell || "—"} · trò chuyện riêng với Chi bộ Bot (Telegram)`;
}

function select(id) {
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

function closeChat(id) {
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

// ── Clock and meetings ───────────────────────────────────────────────────────

/** The virtual time now: the server's answer plus the real time since. */
function virtualNow() {
  if (!state.clock.now) return null;
  return new Date(Date.parse(state.clock.now) + Date.now() - state.clockFetchedAt).toISOString();
}

function renderClock() {
  const now = virtualNow();
  el.now.textContent = formatTime(now);
  if (now) el.now.dataset.iso = now;
  el.nextDue.textContent = state.clock.nextDue
    ? formatTime(state.clock.nextDue)
    : "không có lời nhắc nào đang chờ";
  if (state.clock.nextDue) el.nextDue.dataset.iso = state.clock.nextDue;
  else delete el.nextDue.dataset.iso;
  el.nextReminder.dataset.unavailable = state.clock.nextDue ? "false" : "true";
}

function nextMeeting() {
  return state.meetings[0];
}

function renderMeetings() {
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

// ── Refresh and poll ─────────────────────────────────────────────────────────

async function loadChat(id) {
  const messages = await api(`/personas/${encodeURIComponent(id)}/chat`);
  if (state.chats.has(id)) chatOf(id).messages = messages;
}

/** The selected chat and, for their unread counts, the other open ones. */
async function refreshChats() {
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

async function refreshMeetings() {
  const persona = current();
  const meetings = persona ? await api(`/meetings?cell=${encodeURIComponent(persona.cell)}`) : [];
  if (current() !== persona) return;
  // The API matches the cell by a fragment of its name: keep only this persona's own cell.
  state.meetings = persona ? meetings.filter((m) => m.cell === persona.cell) : [];
  renderMeetings();
}

/**
 * The virtual clock runs in real time between jumps, so the page ticks it locally and asks the
 * server only after an action and every CLOCK_POLL_MS (finding the next due reminder is slow
 * on the full demo). A late answer to an older request never overwrites a newer one.
 */
let clockAsked = 0;
let clockApplied = 0;
async function refreshClock() {
  const asked = ++clockAsked;
  const clock = await api("/clock");
  if (asked < clockApplied) return;
  clockApplied = asked;
  state.clock = clock;
  state.clockFetchedAt = Date.now();
  renderClock();
  applyBusy();
}

async function refresh({ clock = true } = {}) {
  await Promise.all([refreshChats(), refreshMeetings(), clock ? refreshClock() : null]);
}

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

// ── Actions ──────────────────────────────────────────────────────────────────

function send(text) {
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

function press(messageId, label) {
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

function moveClock(body, done) {
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
    state.personas = personas.map((p) => ({ ...p, key: fold(`${p.name} ${p.cell}`) }));
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
