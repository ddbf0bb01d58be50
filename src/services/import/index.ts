// The import use case: files read → checked against the database → written in one transaction
// (or refused whole) → audited → the touched cells planned.
import { localDate } from "../../domain/local-time.ts";
import { audit } from "../audit.ts";
import type { Services } from "../context.ts";
import { type PlanResult, runPlanner } from "../planner.ts";
import { changeCount, type Plan, planImport } from "./plan.ts";
import type { Problem } from "./problems.ts";
import type { ReadResult } from "./read.ts";
import { loadSnapshot } from "./snapshot.ts";
import { validate } from "./validate.ts";
import { applyPlan } from "./write.ts";

export { ImportFileError, readImportFiles } from "./read.ts";
export { buildTemplate } from "./template.ts";
export type { Problem };

export interface ImportOptions {
  /** Write the good rows and report the others (default: refuse the whole import). */
  readonly partial?: boolean;
  /** Check and count, write nothing. */
  readonly dryRun?: boolean;
  /** For the audit entry: the files' names and a hash of their contents. */
  readonly source: { readonly files: readonly string[]; readonly sha256: string };
}

/**
 * written: something was created or updated. unchanged: valid, and the database already held it.
 * refused: problems, nothing written. checked: a dry run found no problem.
 */
export type ImportStatus = "written" | "unchanged" | "refused" | "checked";

export interface ImportOutcome {
  readonly status: ImportStatus;
  readonly problems: Problem[];
  readonly warnings: Problem[];
  /** Data rows read, and how many were left out for their problems. */
  readonly rows: number;
  readonly badRows: number;
  readonly counts?: Plan["counts"];
  readonly absent: string[];
  /** The planner's run on the touched cells, or why it failed (the data is written either way). */
  readonly planned?: PlanResult | { readonly error: string };
}

// Two imports at once would each validate against a database the other is changing.
const IMPORT_LOCK = 7_202_611;

export async function importOrganisation(
  services: Services,
  read: ReadResult,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const { db, clock } = services;
  const now = clock.now();
  const today = localDate(now);
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`;
      const snapshot = await loadSnapshot(tx);
      const valid = validate(read.sheets, snapshot, today, options);
      const problems = [...read.problems, ...valid.problems];
      const base = {
        problems,
        warnings: read.warnings,
        rows: valid.rows,
        badRows: valid.badRows,
        absent: [] as string[],
      };
      const goodRows = valid.rows - valid.badRows;
      if (problems.length > 0 && (!options.partial || goodRows === 0)) {
        return { ...base, status: "refused" as const, touched: [] as string[] };
      }
      const plan = planImport(valid, snapshot, today);
      const outcome = { ...base, counts: plan.counts, absent: plan.absent };
      const { created, updated } = changeCount(plan);
      if (options.dryRun) return { ...outcome, status: "checked" as const, touched: [] };
      if (created + updated === 0) return { ...outcome, status: "unchanged" as const, touched: [] };
      await applyPlan(tx, plan, snapshot);
      await audit(tx, {
        actorId: null,
        action: "import.organisation",
        entity: "Import",
        entityId: options.source.sha256,
        after: {
          files: options.source.files,
          partial: options.partial ?? false,
          skippedRows: valid.badRows,
          counts: plan.counts,
          created: {
            units: plan.units.create.map((u) => u.code),
            members: plan.members.create.map((m) => m.code),
          },
          updated: {
            units: plan.units.update.map((u) => u.code),
            members: plan.members.update.map((m) => m.code),
            periods: plan.periods.update.map((p) => p.key),
          },
        },
        at: now,
      });
      return { ...outcome, status: "written" as const, touched: plan.touchedUnits };
    },
    // Everything or nothing: the whole file is one transaction by design (a province's workbook
    // holds 250,000 rows), so it gets minutes, not Prisma's 5 s; the advisory lock serialises imports.
    { timeout: 600_000, maxWait: 30_000 },
  );
  const { touched, ...outcome } = result;
  if (outcome.status !== "written" || touched.length === 0) return outcome;
  try {
    const units = await db.unit.findMany({
      where: { code: { in: touched } },
      select: { id: true },
    });
    const planned = await runPlanner(services, { unitIds: units.map((u) => u.id) });
    return { ...outcome, planned };
  } catch (error) {
    return {
      ...outcome,
      planned: { error: error instanceof Error ? error.message : String(error) },
    };
  }
}
