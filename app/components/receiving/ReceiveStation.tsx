/**
 * The receiving station's screen. Built for a scanner (which types the code and presses
 * Enter) and the keyboard: Enter in the scan field opens the return; focus then goes to the
 * first line's condition (or to "Approve now"); Enter anywhere in the lines form receives;
 * Escape returns to the scan field; after each step the field is cleared and focused for
 * the next parcel. A short tone tells success (high) from a problem (low) without looking.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { ReturnStatusBadge } from "~/components/ReturnStatusBadge";
import { CONDITION_GRADES, DISPOSITIONS, statusLabel } from "~/i18n/admin";
import type { AdminLocale } from "~/i18n/admin-locale";
import { receiveTexts } from "~/i18n/analytics";
import type { action } from "~/routes/app.receive";

type ActionData = SerializeFrom<typeof action>;
type Found = Extract<ActionData, { kind: "found" }>;

/** A short tone: 880 Hz for success, 220 Hz twice for a problem. Silently skipped where audio is unavailable. */
function beep(ok: boolean) {
  try {
    const Ctx =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const audio = new Ctx();
    const tones = ok ? [0] : [0, 0.18];
    for (const at of tones) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = ok ? 880 : 220;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.12);
    }
    setTimeout(() => void audio.close(), 800);
  } catch {
    // No audio device: the on-screen message is the cue.
  }
}

interface LineChoice {
  grade: string;
  disposition: string;
  locationId: string;
}

