import { writeFile } from "node:fs/promises";
import { systemClock } from "../clock.ts";
import { UserError } from "../services/errors.ts";
import { minutesDocument, minutesFile } from "../services/minutes/index.ts";
import { ArgumentError, type Command, parseArguments } from "./io.ts";
import { offlineServices } from "./offline.ts";

const USAGE =
  "usage: npm run cli -- minutes --meeting ID --out FILE.docx [--chair NAME] [--taker NAME]\n" +
  "  --meeting  the meeting's id (report --format json lists each meeting's id)\n" +
  "  --out      the Word file to write\n" +
  "  --chair    who chaired (default: the cell's secretary)\n" +
  "  --taker    who took the minutes (default: a blank line to fill in)";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMES = ["meeting", "out", "chair", "taker"] as const;
type Name = (typeof NAMES)[number];

function parseArgs(argv: string[]): Record<Name, string | undefined> {
  const options: Partial<Record<Name, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") throw new ArgumentError("");
    const match = /^--(meeting|out|chair|taker)(?:=(.*))?$/.exec(arg);
    if (!match) throw new ArgumentError(`unknown argument "${arg}"`);
    const name = match[1] as Name;
    const value = (match[2] ?? argv[++i])?.trim();
    if (!value || (match[2] === undefined && value.startsWith("--")))
      throw new ArgumentError(`--${name} needs a value`);
    if (options[name] !== undefined) throw new ArgumentError(`--${name} given twice`);
    options[name] = value.normalize("NFC");
  }
  if (!options.meeting) throw new ArgumentError("--meeting ID is required");
  if (!UUID.test(options.meeting))
    throw new ArgumentError(`--meeting must be a meeting's id (a UUID), not "${options.meeting}"`);
  if (!options.out) throw new ArgumentError("--out FILE.docx is required");
  return { meeting: options.meeting, out: options.out, chair: options.chair, taker: options.taker };
}

/** `minutes`: one held meeting's minutes (biên bản sinh hoạt chi bộ) as a Word file. */
export const minutes: Command = async (argv, io) => {
  const options = parseArguments("minutes", () => parseArgs(argv), io, USAGE);
  if (typeof options === "number") return options;
  const services = offlineServices(process.env, systemClock, { poolSize: 2 });
  const { db, t } = services;
  let file: Awaited<ReturnType<typeof minutesFile>>;
  try {
    const doc = await minutesDocument(services, options.meeting!.toLowerCase(), {
      chair: options.chair,
      minuteTaker: options.taker,
    });
    file = await minutesFile(t, doc);
  } catch (error) {
    if (error instanceof UserError) {
      const why =
        error.key === "mdoc-error-not-closed"
          ? "its roll call is not closed yet, so it has no minutes"
          : "no such meeting";
      io.stderr.write(`minutes: meeting ${options.meeting}: ${why}\n`);
      return 2;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
  try {
    await writeFile(options.out!, file.file.content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    io.stderr.write(`minutes: cannot write ${options.out} (${code})\n`);
    return 2;
  }
  io.stdout.write(`${options.out}: ${file.file.name}, ${file.file.content.length} bytes\n`);
  return 0;
};
