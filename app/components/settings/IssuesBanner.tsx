/**
 * The save banner's list of what to fix, in the admin's language: each issue with its
 * field's label in front ("Returtid: Kan inte vara negativt."), the first eight of them.
 */
import { Banner, List } from "@shopify/polaris";
import type { PolicyIssue } from "~/domain/policy";
import type { AdminLocale, Translator } from "~/i18n/admin-locale";
import type { SettingsKey } from "~/i18n/catalogs/settings";
import { policyIssueLine } from "~/i18n/policy-issues";

const SHOWN = 8;

export function IssuesBanner({ issues, t, locale }: { issues: readonly PolicyIssue[]; t: Translator<SettingsKey>; locale: AdminLocale }) {
  if (issues.length === 0) return null;
  return (
    <Banner tone="critical" title={t("issuesTitle", { count: issues.length })}>
      <List>
        {issues.slice(0, SHOWN).map((i) => (
          <List.Item key={`${i.path}:${i.code}:${i.message}`}>{policyIssueLine(i, locale)}</List.Item>
        ))}
      </List>
    </Banner>
  );
}
