// A TCP proxy in front of a real server (PostgreSQL here) that a test can cut: every open
// connection is dropped and new ones are refused for a while, as in a network blip or a restart.
import { createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Drops every connection now and refuses new ones for `ms`. */
  cut(ms: number): void;
  /** Ends a cut early (a cut of Infinity lasts until this). */
  restore(): void;
  /** True while cut. */
  readonly down: boolean;
  stop(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let downUntil = 0;
  const server: Server = createServer((client) => {
    if (Date.now() < downUntil) {
      client.destroy();
      return;
    }
    const upstream = new (client.constructor as typeof Socket)();
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    upstream.connect(target.port, target.host, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut(ms: number) {
      downUntil = Date.now() + ms;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      downUntil = 0;
    },
    get down() {
      return Date.now() < downUntil;
    },
    async stop() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
