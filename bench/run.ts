// `npm run bench -- <name> [options]`: runs one benchmark, prints its figures, and as the very last
// line of stdout one JSON object with its summary. A benchmark never fails on time: the exit code
// is non-zero only when it could not run (bad option, no database, a crash).
import { type OptionSpec, UsageError, usage } from "./support.ts";

interface Benchmark {
  description: string;
  options: OptionSpec;
  run(argv: string[]): Promise<Record<string, unknown>>;
}

// One line per benchmark.
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  fanout: () => import("./fanout.ts"),
  rsvp: () => import("./rsvp.ts"),
  province: () => import("./province.ts"),
  "committee-messages": () => import("./committee-messages.ts"),
  web: () => import("./web.ts"),
};

function help(): string {
  const lines = ["usage: npm run bench -- <name> [options]", ""];
  for (const name of Object.keys(BENCHMARKS)) lines.push(`  ${name}`);
  lines.push("", "npm run bench -- <name> --help lists a benchmark's options.");
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name === undefined ? undefined : BENCHMARKS[name];
  if (load === undefined) {
    console.error(name === undefined ? help() : `unknown benchmark "${name}"\n\n${help()}`);
    return 2;
  }
  const bench = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.error(
      `npm run bench -- ${name} [options]: ${bench.description}\n${usage(bench.options)}`,
    );
    return 0;
  }
  let summary: Record<string, unknown>;
  try {
    summary = await bench.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  // NaN (nothing measured) becomes null; the JSON stays the last line.
  console.log(JSON.stringify(summary));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; a stray handle must not keep the process (or CI) waiting.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
