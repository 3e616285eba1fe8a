/** Webhook: refunds/create and orders/updated — refunds and order changes made anywhere. Subscribed in shopify.app.toml. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "~/services/webhook-intake.server";

export const action = async ({ request }: ActionFunctionArgs) => acceptWebhook(request);