export function ReceiveStation({
  locations,
  defaultLocationId,
  locale = "en",
}: {
  locations: { id: string; name: string }[];
  defaultLocationId: string | null;
  locale?: AdminLocale;
}) {
  const { R, reasonLabel, conditionLabel, dispositionLabel } = useMemo(() => receiveTexts(locale), [locale]);
  const fetcher = useFetcher<ActionData>();
  const [code, setCode] = useState("");
  const [current, setCurrent] = useState<Found | null>(null);
  const [notice, setNotice] = useState<{
    tone: "success" | "critical" | "warning" | "info";
    text: string;
  } | null>(null);
  const [choices, setChoices] = useState<LineChoice[]>([]);
  const scanRef = useRef<HTMLDivElement>(null);
  const linesRef = useRef<HTMLFormElement>(null);
  const approveRef = useRef<HTMLDivElement>(null);
  // Where focus goes once the answer is on screen (set with the answer, applied after render).
  const [focusNext, setFocusNext] = useState<{
    to: "approve" | "lines" | "scan";
    n: number;
  } | null>(null);

  const focusScan = () => {
    const input = scanRef.current?.querySelector("input");
    input?.focus();
    input?.select();
  };

  // React to each answer once.
  const handled = useRef<unknown>(null);
  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data || handled.current === data) return;
    handled.current = data;
    if (data.kind === "found") {
      const ret = data.ret;
      setCurrent(data);
      setChoices(
        ret.lines.map(() => ({
          grade: "GOOD",
          disposition: "RESTOCKED",
          locationId: defaultLocationId ?? locations[0]?.id ?? "",
        })),
      );
      const others = data.others.length
        ? ` ${R.otherReturns(data.others.map((o) => o.rmaNumber).join(", "))}`
        : "";
      if (ret.stage === "approve") {
        setNotice({ tone: "warning", text: R.notApproved(ret.rmaNumber) + others });
        beep(false);
        setFocusNext((f) => ({ to: "approve", n: (f?.n ?? 0) + 1 }));
      } else if (ret.stage === "receive" || ret.stage === "inspect") {
        setNotice(
          data.message
            ? { tone: "info", text: data.message + others }
            : others
              ? { tone: "info", text: others.trim() }
              : null,
        );
        beep(true);
        setFocusNext((f) => ({ to: "lines", n: (f?.n ?? 0) + 1 }));
      } else {
        setNotice({
          tone: "warning",
          text:
            (ret.stage === "closed" ? R.closed : R.alreadyDone)(
              ret.rmaNumber,
              statusLabel(ret.status, locale).toLowerCase(),
            ) + others,
        });
        beep(false);
        setCode("");
        setFocusNext((f) => ({ to: "scan", n: (f?.n ?? 0) + 1 }));
      }
    } else if (data.kind === "received") {
      setNotice({ tone: "success", text: data.message });
      setCurrent(null);
      setCode("");
      beep(true);
      setFocusNext((f) => ({ to: "scan", n: (f?.n ?? 0) + 1 }));
    } else {
      setNotice({ tone: "critical", text: data.message });
      if (data.kind === "unknown") setCurrent(null);
      beep(false);
      setFocusNext((f) => ({ to: "scan", n: (f?.n ?? 0) + 1 }));
    }
  }, [fetcher.state, fetcher.data, defaultLocationId, locations, R, locale]);

  useEffect(() => {
    if (!focusNext) return;
    if (focusNext.to === "approve") approveRef.current?.querySelector("button")?.focus();
    else if (focusNext.to === "lines") linesRef.current?.querySelector("select")?.focus();
    else focusScan();
  }, [focusNext]);

  // Focus is set here, not with autoFocus (which browsers block in a cross-origin frame and
  // React does not apply when hydrating): once on arrival,
  // and again whenever the app's frame gets keyboard focus with nothing focused.
  useEffect(() => {
    focusScan();
    const onFocus = () => {
      if (!document.activeElement || document.activeElement === document.body) focusScan();
    };
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        focusScan();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const busy = fetcher.state !== "idle";
  const scan = (e: React.FormEvent) => {
    e.preventDefault();
    fetcher.submit({ intent: "scan", code }, { method: "post", action: "/app/receive" });
  };
  const receive = (e: React.FormEvent) => {
    e.preventDefault();
    if (!current || busy) return;
    const lines = current.ret.lines.map((l, i) => ({
      lineId: l.id,
      grade: choices[i].grade,
      disposition: choices[i].disposition,
      ...(choices[i].disposition === "RESTOCKED" ? { locationId: choices[i].locationId } : {}),
    }));
    fetcher.submit(
      { intent: "receive", id: current.ret.id, lines: JSON.stringify(lines) },
      { method: "post", action: "/app/receive" },
    );
  };
  const set = (i: number, patch: Partial<LineChoice>) =>
    setChoices((all) => all.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const ret = current?.ret;
  return (
    <BlockStack gap="400">
      <Card>
        <form onSubmit={scan} aria-label={R.title}>
          <div ref={scanRef}>
            <InlineStack gap="200" blockAlign="end" wrap={false}>
              <Box width="100%">
                <TextField
                  id="scan-code"
                  label={R.scanLabel}
                  helpText={R.scanHelp}
                  value={code}
                  onChange={setCode}
                  autoComplete="off"
                  maxLength={300}
                />
              </Box>
              <Button submit loading={busy && fetcher.formData?.get("intent") === "scan"}>
                {R.open}
              </Button>
            </InlineStack>
          </div>
        </form>
      </Card>
      <div id="receive-notice" aria-live="assertive" role="status">
        {notice ? <Banner tone={notice.tone}>{notice.text}</Banner> : null}
      </div>
      {ret ? (
        <Card>
          <BlockStack gap="300">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h2" variant="headingLg">
                {ret.rmaNumber}
              </Text>
              <ReturnStatusBadge status={ret.status} locale={locale} />
              <Text as="span" tone="subdued">
                {ret.orderName} · {ret.customerName ?? ""}
              </Text>
            </InlineStack>
            {ret.stage === "approve" ? (
              <div ref={approveRef}>
                <Button
                  variant="primary"
                  onClick={() =>
                    fetcher.submit(
                      { intent: "approve", id: ret.id },
                      { method: "post", action: "/app/receive" },
                    )
                  }
                  loading={busy}
                >
                  {R.approveNow}
                </Button>
              </div>
            ) : null}
            {ret.stage === "receive" || ret.stage === "inspect" ? (
              <form
                ref={linesRef}
                onSubmit={receive}
                onKeyDown={(e) => {
                  // Enter on a select confirms, like in the scan field (selects don't submit by themselves).
                  if (e.key === "Enter" && (e.target as HTMLElement).tagName === "SELECT")
                    receive(e);
                }}
              >
                <BlockStack gap="300">
                  {ret.lines.map((l, i) => (
                    <Box
                      key={l.id}
                      paddingBlockEnd="200"
                      borderBlockEndWidth="025"
                      borderColor="border"
                    >
                      <BlockStack gap="200">
                        <InlineStack gap="200">
                          <Text as="p" fontWeight="semibold">
                            {R.line(l.title, l.variantTitle, l.quantity)}
                          </Text>
                          {l.sku ? <Badge>{l.sku}</Badge> : null}
                        </InlineStack>
                        {l.reasonHandle ? (
                          <Text as="p" tone="subdued">
                            {R.customerSays(reasonLabel(l.reasonHandle), l.customerNote)}
                          </Text>
                        ) : null}
                        <InlineStack gap="300">
                          <Select
                            id={`condition-${i}`}
                            label={R.condition}
                            options={CONDITION_GRADES.map((g) => ({
                              label: conditionLabel(g),
                              value: g,
                            }))}
                            value={choices[i]?.grade}
                            onChange={(v) => set(i, { grade: v })}
                          />
                          <Select
                            id={`disposition-${i}`}
                            label={R.disposition}
                            options={DISPOSITIONS.map((d) => ({
                              label: dispositionLabel(d),
                              value: d,
                            }))}
                            value={choices[i]?.disposition}
                            onChange={(v) => set(i, { disposition: v })}
                          />
                          {choices[i]?.disposition === "RESTOCKED" ? (
                            <Select
                              id={`location-${i}`}
                              label={R.restockAt}
                              options={locations.map((loc) => ({ label: loc.name, value: loc.id }))}
                              value={choices[i]?.locationId}
                              onChange={(v) => set(i, { locationId: v })}
                            />
                          ) : null}
                        </InlineStack>
                      </BlockStack>
                    </Box>
                  ))}
                  <InlineStack>
                    <Button submit variant="primary" loading={busy}>
                      {ret.stage === "receive" ? R.receiveAndInspect : R.inspect}
                    </Button>
                  </InlineStack>
                </BlockStack>
              </form>
            ) : null}
          </BlockStack>
        </Card>
      ) : null}
    </BlockStack>
  );
}
