/**
 * Every admin catalog, by area. A new area adds its own file next to these (same shape:
 * `defineCatalog({ en, sv, da, nb, fi, nl, de })`) and one line here; the catalog test then
 * checks it in all seven languages.
 */
import type { Catalog } from "../admin-locale";
import { CREATE_RETURN_CATALOG } from "./create-return";
import { EMAILS_CATALOG } from "./emails";
import { ERRORS_CATALOG } from "./errors";
import { FOLLOWUP_CATALOG } from "./followup";
import { ANALYTICS_CATALOG } from "./analytics";
import { INBOX_CATALOG } from "./inbox";
import { INBOX_FILTERS_CATALOG } from "./inbox-filters";
import { JOBS_CATALOG } from "./jobs";
import { NAV_CATALOG } from "./nav";
import { ONBOARDING_CATALOG } from "./onboarding";
import { POLICY_ISSUES_CATALOG } from "./policy-issues";
import { PRIVACY_CATALOG } from "./privacy";
import { RETURN_PAGE_CATALOG } from "./return-page";
import { RECEIVE_CATALOG } from "./receive";
import { SETTINGS_CATALOG } from "./settings";

export const ADMIN_CATALOGS: Readonly<Record<string, Catalog<string>>> = {
  createReturn: CREATE_RETURN_CATALOG,
  inbox: INBOX_CATALOG,
  inboxFilters: INBOX_FILTERS_CATALOG,
  nav: NAV_CATALOG,
  onboarding: ONBOARDING_CATALOG,
  privacy: PRIVACY_CATALOG,
  returnPage: RETURN_PAGE_CATALOG,
  settings: SETTINGS_CATALOG,
  policyIssues: POLICY_ISSUES_CATALOG,
  jobs: JOBS_CATALOG,
  analytics: ANALYTICS_CATALOG,
  receive: RECEIVE_CATALOG,
  followup: FOLLOWUP_CATALOG,
  emails: EMAILS_CATALOG,
  errors: ERRORS_CATALOG,
};
