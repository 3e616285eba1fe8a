/**
 * THE rule → error-code table of the stand-in. Shopify does not document which code each
 * business rule produces (shopify-platform.md §1.4, §5.4.5, §7), so every mapping here is OUR
 * GUESS, kept in one place so it can be revised when real behaviour is observed.
 * Operations never invent codes or messages inline: they call `fail(RULES.X, field, params)`.
 *
 * `kind` says where the error surfaces:
 *  - ReturnUserError / StoreCreditAccountCreditUserError / GiftCardUserError: `userErrors` with `code`
 *  - UserError: `userErrors` without a code (refundCreate)
 *  - top-level: an entry in the response's `errors` with `extensions.code`
 */

export type RuleKind =
  | "DiscountUserError"
  | "ReturnUserError"
  | "UserError"
  | "StoreCreditAccountCreditUserError"
  | "GiftCardUserError"
  | "CustomerEmailMarketingConsentUpdateUserError"
  | "top-level";

export interface Rule {
  kind: RuleKind;
  code: string | null;
  /** Message template; {name} placeholders are filled from params. */
  message: string;
  /** Why this code (all of these are guesses unless said otherwise). */
  note?: string;
}

const R = (kind: RuleKind, code: string | null, message: string, note?: string): Rule => ({
  kind,
  code,
  message,
  note,
});

