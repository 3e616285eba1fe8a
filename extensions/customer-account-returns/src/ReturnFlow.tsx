/** @jsxImportSource preact */
/**
 * customer-account.order.action.render: the return flow in the action modal.
 *   1. items: pick items and quantities, a reason and a resolution each (exchange: another
 *      variant, with stock shown); lines that can't go back say why;
 *      a reason that needs a photo asks for one (Shopify's drop zone; PhotoField);
 *   2. review: the return method (home pickup asks for the address and a date window;
 *      PickupFields), store-credit consent where the law asks for it, and the refund preview
 *      the app computes;
 *   3. done: the RMA, when the money comes, what to do next.
 * Everything is decided by the app (the same services as the theme portal); this only asks.
 */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { callApp, numericId, type Created, type OrderLine, type Preview, type ReturnOptions } from "./api";
import { Frame, Row } from "./Frame";
import { formatDay, host, t } from "./host";
import { PhotoField } from "./PhotoField";
import { readPhoto, type ChosenPhoto } from "./photos";
import { initialPickup, PickupFields, type PickupValue } from "./PickupFields";
import { ReturnSummary } from "./ReturnSummary";
import { GiftFields, GiftToggle, NO_GIFT, giftBody, giftEmailOk, type GiftValue } from "./GiftFields";
import { WhyNot } from "./WhyNot";

type Resolution = OrderLine["resolutions"][number];
interface Pick {
  selected: boolean;
  quantity: number;
  reasonId: string;
  resolution: Resolution | "";
  exchangeVariantId: string;
}
type Step = "items" | "review" | "done";
const EMPTY_PICK: Pick = { selected: false, quantity: 1, reasonId: "", resolution: "", exchangeVariantId: "" };

const valueOf = (e: Event) => (e.currentTarget as unknown as { value: string }).value;

