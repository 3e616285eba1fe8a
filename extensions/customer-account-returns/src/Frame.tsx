/** @jsxImportSource preact */
/** The action modal's frame (heading, our content, the host's button slots) and a label/value row. */
import { t } from "./host";

export interface Action {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  loading?: boolean;
}

/** The modal: our content, one primary button and an optional secondary one in the host's slots. */
export function Frame(props: { children: preact.ComponentChildren; primary?: Action; secondary?: Action }) {
  const { primary, secondary } = props;
  return (
    <s-customer-account-action heading={t("flow.heading")}>
      <s-stack direction="block" gap="base">{props.children}</s-stack>
      {primary && (
        <s-button slot="primary-action" variant="primary" disabled={primary.disabled} loading={primary.loading} onClick={primary.onClick}>
          {primary.label}
        </s-button>
      )}
      {secondary && (
        <s-button slot="secondary-actions" onClick={secondary.onClick}>
          {secondary.label}
        </s-button>
      )}
    </s-customer-account-action>
  );
}

export function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <s-stack direction="inline" justifyContent="space-between">
      <s-text>{label}</s-text>
      <s-text type={strong ? "strong" : undefined}>{value}</s-text>
    </s-stack>
  );
}

