/**
 * Renders a theme app extension (extensions/<name>/) the way a Shopify storefront does,
 * with liquidjs: app blocks with their {% schema %} (parsed and stripped), settings defaults,
 * `block.id` / `block.shopify_attributes`, `{% render %}` from snippets/, the extension's
 * locales for `| t`, `asset_url` pointing at the stand-in, money filters, and the schema's
 * `stylesheet`/`javascript` assets injected once per page. Also renders Liquid that an app
 * answers through the app proxy (Content-Type: application/liquid).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  Liquid,
  Tag,
  TypeGuards,
  type Context,
  type Emitter,
  type TagToken,
  type TopLevelToken,
} from "liquidjs";
import type { StandInCustomer, StandInShopInfo } from "../../contracts";

export interface BlockSetting {
  type: string;
  id?: string;
  label?: string;
  default?: unknown;
  [key: string]: unknown;
}

export interface BlockSchema {
  name: string;
  target: string;
  stylesheet?: string;
  javascript?: string;
  settings?: BlockSetting[];
  [key: string]: unknown;
}

export interface BlockDefinition {
  /** File name without .liquid ("return-portal"). */
  name: string;
  file: string;
  /** Liquid source without the schema tag. */
  source: string;
  schema: BlockSchema;
}

type Translations = Record<string, unknown>;

export interface ThemeExtension {
  dir: string;
  /** Directory name, used in asset URLs ("returns-portal"). */
  handle: string;
  blocks: BlockDefinition[];
  /** locale code → storefront translations; "en" is en.default.json. */
  locales: Record<string, Translations>;
  schemaLocales: Record<string, Translations>;
  defaultLocale: string;
}

const SCHEMA_RE = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/;

export function loadThemeExtension(dir: string): ThemeExtension {
  const blocksDir = join(dir, "blocks");
  const blocks: BlockDefinition[] = [];
  if (existsSync(blocksDir)) {
    for (const file of readdirSync(blocksDir)
      .filter((f) => f.endsWith(".liquid"))
      .sort()) {
      const raw = readFileSync(join(blocksDir, file), "utf8");
      const match = SCHEMA_RE.exec(raw);
      if (!match) throw new Error(`${file}: app block has no {% schema %}`);
      let schema: BlockSchema;
      try {
        schema = JSON.parse(match[1]!) as BlockSchema;
      } catch (e) {
        throw new Error(`${file}: {% schema %} is not valid JSON: ${(e as Error).message}`);
      }
      blocks.push({
        name: basename(file, ".liquid"),
        file: join(blocksDir, file),
        source: raw.replace(SCHEMA_RE, ""),
        schema,
      });
    }
  }
  const locales: Record<string, Translations> = {};
  const schemaLocales: Record<string, Translations> = {};
  let defaultLocale = "en";
  const localesDir = join(dir, "locales");
  if (existsSync(localesDir)) {
    for (const file of readdirSync(localesDir).filter((f) => f.endsWith(".json"))) {
      const m = /^([A-Za-z-]+?)(\.default)?(\.schema)?\.json$/.exec(file);
      if (!m) continue;
      const [, code, isDefault, isSchema] = m;
      const data = JSON.parse(readFileSync(join(localesDir, file), "utf8")) as Translations;
      (isSchema ? schemaLocales : locales)[code!] = data;
      if (isDefault && !isSchema) defaultLocale = code!;
    }
  }
  return { dir, handle: basename(dir), blocks, locales, schemaLocales, defaultLocale };
}

// ---------------------------------------------------------------------------------------------
// Translations

