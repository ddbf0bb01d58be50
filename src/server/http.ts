import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

/** Serves a Hono app on 127.0.0.1 (or HOST); resolves once it listens. */
export function listen(app: Hono, port: number, host = process.env.HOST ?? "127.0.0.1") {
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      resolve({
        port: info.port,
        /** Stops accepting connections, lets requests in flight finish, drops idle keep-alives. */
        close: () =>
          new Promise<void>((done) => {
            const http = server as Server;
            http.close(() => done());
            http.closeIdleConnections?.();
            // Keep-alive connections that were busy a moment ago are idle by now.
            setTimeout(() => http.closeAllConnections?.(), 2_000).unref();
          }),
      });
    });
    server.once("error", reject);
  });
}
