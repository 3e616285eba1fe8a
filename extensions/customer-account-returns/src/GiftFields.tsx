/** @jsxImportSource preact */
/**
 * "This was a gift" for a signed-in buyer: the recipient's name and e-mail (required: their
 * gift card goes there) and, for an exchange, where it should go when that is not the
 * order's address. While it is ticked the flow offers only store credit or an exchange; the
 * app checks everything again (app/domain/gift.ts), the same path as the theme portal.
 */
import { t } from "./host";

export interface GiftValue {
  on: boolean;
  name: string;
  email: string;
  address: string;
}

export const NO_GIFT: GiftValue = { on: false, name: "", email: "", address: "" };

/** The e-mail the app would accept, roughly (the app has the last word). */
export const giftEmailOk = (v: GiftValue) => !v.on || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim());

/** The filing body's `gift`, or null when it is not a gift. */
export const giftBody = (v: GiftValue) =>
  v.on
    ? {
        recipientName: v.name.trim() || null,
        recipientEmail: v.email.trim(),
        addressLines: v.address.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 8),
      }
    : null;

const valueOf = (e: Event) => (e.currentTarget as unknown as { value: string }).value;

export function GiftToggle(props: { value: GiftValue; onChange: (change: Partial<GiftValue>) => void }) {
  return (
    <s-checkbox checked={props.value.on} onChange={(e: Event) => props.onChange({ on: (e.currentTarget as unknown as { checked: boolean }).checked })}>
      {t("gift.toggle")}
    </s-checkbox>
  );
}

export function GiftFields(props: { value: GiftValue; onChange: (change: Partial<GiftValue>) => void }) {
  const { value } = props;
  const set = props.onChange;
  return (
    <s-section heading={t("gift.heading")}>
      <s-stack direction="block" gap="small-200">
        <s-text color="subdued">{t("gift.help")}</s-text>
        <s-text-field label={t("gift.name")} value={value.name} maxLength={200} onChange={(e: Event) => set({ name: valueOf(e) })} />
        <s-email-field
          label={t("gift.email")}
          value={value.email}
          required
          error={value.email.trim() && !giftEmailOk(value) ? t("gift.emailInvalid") : undefined}
          onChange={(e: Event) => set({ email: valueOf(e) })}
        />
        <s-text-area label={t("gift.address")} value={value.address} rows={3} onChange={(e: Event) => set({ address: valueOf(e) })} />
      </s-stack>
    </s-section>
  );
}
