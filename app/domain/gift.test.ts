import { describe, expect, it } from "vitest";
import { GiftRecipientSchema, giftCardPayout, giftLineProblems, normalizePostcode } from "./gift";
import type { Settlement } from "./refund";

const settlement = (refund: number, credit: number, bonus: number, expiresAt: string | null): Settlement => ({
  originalPayment: { amount: refund, transactions: [], unallocated: 0 },
  storeCredit: { amount: credit, bonus, bonusPercent: 10, expiresAt },
  exchange: { returnedValue: 0, exchangeTotal: 0, balance: 0 },
  invoice: 0,
});

describe("gift returns (pure)", () => {
  it("GIVEN a settlement WHEN paid to a gift's recipient THEN the card carries refund bucket, credit and bonus, expiring on the credit's date", () => {
    expect(giftCardPayout(settlement(5000, 119900, 11990, "2027-11-29T12:00:00.000Z"))).toEqual({ amount: 136890, bonus: 11990, expiresOn: "2027-11-29" });
    expect(giftCardPayout(settlement(0, 0, 0, null))).toEqual({ amount: 0, bonus: 0, expiresOn: null });
  });

  it("GIVEN lines WHEN any asks for a refund THEN its index is a problem; store credit and exchange are fine", () => {
    expect(giftLineProblems([{ resolution: "STORE_CREDIT" }, { resolution: "REFUND" }, { resolution: "EXCHANGE" }])).toEqual([1]);
  });

  it("GIVEN a recipient WHEN parsed THEN the e-mail is required, lower-cased and free of header tricks; a blank name is null", () => {
    expect(GiftRecipientSchema.parse({ recipientName: "  ", recipientEmail: " Elsa@Example.COM " })).toEqual({ recipientName: null, recipientEmail: "elsa@example.com", addressLines: [] });
    for (const bad of [{}, { recipientEmail: "elsa" }, { recipientEmail: "a@b.se\r\nBcc: x@y.z" }, { recipientEmail: `${"a".repeat(250)}@b.se` }]) {
      const r = GiftRecipientSchema.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("GIFT_EMAIL");
    }
    expect(GiftRecipientSchema.safeParse({ recipientName: "E".repeat(201), recipientEmail: "e@x.se" }).error?.issues[0]?.message).toBe("GIFT_NAME_TOO_LONG");
  });

  it("GIVEN an exchange address WHEN parsed THEN blank lines go; more than 8 lines or a line over 120 characters is GIFT_ADDRESS", () => {
    expect(GiftRecipientSchema.parse({ recipientEmail: "e@x.se", addressLines: [" Elsa Berg ", "", "Storgatan 1"] }).addressLines).toEqual(["Elsa Berg", "Storgatan 1"]);
    for (const addressLines of [Array.from({ length: 9 }, () => "x"), ["x".repeat(121)], "Storgatan 1"]) {
      expect(GiftRecipientSchema.safeParse({ recipientEmail: "e@x.se", addressLines }).error?.issues[0]?.message).toBe("GIFT_ADDRESS");
    }
  });

  it("GIVEN postcodes as people type them WHEN normalized THEN case, spaces and dashes do not count", () => {
    expect(normalizePostcode(" 118 46 ")).toBe(normalizePostcode("11846"));
    expect(normalizePostcode("sw1a 1aa")).toBe("SW1A1AA");
    expect(normalizePostcode("1234-567")).toBe("1234567");
    expect(normalizePostcode(null)).toBe("");
  });
});
