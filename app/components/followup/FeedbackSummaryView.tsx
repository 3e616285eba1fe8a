/** Ratings in the analytics range: count, average, distribution and the latest comments. */
import { BlockStack, InlineStack, Link, Text } from "@shopify/polaris";
import type { AdminLocale } from "~/i18n/admin-locale";
import { followupAdmin } from "~/i18n/followup-admin";
import { RatingStars } from "./RatingStars";

export interface FeedbackSummaryProps {
  summary: {
    count: number;
    average: number | null;
    distribution: Record<string, number>;
    comments: { returnId: string; rmaNumber: string | null; rating: number; comment: string }[];
  };
  emptyText: string;
}

export function FeedbackSummaryView({ summary, emptyText, locale }: FeedbackSummaryProps & { locale?: AdminLocale }) {
  const FA = followupAdmin(locale);
  if (summary.count === 0) {
    return (
      <Text as="p" tone="subdued">
        {emptyText}
      </Text>
    );
  }
  const max = Math.max(1, ...Object.values(summary.distribution));
  return (
    <BlockStack gap="300">
      <InlineStack gap="400" blockAlign="center">
        <Text as="p" variant="headingLg">
          {FA.feedbackAverage}: {summary.average?.toFixed(1)}
        </Text>
        <Text as="p" tone="subdued">
          {FA.feedbackCount(summary.count)}
        </Text>
      </InlineStack>
      <table aria-label={FA.feedbackAverage} style={{ borderCollapse: "collapse" }}>
        <tbody>
          {[5, 4, 3, 2, 1].map((r) => (
            <tr key={r}>
              <th scope="row" style={{ textAlign: "left", fontWeight: 400, paddingRight: 8 }}>
                {FA.ratingOf(r)}
              </th>
              <td style={{ width: 240 }}>
                <div style={{ background: "#8a6116", height: 10, width: `${((summary.distribution[r] ?? 0) / max) * 100}%`, borderRadius: 2 }} />
              </td>
              <td style={{ paddingLeft: 8, textAlign: "right" }}>{summary.distribution[r] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.comments.length ? (
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {FA.feedbackLatest}
          </Text>
          {summary.comments.map((c) => (
            <BlockStack key={c.returnId} gap="050">
              <InlineStack gap="200">
                <RatingStars rating={c.rating} locale={locale} />
                <Link url={`/app/returns/${c.returnId}`}>{c.rmaNumber ?? c.returnId}</Link>
              </InlineStack>
              <Text as="p">{c.comment}</Text>
            </BlockStack>
          ))}
        </BlockStack>
      ) : null}
    </BlockStack>
  );
}
