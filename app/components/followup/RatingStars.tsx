/** A 1–5 rating as stars, with the number for screen readers. */
import { Text } from "@shopify/polaris";
import type { AdminLocale } from "~/i18n/admin-locale";
import { followupAdmin } from "~/i18n/followup-admin";

export function RatingStars({ rating, locale }: { rating: number; locale?: AdminLocale }) {
  const FA = followupAdmin(locale);
  const full = Math.round(rating);
  return (
    <Text as="span" variant="headingMd">
      <span aria-hidden="true" style={{ color: "#b98900", letterSpacing: "0.1em" }}>
        {"★".repeat(full)}
        <span style={{ color: "#c9cccf" }}>{"★".repeat(5 - full)}</span>
      </span>{" "}
      <Text as="span" variant="bodyMd">
        {FA.ratingOf(rating)}
      </Text>
    </Text>
  );
}
