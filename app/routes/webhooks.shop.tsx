/** Webhook: shop/update — the shop's name and currency used in e-mails follow the shop. Subscribed in shopify.app.toml. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWebhook } from "~/services/webhook-intake.server";

export const action = async ({ request }: ActionFunctionArgs) => acceptWebhook(request);
