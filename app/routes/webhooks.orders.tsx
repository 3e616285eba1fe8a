/** Webhook: refunds/create, orders/updated and orders/create — refunds and order changes made anywhere, and new orders (win-back). Subscribed in shopify.app.toml. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "~/services/webhook-intake.server";

export const action = async ({ request }: ActionFunctionArgs) => acceptWebhook(request);
