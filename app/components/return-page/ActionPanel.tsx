/** The open action panel of the return page (decline, tracking, inspection, refund or cancel confirmation). */
import { Text } from "@shopify/polaris";
import { KeyValueList } from "~/components/KeyValueList";
import { ConfirmCard, DeclineForm, InspectForm, TrackingForm, type FieldErrors } from "~/components/ReturnActionForms";
import type { ReturnPageData } from "~/services/return-page.server";
import type { Intent, Panel } from "./intents";
import { useReturnPageT } from "./i18n";

interface Props {
  panel: Panel;
  data: ReturnPageData;
  submit: (intent: Intent, fields?: Record<string, string>, labelFile?: File) => void;
  close: () => void;
  inFlight: Intent | null;
  busy: boolean;
  errors: FieldErrors;
}

export function ActionPanel({ panel, data, submit, close, inFlight, busy, errors }: Props) {
  const t = useReturnPageT();
  const { ret, locations, locationsError } = data;
  switch (panel) {
    case "decline":
      return <DeclineForm onSubmit={(f) => submit("decline", f)} onCancel={close} submitting={inFlight === "decline"} disabled={busy} errors={errors} />;
    case "ship":
      return <TrackingForm onSubmit={(f, file) => submit("ship", f, file)} onCancel={close} submitting={inFlight === "ship"} disabled={busy} errors={errors} />;
    case "inspect":
      return (
        <InspectForm
          lines={ret.lines}
          locations={locations}
          locationsError={locationsError}
          onSubmit={(f) => submit("inspect", f)}
          onCancel={close}
          submitting={inFlight === "inspect"}
          disabled={busy}
          errors={errors}
        />
      );
    case "process":
      return (
        <ConfirmCard title={ret.process.title} confirmLabel={ret.process.confirm} onConfirm={() => submit("process")} onCancel={close} submitting={inFlight === "process"} disabled={busy}>
          <KeyValueList items={ret.amounts} />
          <Text as="p" tone="subdued">
            {t("processNote")}
          </Text>
        </ConfirmCard>
      );
    case "cancel":
      return (
        <ConfirmCard title={t("cancelTitle")} confirmLabel={t("cancelReturn")} tone="critical" onConfirm={() => submit("cancel")} onCancel={close} submitting={inFlight === "cancel"} disabled={busy}>
          <Text as="p">{t("cancelBody")}</Text>
        </ConfirmCard>
      );
    default:
      return null;
  }
}
