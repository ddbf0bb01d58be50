// `npm run demo` on a fresh clone: installs what is missing, then starts the sandbox
// (src/sandbox/main.ts).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/** Installed unless a package of the lockfile is missing or at another version (not by mtime: a
 * fresh checkout's lockfile is always newer than an install it matches). */
function installStale() {
  const hidden = "node_modules/.package-lock.json";
  if (!existsSync(hidden)) return true;
  const wanted = JSON.parse(readFileSync("package-lock.json", "utf8")).packages ?? {};
  const have = JSON.parse(readFileSync(hidden, "utf8")).packages ?? {};
  return Object.entries(wanted).some(
    ([path, pkg]) => path !== "" && !pkg.optional && have[path]?.version !== pkg.version,
  );
}

const stale = installStale();
if (stale) {
  console.log("Cài đặt thư viện (npm ci)… / Installing dependencies…");
  const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const run = spawnSync(
  process.execPath,
  ["--import", "tsx", "src/sandbox/main.ts", ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
process.exit(run.status ?? 1);
