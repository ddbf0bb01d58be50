import { serve } from "@hono/node-server";
import type { Hono } from "hono";

/** Serves a Hono app on 127.0.0.1 (or HOST); resolves once it listens. */
export function listen(app: Hono, port: number, host = process.env.HOST ?? "127.0.0.1") {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
