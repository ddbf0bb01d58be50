// Server-rendered HTML for the web console: escaping, the page frame, small shared pieces.
// Templates only render what the services computed; no rule is decided here.
import type { Translate } from "../i18n.ts";
import type { WebViewer } from "../services/web-access.ts";

/** Text made safe for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Raw HTML that is already safe (built from esc'd parts). */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

/** A tagged template that escapes every interpolated value except Html (and arrays of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return esc(value);
}

export const raw = (text: string) => new Html(text);

export interface PageFrame {
  t: Translate;
  title: string;
  viewer: WebViewer | null;
  csrf?: string;
  /** The navigation entry to mark as current. */
  current?: "month" | "charts" | "audit" | "import";
  body: Html;
}

/** The whole document: skip link, header with navigation and the sign-out-everywhere form. */
export function page(frame: PageFrame): string {
  const { t, viewer } = frame;
  const nav = (id: PageFrame["current"], href: string, label: string) =>
    html`<li><a href="${href}"${frame.current === id ? raw(' aria-current="page"') : ""}>${label}</a></li>`;
  const header = viewer
    ? html`<header class="top">
  <a class="brand" href="/web">${t("web-brand")}</a>
  <nav aria-label="${t("web-nav-label")}"><ul>
    ${nav("month", "/web", t("web-nav-month"))}
    ${nav("charts", "/web/bieu-do", t("web-nav-charts"))}
    ${nav("audit", "/web/nhat-ky", t("web-nav-audit"))}
    ${viewer.admin ? nav("import", "/web/nhap", t("web-nav-import")) : ""}
  </ul></nav>
  <div class="who">
    <span data-testid="viewer">${viewer.fullName} · ${viewer.admin ? t("web-role-admin") : viewer.leads ? t("web-role-leader", { cell: viewer.cellName ?? "" }) : t("web-role-committee")}</span>
    <form method="post" action="/web/dang-xuat-moi-noi">
      <input type="hidden" name="csrf" value="${frame.csrf ?? ""}">
      <button type="submit" class="link">${t("web-sign-out-everywhere")}</button>
    </form>
  </div>
</header>`
    : html`<header class="top"><span class="brand">${t("web-brand")}</span></header>`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(frame.title)} · ${esc(t("web-brand"))}</title>
<link rel="stylesheet" href="/web/static/style.css">
</head>
<body>
<a class="skip" href="#main">${esc(t("web-skip"))}</a>
${header}
<main id="main" tabindex="-1">
<h1>${esc(frame.title)}</h1>
${frame.body}
</main>
</body>
</html>`;
}

/** A percentage as Vietnamese write it ("87,5%"), or a dash. */
export function pct(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return `${(Math.floor(value * 1000) / 10).toLocaleString("vi-VN")}%`;
}
