/**
 * Reads the parts of shopify.app.toml the stand-in plays out: access scopes, webhook
 * subscriptions (incl. compliance topics), the app proxy and the app's name/handle.
 * Relative URIs are kept relative: the stand-in resolves them against the app URL it was
 * given (the demo's local app), not against `application_url`.
 */
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

export interface WebhookSubscriptionConfig {
  topics: string[];
  complianceTopics: string[];
  /** Relative path ("/webhooks/returns") or absolute URL as written in the toml. */
  uri: string;
  filter?: string;
  includeFields?: string[];
}

export interface AppProxyConfig {
  /** Path on the app the proxy forwards to ("/proxy"); absolute URLs are reduced to their path. */
  url: string;
  prefix: string;
  subpath: string;
  /** "/apps/returns" */
  pathPrefix: string;
}

export interface StandInAppConfig {
  clientId: string;
  name: string;
  handle: string;
  applicationUrl: string;
  scopes: string[];
  webhookApiVersion: string;
  subscriptions: WebhookSubscriptionConfig[];
  appProxy: AppProxyConfig | null;
}

const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;
export type ComplianceTopic = (typeof COMPLIANCE_TOPICS)[number];
export const isComplianceTopic = (topic: string): topic is ComplianceTopic =>
  (COMPLIANCE_TOPICS as readonly string[]).includes(topic);

type Table = Record<string, unknown>;
const asTable = (v: unknown): Table =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Table) : {};
const asString = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const asStrings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

export function parseAppConfig(source: string): StandInAppConfig {
  const toml = parse(source) as Table;
  const webhooks = asTable(toml.webhooks);
  const subscriptions: WebhookSubscriptionConfig[] = (
    Array.isArray(webhooks.subscriptions) ? webhooks.subscriptions : []
  )
    .map(asTable)
    .map((sub) => ({
      topics: asStrings(sub.topics),
      complianceTopics: asStrings(sub.compliance_topics),
      uri: asString(sub.uri),
      filter: typeof sub.filter === "string" ? sub.filter : undefined,
      includeFields: Array.isArray(sub.include_fields) ? asStrings(sub.include_fields) : undefined,
    }))
    .filter((sub) => sub.uri);

  // Legacy form: [webhooks.privacy_compliance] customer_deletion_url = "..." etc.
  const legacy = asTable(webhooks.privacy_compliance);
  const legacyMap: Record<string, ComplianceTopic> = {
    customer_data_request_url: "customers/data_request",
    customer_deletion_url: "customers/redact",
    shop_deletion_url: "shop/redact",
  };
  for (const [key, topic] of Object.entries(legacyMap)) {
    const uri = asString(legacy[key]);
    if (uri) subscriptions.push({ topics: [], complianceTopics: [topic], uri });
  }

  const proxy = asTable(toml.app_proxy);
  let appProxy: AppProxyConfig | null = null;
  if (typeof proxy.url === "string" && typeof proxy.subpath === "string") {
    const prefix = asString(proxy.prefix, "apps");
    let url = proxy.url;
    if (/^https?:\/\//.test(url)) url = new URL(url).pathname;
    appProxy = {
      url: url.replace(/\/+$/, ""),
      prefix,
      subpath: proxy.subpath,
      pathPrefix: `/${prefix}/${proxy.subpath}`,
    };
  }

  const access = asTable(toml.access_scopes);
  return {
    clientId: asString(toml.client_id),
    name: asString(toml.name, "App"),
    handle: asString(toml.handle, "app"),
    applicationUrl: asString(toml.application_url),
    scopes: asString(access.scopes)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    webhookApiVersion: asString(webhooks.api_version, "2026-10"),
    subscriptions,
    appProxy,
  };
}

export function loadAppConfig(path: string): StandInAppConfig {
  return parseAppConfig(readFileSync(path, "utf8"));
}

/** Absolute delivery URLs for a topic: every subscription listing it, resolved against appUrl. */
export function webhookTargets(config: StandInAppConfig, topic: string, appUrl: string): string[] {
  const targets = config.subscriptions
    .filter((sub) => sub.topics.includes(topic) || sub.complianceTopics.includes(topic))
    .map((sub) => resolveAppUri(sub.uri, appUrl, config.applicationUrl));
  return [...new Set(targets)];
}

/** Relative → appUrl + path; absolute under application_url → rebased on appUrl; other absolute kept. */
export function resolveAppUri(uri: string, appUrl: string, applicationUrl: string): string {
  const base = appUrl.replace(/\/+$/, "");
  if (uri.startsWith("/")) return `${base}${uri}`;
  if (applicationUrl && uri.startsWith(applicationUrl.replace(/\/+$/, ""))) {
    return `${base}${uri.slice(applicationUrl.replace(/\/+$/, "").length)}`;
  }
  return uri;
}