function lookup(tree: Translations | undefined, key: string): unknown {
  let node: unknown = tree;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Candidate locale files for a request locale: "pt-BR" → pt-BR, pt, then the default. */
function localeChain(
  ext: ThemeExtension,
  locale: string,
  tables: Record<string, Translations>,
): Translations[] {
  const chain = [locale, locale.split("-")[0]!, ext.defaultLocale];
  return [...new Set(chain)].map((code) => tables[code]).filter((t): t is Translations => !!t);
}

/**
 * Shopify's `t`: dotted key, fallback to the default locale, `{{ name }}` interpolation
 * (values HTML-escaped unless the key ends in `_html`), pluralization by `count`.
 */
export function translate(
  ext: ThemeExtension,
  locale: string,
  key: string,
  vars: Record<string, unknown> = {},
  tables: Record<string, Translations> = ext.locales,
): string {
  let value: unknown;
  for (const table of localeChain(ext, locale, tables)) {
    value = lookup(table, key);
    if (value !== undefined) break;
  }
  if (value && typeof value === "object" && "count" in vars) {
    const forms = value as Record<string, unknown>;
    const count = Number(vars.count);
    const category =
      count === 0 && forms.zero !== undefined ? "zero" : new Intl.PluralRules(locale).select(count);
    value = forms[category] ?? forms.other;
  }
  if (typeof value !== "string") return `Translation missing: ${locale}.${key}`;
  const raw = key.endsWith("_html");
  return value.replace(/{{\s*([\w.]+)\s*}}/g, (_, name: string) =>
    name in vars ? (raw ? String(vars[name]) : escapeHtml(vars[name])) : "",
  );
}

// ---------------------------------------------------------------------------------------------
// Money

/**
 * Liquid money filters. Like Shopify's, they take "cents": the amount × 100 whatever the
 * currency's minor unit (so JPY 1000 is 100000), and round to the currency's own digits.
 */
export function formatMoney(
  cents: unknown,
  currency: string,
  locale: string,
  withCurrency = false,
): string {
  const amount = Number(cents);
  if (!Number.isFinite(amount)) return "";
  let fmt: Intl.NumberFormat;
  try {
    fmt = new Intl.NumberFormat(locale, { style: "currency", currency });
  } catch {
    fmt = new Intl.NumberFormat("en", { style: "currency", currency });
  }
  const text = fmt.format(amount / 100);
  return withCurrency && !text.includes(currency) ? `${text} ${currency}` : text;
}

export function formatMoneyWithoutCurrency(
  cents: unknown,
  currency: string,
  locale: string,
): string {
  const amount = Number(cents);
  if (!Number.isFinite(amount)) return "";
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 100);
}

// ---------------------------------------------------------------------------------------------
// Rendering context

export interface StorefrontRenderContext {
  shop: StandInShopInfo;
  /** URL prefix of this shop's storefront on the stand-in ("/s/nordic-demo"). */
  basePath: string;
  locale: string;
  customer: StandInCustomer | null;
  /** Path of the current page ("/s/nordic-demo/pages/returns"). */
  path: string;
  host: string;
  designMode?: boolean;
  pageTitle?: string;
}

interface RuntimeGlobals {
  __standin: { ext: ThemeExtension; ctx: StorefrontRenderContext };
}

function appMetafieldDrops(
  raw: Record<string, Record<string, { type: string; value: string }>>,
): Record<string, Record<string, { type: string; value: unknown }>> {
  const out: Record<string, Record<string, { type: string; value: unknown }>> = {};
  for (const [ns, fields] of Object.entries(raw)) {
    out[ns] = {};
    for (const [key, m] of Object.entries(fields)) {
      let value: unknown = m.value;
      if (m.type === "json") {
        try {
          value = JSON.parse(m.value);
        } catch {
          value = null;
        }
      }
      out[ns][key] = { type: m.type, value };
    }
  }
  return out;
}

