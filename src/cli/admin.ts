import { systemClock } from "../clock.ts";
import { UserError } from "../services/errors.ts";
import { grantWebAdmin } from "../services/web-access.ts";
import type { Command } from "./io.ts";
import { offlineServices } from "./offline.ts";

const USAGE = "usage: npm run cli -- admin grant <member-code>";

/** `admin grant <member-code>`: the member becomes an office administrator of the web console (audited). */
export const admin: Command = async (argv, io) => {
  const [verb, code, ...rest] = argv;
  if (verb !== "grant" || !code || rest.length > 0) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const services = offlineServices(process.env, systemClock, { poolSize: 1 });
  try {
    const { member, granted } = await grantWebAdmin(services, code);
    const args = { name: member.fullName, code: member.code };
    io.stdout.write(`${services.t(granted ? "web-admin-granted" : "web-admin-already", args)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    io.stderr.write(`admin: ${services.t(error.key, error.args)}\n`);
    return 1;
  } finally {
    await services.db.$disconnect();
  }
};
