/**
 * Mail configuration from the validated environment (app/env.server.ts): the SMTP server,
 * the From address, and the storefront address e-mail links point to. In demo and test mode
 * links go to the stand-in's storefront; on Shopify to https://{shop}.myshopify.com, which
 * serves the app proxy and redirects to the shop's primary domain — no Admin API call is
 * needed to send a message.
 */
import { env } from "~/env.server";
import { adminApiOrigin } from "~/shopify/stand-in-routing.server";
import type { BounceSigning } from "./bounce-address.server";

export interface MailConfig {
  smtpUrl: string | null;
  mailFrom: string;
  linkBase: (shopDomain: string) => string;
  /** VERP envelope sender and signed Message-IDs: MAIL_BOUNCE_DOMAIN (default MAIL_FROM's domain), the app's secret. */
  bounce: BounceSigning;
  /** The secret of POST /mail/bounces; null: the endpoint is off. */
  bounceToken: string | null;
}

export function mailConfig(): MailConfig {
  const e = env();
  const standIn = adminApiOrigin(e);
  const mailFrom = e.MAIL_FROM ?? `no-reply@${new URL(e.SHOPIFY_APP_URL).hostname}`;
  return {
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom,
    bounce: { secret: e.SHOPIFY_API_SECRET, domain: e.MAIL_BOUNCE_DOMAIN ?? mailFrom.split("@")[1]! },
    bounceToken: e.MAIL_BOUNCE_TOKEN ?? null,
    linkBase: (shop) => (standIn ? `${standIn.replace(/\/+$/, "")}/s/${shop}` : `https://${shop}`),
  };
}
