/**
 * Uninstall and the mandatory privacy webhooks, over every table that holds shop or
 * customer data:
 *   Session, Shop, ReturnPolicy, ReturnRequest, ReturnLine, ReturnEvent, RefundAttempt,
 *   WebhookDelivery, ComplianceRequest, RateLimit.
 * A test walks every Prisma model, so a new table cannot be forgotten here.
 */
import db from "~/db.server";
import type { Db } from "~/db.server";

export interface CustomerRef {
  /** Shopify's numeric customer id from the payload (we store GIDs). */
  id?: number | string | null;
  email?: string | null;
}

const customerGid = (id: number | string) =>
  String(id).startsWith("gid://") ? String(id) : `gid://shopify/Customer/${id}`;

/** The returns that belong to a customer, matched on customer id or email. */
function customerReturnsWhere(shopId: string, customer: CustomerRef) {
  const or: Array<Record<string, unknown>> = [];
  if (customer.id != null && customer.id !== "") or.push({ customerId: customerGid(customer.id) });
  if (customer.email) or.push({ customerEmail: customer.email.toLowerCase() });
  return { shopId, OR: or.length ? or : [{ id: "__none__" }] };
}

/** app/uninstalled: the shop's tokens are dead; forget them. Data stays until shop/redact (48 h later). */
export async function handleAppUninstalled(shop: string, client: Db = db) {
  await client.$transaction([
    client.session.deleteMany({ where: { shop } }),
    client.shop.updateMany({ where: { domain: shop }, data: { uninstalledAt: new Date() } }),
  ]);
}

/** customers/data_request: export everything we hold about the customer, for the merchant to hand over. */
export async function handleCustomerDataRequest(
  shop: string,
  customer: CustomerRef,
  client: Db = db,
) {
  const shopRow = await client.shop.findUnique({ where: { domain: shop } });
  const returns = shopRow
    ? await client.returnRequest.findMany({
        where: customerReturnsWhere(shopRow.id, customer),
        include: { lines: true, events: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const exported = {
    shop,
    customer: { id: customer.id ?? null, email: customer.email ?? null },
    generatedAt: new Date().toISOString(),
    returns: returns.map((r) => ({
      rmaNumber: r.rmaNumber,
      orderName: r.orderName,
      status: r.status,
      customerEmail: r.customerEmail,
      customerName: r.customerName,
      requestedAt: r.requestedAt,
      currency: r.currency,
      refundAmount: r.refundAmount,
      storeCreditAmount: r.storeCreditAmount,
      lines: r.lines.map((l) => ({
        title: l.title,
        variantTitle: l.variantTitle,
        quantity: l.quantity,
        reason: l.reasonHandle,
        customerNote: l.customerNote,
        resolution: l.resolution,
        photos: JSON.parse(l.photos),
      })),
      events: r.events.map((e) => ({ type: e.type, actor: e.actor, createdAt: e.createdAt })),
    })),
  };
  return client.complianceRequest.create({
    data: {
      shop,
      topic: "customers/data_request",
      customerId: customer.id != null ? customerGid(customer.id) : null,
      email: customer.email ?? null,
      export: JSON.stringify(exported),
      completedAt: new Date(),
    },
  });
}

/**
 * customers/redact: remove the customer's personal data. Returns stay as anonymous
 * records (the merchant's books need them); names, emails, notes, photos, event details,
 * raw webhook payloads naming the customer, and earlier data exports are removed.
 */
export async function handleCustomerRedact(shop: string, customer: CustomerRef, client: Db = db) {
  const shopRow = await client.shop.findUnique({ where: { domain: shop } });
  const needles = [customer.email?.toLowerCase(), customer.id != null ? String(customer.id) : null].filter(
    (n): n is string => !!n,
  );
  await client.$transaction(async (tx) => {
    if (shopRow) {
      const returns = await tx.returnRequest.findMany({
        where: customerReturnsWhere(shopRow.id, customer),
        select: { id: true },
      });
      const ids = returns.map((r) => r.id);
      await tx.returnLine.updateMany({
        where: { returnRequestId: { in: ids } },
        data: { customerNote: null, photos: "[]" },
      });
      await tx.returnEvent.updateMany({ where: { returnRequestId: { in: ids } }, data: { data: "{}", actorId: null } });
      await tx.refundAttempt.updateMany({ where: { returnRequestId: { in: ids } }, data: { request: "{}" } });
      await tx.returnRequest.updateMany({
        where: { id: { in: ids } },
        data: { customerId: null, customerEmail: null, customerName: null },
      });
    }
    // Raw payloads may carry the customer's email or id (orders/updated does).
    for (const needle of needles) {
      await tx.webhookDelivery.deleteMany({ where: { shop, payload: { contains: needle } } });
    }
    await tx.complianceRequest.deleteMany({
      where: {
        shop,
        topic: "customers/data_request",
        OR: [
          ...(customer.email ? [{ email: customer.email }] : []),
          ...(customer.id != null ? [{ customerId: customerGid(customer.id) }] : []),
        ],
      },
    });
    await tx.complianceRequest.create({
      data: { shop, topic: "customers/redact", completedAt: new Date() },
    });
  });
}

/** shop/redact: delete everything we hold for the shop. */
export async function handleShopRedact(shop: string, client: Db = db) {
  // Analytics copies of Shopify's sales are keyed by shop id without a relation (they are
  // rebuilt from Shopify at will), so they are deleted by id here.
  const shopIds = (await client.shop.findMany({ where: { domain: shop }, select: { id: true } })).map((s) => s.id);
  await client.$transaction([
    client.orderLineFact.deleteMany({ where: { shopId: { in: shopIds } } }),
    client.productFact.deleteMany({ where: { shopId: { in: shopIds } } }),
    client.salesSync.deleteMany({ where: { shopId: { in: shopIds } } }),
    client.session.deleteMany({ where: { shop } }),
    client.webhookDelivery.deleteMany({ where: { shop } }),
    client.complianceRequest.deleteMany({ where: { shop } }),
    client.rateLimit.deleteMany({ where: { shop } }),
    // Cascades to policy, returns, lines, events and refund attempts.
    client.shop.deleteMany({ where: { domain: shop } }),
  ]);
}
