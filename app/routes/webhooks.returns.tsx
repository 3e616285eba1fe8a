/** Webhook: returns/* — returns created or changed anywhere, reconciled with local state. Subscribed in shopify.app.toml. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "~/services/webhook-intake.server";

export const action = async ({ request }: ActionFunctionArgs) => acceptWebhook(request);
