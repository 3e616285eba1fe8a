/** @jsxImportSource preact */
/**
 * Why nothing on an order can be returned, the same in the action modal and the Order status
 * note: the app's messages (already in the shopper's language), a closed window with its last
 * day in the shopper's locale.
 */
import type { NotReturnable } from "./api";
import { formatDay, t } from "./host";

const whyText = (n: NotReturnable): string => (n.lastDay ? `${n.message} ${t("items.lastDay", { date: formatDay(n.lastDay, "long") })}` : n.message);

export function WhyNot({ reasons }: { reasons: NotReturnable[] }) {
  return (
    <>
      {reasons.map((n) => (
        <s-paragraph key={n.code}>{whyText(n)}</s-paragraph>
      ))}
    </>
  );
}
