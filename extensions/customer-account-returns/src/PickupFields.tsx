/** @jsxImportSource preact */
/**
 * Home pickup: where the carrier collects the parcel (the order's shipping address to start
 * with) and the shopper's date window. The allowed dates come from the app (options.limits.
 * pickup, from app/domain/pickup.ts in the shop's time zone); the app checks them again.
 */
import { t } from "./host";

export interface PickupLimits {
  earliest: string;
  latest: string;
  windowMaxDays: number;
}

export interface PickupValue {
  address: string;
  from: string;
  to: string;
}

export const addDays = (isoDay: string, days: number): string => {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The first window offered: from the earliest day, five days long (or shorter if the policy says so). */
export const initialPickup = (addressLines: string[], limits: PickupLimits): PickupValue => ({
  address: addressLines.join("\n"),
  from: limits.earliest,
  to: addDays(limits.earliest, Math.min(4, limits.windowMaxDays - 1)),
});

const valueOf = (e: Event) => (e.currentTarget as unknown as { value: string }).value;

export function PickupFields(props: { value: PickupValue; limits: PickupLimits; onChange: (change: Partial<PickupValue>) => void }) {
  const { value, limits } = props;
  const set = props.onChange;
  const lastTo = value.from ? addDays(value.from, limits.windowMaxDays - 1) : addDays(limits.latest, limits.windowMaxDays - 1);
  return (
    <s-section heading={t("pickup.heading")}>
      <s-stack direction="block" gap="small-200">
        <s-text-area label={t("pickup.address")} value={value.address} rows={3} onChange={(e: Event) => set({ address: valueOf(e) })} />
        <s-date-field label={t("pickup.from")} value={value.from} allow={`${limits.earliest}--${limits.latest}`} onChange={(e: Event) => set({ from: valueOf(e) })} />
        <s-date-field label={t("pickup.to")} value={value.to} allow={`${value.from || limits.earliest}--${lastTo}`} onChange={(e: Event) => set({ to: valueOf(e) })} />
        <s-text color="subdued">{t("pickup.help", { days: limits.windowMaxDays })}</s-text>
      </s-stack>
    </s-section>
  );
}
