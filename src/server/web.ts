import { Hono } from "hono";
import type { Logger } from "../logger.ts";
import type { Services } from "../services/context.ts";
import { WEB_PATH, webApp } from "../web/app.ts";

/** The web console (issue 17) under /web of an app: the bot's own server, or its own port. */
export function mountWeb(app: Hono, deps: { services: Services; logger: Logger }) {
  app.route(WEB_PATH, webApp({ ...deps, t: deps.services.t }));
  return app;
}

/** A server with the console alone (WEB_PORT), for deployments that keep it internal. */
export function webOnlyApp(deps: { services: Services; logger: Logger }) {
  const app = new Hono();
  app.get("/", (c) => c.redirect(WEB_PATH));
  return mountWeb(app, deps);
}