function shopifyGlobals(
  ext: ThemeExtension,
  ctx: StorefrontRenderContext,
): Record<string, unknown> {
  const c = ctx.customer;
  const root = ctx.basePath;
  return {
    // The app's app-data metafields (`app.metafields.<namespace>.<key>.value`); a json
    // metafield's value is the parsed object, as on Shopify.
    app: { metafields: appMetafieldDrops(ctx.shop.appMetafields ?? {}) },
    shop: {
      name: ctx.shop.name,
      currency: ctx.shop.currencyCode,
      permanent_domain: ctx.shop.domain,
      domain: ctx.shop.domain,
      url: root,
      secure_url: root,
      locale: ctx.shop.primaryLocale,
      enabled_currencies: [{ iso_code: ctx.shop.currencyCode }],
    },
    customer: c
      ? {
          id: Number(c.legacyId),
          email: c.email,
          first_name: c.firstName,
          last_name: c.lastName,
          name: `${c.firstName} ${c.lastName}`.trim(),
          has_account: true,
        }
      : undefined,
    request: {
      locale: { iso_code: ctx.locale, primary: ctx.locale === ext.defaultLocale, root_url: root },
      path: ctx.path,
      host: ctx.host,
      page_type: "page",
      design_mode: !!ctx.designMode,
    },
    routes: {
      root_url: root,
      account_url: `${root}/account`,
      account_login_url: `${root}/account/login`,
      account_logout_url: `${root}/account/logout`,
      account_register_url: `${root}/account/login`,
      cart_url: `${root}/cart`,
      search_url: `${root}/search`,
      all_products_collection_url: `${root}/collections/all`,
    },
    page: { title: ctx.pageTitle ?? "", handle: ctx.path.split("/").pop() },
    localization: {
      language: { iso_code: ctx.locale },
      available_languages: Object.keys(ext.locales).map((iso) => ({ iso_code: iso })),
    },
  };
}

/** A tag whose body is ignored ({% schema %} left in by mistake, {% doc %}). */
function ignoredBlockTag(end: string) {
  return class extends Tag {
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
      super(token, remain, liquid);
      while (remain.length) {
        const next = remain.shift()!;
        if (TypeGuards.isTagToken(next) && next.name === end) return;
      }
      throw new Error(`tag ${token.getText()} not closed`);
    }
    *render(_ctx: Context, _emitter: Emitter): Generator<unknown, void, unknown> {}
  };
}

export interface RenderedBlock {
  html: string;
  stylesheet?: string;
  javascript?: string;
}

export interface ExtensionRenderer {
  extension(): ThemeExtension;
  assetUrl(ctx: StorefrontRenderContext, file: string): string;
  blockId(ctx: StorefrontRenderContext, block: BlockDefinition): string;
  blockSettings(
    block: BlockDefinition,
    locale: string,
    overrides?: Record<string, unknown>,
  ): Record<string, unknown>;
  renderBlock(
    block: BlockDefinition,
    ctx: StorefrontRenderContext,
    overrides?: Record<string, unknown>,
  ): Promise<RenderedBlock>;
  /** Liquid from the app proxy (or anything else) with the storefront's objects in scope. */
  renderLiquid(source: string, ctx: StorefrontRenderContext): Promise<string>;
  translate(locale: string, key: string, vars?: Record<string, unknown>): string;
}

/**
 * @param extensionDir  extensions/returns-portal
 * Files are re-read on every render so edits show up without restarting the demo.
 */
