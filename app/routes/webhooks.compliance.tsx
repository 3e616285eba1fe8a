/** Webhook: customers/data_request, customers/redact, shop/redact (mandatory privacy topics). Subscribed in shopify.app.toml. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "~/services/webhook-intake.server";

export const action = async ({ request }: ActionFunctionArgs) => acceptWebhook(request, { processInline: true });
