/**
 * Gift cards for gift returns (app/services/gift-card.server.ts): the recipient of a gift is
 * known only by name and e-mail, so the app issues an unassigned gift card (no customer
 * record is made for them) and e-mails its code itself. `giftCardCreate` takes no
 * idempotency key; the code is derived from the return, so a repeat (a retried request, a
 * lost answer, a second instance) meets Shopify's unique-code rule (TAKEN) and the existing
 * card is read back by its code instead of a second one being made.
 */
import type { AdminClient, AdminDocument } from "./client.server";
import { ShopifyUserErrors } from "./errors";
import { fromMinorUnits, toMinorUnits } from "./money";
import type {
  GiftReturnCardCreateMutation,
  GiftReturnCardCreateMutationVariables,
  GiftReturnCardByCodeQuery,
  GiftReturnCardByCodeQueryVariables,
} from "./generated/admin.types";

export const GIFT_RETURN_CARD_CREATE = `#graphql
  mutation GiftReturnCardCreate($input: GiftCardCreateInput!) {
    giftCardCreate(input: $input) {
      giftCard { id lastCharacters initialValue { amount currencyCode } note }
      userErrors { field message code }
    }
  }
` as AdminDocument<GiftReturnCardCreateMutation, GiftReturnCardCreateMutationVariables>;

export const GIFT_RETURN_CARD_BY_CODE = `#graphql
  query GiftReturnCardByCode($query: String!) {
    giftCards(first: 5, query: $query) {
      nodes { id lastCharacters initialValue { amount currencyCode } note }
    }
  }
` as AdminDocument<GiftReturnCardByCodeQuery, GiftReturnCardByCodeQueryVariables>;

export interface GiftCardIssued {
  id: string;
  lastCharacters: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** False when the card already existed (an earlier attempt made it). */
  created: boolean;
}

export interface GiftCardRequest {
  code: string;
  amount: number;
  currency: string;
  expiresOn: string | null;
  /** Staff-only note (not shown to the recipient): the RMA and the order. */
  note: string;
}

type CardNode = { id: string; lastCharacters: string; initialValue: { amount: unknown; currencyCode: string }; note?: string | null };

const toIssued = (card: CardNode, created: boolean): GiftCardIssued => ({
  id: card.id,
  lastCharacters: card.lastCharacters,
  amount: toMinorUnits(String(card.initialValue.amount), card.initialValue.currencyCode),
  currency: card.initialValue.currencyCode,
  created,
});

/** The card with exactly this code, or null. Shopify's default search covers codes; only the full code's last characters and our note count. */
export async function findGiftCardByCode(client: AdminClient, code: string, note: string): Promise<GiftCardIssued | null> {
  const { data } = await client.request(GIFT_RETURN_CARD_BY_CODE, { query: code });
  const match = data.giftCards.nodes.find((n) => n.lastCharacters.toLowerCase() === code.slice(-4).toLowerCase() && (n.note ?? "") === note);
  return match ? toIssued(match, false) : null;
}

/**
 * Creates the card, or finds the one an earlier attempt created (TAKEN). Safe to repeat,
 * so the client may resend after a lost answer (retryUnsafe).
 */
export async function issueGiftCard(client: AdminClient, input: GiftCardRequest): Promise<GiftCardIssued> {
  const { data } = await client.request(
    GIFT_RETURN_CARD_CREATE,
    {
      input: {
        code: input.code,
        initialAmount: { amount: fromMinorUnits(input.amount, input.currency), currencyCode: input.currency as never },
        note: input.note,
        ...(input.expiresOn ? { expiresOn: input.expiresOn } : {}),
      },
    },
    { retryUnsafe: true },
  );
  const payload = data.giftCardCreate;
  const errors = payload?.userErrors ?? [];
  if (errors.length === 0 && payload?.giftCard) return toIssued(payload.giftCard, true);
  if (errors.some((e) => e.code === "TAKEN")) {
    const existing = await findGiftCardByCode(client, input.code, input.note);
    if (existing) return existing;
  }
  throw new ShopifyUserErrors("giftCardCreate", errors.map((e) => ({ field: e.field ?? null, message: e.message, code: e.code ?? null })));
}