export function createExtensionRenderer(extensionDir: string): ExtensionRenderer {
  const snippets = join(extensionDir, "snippets");
  const engine = new Liquid({
    root: [snippets],
    partials: [snippets],
    extname: ".liquid",
    relativeReference: false,
    cache: false,
    strictFilters: true,
    ownPropertyOnly: true,
  });
  const state = (ctx: { globals: object }) => (ctx.globals as RuntimeGlobals).__standin;

  engine.registerTag("schema", ignoredBlockTag("endschema"));
  engine.registerTag("doc", ignoredBlockTag("enddoc"));

  engine.registerFilter(
    "t",
    function (this: { context: Context }, key: unknown, ...args: unknown[]) {
      const { ext, ctx } = state(this.context);
      const vars: Record<string, unknown> = {};
      for (const arg of args)
        if (Array.isArray(arg) && arg.length === 2) vars[String(arg[0])] = arg[1];
      return translate(ext, ctx.locale, String(key), vars);
    },
  );
  engine.registerFilter("asset_url", function (this: { context: Context }, file: unknown) {
    const { ctx } = state(this.context);
    return assetUrl(ctx, String(file));
  });
  // Shopify's weight_with_unit: grams → the shop's weight unit ("0.2 kg"). The stand-in's
  // shops all weigh in kilograms; trailing zeros are dropped (guess, see README).
  engine.registerFilter("weight_with_unit", function (grams: unknown) {
    const g = Number(grams);
    if (!Number.isFinite(g)) return "";
    return `${Number((g / 1000).toFixed(3))} kg`;
  });
  engine.registerFilter("money", function (this: { context: Context }, minor: unknown) {
    const { ctx } = state(this.context);
    return formatMoney(minor, ctx.shop.currencyCode, ctx.locale);
  });
  engine.registerFilter(
    "money_with_currency",
    function (this: { context: Context }, minor: unknown) {
      const { ctx } = state(this.context);
      return formatMoney(minor, ctx.shop.currencyCode, ctx.locale, true);
    },
  );
  engine.registerFilter(
    "money_without_currency",
    function (this: { context: Context }, minor: unknown) {
      const { ctx } = state(this.context);
      return formatMoneyWithoutCurrency(minor, ctx.shop.currencyCode, ctx.locale);
    },
  );
  // Editor-only in Shopify; harmless no-ops on the stand-in.
  engine.registerFilter(
    "stylesheet_tag",
    (url: unknown) => `<link rel="stylesheet" href="${escapeHtml(url)}">`,
  );
  engine.registerFilter(
    "script_tag",
    (url: unknown) => `<script src="${escapeHtml(url)}" defer></script>`,
  );

  let cachedExt: ThemeExtension | undefined;
  const extension = () => (cachedExt = loadThemeExtension(extensionDir));

  function assetUrl(ctx: StorefrontRenderContext, file: string): string {
    const ext = cachedExt ?? extension();
    return `${ctx.basePath}/extensions/${ext.handle}/assets/${encodeURIComponent(file)}`;
  }

  function blockId(ctx: StorefrontRenderContext, block: BlockDefinition): string {
    const hash = createHash("sha1")
      .update(`${ctx.shop.domain}/${block.name}`)
      .digest("base64url")
      .replace(/[-_]/g, "x");
    const ext = cachedExt ?? extension();
    return `A${hash.slice(0, 14)}__${ext.handle.replace(/-/g, "_")}_${block.name.replace(/-/g, "_")}_${hash.slice(14, 20)}`;
  }

  function blockSettings(
    block: BlockDefinition,
    locale: string,
    overrides: Record<string, unknown> = {},
  ) {
    const ext = cachedExt ?? extension();
    const settings: Record<string, unknown> = {};
    for (const setting of block.schema.settings ?? []) {
      if (!setting.id) continue;
      let value = setting.default;
      if (typeof value === "string" && value.startsWith("t:")) {
        value = translate(ext, locale, value.slice(2), {}, ext.schemaLocales);
      }
      if (value === undefined)
        value =
          setting.type === "checkbox"
            ? false
            : setting.type === "text" || setting.type === "textarea"
              ? ""
              : null;
      settings[setting.id] = value;
    }
    for (const [k, v] of Object.entries(overrides)) if (k in settings) settings[k] = v;
    return settings;
  }

  async function renderWith(
    source: string,
    ctx: StorefrontRenderContext,
    scope: Record<string, unknown>,
  ): Promise<string> {
    const ext = cachedExt ?? extension();
    const globals: RuntimeGlobals & Record<string, unknown> = {
      ...shopifyGlobals(ext, ctx),
      __standin: { ext, ctx },
    };
    return engine.parseAndRender(source, scope, { globals });
  }

  return {
    extension,
    assetUrl,
    blockId,
    blockSettings,
    translate: (locale, key, vars) => translate(cachedExt ?? extension(), locale, key, vars),
    async renderBlock(block, ctx, overrides) {
      const id = blockId(ctx, block);
      const settings = blockSettings(block, ctx.locale, overrides);
      const attributes = ctx.designMode
        ? `data-shopify-editor-block="${escapeHtml(JSON.stringify({ id, type: `shopify://apps/${extensionDirName(extensionDir)}/blocks/${block.name}` }))}"`
        : "";
      const inner = await renderWith(block.source, ctx, {
        block: { id, type: block.name, settings, shopify_attributes: attributes },
      });
      return {
        html: `<div id="shopify-block-${id}" class="shopify-block shopify-app-block">${inner}</div>`,
        stylesheet: block.schema.stylesheet,
        javascript: block.schema.javascript,
      };
    },
    renderLiquid: (source, ctx) => renderWith(source, ctx, {}),
  };
}

const extensionDirName = (dir: string) => basename(dir);
