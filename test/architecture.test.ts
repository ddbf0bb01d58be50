// The rooms of src/ as docs/ARCHITECTURE.md draws them, checked on the import graph: a move that
// breaks them fails here, not in a reviewer's head.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Each file of src/ (relative, e.g. "services/answers.ts") → the src/ files it imports. */
const graph = new Map(
  sourceFiles(SRC).map((file) => {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) =>
      relative(SRC, resolve(dirname(file), m[1]!)),
    );
    return [relative(SRC, file), targets.filter((t) => !t.startsWith(".."))];
  }),
);

const room = (file: string) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : file);

function importsFrom(rooms: (r: string) => boolean, forbidden: (r: string) => boolean) {
  return [...graph]
    .filter(([file]) => rooms(room(file)))
    .flatMap(([file, targets]) =>
      targets.filter((t) => forbidden(room(t))).map((t) => `${file} → ${t}`),
    );
}

describe("the rooms of src/", () => {
  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("keeps the domain pure: it imports nothing from the other rooms", () => {
    expect(
      importsFrom(
        (r) => r === "domain",
        (r) => r !== "domain",
      ),
    ).toEqual([]);
  });

  it("keeps services channel-neutral: no channel, job, server or sandbox", () => {
    const outside = ["channels", "jobs", "server", "sandbox", "cli", "web"];
    expect(
      importsFrom(
        (r) => r === "services",
        (r) => outside.includes(r),
      ),
    ).toEqual([]);
  });

  it("never lets production code import the sandbox", () => {
    expect(
      importsFrom(
        (r) => r !== "sandbox",
        (r) => r === "sandbox",
      ),
    ).toEqual([]);
  });

  it("keeps channels apart: Telegram and Zalo do not import each other", () => {
    const crossing = [...graph].flatMap(([file, targets]) =>
      targets
        .filter(
          (t) =>
            (file.startsWith("channels/telegram/") && t.startsWith("channels/zalo/")) ||
            (file.startsWith("channels/zalo/") && t.startsWith("channels/telegram/")),
        )
        .map((t) => `${file} → ${t}`),
    );
    expect(crossing).toEqual([]);
  });
});
