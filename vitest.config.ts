import { defineConfig } from "vitest/config";

// Two groups, one after the other: the suite, then the tests that load the machine on purpose
// (two CPU-bound processes beside them), alone so they slow nobody else's timing.
export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["test/**/*.test.ts"],
          exclude: ["test/load/**"],
          sequence: { groupOrder: 0 },
          // Most files wait on Postgres, Redis and child processes, not on the CPU: three at a
          // time on two cores (vitest's default would be one).
          maxWorkers: 3,
        },
      },
      {
        extends: true,
        test: {
          name: "load",
          include: ["test/load/**/*.test.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
