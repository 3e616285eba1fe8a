/** Date range: a preset, or custom days (in the shop's time zone), submitted as a GET form. */
import { useState } from "react";
import { Form } from "@remix-run/react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { RANGE_PRESETS, type RangePreset } from "~/domain/analytics";
import { useAnalyticsTexts } from "./texts";

export function RangePicker({
  preset,
  from,
  to,
}: {
  preset: RangePreset;
  from: string;
  to: string;
}) {
  const { T, RANGE_LABEL } = useAnalyticsTexts();
  const [value, setValue] = useState<RangePreset>(preset);
  const [start, setStart] = useState(from);
  const [end, setEnd] = useState(to);
  return (
    <Form method="get" action="/app/analytics">
      <InlineStack gap="200" blockAlign="end">
        <Select
          label={T.range}
          name="range"
          options={RANGE_PRESETS.map((p) => ({ label: RANGE_LABEL[p], value: p }))}
          value={value}
          onChange={(v) => setValue(v as RangePreset)}
        />
        {value === "custom" ? (
          <>
            <TextField
              label={T.from}
              type="date"
              name="from"
              value={start}
              onChange={setStart}
              autoComplete="off"
            />
            <TextField
              label={T.to}
              type="date"
              name="to"
              value={end}
              onChange={setEnd}
              autoComplete="off"
            />
          </>
        ) : null}
        <Button submit>{T.apply}</Button>
      </InlineStack>
    </Form>
  );
}
