/**
 * Which item a shopper may take in exchange. By default an exchange is another variant of
 * the SAME product (another size or colour). A merchant may allow other products; then the
 * price difference is explicit: a cheaper item → the difference is paid out (refund or store
 * credit, policy.exchange.surplusTo); a dearer one → refused, since the storefront never
 * asks a shopper to pay more. (Once a 1,199 SEK sweater was exchanged for an 8,995 SEK
 * sideboard: any variant id was accepted.)
 */
export type ExchangeChoiceProblem = "EXCHANGE_OTHER_PRODUCT" | "EXCHANGE_COSTS_MORE";

export interface ExchangeChoice {
  /** Product of the item being returned (null when Shopify no longer has it). */
  returnedProductId: string | null;
  /** Product of the variant asked for. */
  chosenProductId: string;
  /** What the shopper paid for the returned units (minor units, order currency). */
  returnedValue: number;
  /** Price of the chosen units (minor units, same currency). */
  chosenValue: number;
  allowOtherProducts: boolean;
}

export function checkExchangeChoice(choice: ExchangeChoice): ExchangeChoiceProblem | null {
  const sameProduct = choice.returnedProductId !== null && choice.returnedProductId === choice.chosenProductId;
  if (sameProduct) return null;
  if (!choice.allowOtherProducts) return "EXCHANGE_OTHER_PRODUCT";
  if (choice.chosenValue > choice.returnedValue) return "EXCHANGE_COSTS_MORE";
  return null;
}
