/** Webhook: reverse_deliveries/attach_deliverable and reverse_fulfillment_orders/dispose. Subscribed in shopify.app.toml. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "~/services/webhook-intake.server";

export const action = async ({ request }: ActionFunctionArgs) => acceptWebhook(request);
