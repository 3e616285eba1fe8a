/**
 * In-memory records of the stand-in. Money is integer minor units in the order's presentment
 * currency (variants: per-currency price table). Records carry `__typename` so interface and
 * union fields resolve, and use schema field names only where the value has the schema's
 * meaning (plain properties count as "implemented" for the default field resolver); anything
 * internal has a name the schema does not use, or an explicit resolver in resolvers.ts.
 */
import type { StagedFile } from "./staged-uploads";
import type { FxRate } from "./money";
import type { Rng } from "./prng";

export type Minor = number;

export interface AddressRec {
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  zip: string;
  province: string | null;
  provinceCode: string | null;
  country: string;
  countryCodeV2: string;
  phone: string | null;
}

export interface ShopInfoRec {
  __typename: "Shop";
  id: string;
  name: string;
  myshopifyDomain: string;
  email: string;
  contactEmail: string;
  currencyCode: string;
  /** Currencies orders may be presented in, with fixed fx → shop currency. */
  presentmentCurrencies: Record<string, FxRate>;
  ianaTimezone: string;
  primaryLocale: string;
  taxesIncluded: boolean;
  primaryDomainHost: string;
  createdAt: string;
  shopOwnerName: string;
  description: string | null;
  countryCode: string;
}

export interface LocationRec {
  __typename: "Location";
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  shipsInventory: boolean;
  createdAt: string;
  updatedAt: string;
  addressRec: {
    address1: string;
    city: string;
    zip: string;
    country: string;
    countryCode: string;
    phone: string | null;
  };
}

export interface CollectionRec {
  __typename: "Collection";
  id: string;
  title: string;
  handle: string;
  productIds: string[];
  updatedAt: string;
}

export interface ProductRec {
  __typename: "Product";
  id: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  description: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  isGiftCard: boolean;
  optionDefs: Array<{ name: string; values: string[] }>;
  variantIds: string[];
  collectionIds: string[];
}

