// The real entry points (`npm run bot`, `npm run worker`) as child processes, their JSON logs kept.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll } from "vitest";
import { type Stack, TEST_TOKEN, waitUntil } from "../support/stack.ts";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface AppProcess {
  child: ChildProcess;
  /** Everything written to stdout, line by line (pino's JSON lines). */
  lines: string[];
  /** The parsed log lines (lines that are not JSON are kept in `lines` only). */
  logs(): Record<string, unknown>[];
  /** Resolves with the first log line with this `msg`. */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGTERM, then the exit code and how long it took. */
  terminate(): Promise<{ code: number | null; ms: number }>;
}

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
});

/**
 * `src/bot.ts` or `src/worker.ts` (through tsx), or a compiled `….js` (plain node), against the
 * stack's database, Redis prefix and local Bot API.
 */
export function startProcess(
  entry: "src/bot.ts" | "src/worker.ts" | `${string}.js`,
  stack: Stack,
  env: Record<string, string> = {},
): AppProcess {
  const args = entry.endsWith(".js") ? [entry] : ["--import", "tsx", entry];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: stack.url,
      REDIS_URL: stack.config.REDIS_URL,
      REDIS_PREFIX: stack.prefix,
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: stack.apiRoot,
      HOST: "127.0.0.1",
      QUIET_HOURS: "off",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines: string[] = [];
  let rest = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    lines.push(...parts.filter((line) => line.length > 0));
  });
  const logs = () =>
    lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return {
    child,
    lines,
    logs,
    async waitForLog(msg, timeoutMs = 60_000) {
      await waitUntil(
        async () => {
          if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
          return logs().some((l) => l.msg === msg);
        },
        timeoutMs,
        50,
      );
      return logs().find((l) => l.msg === msg)!;
    },
    async terminate() {
      const started = Date.now();
      if (child.exitCode !== null) return { code: child.exitCode, ms: 0 };
      const exited = new Promise<number | null>((resolve) =>
        child.once("exit", (code) => resolve(code)),
      );
      child.kill("SIGTERM");
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}
