/**
 * The forms behind the return page's actions that need more than a click: decline (reason
 * and note), add tracking, inspect (grade, disposition and restock location per line), and
 * the confirmation of the steps that can't be undone. Each one only collects fields and
 * hands them to `onSubmit`; the page posts them to its action, which validates again.
 */
import { useState } from "react";
import { BlockStack, Banner, Box, Button, Card, DropZone, FormLayout, InlineError, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { CONDITION_GRADES, DECLINE_REASONS, DISPOSITIONS, declineReasonLabel } from "~/i18n/admin";
import { useReturnPageLocale, useReturnPageT } from "./return-page/i18n";

/** Field errors from the action, keyed by field path ("reason", "lines.0.locationId"). */
export type FieldErrors = Readonly<Record<string, string>>;

interface FormProps {
  onSubmit: (fields: Record<string, string>) => void;
  onCancel: () => void;
  /** This form's submission is in flight. */
  submitting: boolean;
  /** Some action is in flight (this or another): nothing can be sent now. */
  disabled: boolean;
  errors?: FieldErrors;
}

function FormButtons({ label, tone, submitting, disabled, onCancel }: { label: string; tone?: "critical"; submitting: boolean; disabled: boolean; onCancel: () => void }) {
  const t = useReturnPageT();
  return (
    <InlineStack gap="200" align="end">
      <Button onClick={onCancel} disabled={submitting}>
        {t("form.cancel")}
      </Button>
      <Button submit variant="primary" tone={tone} loading={submitting} disabled={disabled}>
        {label}
      </Button>
    </InlineStack>
  );
}

export function DeclineForm({ onSubmit, onCancel, submitting, disabled, errors = {} }: FormProps) {
  const t = useReturnPageT();
  const locale = useReturnPageLocale();
  const [reason, setReason] = useState<string>("");
  const [note, setNote] = useState("");
  return (
    <Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit({ reason, note });
        }}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("declineTitle")}
          </Text>
          <FormLayout>
            <Select
              label={t("reason")}
              name="reason"
              placeholder={t("declineReasonPlaceholder")}
              options={DECLINE_REASONS.map((r) => ({ label: declineReasonLabel(r, locale), value: r }))}
              value={reason}
              onChange={setReason}
              error={errors.reason}
            />
            <TextField
              label={t("declineNote")}
              name="note"
              value={note}
              onChange={setNote}
              multiline={3}
              maxLength={500}
              showCharacterCount
              autoComplete="off"
              helpText={t("declineNoteHelp")}
              error={errors.note}
            />
          </FormLayout>
          <FormButtons label={t("declineTitle")} tone="critical" submitting={submitting} disabled={disabled} onCancel={onCancel} />
        </BlockStack>
      </form>
    </Card>
  );
}

/** What the browser may send as a label; the server checks the bytes again (app/domain/labels). */
const LABEL_MAX_BYTES = 2 * 1024 * 1024;

export function TrackingForm({ onSubmit, onCancel, submitting, disabled, errors = {} }: Omit<FormProps, "onSubmit"> & { onSubmit: (fields: Record<string, string>, labelFile?: File) => void }) {
  const t = useReturnPageT();
  const [fields, setFields] = useState({ trackingNumber: "", carrierName: "", trackingUrl: "", labelUrl: "" });
  const [labelFile, setLabelFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const chooseFile = (files: File[]) => {
    const file = files[0] ?? null;
    if (file && (file.size > LABEL_MAX_BYTES || (file.type && file.type !== "application/pdf"))) {
      setLabelFile(null);
      setFileError(t("labelFileInvalid"));
      return;
    }
    setFileError(null);
    setLabelFile(file);
  };
  const field = (name: keyof typeof fields) => ({
    name,
    value: fields[name],
    onChange: (value: string) => setFields((f) => ({ ...f, [name]: value })),
    error: errors[name],
    autoComplete: "off",
  });
  return (
    <Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(fields, labelFile ?? undefined);
        }}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("addTracking")}
          </Text>
          <FormLayout>
            <FormLayout.Group>
              <TextField label={t("trackingNumber")} {...field("trackingNumber")} maxLength={100} />
              <TextField label={t("carrier")} {...field("carrierName")} maxLength={100} placeholder="PostNord, DHL, Bring…" />
            </FormLayout.Group>
            <TextField label={t("trackingUrl")} type="url" {...field("trackingUrl")} placeholder="https://" />
            <DropZone
              id="label-file"
              label={t("labelFile")}
              accept="application/pdf,.pdf"
              type="file"
              allowMultiple={false}
              error={Boolean(fileError ?? errors.labelFile)}
              onDrop={(files: File[]) => chooseFile(files)}
            >
              {labelFile ? (
                <Box padding="300">
                  <Text as="p">{labelFile.name}</Text>
                </Box>
              ) : (
                <DropZone.FileUpload actionTitle={t("labelFileChoose")} actionHint={t("labelFileHelp")} />
              )}
            </DropZone>
            {fileError ?? errors.labelFile ? <InlineError message={fileError ?? errors.labelFile ?? ""} fieldID="label-file" /> : null}
            <TextField label={t("labelUrl")} type="url" {...field("labelUrl")} placeholder="https://" helpText={t("labelHelp")} />
          </FormLayout>
          <FormButtons label={t("saveTracking")} submitting={submitting} disabled={disabled} onCancel={onCancel} />
        </BlockStack>
      </form>
    </Card>
  );
}

