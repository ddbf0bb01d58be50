import type { Config } from "./config.ts";
import type { WorkingDayPolicy } from "./domain/holidays.ts";
import { type Policy, resolvePolicy } from "./domain/policy.ts";
import type { QualityRubric } from "./domain/quality.ts";
import {
  parseOffsets,
  parseQuietHours,
  type QuietHours,
  type ReminderOffset,
} from "./domain/reminder-plan.ts";
import { loadRubric } from "./services/quality/rubric.ts";

/** The deployment's rule profile and reminder settings, derived once from the configuration. */
export interface Settings {
  policy: Policy;
  /** R2b; null when meetings are never moved off weekends and holidays. */
  dateShift: WorkingDayPolicy | null;
  reminderOffsets: readonly ReminderOffset[];
  quietHours: QuietHours;
  inviteTtlDays: number;
  /** An open dialog left alone this long is dropped, nothing recorded. */
  dialogTimeoutMs: number;
  /** The update ledger's lease: how long a dead process holds an update. */
  updateLeaseMs: number;
  /**
   * One sending bot's cap (SEND_RATE_PER_SEC, or PAID_BROADCAST_RATE with paid broadcasts):
   * every Telegram bot and every other platform is a lane of its own at this rate.
   */
  sendRatePerLane: number;
  /** Reminders the planner puts in one second of one lane (the lane's rate × utilisation). */
  sendCapacityPerSecond: number;
  /** Deliveries due within this of now are delayed jobs; the later ones wait in the ledger. */
  dispatchHorizonMs: number;
  /** Issue 15: the meeting-quality rubric, validated at start. */
  qualityRubric: QualityRubric;
  /** Issue 15: documents are sent this long before the meeting (at once when it is nearer). */
  documentLeadMs: number;
  /** The web console's base address for sign-in links (issue 17). */
  webUrl: string;
  /** The self check-in code's lifetime (issue 16). */
  checkinRotateMs: number;
  /** What a vote's "more than half" is of (issue 16). */
  votePolicy: "official" | "present";
}

export function settingsFrom(config: Config): Settings {
  const shift = config.POLICY_DATE_SHIFT;
  const laneRate =
    config.PAID_BROADCAST === "on" ? config.PAID_BROADCAST_RATE : config.SEND_RATE_PER_SEC;
  return {
    policy: resolvePolicy({
      day3: config.POLICY_DAY3,
      minRate: config.POLICY_MIN_RATE,
      maxConsecutiveExcused: config.POLICY_MAX_CONSECUTIVE_EXCUSED,
      removalMonths: config.POLICY_REMOVAL_MONTHS,
      minDuration: { enabled: config.POLICY_MIN_DURATION === "on" },
    }),
    dateShift:
      shift === "off"
        ? null
        : { skipWeekends: shift.includes("weekends"), skipHolidays: shift.includes("holidays") },
    reminderOffsets: parseOffsets(config.REMINDER_OFFSETS),
    quietHours: parseQuietHours(config.QUIET_HOURS),
    inviteTtlDays: config.INVITE_TTL_DAYS,
    dialogTimeoutMs: config.DIALOG_TIMEOUT_MINUTES * 60_000,
    updateLeaseMs: config.UPDATE_LEASE_SECONDS * 1000,
    webUrl: (config.WEB_URL ?? `http://127.0.0.1:${config.WEB_PORT ?? config.PORT}`).replace(
      /\/$/,
      "",
    ),
    checkinRotateMs: config.CHECKIN_ROTATE_SECONDS * 1000,
    votePolicy: config.VOTE_PASS_POLICY,
    sendRatePerLane: laneRate,
    dispatchHorizonMs: config.DISPATCH_HORIZON_MINUTES * 60_000,
    sendCapacityPerSecond: Math.max(1, Math.floor(laneRate * config.SEND_PLAN_UTILISATION)),
    qualityRubric: loadRubric(config.QUALITY_RUBRIC),
    documentLeadMs:
      Number.parseInt(config.DOCUMENT_LEAD, 10) *
      (config.DOCUMENT_LEAD.endsWith("d") ? 86_400_000 : 3_600_000),
  };
}
