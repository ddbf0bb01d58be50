// `npm run demo` on a fresh clone: installs what is missing, then starts the sandbox
// (src/sandbox/main.ts).
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const stale =
  !existsSync("node_modules/.package-lock.json") ||
  statSync("package-lock.json").mtimeMs > statSync("node_modules/.package-lock.json").mtimeMs;
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
