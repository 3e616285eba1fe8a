/**
 * The stand-in's "theme": a minimal Dawn-like layout (header with shop name, language
 * switcher and account link, <main>, footer) that app blocks and app-proxy Liquid are
 * rendered into. The theme chrome is the stand-in's, not the app's, so it is English-only
 * apart from the language names.
 */
import type { StandInCustomer } from "../../contracts";
import { escapeHtml } from "../http";

export const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  sv: "Svenska",
  da: "Dansk",
  nb: "Norsk (bokmål)",
  fi: "Suomi",
  nl: "Nederlands",
  de: "Deutsch",
};

export interface LayoutOptions {
  shopName: string;
  basePath: string;
  locale: string;
  locales: string[];
  customer: StandInCustomer | null;
  title: string;
  /** Current path + query without the locale parameter, for the language switcher. */
  path: string;
  head?: string;
  content: string;
}

const THEME_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:62.5%}
body{margin:0;font:1.6rem/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#121212;background:#fff;display:flex;flex-direction:column;min-height:100vh}
a{color:inherit}
.page-width{max-width:120rem;margin:0 auto;padding:0 2rem;width:100%}
.header{border-bottom:1px solid #e5e5e5}
.header__inner{display:flex;align-items:center;gap:2rem;min-height:6.4rem;flex-wrap:wrap}
.header__heading{font-size:2.2rem;font-weight:700;margin:0;margin-right:auto}
.header__heading a{text-decoration:none}
.header nav a{margin-right:1.6rem}
.localization{display:flex;align-items:center;gap:.6rem}
.localization select{font:inherit;padding:.4rem}
main{flex:1;padding:3.2rem 0}
.shopify-section + .shopify-section{margin-top:4rem}
.footer{border-top:1px solid #e5e5e5;padding:2rem 0;color:#555;font-size:1.4rem}
.standin-note{background:#fff8e1;border-bottom:1px solid #f0d98c;font-size:1.3rem;padding:.4rem 0;color:#5c4600}
.visually-hidden{position:absolute!important;overflow:hidden;width:1px;height:1px;margin:-1px;padding:0;border:0;clip:rect(0 0 0 0);white-space:nowrap}
`;

export function themeLayout(o: LayoutOptions): string {
  const options = o.locales
    .map(
      (code) =>
        `<option value="${escapeHtml(code)}"${code === o.locale ? " selected" : ""} lang="${escapeHtml(code)}">${escapeHtml(LANGUAGE_NAMES[code] ?? code)}</option>`,
    )
    .join("");
  const account = o.customer
    ? `<span>${escapeHtml(o.customer.firstName)} ${escapeHtml(o.customer.lastName)}</span> <a href="${o.basePath}/account/logout">Log out</a>`
    : `<a href="${o.basePath}/account/login?return_to=${encodeURIComponent(o.path)}">Log in</a>`;
  return `<!doctype html>
<html lang="${escapeHtml(o.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(o.title)} – ${escapeHtml(o.shopName)}</title>
<style>${THEME_CSS}</style>
${o.head ?? ""}
</head>
<body>
<div class="standin-note"><div class="page-width">Offline Shopify stand-in storefront — not a real store.</div></div>
<header class="header"><div class="page-width header__inner">
<p class="header__heading"><a href="${o.basePath}/">${escapeHtml(o.shopName)}</a></p>
<nav aria-label="Main"><a href="${o.basePath}/">Home</a><a href="${o.basePath}/pages/returns">Returns</a></nav>
<form class="localization" method="get" action="${escapeHtml(o.path.split("?")[0])}">
<label for="standin-locale">Language</label>
<select id="standin-locale" name="locale" onchange="this.form.submit()">${options}</select>
<noscript><button type="submit">Change</button></noscript>
</form>
<div class="header__account">${account}</div>
</div></header>
<main id="MainContent" role="main" tabindex="-1"><div class="page-width">
${o.content}
</div></main>
<footer class="footer"><div class="page-width">© ${escapeHtml(o.shopName)} · <a href="${o.basePath}/pages/returns">Returns</a></div></footer>
</body>
</html>`;
}
