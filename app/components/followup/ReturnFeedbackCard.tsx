/** The shopper's rating (and comment) of one return, on the return page. */
import { BlockStack, Card, Text } from "@shopify/polaris";
import type { AdminLocale } from "~/i18n/admin-locale";
import { followupAdmin } from "~/i18n/followup-admin";
import { RatingStars } from "./RatingStars";

export interface ReturnFeedbackProps {
  feedback: { rating: number; comment: string | null } | null;
}

export function ReturnFeedbackCard({ feedback, locale }: ReturnFeedbackProps & { locale?: AdminLocale }) {
  const FA = followupAdmin(locale);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {FA.ratingTitle}
        </Text>
        {feedback ? (
          <>
            <RatingStars rating={feedback.rating} locale={locale} />
            {feedback.comment ? (
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {FA.ratingComment}
                </Text>
                <Text as="p">{feedback.comment}</Text>
              </BlockStack>
            ) : null}
          </>
        ) : (
          <Text as="p" tone="subdued">
            {FA.ratingNone}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