export const RULES = {
  // ---- lookups --------------------------------------------------------------------------
  ORDER_NOT_FOUND: R("ReturnUserError", "NOT_FOUND", "Order does not exist."),
  RETURN_NOT_FOUND: R("ReturnUserError", "NOT_FOUND", "Return does not exist."),
  FULFILLMENT_LINE_ITEM_NOT_FOUND: R(
    "ReturnUserError",
    "NOT_FOUND",
    "Fulfillment line item {id} does not exist on this order.",
  ),
  RETURN_LINE_ITEM_NOT_FOUND: R(
    "ReturnUserError",
    "NOT_FOUND",
    "Return line item {id} does not belong to this return.",
  ),
  EXCHANGE_LINE_ITEM_NOT_FOUND: R(
    "ReturnUserError",
    "NOT_FOUND",
    "Exchange line item {id} does not belong to this return.",
  ),
  VARIANT_NOT_FOUND: R("ReturnUserError", "NOT_FOUND", "Product variant {id} does not exist."),
  REASON_DEFINITION_NOT_FOUND: R(
    "ReturnUserError",
    "NOT_FOUND",
    "Return reason definition {id} does not exist.",
  ),
  RFO_NOT_FOUND: R("ReturnUserError", "NOT_FOUND", "Reverse fulfillment order does not exist."),
  RFO_LINE_ITEM_NOT_FOUND: R(
    "ReturnUserError",
    "NOT_FOUND",
    "Reverse fulfillment order line item {id} does not exist.",
  ),
  REVERSE_DELIVERY_NOT_FOUND: R("ReturnUserError", "NOT_FOUND", "Reverse delivery does not exist."),
  LOCATION_NOT_FOUND: R("ReturnUserError", "NOT_FOUND", "Location {id} does not exist."),
  TRANSACTION_NOT_FOUND: R(
    "ReturnUserError",
    "NOT_FOUND",
    "Transaction {id} does not exist on this order.",
  ),

  // ---- creating returns ------------------------------------------------------------------
  ORDER_CANCELLED: R(
    "ReturnUserError",
    "INVALID",
    "Order {name} is canceled and cannot be returned.",
  ),
  RETURN_LINES_BLANK: R("ReturnUserError", "BLANK", "Return line items can't be blank."),
  DUPLICATE_FULFILLMENT_LINE_ITEM: R(
    "ReturnUserError",
    "INVALID",
    "Fulfillment line item {id} appears more than once.",
  ),
  QUANTITY_NOT_POSITIVE: R("ReturnUserError", "INVALID", "Quantity must be greater than 0."),
  QUANTITY_EXCEEDS_RETURNABLE: R(
    "ReturnUserError",
    "GREATER_THAN",
    "Quantity {quantity} is greater than the returnable quantity {returnable} of fulfillment line item {id}.",
    "Rails would call a failed `<= n` check LESS_THAN_OR_EQUAL_TO; the brief and most clients expect GREATER_THAN.",
  ),
  CUSTOMER_NOTE_TOO_LONG: R(
    "ReturnUserError",
    "TOO_LONG",
    "Customer note is too long (maximum is 300 characters).",
  ),
  RETURN_REASON_NOTE_TOO_LONG: R(
    "ReturnUserError",
    "TOO_LONG",
    "Return reason note is too long (maximum is 255 characters).",
  ),
  RESTOCKING_FEE_INVALID: R(
    "ReturnUserError",
    "INVALID",
    "Restocking fee percentage must be between 0 and 100.",
  ),
  MONEY_CURRENCY_MISMATCH: R(
    "ReturnUserError",
    "INVALID",
    "Currency {currency} does not match the order's presentment currency {expected}.",
  ),
  MONEY_AMOUNT_INVALID: R(
    "ReturnUserError",
    "INVALID",
    "Amount {amount} is not a valid non-negative amount in {currency}.",
  ),
  EXCHANGE_VARIANT_BLANK: R(
    "ReturnUserError",
    "BLANK",
    "Exchange line item variant can't be blank.",
  ),
  EXCHANGE_DISCOUNT_INVALID: R(
    "ReturnUserError",
    "INVALID",
    "Exchange discount is invalid: {reason}.",
  ),

  // ---- lifecycle (shopify-platform.md §1.1) ------------------------------------------------
  APPROVE_NOT_REQUESTED: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Return is not approvable. Only returns with status REQUESTED can be approved (status: {status}).",
  ),
  DECLINE_NOT_REQUESTED: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Return is not declinable. Only returns with status REQUESTED can be declined (status: {status}).",
  ),
  DECLINE_NOTE_TOO_LONG: R(
    "ReturnUserError",
    "TOO_LONG",
    "Decline note is too long (maximum is 500 characters).",
  ),
  CLOSE_NOT_OPEN: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Return can't be closed. Only returns with status OPEN can be closed (status: {status}).",
  ),
  REOPEN_NOT_CLOSED: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Return can't be reopened. Only returns with status CLOSED can be reopened (status: {status}).",
  ),
  CANCEL_WRONG_STATUS: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Return can't be canceled (status: {status}).",
  ),
  CANCEL_AFTER_WORK: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Return can't be canceled because work has been done on it (items processed, disposed or refunded).",
  ),
  PROCESS_NOT_OPEN: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Return can't be processed. Only returns with status OPEN can be processed (status: {status}).",
  ),
  PROCESS_NOTHING: R(
    "ReturnUserError",
    "INVALID",
    "Nothing to process: give return line items, exchange line items or a financial transfer.",
  ),
  PROCESS_QUANTITY_EXCEEDS: R(
    "ReturnUserError",
    "GREATER_THAN",
    "Quantity {quantity} is greater than the processable quantity {processable} of {id}.",
  ),
  REMOVE_WRONG_STATUS: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Items can only be removed from REQUESTED or OPEN returns (status: {status}).",
  ),
  REMOVE_QUANTITY_EXCEEDS: R(
    "ReturnUserError",
    "GREATER_THAN",
    "Quantity {quantity} is greater than the removable (unprocessed) quantity {removable} of {id}.",
  ),

  // ---- reverse logistics -----------------------------------------------------------------
  RFO_NOT_OPEN: R(
    "ReturnUserError",
    "INVALID_STATE",
    "Reverse fulfillment order is not open (status: {status}, return: {returnStatus}).",
  ),
  RFO_LINE_ITEM_WRONG_RFO: R(
    "ReturnUserError",
    "INVALID",
    "Reverse fulfillment order line item {id} does not belong to this reverse fulfillment order.",
  ),
  REVERSE_DELIVERY_LINES_BLANK: R(
    "ReturnUserError",
    "BLANK",
    "Reverse delivery line items can't be blank.",
  ),
  REVERSE_DELIVERY_QUANTITY_EXCEEDS: R(
    "ReturnUserError",
    "GREATER_THAN",
    "Quantity {quantity} is greater than the quantity {available} not yet on a reverse delivery for {id}.",
  ),
  URL_INVALID: R("ReturnUserError", "INVALID", "{what} must be an absolute http(s) URL."),
  LABEL_FILE_NOT_UPLOADED: R(
    "ReturnUserError",
    "INVALID",
    "The label file was not uploaded to its staged upload target, or the target expired.",
    "Shopify documents only that fileUrl is the temporary staged URL; the check and its code are our guess.",
  ),

  // ---- staged uploads (UserError: no code) ------------------------------------------------
  STAGED_UPLOAD_BLANK: R("UserError", null, "{what} can't be blank."),
  STAGED_UPLOAD_FILE_SIZE_REQUIRED: R(
    "UserError",
    null,
    "File size is required for {resource} uploads.",
    "Documented: fileSize is required for VIDEO and MODEL_3D.",
  ),
  DISPOSITION_EXCEEDS: R(
    "ReturnUserError",
    "GREATER_THAN",
    "Quantity {quantity} is greater than the undisposed quantity {available} of {id}.",
  ),
  RESTOCK_LOCATION_REQUIRED: R(
    "ReturnUserError",
    "BLANK",
    "Location can't be blank when the disposition type is RESTOCKED.",
  ),
  DISPOSITION_LINE_MISMATCH: R(
    "ReturnUserError",
    "INVALID",
    "Disposition line {id} does not belong to return line item {returnLineItemId}.",
  ),

  // ---- money in returnProcess ------------------------------------------------------------
  TRANSACTION_NOT_REFUNDABLE_KIND: R(
    "ReturnUserError",
    "INVALID",
    "Transaction {id} is a {kind} ({status}); refunds need a successful SALE or CAPTURE parent.",
  ),
  REFUND_AMOUNT_NOT_POSITIVE: R(
    "ReturnUserError",
    "INVALID",
    "Refund amounts must be greater than 0.",
  ),
  REFUND_EXCEEDS_TRANSACTION: R(
    "ReturnUserError",
    "INVALID",
    "Refund of {amount} exceeds the {remaining} still refundable on transaction {id}.",
    "A gateway can never refund more than it captured, so allowOverRefunding does not lift this one.",
  ),
  REFUND_EXCEEDS_REFUNDABLE: R(
    "ReturnUserError",
    "GREATER_THAN",
    "Refund total {amount} is greater than the refundable amount {refundable}. Set allowOverRefunding to refund more.",
    "Refundable = the order's maximumRefundable (captured minus refunded), Shopify's documented cap; with the opt-in strictReturnRefundCap, min(net of the settled lines per docs/refund-arithmetic.md, maximumRefundable).",
  ),
  SHIPPING_REFUND_EXCEEDS: R(
    "ReturnUserError",
    "GREATER_THAN",
    "Shipping refund {amount} is greater than the refundable shipping {remaining}.",
  ),
  REFUND_SHIPPING_WITHOUT_TRANSFER: R(
    "ReturnUserError",
    "INVALID",
    "refundShipping needs financialTransfer.issueRefund to move money.",
  ),
  STORE_CREDIT_NO_CUSTOMER: R(
    "ReturnUserError",
    "INVALID",
    "Store credit needs an order with a customer.",
  ),

  // ---- refundCreate (UserError: no code) ---------------------------------------------------
  REFUND_ORDER_NOT_FOUND: R("UserError", null, "Order does not exist"),
  REFUND_CURRENCY_REQUIRED: R(
    "UserError",
    null,
    "Currency is required when the order's presentment currency ({presentment}) differs from the shop currency ({shop})",
  ),
  REFUND_CURRENCY_MISMATCH: R(
    "UserError",
    null,
    "Currency {currency} does not match the order's presentment currency {presentment}",
  ),
  REFUND_LINE_ITEM_NOT_FOUND: R("UserError", null, "Line item {id} does not exist on this order"),
  REFUND_LINE_QUANTITY_INVALID: R(
    "UserError",
    null,
    "Quantity {quantity} is invalid: {refundable} refundable on line item {id}",
  ),
  REFUND_LEGACY_RESTOCK: R("UserError", null, "Restock type LEGACY_RESTOCK is not accepted"),
  REFUND_LOCATION_NOT_FOUND: R("UserError", null, "Location {id} does not exist"),
  REFUND_TRANSACTION_KIND: R("UserError", null, "Transaction kind must be REFUND"),
  REFUND_TRANSACTION_ORDER: R(
    "UserError",
    null,
    "Transaction order {id} does not match the refunded order",
  ),
  REFUND_PARENT_NOT_FOUND: R(
    "UserError",
    null,
    "Parent transaction {id} does not exist on this order",
  ),
  REFUND_PARENT_KIND: R(
    "UserError",
    null,
    "Parent transaction {id} must be a successful SALE or CAPTURE",
  ),
  REFUND_GATEWAY_MISMATCH: R(
    "UserError",
    null,
    "Gateway {gateway} does not match the parent transaction's gateway {expected}",
  ),
  REFUND_AMOUNT_INVALID: R("UserError", null, "Amount {amount} is invalid"),
  REFUND_EXCEEDS_PARENT: R(
    "UserError",
    null,
    "Amount {amount} exceeds the {remaining} still refundable on transaction {id}",
  ),
  REFUND_EXCEEDS_ORDER: R(
    "UserError",
    null,
    "Refund amount {amount} exceeds the refundable amount {refundable}",
  ),
  REFUND_SHIPPING_EXCEEDS: R(
    "UserError",
    null,
    "Shipping refund {amount} exceeds the refundable shipping {remaining}",
  ),
  REFUND_STORE_CREDIT_NO_CUSTOMER: R(
    "UserError",
    null,
    "Store credit refunds need an order with a customer",
  ),
  REFUND_STORE_CREDIT_CURRENCY: R(
    "UserError",
    null,
    "Store credit currency {currency} must be the order's presentment currency {presentment}",
  ),

  // ---- @idempotent (top-level; shape is a guess, shopify-platform.md §1.13) ------------------
  IDEMPOTENCY_KEY_MISSING: R(
    "top-level",
    "IDEMPOTENCY_KEY_REQUIRED",
    'refundCreate requires an idempotency key: add @idempotent(key: "...") to the field (mandatory since API version 2026-04).',
  ),
  IDEMPOTENCY_KEY_BLANK: R(
    "top-level",
    "IDEMPOTENCY_KEY_REQUIRED",
    "The idempotency key must not be empty or whitespace.",
  ),
  IDEMPOTENCY_KEY_PARAMETER_MISMATCH: R(
    "top-level",
    "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
    "The idempotency key {key} was already used with different parameters.",
    "Code borrowed from the inventory mutations' user-error enum.",
  ),

  // ---- storeCreditAccountCredit ----------------------------------------------------------
  SC_OWNER_NOT_FOUND: R(
    "StoreCreditAccountCreditUserError",
    "OWNER_NOT_FOUND",
    "Owner does not exist.",
  ),
  SC_ACCOUNT_NOT_FOUND: R(
    "StoreCreditAccountCreditUserError",
    "ACCOUNT_NOT_FOUND",
    "Store credit account does not exist.",
  ),
  SC_NEGATIVE_OR_ZERO: R(
    "StoreCreditAccountCreditUserError",
    "NEGATIVE_OR_ZERO_AMOUNT",
    "A positive amount must be used to credit a store credit account.",
  ),
  SC_EXPIRES_IN_PAST: R(
    "StoreCreditAccountCreditUserError",
    "EXPIRES_AT_IN_PAST",
    "The expiry date must be in the future.",
  ),
  SC_MISMATCHING_CURRENCY: R(
    "StoreCreditAccountCreditUserError",
    "MISMATCHING_CURRENCY",
    "The currency provided does not match the currency of the store credit account.",
  ),
  SC_UNSUPPORTED_CURRENCY: R(
    "StoreCreditAccountCreditUserError",
    "UNSUPPORTED_CURRENCY",
    "The currency {currency} is not enabled for this shop.",
  ),
  SC_INVALID_AMOUNT: R(
    "StoreCreditAccountCreditUserError",
    "NEGATIVE_OR_ZERO_AMOUNT",
    "Amount {amount} is not a valid amount in {currency}.",
  ),

  // ---- giftCardCreate --------------------------------------------------------------------
  GC_CUSTOMER_NOT_FOUND: R("GiftCardUserError", "CUSTOMER_NOT_FOUND", "Customer does not exist."),
  GC_CODE_TOO_SHORT: R(
    "GiftCardUserError",
    "TOO_SHORT",
    "Code is too short (minimum is 8 characters).",
  ),
  GC_CODE_TOO_LONG: R(
    "GiftCardUserError",
    "TOO_LONG",
    "Code is too long (maximum is 20 characters).",
  ),
  GC_CODE_INVALID: R("GiftCardUserError", "INVALID", "Code can only contain letters and numbers."),
  GC_CODE_TAKEN: R("GiftCardUserError", "TAKEN", "Code has already been taken."),
  GC_AMOUNT_MISSING: R("GiftCardUserError", "MISSING_ARGUMENT", "initialAmount is required."),
  GC_AMOUNT_INVALID: R("GiftCardUserError", "INVALID", "Initial amount must be greater than 0."),
  GC_CURRENCY_INVALID: R(
    "GiftCardUserError",
    "INVALID",
    "Currency {currency} is not enabled for this shop.",
  ),
  GC_LIMIT_EXCEEDED: R(
    "GiftCardUserError",
    "GIFT_CARD_LIMIT_EXCEEDED",
    "Initial amount exceeds the gift card limit.",
  ),

  // ---- discountCodeBasicCreate -----------------------------------------------------------
  DISCOUNT_BLANK: R("DiscountUserError", "BLANK", "{what} can't be blank."),
  DISCOUNT_CODE_TOO_LONG: R(
    "DiscountUserError",
    "TOO_LONG",
    "Code is too long (maximum is 255 characters).",
  ),
  DISCOUNT_CODE_TAKEN: R(
    "DiscountUserError",
    "TAKEN",
    "Code must be unique. Please try a different code.",
  ),
  DISCOUNT_END_BEFORE_START: R(
    "DiscountUserError",
    "END_DATE_BEFORE_START_DATE",
    "End date must be after the start date.",
  ),
  DISCOUNT_PERCENTAGE_RANGE: R(
    "DiscountUserError",
    "VALUE_OUTSIDE_RANGE",
    "Percentage must be greater than 0 and at most 1 (1 = 100 %).",
  ),
  DISCOUNT_AMOUNT_INVALID: R("DiscountUserError", "GREATER_THAN", "Amount must be greater than 0."),
  DISCOUNT_VALUE_UNSUPPORTED: R(
    "DiscountUserError",
    "INVALID",
    "Only percentage and discountAmount values are supported by the offline stand-in.",
  ),
  DISCOUNT_ITEMS_UNSUPPORTED: R(
    "DiscountUserError",
    "INVALID",
    "Only items { all: true } is supported by the offline stand-in.",
  ),
  DISCOUNT_CUSTOMER_NOT_FOUND: R("DiscountUserError", "INVALID", "Customer {id} does not exist."),
  DISCOUNT_MINIMUM_INVALID: R("DiscountUserError", "GREATER_THAN", "Minimum subtotal must be greater than 0."),
  DISCOUNT_USAGE_LIMIT_INVALID: R("DiscountUserError", "GREATER_THAN", "Usage limit must be greater than 0."),

  // ---- customerEmailMarketingConsentUpdate ----------------------------------------------
  CONSENT_CUSTOMER_NOT_FOUND: R(
    "CustomerEmailMarketingConsentUpdateUserError",
    "INVALID",
    "Customer does not exist.",
  ),
  CONSENT_STATE_NOT_ALLOWED: R(
    "CustomerEmailMarketingConsentUpdateUserError",
    "INCLUSION",
    "Marketing state must be SUBSCRIBED, UNSUBSCRIBED or PENDING.",
    "documented: only these three can be set",
  ),
  CONSENT_NO_EMAIL: R(
    "CustomerEmailMarketingConsentUpdateUserError",
    "INVALID",
    "The customer has no email address.",
    "documented: the customer must have an email address",
  ),
} as const satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

