/**
 * E-mail marketing consent, for the app's win-back offers: customerEmailMarketingConsentUpdate
 * as documented (only SUBSCRIBED, UNSUBSCRIBED and PENDING can be set; the customer must have
 * an e-mail address). The consent is read through Customer.defaultEmailAddress (resolvers.ts).
 */
import type { CustomerRec } from "./model";
import { fail, toUserError } from "./rules";
import { getNode, isoNow } from "./store";
import type { Resolver } from "./resolvers";

/* eslint-disable @typescript-eslint/no-explicit-any */
export const MARKETING_RESOLVERS: Record<string, Record<string, Resolver>> = {
  Mutation: {
    customerEmailMarketingConsentUpdate: (_s, a: any, c) => {
      const input = a.input ?? {};
      const customer = getNode<CustomerRec>(c.shop, input.customerId, "Customer");
      const consent = input.emailMarketingConsent ?? {};
      const errors = [];
      if (!customer) errors.push(fail("CONSENT_CUSTOMER_NOT_FOUND", ["input", "customerId"]));
      else if (!customer.emailAddress) errors.push(fail("CONSENT_NO_EMAIL", ["input", "customerId"]));
      if (!["SUBSCRIBED", "UNSUBSCRIBED", "PENDING"].includes(consent.marketingState))
        errors.push(fail("CONSENT_STATE_NOT_ALLOWED", ["input", "emailMarketingConsent", "marketingState"]));
      if (errors.length || !customer)
        return { customer: null, userErrors: errors.map((e) => toUserError(e)) };
      customer.marketingState = consent.marketingState;
      customer.marketingOptInLevel = consent.marketingOptInLevel ?? customer.marketingOptInLevel ?? null;
      customer.marketingUpdatedAt = isoNow(consent.consentUpdatedAt ? new Date(consent.consentUpdatedAt) : c.now());
      customer.updatedAt = isoNow(c.now());
      return { customer, userErrors: [] };
    },
  },
};
