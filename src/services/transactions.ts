/**
 * Limits for an interactive transaction that is small by construction (one alert, one meeting,
 * one cell, one press). Prisma's defaults (2 s to get a connection, 5 s to finish) make success
 * depend on CPU speed: on a loaded machine the event loop alone can stall for seconds between two
 * statements (P2028), and a burst of presses queues for the pool longer than 2 s. These limits
 * only catch a transaction that is stuck; keeping the work inside small is what makes it fast.
 */
export const BOUNDED_TX = { maxWait: 20_000, timeout: 30_000 } as const;