/**
 * Behaviour choices Shopify leaves open ([U] in shopify-platform.md); documented here next to
 * the codes so both can be revised together.
 */
export const BEHAVIOUR = {
  returnRefundCap:
    "returnProcess refunds are capped at what the order can still refund (captured minus refunded), as Shopify documents for maximumRefundable; nothing stops a second refund of the same goods while the order has money left. Option `strictReturnRefundCap: true` caps at the return's unrefunded net instead (a guess, off by default).",
  autoCloseOnProcess:
    "returnProcess does NOT close the return by default; the app calls returnClose. Option `autoCloseOnProcess: true` closes it (and emits returns/close) once every return and exchange line is fully processed.",
  rfoOnApprove:
    "returnApproveRequest creates the reverse fulfillment order (as returnCreate does); REQUESTED returns have none.",
  createEmitsApprove:
    "returnCreate (status OPEN at once) emits returns/approve; there is no returns/create topic.",
  cancelStatuses:
    "returnCancel works from REQUESTED or OPEN, only while no item is processed or disposed and no refund exists.",
  declineFrees:
    "Declined and canceled returns release their quantities; REQUESTED, OPEN and CLOSED returns hold them.",
  removeAll: "removeFromReturn that leaves no quantity cancels the return (returns/cancel).",
  refundSettlement:
    "A refund through returnProcess settles every processed-but-unrefunded return line quantity (and processed exchange quantity); return shipping fees are charged once, with the first settlement.",
  storeCreditGateway:
    "Store credit refunds are REFUND transactions with gateway shopify_store_credit (no parent) and credit the customer's account in the order's presentment currency.",
  orderLevelDiscount:
    "A discount application with targetSelection ALL is an order-level discount (D_order); everything else allocated to a line is line-level (D_line).",
} as const;

