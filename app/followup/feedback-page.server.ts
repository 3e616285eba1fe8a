/**
 * The storefront feedback page behind the "closed" e-mail's links (app proxy
 * /apps/returns/feedback/:returnId):
 *   GET  ?r=1..5&s=…  the e-mail's star link: records NOTHING (mail filters open links to scan
 *                     them); shows the chosen rating with one "send" button (and the optional comment)
 *   POST ?r=1..5&s=…  that button: records the rating (once per return), thanks, offers the comment form
 *   GET  ?c=…         "tell us more": the comment form, with the rating choice if not rated yet
 *   POST ?c=…         rating (if not rated yet) and comment
 * A tampered link (other return, other rating, other shop, forged signature) is a 403 page.
 */
import type { ReturnsContext } from "~/services/context.server";
import { storefrontLocale, type StorefrontLocale } from "~/i18n/storefront";
import { parseComment, parseRating } from "~/domain/followup/feedback";
import { recordComment, recordRating } from "./feedback.server";
import { signLink, verifyLink } from "./links.server";
import { renderFeedbackPage, type FeedbackPageInput } from "./pages";

export interface PageAnswer {
  status: number;
  html: string;
}

const answer = (status: number, input: FeedbackPageInput): PageAnswer => ({ status, html: renderFeedbackPage(input) });

function pageLocale(url: URL, fallback: StorefrontLocale): StorefrontLocale {
  const raw = url.searchParams.get("locale");
  return raw ? storefrontLocale(raw) : fallback;
}

export async function feedbackPage(
  ctx: ReturnsContext,
  secret: string,
  request: Request,
  returnId: string,
  fallbackLocale: StorefrontLocale,
): Promise<PageAnswer> {
  const url = new URL(request.url);
  const locale = pageLocale(url, fallbackLocale);
  const shop = ctx.shop.domain;
  const invalid = () => answer(403, { locale, notice: { key: "LINK_INVALID", error: true }, form: null });
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(returnId)) return invalid();
  const commentSignature = signLink(secret, "comment", [shop, returnId]);
  const c = url.searchParams.get("c");
  const s = url.searchParams.get("s");
  const now = ctx.now();

  const ratingLink = s !== null || url.searchParams.has("r");
  if (ratingLink) {
    const rating = parseRating(url.searchParams.get("r"));
    if (!rating || !verifyLink(secret, "rating", [shop, returnId, String(rating)], s)) return invalid();
    const existing = await ctx.db.returnFeedback.findFirst({ where: { returnRequestId: returnId, shopId: ctx.shop.id }, select: { rating: true, comment: true } });
    if (request.method !== "POST") {
      const ret = await ctx.db.returnRequest.findFirst({ where: { id: returnId, shopId: ctx.shop.id }, select: { id: true } });
      if (!ret) return invalid();
      if (existing) return answer(200, { locale, notice: { key: "FEEDBACK_ALREADY", values: { rating: existing.rating } }, form: existing.comment ? null : { commentSignature, askRating: false } });
      return answer(200, { locale, notice: { key: "FEEDBACK_CONFIRM", values: { rating } }, form: null, confirm: { rating, signature: s! } });
    }
    const form = await request.formData().catch(() => null);
    const parsed = parseComment(form?.get("comment"));
    if (!parsed.ok) return answer(422, { locale, notice: { key: "FEEDBACK_COMMENT_TOO_LONG", error: true }, form: null, confirm: { rating, signature: s! } });
    const outcome = await recordRating(ctx.db, { shopId: ctx.shop.id, returnId, rating, locale, now });
    if (outcome.status === "NOT_FOUND") return invalid();
    let commented = !!existing?.comment;
    if (parsed.comment && !commented) {
      await recordComment(ctx.db, { shopId: ctx.shop.id, returnId, comment: parsed.comment, rating: null, locale, now });
      commented = true;
    }
    const next = commented ? null : { commentSignature, askRating: false };
    if (outcome.status === "ALREADY_RATED") return answer(200, { locale, notice: { key: "FEEDBACK_ALREADY", values: { rating: outcome.rating } }, form: next });
    return answer(200, { locale, notice: { key: "FEEDBACK_THANKS", values: { rating: outcome.rating } }, form: next });
  }

  if (request.method === "POST") {
    if (!verifyLink(secret, "comment", [shop, returnId], c)) return invalid();
    const form = await request.formData().catch(() => null);
    const parsed = parseComment(form?.get("comment"));
    const ratingField = form?.get("rating");
    const rating = parseRating(ratingField);
    if (!parsed.ok) {
      return answer(422, { locale, notice: { key: "FEEDBACK_COMMENT_TOO_LONG", error: true }, form: { commentSignature, askRating: rating === null } });
    }
    if (ratingField !== null && ratingField !== undefined && rating === null) {
      return answer(422, { locale, notice: { key: "FEEDBACK_PICK_RATING", error: true }, form: { commentSignature, askRating: true, comment: parsed.comment ?? "" } });
    }
    const outcome = await recordComment(ctx.db, { shopId: ctx.shop.id, returnId, comment: parsed.comment, rating, locale, now });
    if (outcome.status === "NOT_FOUND") return invalid();
    if (outcome.status === "NEEDS_RATING") {
      return answer(422, { locale, notice: { key: "FEEDBACK_PICK_RATING", error: true }, form: { commentSignature, askRating: true, comment: parsed.comment ?? "" } });
    }
    if (outcome.status === "ALREADY_COMMENTED") return answer(409, { locale, notice: { key: "FEEDBACK_COMMENT_DONE" }, form: null });
    return answer(200, { locale, notice: { key: "FEEDBACK_COMMENT_THANKS" }, form: null });
  }

  if (!verifyLink(secret, "comment", [shop, returnId], c)) return invalid();
  const ret = await ctx.db.returnRequest.findFirst({ where: { id: returnId, shopId: ctx.shop.id }, select: { id: true } });
  if (!ret) return invalid();
  const existing = await ctx.db.returnFeedback.findUnique({ where: { returnRequestId: returnId } });
  if (existing?.comment) return answer(200, { locale, notice: { key: "FEEDBACK_COMMENT_DONE" }, form: null });
  return answer(200, { locale, notice: null, form: { commentSignature, askRating: !existing } });
}
