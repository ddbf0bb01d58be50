// The web console (issue 17) as a Hono app mounted at /web: sessions from single-use chat links,
// the viewer's scope checked on every request (403 and a log line outside it), CSRF on POSTs.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { localDate } from "../domain/local-time.ts";
import type { Translate } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import { audit } from "../services/audit.ts";
import { renderLineChartSvg } from "../services/charts.ts";
import type { Services } from "../services/context.ts";
import { UserError } from "../services/errors.ts";
import { ImportFileError, importOrganisation, readImportFiles } from "../services/import/index.ts";
import { monthLabel, monthOf } from "../services/months.ts";
import { renderReportXlsx } from "../services/report/export.ts";
import { isReportMonth, monthlyReport } from "../services/report/index.ts";
import {
  csrfToken,
  inScope,
  redeemSignInLink,
  signOutEverywhere,
  viewerForSession,
  type WebViewer,
} from "../services/web-access.ts";
import {
  auditLog,
  type CellState,
  cellYear,
  chartSeries,
  memberHistory,
  monthOverview,
  unitsInScope,
  WebForbidden,
} from "../services/web-views.ts";
import { html, page } from "./html.ts";
import { meetingMinutesCsv } from "./minutes.ts";
import {
  auditPage,
  cellPage,
  chartFigure,
  chartsPicker,
  importDone,
  importForm,
  importReport,
  type MonthSort,
  memberPage,
  messageBody,
  monthPage,
  STATES,
} from "./pages.ts";
import { STYLE } from "./style.ts";

export const WEB_PATH = "/web";
const COOKIE = "chibo_web";

export interface WebDeps {
  services: Services;
  logger: Logger;
  /** Vietnamese texts (web.ftl, report.ftl, import.ftl). */
  t: Translate;
}

type Env = { Variables: { viewer: WebViewer; csrf: string } };