export interface RaisedError {
  rule: RuleName;
  field: string[] | null;
  message: string;
  code: string | null;
}

export function fail(
  rule: RuleName,
  field: string[] | null,
  params: Record<string, unknown> = {},
): RaisedError {
  const r: Rule = RULES[rule];
  const message = r.message.replace(/\{(\w+)\}/g, (_, k: string) =>
    k in params ? String(params[k]) : `{${k}}`,
  );
  return { rule, field, message, code: r.code };
}

/** userErrors entry for the payload (UserError has no code). */
export function toUserError(e: RaisedError): {
  field: string[] | null;
  message: string;
  code?: string | null;
} {
  const kind = RULES[e.rule].kind;
  if (kind === "UserError") return { field: e.field, message: e.message };
  return { field: e.field, message: e.message, code: e.code };
}

/** Markdown table of every rule (used by the README and its drift test). */
export function rulesMarkdownTable(): string {
  const rows = Object.entries(RULES).map(
    ([name, r]) =>
      `| \`${name}\` | ${r.kind} | ${r.code ? `\`${r.code}\`` : "—"} | ${r.message.replace(/\|/g, "\\|")} |`,
  );
  return ["| Rule | Surfaces as | Code | Message |", "|---|---|---|---|", ...rows].join("\n");
}
