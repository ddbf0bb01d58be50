// A Redis Cluster of the test's own: three masters on free ports in a temporary directory, joined
// with `redis-cli --cluster create`; stop() kills them and removes the directory.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

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

export async function startRedisCluster(): Promise<{ nodes: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "chibo-cluster-"));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const bus = await freePort();
    ports.push(port);
    children.push(
      spawn(
        "redis-server",
        [
          "--port",
          String(port),
          "--cluster-port",
          String(bus),
          "--bind",
          "127.0.0.1",
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          join(dir, `nodes-${port}.conf`),
          "--cluster-node-timeout",
          "5000",
          "--dir",
          dir,
          "--save",
          "",
          "--appendonly",
          "no",
        ],
        { stdio: "ignore" },
      ),
    );
  }
  const stop = async () => {
    for (const child of children) child.kill("SIGKILL");
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null ? undefined : new Promise((r) => c.once("exit", r)),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      for (let i = 0; ; i++) {
        try {
          await run("redis-cli", ["-p", String(port), "ping"]);
          break;
        } catch (error) {
          if (i > 100) throw error;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }
    await run("redis-cli", [
      "--cluster",
      "create",
      ...ports.map((p) => `127.0.0.1:${p}`),
      "--cluster-replicas",
      "0",
      "--cluster-yes",
    ]);
    for (let i = 0; ; i++) {
      const { stdout } = await run("redis-cli", ["-p", String(ports[0]), "cluster", "info"]);
      if (stdout.includes("cluster_state:ok")) break;
      if (i > 200) throw new Error(`cluster not ok:\n${stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((p) => `127.0.0.1:${p}`).join(","), stop };
}
