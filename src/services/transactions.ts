import { TRANSACTION_LIMITS } from "../db/client.ts";

/**
 * Limits for an interactive transaction that is small by construction (one alert, one meeting,
 * one cell, one press): the client's defaults (src/db/client.ts), said where it matters.
 */
export const BOUNDED_TX = TRANSACTION_LIMITS;
