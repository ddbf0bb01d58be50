// Redis Sentinel of the test's own: a master and a replica (both with a password) and two sentinels
// (with a password of their own) on free ports in a temporary directory. failover() forces one and
// waits until the sentinels name the replica and the old master follows it; stop() kills them all.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./redis-cluster.ts";

const run = promisify(execFile);
const NAME = "mymaster";
const PASSWORD = "master-password-for-tests";
const SENTINEL_PASSWORD = "sentinel-password-for-tests";

export interface RedisSentinel {
  /** "127.0.0.1:port,127.0.0.1:port", as REDIS_SENTINELS. */
  sentinels: string;
  /** REDIS_URL: the master's password (its host and port are not used). */
  url: string;
  sentinelPassword: string;
  /** The port of the master the sentinels name now. */
  masterPort(): Promise<number>;
  /** Forces a failover; resolves with the new master's port once the old master replicates it. */
  failover(): Promise<number>;
  stop(): Promise<void>;
}

async function cli(port: number, password: string, ...command: string[]): Promise<string> {
  const { stdout } = await run("redis-cli", [
    "-p",
    String(port),
    "-a",
    password,
    "--no-auth-warning",
    ...command,
  ]);
  return stdout.trim();
}

/** Polls `check` (errors count as "not yet") until it holds; on a loaded machine that takes a while. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-sentinel: ${what} not within ${timeoutMs} ms (${String(last ?? "")})`);
}

export async function startRedisSentinel(): Promise<RedisSentinel> {
  const dir = mkdtempSync(join(tmpdir(), "chibo-sentinel-"));
  const children: ChildProcess[] = [];
  const start = (args: string[]) => children.push(spawn("redis-server", args, { stdio: "ignore" }));
  const server = (port: number) => [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--dbfilename",
    `dump-${port}.rdb`,
    "--save",
    "",
    "--appendonly",
    "no",
    "--requirepass",
    PASSWORD,
    "--masterauth",
    PASSWORD,
  ];
  const master = await freePort();
  const replica = await freePort();
  const sentinels = [await freePort(), await freePort()];
  start(server(master));
  start([...server(replica), "--replicaof", "127.0.0.1", String(master)]);
  for (const port of sentinels) {
    // A sentinel rewrites its configuration file: each has its own, in the temporary directory.
    const conf = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      conf,
      [
        `port ${port}`,
        "bind 127.0.0.1",
        `dir ${dir}`,
        `requirepass ${SENTINEL_PASSWORD}`,
        `sentinel monitor ${NAME} 127.0.0.1 ${master} 1`,
        `sentinel auth-pass ${NAME} ${PASSWORD}`,
        `sentinel down-after-milliseconds ${NAME} 5000`,
        `sentinel failover-timeout ${NAME} 30000`,
        "",
      ].join("\n"),
    );
    start([conf, "--sentinel"]);
  }
  const stop = async () => {
    for (const child of children) child.kill("SIGKILL");
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null
          ? undefined
          : new Promise((r) => c.once("exit", r)),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const sentinel = (port: number, ...command: string[]) =>
    cli(port, SENTINEL_PASSWORD, "sentinel", ...command);
  const namedPort = async (port: number) =>
    Number((await sentinel(port, "get-master-addr-by-name", NAME)).split("\n")[1]);
  const replicating = async (port: number) =>
    (await cli(port, PASSWORD, "info", "replication")).includes("master_link_status:up");
  const knowsReplica = async (port: number, replicaPort: number) => {
    const replicas = await sentinel(port, "replicas", NAME);
    const entry = replicas.split("\nname\n").find((r) => r.includes(`\nport\n${replicaPort}\n`));
    return entry !== undefined && !/s_down|o_down|disconnected/.test(entry);
  };

  try {
    await until("the replica in sync", () => replicating(replica));
    for (const port of sentinels) {
      await until(
        `sentinel ${port} naming the master`,
        async () => (await namedPort(port)) === master,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    sentinels: sentinels.map((p) => `127.0.0.1:${p}`).join(","),
    url: `redis://:${PASSWORD}@127.0.0.1:${master}`,
    sentinelPassword: SENTINEL_PASSWORD,
    masterPort: () => namedPort(sentinels[0]!),
    async failover() {
      const old = await namedPort(sentinels[0]!);
      const next = old === master ? replica : master;
      // A sentinel learns of a replica from the master's INFO (every 10 s): wait until it has.
      await until("the sentinel knowing the replica", () => knowsReplica(sentinels[0]!, next));
      await until(
        "SENTINEL FAILOVER accepted",
        async () => (await sentinel(sentinels[0]!, "failover", NAME)) === "OK",
      );
      for (const port of sentinels) {
        await until(
          `sentinel ${port} naming the new master`,
          async () => (await namedPort(port)) === next,
        );
      }
      // The old master is turned into a replica (its clients disconnected) some seconds later.
      await until("the old master replicating the new one", () => replicating(old));
      return next;
    },
    stop,
  };
}