export interface VariantRec {
  __typename: "ProductVariant";
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  position: number;
  /** Price per currency in minor units; the shop currency entry is the base price. */
  prices: Record<string, Minor>;
  compareAtPrices: Record<string, Minor> | null;
  grams: number;
  options: Array<{ name: string; value: string }>;
  inventoryItemId: string;
  /** Available quantity per location id. */
  stock: Map<string, number>;
  tracked: boolean;
  taxable: boolean;
  requiresShipping: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CustomerRec {
  __typename: "Customer";
  id: string;
  firstName: string;
  lastName: string;
  emailAddress: string;
  phoneNumber: string | null;
  locale: string;
  tags: string[];
  note: string | null;
  createdAt: string;
  updatedAt: string;
  countryCode: string;
  addressRec: AddressRec;
  /** E-mail marketing consent (absent = NOT_SUBSCRIBED, no date). */
  marketingState?: "NOT_SUBSCRIBED" | "PENDING" | "SUBSCRIBED" | "UNSUBSCRIBED";
  marketingOptInLevel?: "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN" | null;
  marketingUpdatedAt?: string | null;
}

export type DiscountKind = "code" | "manual" | "automatic";

export interface DiscountApplicationRec {
  index: number;
  kind: DiscountKind;
  code: string | null;
  title: string;
  /** percentage (e.g. 20) or fixed amount in minor units. */
  valueType: "percentage" | "fixed";
  value: number;
  allocationMethod: "ACROSS" | "EACH" | "ONE";
  /** ALL = an order-level discount (refund arithmetic D_order); ENTITLED/EXPLICIT = line-level (D_line). */
  targetSelection: "ALL" | "ENTITLED" | "EXPLICIT";
  targetType: "LINE_ITEM" | "SHIPPING_LINE";
}

export interface TaxLineRec {
  title: string;
  rate: number;
  amount: Minor;
}

export interface LineItemRec {
  __typename: "LineItem";
  id: string;
  orderId: string;
  variantId: string | null;
  productId: string | null;
  title: string;
  variantTitle: string | null;
  name: string;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  unitPrice: Minor;
  allocations: Array<{ applicationIndex: number; amount: Minor }>;
  taxes: TaxLineRec[];
  requiresShipping: boolean;
  isGiftCard: boolean;
  taxable: boolean;
  grams: number;
  /** Set when the line was added by processing an exchange line item. */
  exchangeLineItemId: string | null;
}

export interface ShippingLineRec {
  id: string;
  title: string;
  code: string;
  originalPrice: Minor;
  discountedPrice: Minor;
  taxes: TaxLineRec[];
}

export interface FulfillmentLineItemRec {
  __typename: "FulfillmentLineItem";
  id: string;
  fulfillmentId: string;
  orderId: string;
  lineItemId: string;
  quantity: number;
}

export interface FulfillmentRec {
  __typename: "Fulfillment";
  id: string;
  orderId: string;
  name: string;
  status: "SUCCESS" | "CANCELLED" | "OPEN" | "PENDING";
  displayStatus: string;
  createdAt: string;
  updatedAt: string;
  inTransitAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
  locationId: string;
  tracking: { company: string; number: string; url: string } | null;
  lineIds: string[];
}

export type TxKind = "SALE" | "CAPTURE" | "AUTHORIZATION" | "REFUND" | "VOID";

export interface TransactionRec {
  __typename: "OrderTransaction";
  id: string;
  orderId: string;
  kind: TxKind;
  status: "SUCCESS" | "FAILURE" | "PENDING" | "ERROR";
  gateway: string;
  amountMinor: Minor;
  processedAt: string;
  createdAt: string;
  parentId: string | null;
  refundId: string | null;
  /** Card details for shopify_payments; gift card id for gift_card payments. */
  card: {
    company: string;
    last4: string;
    name: string;
    expMonth: number;
    expYear: number;
    bin: string;
  } | null;
  giftCardId: string | null;
  test: boolean;
}

export interface RefundLineItemRec {
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: "RETURN" | "CANCEL" | "NO_RESTOCK" | "LEGACY_RESTOCK";
  locationId: string | null;
  subtotal: Minor;
  tax: Minor;
  restocked: boolean;
}

export interface RefundRec {
  __typename: "Refund";
  id: string;
  orderId: string;
  returnId: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  note: string | null;
  lines: RefundLineItemRec[];
  transactionIds: string[];
  shippingRefund: Minor;
  shippingTax: Minor;
}

export interface OrderRec {
  __typename: "Order";
  id: string;
  number: number;
  name: string;
  emailAddress: string | null;
  phoneNumber: string | null;
  customerId: string | null;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  currency: string;
  fx: FxRate;
  taxesIncluded: boolean;
  customerLocale: string;
  tags: string[];
  note: string | null;
  sourceName: string;
  lines: LineItemRec[];
  shippingLineRecs: ShippingLineRec[];
  discountApps: DiscountApplicationRec[];
  codes: string[];
  fulfillmentIds: string[];
  transactionIds: string[];
  refundIds: string[];
  returnIds: string[];
  fulfillmentOrderIds: string[];
  shippingAddressRec: AddressRec | null;
  billingAddressRec: AddressRec | null;
  test: boolean;
}

export type ReturnStatus = "REQUESTED" | "OPEN" | "DECLINED" | "CANCELED" | "CLOSED";

export interface ReturnRec {
  __typename: "Return";
  id: string;
  orderId: string;
  name: string;
  status: ReturnStatus;
  createdAt: string;
  updatedAt: string;
  requestApprovedAt: string | null;
  closedAt: string | null;
  declineRec: { reason: string; note: string | null } | null;
  lineIds: string[];
  exchangeIds: string[];
  rfoIds: string[];
  refundIds: string[];
  shippingFees: Array<{ id: string; amount: Minor }>;
  /** Return shipping fees are charged once, with the first refund that settles the return. */
  feesSettled: boolean;
  /** Where the return came from (seed: "admin"; GraphQL: "api"). */
  origin: "api" | "admin";
}

export interface ReturnLineItemRec {
  __typename: "ReturnLineItem";
  id: string;
  returnId: string;
  fulfillmentLineItemId: string;
  quantity: number;
  processedQuantity: number;
  /** Quantity already settled by a refund (money) through returnProcess. */
  refundedQuantity: number;
  customerNote: string | null;
  returnReasonNote: string;
  reasonDefinitionId: string | null;
  restockingFeePercentage: number | null;
}

export interface ExchangeLineItemRec {
  __typename: "ExchangeLineItem";
  id: string;
  returnId: string;
  variantId: string;
  quantity: number;
  processedQuantity: number;
  /** Quantity already counted in a refund settlement. */
  settledQuantity: number;
  unitPrice: Minor;
  discount: { percentage: number } | { amount: Minor } | null;
  discountDescription: string | null;
  createdLineItemIds: string[];
}

export interface DispositionRec {
  __typename: "ReverseFulfillmentOrderDisposition";
  id: string;
  type: "RESTOCKED" | "NOT_RESTOCKED" | "PROCESSING_REQUIRED" | "MISSING";
  quantity: number;
  locationId: string | null;
  createdAt: string;
}

export interface RfoRec {
  __typename: "ReverseFulfillmentOrder";
  id: string;
  returnId: string;
  orderId: string;
  status: "OPEN" | "CLOSED" | "CANCELED";
  lineIds: string[];
  deliveryIds: string[];
}

export interface RfoLineItemRec {
  __typename: "ReverseFulfillmentOrderLineItem";
  id: string;
  rfoId: string;
  returnLineItemId: string;
  fulfillmentLineItemId: string;
  totalQuantity: number;
  dispositionRecs: DispositionRec[];
}

export interface ReverseDeliveryRec {
  __typename: "ReverseDelivery";
  id: string;
  rfoId: string;
  createdAt: string;
  lines: Array<{ id: string; rfoLineItemId: string; quantity: number }>;
  /** `file`: what was uploaded to a staged URL given as fileUrl (staged-uploads.ts), else null/absent. */
  label: { fileUrl: string; createdAt: string; updatedAt: string; file?: StagedFile | null } | null;
  trackingRec: { number: string | null; url: string | null; carrierName: string | null } | null;
}

export interface FulfillmentOrderRec {
  __typename: "FulfillmentOrder";
  id: string;
  orderId: string;
  status: "OPEN" | "CLOSED" | "IN_PROGRESS" | "CANCELLED";
  createdAt: string;
  updatedAt: string;
  locationId: string;
  lines: Array<{
    id: string;
    lineItemId: string;
    totalQuantity: number;
    remainingQuantity: number;
  }>;
}

export interface StoreCreditTxRec {
  __typename: "StoreCreditAccountCreditTransaction" | "StoreCreditAccountDebitTransaction";
  id: string;
  accountId: string;
  amountMinor: Minor;
  balanceAfter: Minor;
  createdAt: string;
  expiresAt: string | null;
  event: string;
  originTransactionId: string | null;
}

export interface StoreCreditAccountRec {
  __typename: "StoreCreditAccount";
  id: string;
  customerId: string;
  currency: string;
  balanceMinor: Minor;
  txs: StoreCreditTxRec[];
}

export interface GiftCardRec {
  __typename: "GiftCard";
  id: string;
  code: string;
  currency: string;
  initialMinor: Minor;
  balanceMinor: Minor;
  customerId: string | null;
  orderId: string | null;
  expiresOn: string | null;
  note: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  deactivatedAt: string | null;
}

export interface ReturnReasonDefinitionRec {
  __typename: "ReturnReasonDefinition";
  id: string;
  handle: string;
  name: string;
  deleted: boolean;
  /** Deprecated ReturnReason enum value it maps to. */
  legacyReason: string;
}

export type AnyRec =
  | ShopInfoRec
  | LocationRec
  | CollectionRec
  | ProductRec
  | VariantRec
  | CustomerRec
  | LineItemRec
  | FulfillmentRec
  | FulfillmentLineItemRec
  | TransactionRec
  | RefundRec
  | OrderRec
  | ReturnRec
  | ReturnLineItemRec
  | ExchangeLineItemRec
  | RfoRec
  | RfoLineItemRec
  | ReverseDeliveryRec
  | FulfillmentOrderRec
  | StoreCreditAccountRec
  | StoreCreditTxRec
  | GiftCardRec
  | DispositionRec
  | ReturnReasonDefinitionRec;

export interface IdempotencyEntry {
  fingerprint: string;
  refundId: string | null;
  orderId: string | null;
  userErrors: Array<{ field: string[] | null; message: string }>;
}

/** Everything one shop owns. */
/** An app-data metafield (owner: the app's installation), readable by the `app` Liquid object. */
export interface AppMetafieldRec {
  __typename: "Metafield";
  id: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface ShopState {
  info: ShopInfoRec;
  /** "namespace.key" → the app's app-data metafield (one app per stand-in). */
  appMetafields: Map<string, AppMetafieldRec>;
  idPrefix: number;
  counters: Map<string, number>;
  nodes: Map<string, AnyRec>;
  locations: LocationRec[];
  collections: CollectionRec[];
  products: ProductRec[];
  variants: VariantRec[];
  customers: CustomerRec[];
  orders: OrderRec[];
  orderByName: Map<string, OrderRec>;
  returns: ReturnRec[];
  giftCards: GiftCardRec[];
  storeCreditAccounts: StoreCreditAccountRec[];
  idempotency: Map<string, IdempotencyEntry>;
  nextOrderNumber: number;
  rng: Rng;
}
