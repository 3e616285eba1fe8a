/**
 * State of the policy editor shared by its sections: the policy being edited, a setter by
 * dotted path, the raw text of fields being typed (so "1," or "4." stay as typed), and the
 * issues for each field from the domain's validation (client-side) and the server, their
 * messages already in the admin's language (PolicyEditor words them with policyIssueText).
 */
import { createContext, useContext } from "react";
import type { PolicyIssue, ReturnPolicy } from "~/domain/policy";
import type { AdminLocale, Translator } from "~/i18n/admin-locale";
import type { SettingsKey } from "~/i18n/catalogs/settings";
import { policyIssueText } from "~/i18n/policy-issues";

export interface PolicyForm {
  policy: ReturnPolicy;
  set(path: string, value: unknown, draft?: string): void;
  draft(path: string): string | undefined;
  /** `message` is the admin-language text to show (not the domain's English). */
  issues: readonly PolicyIssue[];
  t: Translator<SettingsKey>;
  /** The admin's language (names of things the catalog doesn't hold, such as return reasons). */
  locale: AdminLocale;
  shopCurrency: string;
  locations: ReadonlyArray<{ id: string; name: string }>;
}

export const PolicyFormContext = createContext<PolicyForm | null>(null);

export function usePolicyForm(): PolicyForm {
  const form = useContext(PolicyFormContext);
  if (!form) throw new Error("usePolicyForm outside PolicyFormContext");
  return form;
}

/** Reads a dotted path ("returnMethods.homePickup.enabled") from the policy. */
export function getPath(root: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node === null || node === undefined ? undefined : (node as Record<string, unknown>)[key]), root);
}

/** A copy of `root` with `path` set to `value` (only the objects on the path are copied). */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split(".");
  const node = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string, unknown>;
  node[key!] = rest.length === 0 ? value : setPath(node[key!], rest.join("."), value);
  return node as T;
}

/** The issues with their messages in the admin's language (the domain's `message` is English). */
export function issuesIn(locale: AdminLocale, issues: readonly PolicyIssue[]): PolicyIssue[] {
  return issues.map((i) => ({ ...i, message: policyIssueText(i, locale) }));
}

/**
 * Messages for a field. `prefix` also takes messages of its items (a list's "tags.2").
 * Duplicates (the same message for two items) are shown once.
 */
export function messagesFor(issues: readonly PolicyIssue[], path: string, prefix = false): string | undefined {
  const found = issues.filter((i) => i.path === path || (prefix && i.path.startsWith(`${path}.`))).map((i) => i.message);
  return found.length ? [...new Set(found)].join(" ") : undefined;
}
