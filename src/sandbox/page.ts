import { readdirSync, readFileSync } from "node:fs";
import { Hono } from "hono";

const pageDir = new URL("./page/", import.meta.url);

/** The sandbox's web chat: static files, no build step; its script is native ES modules. */
export function sandboxPage() {
  const app = new Hono();
  const file = (name: string, type: string) => () =>
    new Response(readFileSync(new URL(name, pageDir)), { headers: { "content-type": type } });
  app.get("/", file("index.html", "text/html; charset=utf-8"));
  for (const name of readdirSync(pageDir).filter((name) => name.endsWith(".js")))
    app.get(`/${name}`, file(name, "text/javascript; charset=utf-8"));
  app.get("/style.css", file("style.css", "text/css; charset=utf-8"));
  return app;
}