export function ReturnFlow() {
  const orderPath = `/orders/${numericId(host().orderId)}`;
  const [options, setOptions] = useState<ReturnOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [step, setStep] = useState<Step>("items");
  const [method, setMethod] = useState("");
  const [consent, setConsent] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created["return"] | null>(null);
  const [photos, setPhotos] = useState<Record<string, ChosenPhoto[]>>({});
  const [photoError, setPhotoError] = useState<Record<string, string | null>>({});
  const [pickup, setPickup] = useState<PickupValue>({ address: "", from: "", to: "" });
  const [gift, setGift] = useState<GiftValue>(NO_GIFT);

  useEffect(() => {
    void callApp<ReturnOptions>(orderPath).then((r) => {
      if (!r.ok) return setError(r.message);
      setOptions(r.data);
      setPickup(initialPickup(r.data.order.shippingAddressLines ?? [], r.data.limits.pickup));
      const required = r.data.methods.find((m) => m.required);
      setMethod((required ?? r.data.methods[0])?.code ?? "");
    });
  }, [orderPath]);

  const chosen = options ? options.order.lines.filter((l) => picks[l.fulfillmentLineItemId]?.selected) : [];
  const needsPhoto = (id: string) => !!options?.reasons.find((r) => r.id === picks[id]?.reasonId)?.photoRequired;
  const lineInput = () =>
    chosen.map((l) => {
      const p = picks[l.fulfillmentLineItemId];
      return {
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: p.quantity,
        reasonId: p.reasonId || null,
        resolution: p.resolution as Resolution,
        exchangeVariantId: p.resolution === "EXCHANGE" ? p.exchangeVariantId || null : null,
      };
    });

  // The preview follows the method (fees differ per method).
  useEffect(() => {
    if (step !== "review" || !method) return;
    setPreview(null);
    void callApp<Preview>(`${orderPath}/preview`, { method: "POST", body: { method, lines: lineInput() } }).then((r) => (r.ok ? setPreview(r.data) : setError(r.message)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, method]);

  if (error && !options) return <Frame><s-banner tone="critical">{error}</s-banner></Frame>;
  if (!options) return <Frame><s-spinner accessibilityLabel={t("flow.loading")} /></Frame>;

  const update = (id: string, change: Partial<Pick>) =>
    setPicks((all) => ({ ...all, [id]: { ...EMPTY_PICK, ...(all[id] as Pick | undefined), ...change } }));
  const missing = chosen.find((l) => {
    const p = picks[l.fulfillmentLineItemId];
    return !p.reasonId || !p.resolution || (p.resolution === "EXCHANGE" && !p.exchangeVariantId) || (needsPhoto(l.fulfillmentLineItemId) && !photos[l.fulfillmentLineItemId]?.length);
  });
  const photoLimits = options.limits.photos;
  // Photos count for the lines that are sent with them (selected, reason needs one).
  const photosSent = () => chosen.filter((l) => needsPhoto(l.fulfillmentLineItemId)).reduce((n, l) => n + (photos[l.fulfillmentLineItemId]?.length ?? 0), 0);
  async function addPhotos(id: string, files: readonly File[]) {
    const room = photoLimits.maxPerReturn - photosSent();
    const read = await Promise.all(files.slice(0, Math.max(0, room)).map((f) => readPhoto(f, photoLimits)));
    const ok = read.flatMap((r) => (r.ok ? [r.photo] : []));
    const bad = read.find((r) => !r.ok);
    const mb = Math.floor(photoLimits.maxBytes / (1024 * 1024));
    setPhotos((all) => ({ ...all, [id]: [...(all[id] ?? []), ...ok] }));
    setPhotoError((all) => ({
      ...all,
      [id]: files.length > room ? t("photo.tooMany", { max: photoLimits.maxPerReturn }) : bad && !bad.ok ? t(bad.problem === "type" ? "photo.type" : "photo.tooLarge", { mb }) : null,
    }));
  }
  const pickupMissing = method === "HOME_PICKUP" && (!pickup.from || !pickup.to || !pickup.address.trim());
  const needsConsent = chosen.some((l) => picks[l.fulfillmentLineItemId].resolution === "STORE_CREDIT" && l.consentRequired.includes("STORE_CREDIT"));

  async function submit() {
    setBusy(true);
    setError(null);
    const r = await callApp<Created>(`${orderPath}/returns`, {
      method: "POST",
      body: {
        lookupToken: options!.lookupToken,
        method,
        storeCreditConsent: consent,
        lines: lineInput().map((l) => ({ ...l, note: null, photos: needsPhoto(l.fulfillmentLineItemId) ? (photos[l.fulfillmentLineItemId] ?? []).map((p) => p.data) : [] })),
        pickup: method === "HOME_PICKUP" ? { addressLines: pickup.address.split("\n"), dateFrom: pickup.from, dateTo: pickup.to } : null,
        gift: giftBody(gift),
      },
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      // A photo the app refused is fixed on the items step; everything else here.
      if (r.code.startsWith("PHOTO_")) setStep("items");
      return;
    }
    setCreated(r.data.return);
    setStep("done");
  }

  if (step === "done" && created) {
    return (
      <Frame primary={{ label: t("flow.close"), onClick: () => host().close?.() }}>
        <s-banner tone="success" heading={t("done.heading", { rma: created.rma })} />
        <s-paragraph>{t(created.status === "APPROVED" ? "done.approved" : "done.requested")}</s-paragraph>
        <s-paragraph>{t(`done.next.${method}`, { rma: created.rma })}</s-paragraph>
        {created.slipUrl ? (
          <s-link href={created.slipUrl} target="_blank">{t("done.slip")}</s-link>
        ) : (
          <s-paragraph>{t("done.noSlip", { rma: created.rma })}</s-paragraph>
        )}
        {created.refundEta && <s-paragraph>{t("done.eta", { from: formatDay(created.refundEta.from), to: formatDay(created.refundEta.to) })}</s-paragraph>}
      </Frame>
    );
  }

  if (step === "review") {
    const m = options.methods;
    return (
      <Frame
        primary={{ label: t("flow.submit"), loading: busy, disabled: busy || !preview || pickupMissing || (needsConsent && !consent) || !giftEmailOk(gift), onClick: () => void submit() }}
        secondary={{ label: t("flow.back"), onClick: () => setStep("items") }}
      >
        {error && <s-banner tone="critical">{error}</s-banner>}
        <s-choice-list label={t("review.method")} values={[method]} onChange={(e: Event) => setMethod((e.currentTarget as unknown as { values: string[] }).values[0] ?? "")}>
          {m.map((x) => (
            <s-choice key={x.code} value={x.code} selected={x.code === method} disabled={m.some((y) => y.required) && !x.required}>
              {x.feeFormatted ? t("review.methodWithFee", { name: x.name, fee: x.feeFormatted }) : x.name}
            </s-choice>
          ))}
        </s-choice-list>
        {gift.on && <GiftFields value={gift} onChange={(change) => setGift((v) => ({ ...v, ...change }))} />}
        {method === "HOME_PICKUP" && <PickupFields value={pickup} limits={options.limits.pickup} onChange={(change) => setPickup((v) => ({ ...v, ...change }))} />}
        {needsConsent && (
          <s-checkbox checked={consent} onChange={(e: Event) => setConsent((e.currentTarget as unknown as { checked: boolean }).checked)}>
            {t("review.consent")}
          </s-checkbox>
        )}
        <s-section heading={t("review.preview")}>
          {preview ? (
            <s-stack direction="block" gap="small-200">
              <Row label={t("review.items")} value={preview.items} />
              {preview.restockingFee && <Row label={t("review.restockingFee")} value={`−${preview.restockingFee}`} />}
              {preview.returnShippingFee && <Row label={t("review.shippingFee")} value={`−${preview.returnShippingFee}`} />}
              {preview.refund && <Row label={t("review.refund")} value={preview.refund} strong />}
              {preview.storeCredit && <Row label={t("review.storeCredit")} value={preview.storeCredit} strong />}
              {preview.storeCreditBonus && <s-text color="subdued">{t("review.bonus", { amount: preview.storeCreditBonus })}</s-text>}
              {preview.toPay && <Row label={t("review.toPay")} value={preview.toPay} strong />}
            </s-stack>
          ) : (
            <s-spinner accessibilityLabel={t("flow.loading")} />
          )}
        </s-section>
      </Frame>
    );
  }

  const eligible = options.order.lines.filter((l) => l.eligible);
  return (
    <Frame primary={eligible.length > 0 ? { label: t("flow.continue"), disabled: chosen.length === 0 || !!missing, onClick: () => (setError(null), setStep("review")) } : undefined}>
      {error && <s-banner tone="critical">{error}</s-banner>}
      {options.returns.map((r) => (
        <s-section key={r.rma}><ReturnSummary ret={r} /></s-section>
      ))}
      {!options.returnable && (
        <s-banner tone="info" heading={t("items.nothing")}>
          <WhyNot reasons={options.notReturnable} />
        </s-banner>
      )}
      {options.order.lines.map((l) => {
        const p = picks[l.fulfillmentLineItemId];
        const label = `${l.title}${l.variantTitle ? ` – ${l.variantTitle}` : ""} · ${l.unitPriceFormatted}`;
        if (!l.eligible) {
          return (
            <s-stack key={l.fulfillmentLineItemId} direction="block" gap="small-300">
              <s-text color="subdued">{label}</s-text>
              <s-text color="subdued">{l.ineligibleMessage}</s-text>
            </s-stack>
          );
        }
        return (
          <s-stack key={l.fulfillmentLineItemId} direction="block" gap="small-200">
            <s-checkbox checked={!!p?.selected} onChange={(e: Event) => update(l.fulfillmentLineItemId, { selected: (e.currentTarget as unknown as { checked: boolean }).checked })}>
              {label}
            </s-checkbox>
            {p?.selected && (
              <s-stack direction="block" gap="small-200">
                {l.returnableQuantity > 1 && (
                  <s-number-field label={t("items.quantity", { max: l.returnableQuantity })} value={String(p.quantity)} min={1} max={l.returnableQuantity} step={1}
                    onChange={(e: Event) => update(l.fulfillmentLineItemId, { quantity: Math.min(l.returnableQuantity, Math.max(1, Math.round(Number(valueOf(e)) || 1))) })} />
                )}
                <s-select label={t("items.reason")} value={p.reasonId} placeholder={t("items.choose")} onChange={(e: Event) => update(l.fulfillmentLineItemId, { reasonId: valueOf(e) })}>
                  {options.reasons.map((r) => (
                    <s-option key={r.id} value={r.id}>{r.name}</s-option>
                  ))}
                </s-select>
                <s-select label={t("items.resolution")} value={p.resolution} placeholder={t("items.choose")} onChange={(e: Event) => update(l.fulfillmentLineItemId, { resolution: valueOf(e) as Resolution })}>
                  {l.resolutions
                    .filter((r) => (r !== "EXCHANGE" || l.exchangeVariants.length > 0) && (r !== "REFUND" || !gift.on))
                    .map((r) => (
                      <s-option key={r} value={r}>
                        {r === "STORE_CREDIT" && options.policy.storeCreditBonusPercent > 0 ? t("resolution.STORE_CREDIT_BONUS", { percent: options.policy.storeCreditBonusPercent }) : t(`resolution.${r}`)}
                      </s-option>
                    ))}
                </s-select>
                {p.resolution === "EXCHANGE" && (
                  <s-select label={t("items.exchangeFor")} value={p.exchangeVariantId} placeholder={t("items.choose")} onChange={(e: Event) => update(l.fulfillmentLineItemId, { exchangeVariantId: valueOf(e) })}>
                    {l.exchangeVariants.map((v) => (
                      <s-option key={v.id} value={v.id} disabled={!v.available}>
                        {v.available ? t("items.inStock", { title: v.title }) : t("items.outOfStock", { title: v.title })}
                      </s-option>
                    ))}
                  </s-select>
                )}
                {needsPhoto(l.fulfillmentLineItemId) && (
                  <PhotoField
                    photos={photos[l.fulfillmentLineItemId] ?? []}
                    limits={photoLimits}
                    error={photoError[l.fulfillmentLineItemId] ?? null}
                    onFiles={(files) => void addPhotos(l.fulfillmentLineItemId, files)}
                    onRejected={() => setPhotoError((all) => ({ ...all, [l.fulfillmentLineItemId]: t("photo.type") }))}
                    onRemove={(i) => setPhotos((all) => ({ ...all, [l.fulfillmentLineItemId]: (all[l.fulfillmentLineItemId] ?? []).filter((_, j) => j !== i) }))}
                  />
                )}
              </s-stack>
            )}
          </s-stack>
        );
      })}
      {eligible.length > 0 && (
        <GiftToggle
          value={gift}
          onChange={(change) => {
            setGift((v) => ({ ...v, ...change }));
            // A gift gives the recipient store credit or an exchange: no refund choice stays picked.
            if (change.on) setPicks((all) => Object.fromEntries(Object.entries(all).map(([id, p]) => [id, p.resolution === "REFUND" ? { ...p, resolution: "" } : p])));
          }}
        />
      )}
    </Frame>
  );
}

export default async () => {
  render(<ReturnFlow />, document.body);
};