export interface InspectableLine {
  id: string;
  title: string;
  variantTitle: string | null;
  quantity: number;
}

interface InspectState {
  grade: string;
  disposition: string;
  locationId: string;
}

export function InspectForm({
  lines,
  locations,
  locationsError,
  onSubmit,
  onCancel,
  submitting,
  disabled,
  errors = {},
}: FormProps & { lines: InspectableLine[]; locations: { id: string; name: string }[]; locationsError: string | null }) {
  const t = useReturnPageT();
  const canRestock = locations.length > 0;
  const [state, setState] = useState<InspectState[]>(() =>
    lines.map(() => ({ grade: "NEW", disposition: canRestock ? "RESTOCKED" : "NOT_RESTOCKED", locationId: locations[0]?.id ?? "" })),
  );
  const update = (index: number, patch: Partial<InspectState>) => setState((s) => s.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const dispositionOptions = DISPOSITIONS.map((d) => ({ label: t(`disposition.${d}`), value: d, disabled: d === "RESTOCKED" && !canRestock }));
  return (
    <Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit({
            lines: JSON.stringify(
              lines.map((line, i) => ({
                lineId: line.id,
                grade: state[i].grade,
                disposition: state[i].disposition,
                locationId: state[i].disposition === "RESTOCKED" ? state[i].locationId || null : null,
              })),
            ),
          });
        }}
      >
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            {t("inspectItems")}
          </Text>
          {locationsError ? <Banner tone="warning">{locationsError}</Banner> : null}
          {errors.lines ? <Banner tone="critical">{errors.lines}</Banner> : null}
          {lines.map((line, i) => (
            <BlockStack gap="200" key={line.id}>
              <Text as="h3" variant="headingSm">
                {line.quantity} × {line.title}
                {line.variantTitle ? ` — ${line.variantTitle}` : ""}
              </Text>
              <FormLayout>
                <FormLayout.Group condensed>
                  <Select
                    label={t("condition")}
                    options={CONDITION_GRADES.map((g) => ({ label: t(`condition.${g}`), value: g }))}
                    value={state[i].grade}
                    onChange={(grade) => update(i, { grade })}
                    error={errors[`lines.${i}.grade`]}
                  />
                  <Select
                    label={t("disposition")}
                    options={dispositionOptions}
                    value={state[i].disposition}
                    onChange={(disposition) => update(i, { disposition })}
                    error={errors[`lines.${i}.disposition`]}
                  />
                  {state[i].disposition === "RESTOCKED" ? (
                    <Select
                      label={t("restockAt")}
                      placeholder={t("chooseLocation")}
                      options={locations.map((l) => ({ label: l.name, value: l.id }))}
                      value={state[i].locationId}
                      onChange={(locationId) => update(i, { locationId })}
                      error={errors[`lines.${i}.locationId`]}
                    />
                  ) : null}
                </FormLayout.Group>
              </FormLayout>
            </BlockStack>
          ))}
          <FormButtons label={t("saveInspection")} submitting={submitting} disabled={disabled} onCancel={onCancel} />
        </BlockStack>
      </form>
    </Card>
  );
}

/** "Are you sure?" for steps that move money or can't be undone. */
export function ConfirmCard({
  title,
  children,
  confirmLabel,
  tone,
  onConfirm,
  onCancel,
  submitting,
  disabled,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  tone?: "critical";
  onConfirm: () => void;
  onCancel: () => void;
  submitting: boolean;
  disabled: boolean;
}) {
  const t = useReturnPageT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
        <InlineStack gap="200" align="end">
          <Button onClick={onCancel} disabled={submitting}>
            {t("form.back")}
          </Button>
          <Button variant="primary" tone={tone} onClick={onConfirm} loading={submitting} disabled={disabled}>
            {confirmLabel}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
