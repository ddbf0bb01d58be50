// "Mở trang quản lý" on a persona's card: sends /web (Zalo: web) as them, waits for the sign-in
// link the bot sends through the ledger, and opens it in a new tab — the same link a person gets.

import { ApiError, api } from "./api.js";
import { toast } from "./dom.js";

const LINK = /https?:\/\/[^\s]+\/web\/dang-nhap\/[A-Za-z0-9_-]+/;
const WAIT_MS = 20_000;

export async function openConsole(persona) {
  // Opened now, while the click counts as the person's gesture (else it is a blocked pop-up).
  const tab = window.open("about:blank", "_blank");
  try {
    const path = `/personas/${encodeURIComponent(persona.id)}`;
    const before = (await api(`${path}/chat`)).length;
    await api(`${path}/send`, { text: persona.channel === "zalo" ? "web" : "/web" });
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const chat = await api(`${path}/chat`);
      const found = chat
        .slice(before)
        .map((m) => LINK.exec(m.text ?? ""))
        .find(Boolean);
      if (found) {
        if (tab) tab.location.href = found[0];
        else window.location.href = found[0];
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new ApiError("Bot chưa gửi liên kết đăng nhập. Vui lòng thử lại.");
  } catch (error) {
    tab?.close();
    toast(error instanceof ApiError ? error.message : "Đã có lỗi, vui lòng thử lại.", "error");
  }
}
