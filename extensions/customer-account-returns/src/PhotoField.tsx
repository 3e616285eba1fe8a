/** @jsxImportSource preact */
/**
 * The photo a return reason needs (policy: photo-required reasons), for one line: Shopify's
 * drop zone, the photos chosen so far (removable), and why a file was refused.
 */
import { t } from "./host";
import type { ChosenPhoto, PhotoLimits } from "./photos";

export function PhotoField(props: {
  photos: ChosenPhoto[];
  limits: PhotoLimits;
  error: string | null;
  onFiles: (files: readonly File[]) => void;
  onRejected: () => void;
  onRemove: (index: number) => void;
}) {
  const { photos, limits, error } = props;
  const mb = Math.floor(limits.maxBytes / (1024 * 1024));
  return (
    <s-stack direction="block" gap="small-300">
      <s-drop-zone
        label={t("photo.label")}
        accessibilityLabel={t("photo.label")}
        accept={limits.types.join(",")}
        multiple
        required={photos.length === 0}
        error={error ?? undefined}
        onChange={(e: Event) => props.onFiles((e.currentTarget as unknown as { files?: readonly File[] }).files ?? [])}
        onDropRejected={() => props.onRejected()}
      />
      <s-text color="subdued">{t("photo.help", { max: limits.maxPerReturn, mb })}</s-text>
      {photos.map((p, i) => (
        <s-stack key={`${i}-${p.name}`} direction="inline" gap="small-200" alignItems="center">
          <s-text>{p.name}</s-text>
          <s-button variant="secondary" accessibilityLabel={t("photo.removeNamed", { name: p.name })} onClick={() => props.onRemove(i)}>
            {t("photo.remove")}
          </s-button>
        </s-stack>
      ))}
    </s-stack>
  );
}
