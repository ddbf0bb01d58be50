/**
 * A send lane: one sender with its own rate limit (issue 18). Every Telegram bot is one (the main
 * bot "TELEGRAM", another bot "TELEGRAM:<bot id>"), and so is each other platform. The planner's
 * calendar and the worker's pacer both count per lane.
 */
export type SendLane = string;

export function sendLane(platform: string, botId?: string | null): SendLane {
  return platform === "TELEGRAM" && botId ? `TELEGRAM:${botId}` : platform;
}
