/**
 * The return page's language: the route puts the staff member's locale in a context, and
 * every card, panel and form of the page reads its words with `useReturnPageT()` (English
 * without a provider, so the components also render on their own).
 */
import { createContext, useContext } from "react";
import { translator, type AdminLocale, type Translator } from "~/i18n/admin-locale";
import { RETURN_PAGE_CATALOG, type ReturnPageKey } from "~/i18n/catalogs/return-page";

const LocaleContext = createContext<AdminLocale>("en");

export const ReturnPageLocale = LocaleContext.Provider;

export function useReturnPageLocale(): AdminLocale {
  return useContext(LocaleContext);
}

export function useReturnPageT(): Translator<ReturnPageKey> {
  return translator(RETURN_PAGE_CATALOG, useContext(LocaleContext));
}
