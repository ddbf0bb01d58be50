// Buttons carry opaque data, re-checked on every press; channels render it (Telegram: callback_data).
// Callback data is at most 64 bytes: UUIDs travel as 22-character base64url strings.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function shortId(uuid: string): string {
  return Buffer.from(uuid.replaceAll("-", ""), "hex").toString("base64url");
}

/** The UUID back, or null for anything that was not made by shortId (forged data). */
export function fromShortId(short: string): string | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(short)) return null;
  const hex = Buffer.from(short, "base64url").toString("hex");
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(uuid) ? uuid : null;
}

/** The answer buttons of a reminder: `ans:<meeting>:y|n`, 27 bytes. */
export const answerButtonData = (meetingId: string, attending: boolean) =>
  `ans:${shortId(meetingId)}:${attending ? "y" : "n"}`;