/** The console's routes, relative to /web. */
export function webApp(deps: WebDeps) {
  const { services, logger, t } = deps;
  const app = new Hono<Env>();

  app.use("*", async (c, next) => {
    await next();
    c.header(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
  });

  // A workbook of a whole province is a few megabytes; forms are tiny.
  app.use(
    "*",
    bodyLimit({
      maxSize: 32 * 1024 * 1024,
      onError: (c) => c.text("Payload Too Large", 413),
    }),
  );

  app.get("/static/style.css", (c) =>
    c.body(STYLE, 200, { "Content-Type": "text/css; charset=utf-8" }),
  );

  const send = (
    c: Context,
    status: 200 | 400 | 401 | 403 | 404 | 410,
    title: string,
    body: ReturnType<typeof html>,
    viewer: WebViewer | null = null,
    csrf?: string,
  ) => c.html(page({ t, title, viewer, csrf, body }), status);

  // A sign-in link shows a button; the POST uses it up. Link previews (Telegram fetches links
  // sent in chat) only GET, so they never burn a link, and the cookie is set on a same-site POST.
  app.get("/dang-nhap/:token", (c) =>
    send(
      c,
      200,
      t("web-sign-in-title"),
      html`<form method="post" action="${WEB_PATH}/dang-nhap"><input type="hidden" name="token" value="${c.req.param("token")}"><p>${t("web-sign-in-intro")}</p><button type="submit" data-testid="sign-in">${t("web-sign-in")}</button></form>`,
    ),
  );
  app.post("/dang-nhap", async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.token === "string" ? body.token : "";
    const session = token ? await redeemSignInLink(services, token) : null;
    if (!session) {
      logger.info({ path: c.req.path }, "web: sign-in link refused");
      return send(c, 410, t("web-link-refused-title"), messageBody(t("web-link-refused")));
    }
    setCookie(c, COOKIE, session.token, {
      path: WEB_PATH,
      httpOnly: true,
      sameSite: "Strict",
      secure: isHttps(c) || services.settings.webUrl.startsWith("https:"),
      maxAge: session.maxAgeSeconds,
    });
    return c.redirect(WEB_PATH, 303);
  });

  // Every other page: a valid session, read again on every request.
  app.use("*", async (c, next) => {
    const token = getCookie(c, COOKIE);
    const viewer = await viewerForSession(services, token);
    if (!viewer || !token) {
      if (token) deleteCookie(c, COOKIE, { path: WEB_PATH });
      return send(c, 401, t("web-signed-out-title"), messageBody(t("web-signed-out")));
    }
    const csrf = csrfToken(token);
    if (c.req.method === "POST") {
      const form = await c.req.parseBody();
      if (form.csrf !== csrf) {
        logger.warn({ memberId: viewer.memberId, path: c.req.path }, "web: CSRF token refused");
        return send(c, 403, t("web-forbidden-title"), messageBody(t("web-csrf")), viewer, csrf);
      }
    }
    c.set("viewer", viewer);
    c.set("csrf", csrf);
    await next();
  });

  const view = (
    c: Context<Env>,
    title: string,
    body: ReturnType<typeof html>,
    current?: "month" | "charts" | "audit" | "import",
  ) => c.html(page({ t, title, viewer: c.get("viewer"), csrf: c.get("csrf"), current, body }));

  app.onError((error, c) => {
    const viewer = (c as Context<Env>).get("viewer") ?? null;
    if (error instanceof WebForbidden) {
      logger.warn(
        { memberId: viewer?.memberId, path: c.req.path, what: error.what },
        "web: outside scope",
      );
      return send(
        c,
        403,
        t("web-forbidden-title"),
        messageBody(t("web-forbidden")),
        viewer,
        (c as Context<Env>).get("csrf"),
      );
    }
    if (error instanceof UserError)
      return send(
        c,
        400,
        t("web-bad-request-title"),
        messageBody(t(error.key, error.args)),
        viewer,
        (c as Context<Env>).get("csrf"),
      );
    logger.error({ path: c.req.path, err: error.message }, "web: page failed");
    return c.html(
      page({ t, title: t("web-error-title"), viewer: null, body: messageBody(t("web-error")) }),
      500,
    );
  });

  const monthParam = (c: Context) => {
    const month = c.req.query("thang") ?? monthOf(services.clock.now());
    if (!isReportMonth(month)) throw new UserError("web-bad-month");
    return month;
  };
  const organisationsOf = (rows: { unit: { organisation: { id: string; name: string } } }[]) => [
    ...new Map(rows.map((r) => [r.unit.organisation.id, r.unit.organisation])).values(),
  ];

  app.get("/", async (c) => {
    const viewer = c.get("viewer");
    const month = monthParam(c);
    const { rows } = await monthOverview(services, viewer, month);
    const filter = {
      organisation: c.req.query("to-chuc") || undefined,
      late: c.req.query("cham") === "1",
      risk: c.req.query("nguy-co") === "1",
    };
    const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<CellState, number>;
    for (const r of rows) counts[r.state]++;
    const shown = rows.filter(
      (r) =>
        (!filter.organisation || r.unit.organisation.id === filter.organisation) &&
        (!filter.late || r.state === "late" || r.state === "not-held") &&
        (!filter.risk || r.atRisk),
    );
    const sort =
      (["cell", "organisation", "date", "rate", "state", "findings"] as const).find(
        (s) => s === c.req.query("sap"),
      ) ?? "organisation";
    const dir = c.req.query("chieu") === "desc" ? "desc" : "asc";
    const key = (r: (typeof rows)[number]): string | number => {
      switch (sort as MonthSort) {
        case "cell":
          return r.unit.name;
        case "organisation":
          return `${r.unit.organisation.name}\u0000${r.unit.code}`;
        case "date":
          return r.meeting?.startsAt.getTime() ?? Number.MAX_SAFE_INTEGER;
        case "rate":
          return r.unit.rate ?? -1;
        case "state":
          return STATES.indexOf(r.state);
        default:
          return r.unit.findings.length;
      }
    };
    shown.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const order = typeof x === "number" ? x - (y as number) : x.localeCompare(String(y), "vi");
      return dir === "asc" ? order : -order;
    });
    return view(
      c,
      t("web-month-title", { month: monthLabel(month) }),
      monthPage(t, {
        month,
        rows: shown,
        organisations: organisationsOf(rows),
        filter,
        sort,
        dir,
        counts,
      }),
      "month",
    );
  });

  const yearParam = (c: Context) => {
    const year = c.req.query("nam") ?? localDate(services.clock.now()).slice(0, 4);
    if (!/^\d{4}$/.test(year)) throw new UserError("web-bad-month");
    return year;
  };

  app.get("/chi-bo/:id", async (c) => {
    const viewer = c.get("viewer");
    const id = uuidParam(c.req.param("id"));
    const year = yearParam(c);
    const cell = await cellYear(services, viewer, id, year);
    const month =
      year === monthOf(services.clock.now()).slice(0, 4)
        ? monthOf(services.clock.now())
        : `${year}-12`;
    const { series } = await chartSeries(services, viewer, { unitId: id }, month);
    const chart = rateChart(
      t,
      "cell-rate",
      t("web-chart-rate-of", { name: cell.unit.name }),
      series.months,
      series.rates,
      services,
    );
    return view(c, cell.unit.name, cellPage(t, cell, chart));
  });

  app.get("/dang-vien/:id", async (c) => {
    const viewer = c.get("viewer");
    const data = await memberHistory(services, viewer, uuidParam(c.req.param("id")), yearParam(c));
    return view(c, data.member.fullName, memberPage(t, { ...data, cell: data.cell }));
  });

  app.get("/bieu-do", async (c) => {
    const viewer = c.get("viewer");
    const month = monthParam(c);
    const unitId = c.req.query("chi-bo") || undefined;
    const organisationId = c.req.query("to-chuc") || undefined;
    if (unitId) uuidParam(unitId);
    if (organisationId) uuidParam(organisationId);
    const target = unitId ? { unitId } : organisationId ? { organisationId } : {};
    const { series, title } = await chartSeries(services, viewer, target, month);
    const units = await unitsInScope(services, viewer);
    const organisations = await services.db.unit.findMany({
      where: {
        id: { in: [...new Set(units.map((u) => u.parentId).filter((p): p is string => !!p))] },
      },
      select: { id: true, name: true },
      orderBy: { code: "asc" },
    });
    const name = title ?? t("web-chart-scope-all");
    const body = html`${chartsPicker(t, units, organisations, { unitId, organisationId, month })}
${rateChart(t, "rate", t("web-chart-rate-of", { name }), series.months, series.rates, services)}
${rateChart(t, "on-time", t("web-chart-on-time-of", { name }), series.months, series.onTime, services, false)}`;
    return view(c, t("web-charts-title"), body, "charts");
  });

  app.get("/nhat-ky", async (c) => {
    const viewer = c.get("viewer");
    const q = (k: string) => c.req.query(k) || undefined;
    const filter = {
      unitId: q("chi-bo") && uuidParam(q("chi-bo")!),
      actor: q("nguoi"),
      action: q("hanh-dong"),
      from: q("tu") && dateParam(q("tu")!),
      to: q("den") && dateParam(q("den")!),
    };
    const page = Math.max(1, Number.parseInt(c.req.query("trang") ?? "1", 10) || 1);
    const [log, units] = await Promise.all([
      auditLog(services, viewer, { ...filter, page }),
      unitsInScope(services, viewer),
    ]);
    return view(c, t("web-audit-title"), auditPage(t, { ...log, units, filter }), "audit");
  });

  app.get("/bao-cao.xlsx", async (c) => {
    const viewer = c.get("viewer");
    const month = monthParam(c);
    const report = await monthlyReport(services, {
      month,
      scope: viewer.units === null ? { kind: "all" } : { kind: "units", unitIds: viewer.units },
      now: services.clock.now(),
    });
    const file = await renderReportXlsx(t, report);
    return c.body(new Uint8Array(file), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="bao-cao-sinh-hoat-${month}.xlsx"`,
    });
  });

  app.get("/bien-ban/:file", async (c) => {
    const viewer = c.get("viewer");
    const id = uuidParam(c.req.param("file").replace(/\.csv$/, ""));
    const meeting = await services.db.meeting.findUnique({
      where: { id },
      select: { unitId: true },
    });
    if (!meeting || !inScope(viewer, meeting.unitId)) throw new WebForbidden(`meeting ${id}`);
    const minutes = await meetingMinutesCsv(services, t, viewer, id);
    if (!minutes)
      return send(
        c,
        404,
        t("web-not-found-title"),
        messageBody(t("web-minutes-none")),
        viewer,
        c.get("csrf"),
      );
    return c.body(minutes.content, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${minutes.name}"`,
    });
  });

  // Import: administrators only (the office that keeps the organisation's records).
  const uploads = join(tmpdir(), "chibo-web-import");
  const requireAdmin = (viewer: WebViewer) => {
    if (!viewer.admin) throw new WebForbidden("import");
  };
  app.get("/nhap", (c) => {
    requireAdmin(c.get("viewer"));
    return view(c, t("web-import-title"), importForm(t, c.get("csrf")), "import");
  });
  app.post("/nhap", async (c) => {
    const viewer = c.get("viewer");
    requireAdmin(viewer);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0)
      return view(
        c,
        t("web-import-title"),
        html`${messageBody(t("web-import-no-file"))}${importForm(t, c.get("csrf"))}`,
        "import",
      );
    await mkdir(uploads, { recursive: true });
    const uploadId = `${viewer.sessionId}-${randomBytes(12).toString("hex")}`;
    const path = join(uploads, `${uploadId}.xlsx`);
    await writeFile(path, new Uint8Array(await file.arrayBuffer()));
    const outcome = await dryRun(path);
    if ("error" in outcome) {
      await rm(path, { force: true });
      return view(
        c,
        t("web-import-title"),
        html`${messageBody(outcome.error)}${importForm(t, c.get("csrf"))}`,
        "import",
      );
    }
    if (outcome.problems.length > 0) await rm(path, { force: true });
    return view(
      c,
      t("web-import-title"),
      html`${importReport(t, { ...outcome, fileName: file.name, uploadId, csrf: c.get("csrf") })}${importForm(t, c.get("csrf"))}`,
      "import",
    );
  });
  app.post("/nhap/ghi", async (c) => {
    const viewer = c.get("viewer");
    requireAdmin(viewer);
    const body = await c.req.parseBody();
    const uploadId = typeof body.upload === "string" ? body.upload : "";
    // Only this session's own upload, by a name it was given.
    if (!new RegExp(`^${viewer.sessionId}-[0-9a-f]{24}$`).test(uploadId))
      throw new WebForbidden("upload");
    const path = join(uploads, `${uploadId}.xlsx`);
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) return view(c, t("web-import-title"), messageBody(t("web-import-gone")), "import");
    const read = await readImportFiles([path]);
    const outcome = await importOrganisation(services, read, {
      source: { files: ["web-upload.xlsx"], sha256: read.sha256 },
    });
    await rm(path, { force: true });
    await services.db.$transaction((tx) =>
      audit(tx, {
        actorId: viewer.memberId,
        action: "web.import",
        entity: "Import",
        entityId: read.sha256,
        after: { status: outcome.status, rows: outcome.rows, problems: outcome.problems.length },
        at: services.clock.now(),
      }),
    );
    if (outcome.status === "refused")
      return view(
        c,
        t("web-import-title"),
        importReport(t, { ...outcome, fileName: "", csrf: c.get("csrf") }),
        "import",
      );
    return view(c, t("web-import-title"), importDone(t, outcome.status, outcome.counts), "import");
  });

  async function dryRun(path: string) {
    try {
      const read = await readImportFiles([path]);
      return await importOrganisation(services, read, {
        dryRun: true,
        source: { files: ["web-upload.xlsx"], sha256: read.sha256 },
      });
    } catch (error) {
      if (error instanceof ImportFileError)
        return { error: t("web-import-unreadable", { reason: error.reason }) };
      throw error;
    }
  }

  app.post("/dang-xuat-moi-noi", async (c) => {
    await signOutEverywhere(services, c.get("viewer"));
    deleteCookie(c, COOKIE, { path: WEB_PATH });
    return send(
      c,
      200,
      t("web-signed-out-everywhere-title"),
      messageBody(t("web-signed-out-everywhere")),
    );
  });

  app.all("*", (c) =>
    send(
      c,
      404,
      t("web-not-found-title"),
      messageBody(t("web-not-found")),
      c.get("viewer"),
      c.get("csrf"),
    ),
  );
  return app;
}

function rateChart(
  t: Translate,
  id: string,
  title: string,
  months: string[],
  values: (number | null)[],
  services: Services,
  threshold = true,
) {
  const chart = {
    title,
    months,
    series: [{ name: title, values }],
    threshold: threshold ? Math.round(services.settings.policy.minRate * 1000) / 10 : undefined,
  };
  // Drawn twice: for a desktop and for a phone (390 px), where the wide one's text is too small.
  const svg = {
    wide: renderLineChartSvg(t, chart),
    narrow: renderLineChartSvg(t, chart, { width: 380, height: 320, narrow: true }),
  };
  return chartFigure(
    t,
    id,
    svg,
    t("web-chart-caption", { from: monthLabel(months[0]!), to: monthLabel(months.at(-1)!) }),
    months,
    values,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidParam(value: string): string {
  if (!UUID.test(value)) throw new WebForbidden(value);
  return value;
}

function dateParam(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UserError("web-bad-date");
  return value;
}

function isHttps(c: Context) {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}
