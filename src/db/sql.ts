// Plain pg for the statements every update runs (the update ledger, the actor, an answer): Prisma's
// client costs more CPU than these statements do (README, "Province scale (issue 18)").
import type { QueryResultRow } from "pg";
import { type Db, poolOf } from "./client.ts";

/** One statement with `$1…` placeholders and their values. */
export class Statement {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[],
  ) {}
}

/**
 * sql`SELECT … WHERE id = ${id}::uuid`: every value is a parameter, except a nested Statement,
 * whose text goes in (its placeholders renumbered: no `$n` in its literals) with its values.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  let text = strings[0]!;
  const out: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Statement) {
      text += value.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + out.length}`);
      out.push(...value.values);
    } else {
      out.push(value);
      text += `$${out.length}`;
    }
    text += strings[i + 1];
  });
  return new Statement(text, out);
}

// Each text is prepared once per connection (named): PostgreSQL then skips parsing and planning.
const names = new Map<string, string>();
function nameOf(text: string): string {
  const known = names.get(text);
  if (known !== undefined) return known;
  const name = `chibo_${names.size + 1}`;
  names.set(text, name);
  return name;
}

function run<T extends QueryResultRow>(db: Db, statement: Statement) {
  const { text, values } = statement;
  return poolOf(db).query<T>({ name: nameOf(text), text, values: [...values] });
}

/** Runs one statement on the pool under `db` (waiting for a free connection, however long). */
export async function query<T extends QueryResultRow>(db: Db, statement: Statement): Promise<T[]> {
  return (await run<T>(db, statement)).rows;
}

/** Runs one statement; the number of rows it changed. */
export async function execute(db: Db, statement: Statement): Promise<number> {
  return (await run(db, statement)).rowCount ?? 0;
}
