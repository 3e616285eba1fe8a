/**
 * Staff reprint of the shopper's return slip. The PDF route needs the session token, which
 * App Bridge adds to fetch() calls from the embedded app (a plain link would not carry it),
 * so the PDF is fetched and opened from a blob URL in a new tab.
 */
export async function openReturnSlip(returnId: string, onError: (message: string) => void, texts: { none: string; failed: string }) {
  const tab = window.open("", "_blank");
  try {
    const res = await fetch(`/app/returns/${encodeURIComponent(returnId)}/slip`);
    if (!res.ok) throw new Error(res.status === 404 ? texts.none : texts.failed);
    const url = URL.createObjectURL(await res.blob());
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    // The tab has loaded the PDF by then; free the memory.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    // Ours are worded for the staff member; a network failure's own text is the browser's, so it gets ours too.
    onError(error instanceof Error && error.message === texts.none ? texts.none : texts.failed);
  }
}
