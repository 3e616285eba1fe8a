/**
 * The policy editor: keeps the edited policy in state, validates it with the domain's schema
 * as the merchant types (the server validates again), shows the App Bridge save bar while
 * there are unsaved changes, and reports the save: saved, saved but the storefront not yet
 * updated, refused with messages next to the fields, or refused because someone else saved.
 * Messages, the editor's own and the server's, are worded here in the admin's language from
 * each issue's code (app/i18n/policy-issues.ts).
 */
import { useEffect, useMemo, useState } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Layout, Text } from "@shopify/polaris";
import { parseReturnPolicy, type PolicyIssue, type ReturnPolicy } from "~/domain/policy";
import type { AdminLocale, Translator } from "~/i18n/admin-locale";
import type { SettingsKey } from "~/i18n/catalogs/settings";
import { issuesIn, PolicyFormContext, setPath, type PolicyForm } from "./form-context";
import { IssuesBanner } from "./IssuesBanner";
import { PolicySections } from "./PolicySections";

export type SaveAnswer =
  | { ok: true; version: number; published: boolean }
  | { ok: false; kind: "invalid"; issues: PolicyIssue[] }
  | { ok: false; kind: "conflict"; savedBy: string | null; savedAt: string | null; version: number }
  | { ok: false; kind: "error"; message: string };

interface Props {
  policy: ReturnPolicy;
  version: number;
  publishedVersion: number;
  t: Translator<SettingsKey>;
  locale: AdminLocale;
  shopCurrency: string;
  locations: ReadonlyArray<{ id: string; name: string }>;
}

export function PolicyEditor(props: Props) {
  const { t } = props;
  const fetcher = useFetcher<SaveAnswer>();
  const [saved, setSaved] = useState({ policy: props.policy, version: props.version });
  const [policy, setPolicy] = useState<ReturnPolicy>(props.policy);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [showIssues, setShowIssues] = useState(false);

  // New loader data (after a save or a reload after a conflict) resets the editor.
  useEffect(() => {
    setSaved({ policy: props.policy, version: props.version });
    setPolicy(props.policy);
    setDrafts({});
    setShowIssues(false);
  }, [props.policy, props.version]);

  const dirty = useMemo(() => JSON.stringify(policy) !== JSON.stringify(saved.policy), [policy, saved.policy]);
  const clientIssues = useMemo(() => {
    const parsed = parseReturnPolicy(policy);
    return parsed.ok ? [] : parsed.issues;
  }, [policy]);
  const answer = fetcher.data;
  const serverIssues = answer && !answer.ok && answer.kind === "invalid" && fetcher.state === "idle" ? answer.issues : [];
  // Messages appear as soon as a field is wrong, once the merchant has started editing.
  const issues = dirty || showIssues ? [...clientIssues, ...serverIssues.filter((s) => !clientIssues.some((c) => c.path === s.path))] : [];

  const form: PolicyForm = {
    policy,
    issues: issuesIn(props.locale, issues),
    t,
    locale: props.locale,
    shopCurrency: props.shopCurrency,
    locations: props.locations,
    draft: (path) => drafts[path],
    set: (path, value, draft) => {
      setPolicy((p) => setPath(p, path, value));
      setDrafts((d) => {
        const next = { ...d };
        if (draft === undefined) delete next[path];
        else next[path] = draft;
        return next;
      });
    },
  };

  const saving = fetcher.state !== "idle";
  const save = () => {
    setShowIssues(true);
    if (clientIssues.length > 0) return;
    fetcher.submit({ intent: "save", version: saved.version, policy } as never, { method: "post", encType: "application/json" });
  };
  const discard = () => {
    setPolicy(saved.policy);
    setDrafts({});
    setShowIssues(false);
  };

  return (
    <PolicyFormContext.Provider value={form}>
      <SaveBar id="policy-save-bar" open={dirty}>
        <button variant="primary" onClick={save} disabled={saving} {...(saving ? { loading: "" } : {})}>
          {t("save")}
        </button>
        <button onClick={discard} disabled={saving}>
          {t("discard")}
        </button>
      </SaveBar>
      <BlockStack gap="400">
        <SaveResult answer={fetcher.state === "idle" ? answer : undefined} t={t} issueCount={issues.length} showIssues={showIssues} />
        {props.publishedVersion < props.version && !(answer && answer.ok) ? (
          <Layout>
            <Layout.Section>
              <Banner tone="warning" title={t("unpublishedTitle")}>
                <p>{t("unpublishedBody")}</p>
              </Banner>
            </Layout.Section>
          </Layout>
        ) : null}
        {showIssues ? <IssuesBanner issues={issues} t={t} locale={props.locale} /> : null}
        <PolicySections />
      </BlockStack>
    </PolicyFormContext.Provider>
  );
}

function SaveResult({ answer, t }: { answer: SaveAnswer | undefined; t: Translator<SettingsKey>; issueCount: number; showIssues: boolean }) {
  const revalidator = useRevalidator();
  if (!answer) return null;
  if (answer.ok) {
    return (
      <Banner tone={answer.published ? "success" : "warning"} title={answer.published ? t("savedTitle", { version: answer.version }) : t("savedUnpublishedTitle")}>
        <p>{answer.published ? t("savedBody") : t("unpublishedBody")}</p>
      </Banner>
    );
  }
  if (answer.kind === "conflict") {
    return (
      <Banner tone="critical" title={t("conflictTitle")} action={{ content: t("conflictReload"), onAction: () => revalidator.revalidate() }}>
        <Text as="p">{answer.savedBy ? t("conflictBodyWho", { who: answer.savedBy, when: answer.savedAt ?? "" }) : t("conflictBody")}</Text>
      </Banner>
    );
  }
  if (answer.kind === "error") return <Banner tone="critical" title={answer.message} />;
  return null;
}
