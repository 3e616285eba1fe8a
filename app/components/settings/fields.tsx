/** Field components of the policy editor, bound to the form by dotted path. */
import { Checkbox, ChoiceList, InlineStack, TextField, Button } from "@shopify/polaris";
import { minorUnitsOf } from "~/domain/money";
import { reasonLabel, STANDARD_REASON_HANDLES } from "~/i18n/return-reasons";
import { getPath, messagesFor, usePolicyForm } from "./form-context";

interface Common {
  path: string;
  label: string;
  helpText?: string;
  disabled?: boolean;
}

/** Whole numbers (days, grams, counts). Empty → null when `nullable`, else left for validation to refuse. */
export function NumberField({ path, label, helpText, disabled, nullable, suffix }: Common & { nullable?: boolean; suffix?: string }) {
  const form = usePolicyForm();
  const value = getPath(form.policy, path);
  return (
    <TextField
      label={label}
      type="number"
      autoComplete="off"
      helpText={helpText}
      disabled={disabled}
      suffix={suffix}
      value={form.draft(path) ?? (value === null || value === undefined ? "" : String(value))}
      error={messagesFor(form.issues, path)}
      onChange={(text) => {
        const trimmed = text.trim();
        // A non-number is kept as text so the domain's "must be a number" message shows.
        const parsed = trimmed === "" ? (nullable ? null : undefined) : Number.isNaN(Number(trimmed)) ? trimmed : Number(trimmed);
        form.set(path, parsed, text);
      }}
    />
  );
}

export function TextInput({ path, label, helpText, disabled, nullable }: Common & { nullable?: boolean }) {
  const form = usePolicyForm();
  const value = getPath(form.policy, path);
  return (
    <TextField
      label={label}
      autoComplete="off"
      helpText={helpText}
      disabled={disabled}
      value={form.draft(path) ?? (typeof value === "string" ? value : "")}
      error={messagesFor(form.issues, path)}
      onChange={(text) => form.set(path, nullable && text.trim() === "" ? null : text, text)}
    />
  );
}

export function Toggle({ path, label, helpText, disabled }: Common) {
  const form = usePolicyForm();
  return (
    <Checkbox
      label={label}
      helpText={helpText}
      disabled={disabled}
      checked={getPath(form.policy, path) === true}
      error={messagesFor(form.issues, path)}
      onChange={(checked) => form.set(path, checked)}
    />
  );
}

const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A list typed as comma- or line-separated text (tags, handles, ids, e-mails). */
export function ListField({ path, label, helpText, picker }: Common & { picker?: "collection" | "product" }) {
  const form = usePolicyForm();
  const list = (getPath(form.policy, path) as string[] | undefined) ?? [];
  const field = (
    <TextField
      label={label}
      autoComplete="off"
      helpText={helpText}
      multiline={2}
      value={form.draft(path) ?? list.join(", ")}
      error={messagesFor(form.issues, path, true)}
      onChange={(text) => form.set(path, splitList(text), text)}
    />
  );
  if (!picker) return field;
  // Shopify's resource picker (App Bridge) fills the ids; typing them stays possible.
  const pick = async () => {
    const shopify = (window as unknown as { shopify?: { resourcePicker?: (o: unknown) => Promise<Array<{ id: string }> | undefined> } }).shopify;
    const selected = await shopify?.resourcePicker?.({ type: picker, multiple: true, selectionIds: list.map((id) => ({ id })) });
    if (selected) form.set(path, selected.map((s) => s.id), undefined);
  };
  return (
    <div>
      {field}
      <div style={{ marginTop: 8 }}>
        <InlineStack>
          <Button onClick={pick} size="slim">
            {picker === "collection" ? form.t("pickCollections") : form.t("pickProducts")}
          </Button>
        </InlineStack>
      </div>
    </div>
  );
}

/** "49.00 SEK, 4.95 EUR" ⇄ { SEK: 4900, EUR: 495 } (integer minor units per currency). */
export function formatAmounts(amounts: Readonly<Record<string, number>>): string {
  return Object.entries(amounts)
    .map(([currency, minor]) => {
      if (!/^[A-Z]{3}$/.test(currency) || typeof minor !== "number") return `${minor} ${currency}`;
      const digits = minorUnitsOf(currency);
      return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
    })
    .join(", ");
}

export function parseAmounts(text: string): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const part of splitList(text)) {
    const m = /^(\d+(?:[.,]\d+)?)\s*([A-Za-z]{3})$/.exec(part) ?? /^([A-Za-z]{3})\s*(\d+(?:[.,]\d+)?)$/.exec(part);
    if (!m) {
      // Kept so validation says what is wrong with it ("Use a three-letter currency code").
      out[part] = part;
      continue;
    }
    const [amount, currency] = /^\d/.test(m[1]!) ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    const code = currency.toUpperCase();
    const major = Number(amount.replace(",", "."));
    const minor = major * 10 ** minorUnitsOf(code);
    // More decimals than the currency has stays fractional, and the domain refuses it.
    out[code] = Math.abs(minor - Math.round(minor)) < 1e-6 ? Math.round(minor) : minor;
  }
  return out;
}

export function AmountsField({ path, label, helpText }: Common) {
  const form = usePolicyForm();
  const amounts = (getPath(form.policy, path) as Record<string, number> | undefined) ?? {};
  return (
    <TextField
      label={label}
      autoComplete="off"
      helpText={helpText ?? form.t("amountsHelp", { example: `49.00 ${form.shopCurrency}` })}
      value={form.draft(path) ?? formatAmounts(amounts)}
      error={messagesFor(form.issues, path, true)}
      onChange={(text) => form.set(path, parseAmounts(text), text)}
    />
  );
}

/**
 * Return reasons as a checklist: Shopify's standard reasons by name in the admin's language
 * (the shopper's names, app/i18n/return-reasons.ts). A handle saved earlier that is not a
 * standard one stays listed, ticked, so nothing is lost by editing.
 */
export function ReasonsField({ path, label }: Pick<Common, "path" | "label">) {
  const form = usePolicyForm();
  const list = (getPath(form.policy, path) as string[] | undefined) ?? [];
  const handles = [...STANDARD_REASON_HANDLES, ...list.filter((h) => !STANDARD_REASON_HANDLES.includes(h))];
  return (
    <ChoiceList
      allowMultiple
      title={label}
      choices={handles.map((h) => ({ label: reasonLabel(form.locale, h), value: h }))}
      selected={list}
      error={messagesFor(form.issues, path, true)}
      onChange={(selected) => form.set(path, handles.filter((h) => selected.includes(h)))}
    />
  );
}
