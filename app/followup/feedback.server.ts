/**
 * The shopper's feedback on a closed return: a 1–5 rating from a one-click link, and an
 * optional comment. Each return takes one rating and one comment; the unique key on
 * ReturnFeedback.returnRequestId and a conditional update decide races, not a read first.
 */
import type { Db } from "~/db.server";
import { summarizeRatings, type Rating } from "~/domain/followup/feedback";

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

export type RatingOutcome = { status: "RECORDED" | "ALREADY_RATED"; rating: number } | { status: "NOT_FOUND" };

async function returnOfShop(db: Db, shopId: string, returnId: string) {
  return db.returnRequest.findFirst({ where: { id: returnId, shopId }, select: { id: true, locale: true } });
}

/** The rating on the return's timeline (written with the rating, in one transaction). */
const ratedEvent = (db: Db, input: { shopId: string; returnId: string; now: Date }, rating: number) =>
  db.returnEvent.create({
    data: { shopId: input.shopId, returnRequestId: input.returnId, type: "rated", actor: "SHOPPER", data: JSON.stringify({ rating }), createdAt: input.now },
  });

export async function recordRating(db: Db, input: { shopId: string; returnId: string; rating: Rating; locale: string | null; now: Date }): Promise<RatingOutcome> {
  if (!(await returnOfShop(db, input.shopId, input.returnId))) return { status: "NOT_FOUND" };
  try {
    await db.$transaction([
      db.returnFeedback.create({
        data: { shopId: input.shopId, returnRequestId: input.returnId, rating: input.rating, locale: input.locale, createdAt: input.now },
      }),
      ratedEvent(db, input, input.rating),
    ]);
    return { status: "RECORDED", rating: input.rating };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.returnFeedback.findUnique({ where: { returnRequestId: input.returnId } });
    return { status: "ALREADY_RATED", rating: existing?.rating ?? input.rating };
  }
}

export type CommentOutcome = { status: "RECORDED" | "ALREADY_COMMENTED" | "NEEDS_RATING" | "NOT_FOUND" };

/**
 * A comment from the comment page. Without a rating yet, the page's rating comes with it
 * (the shopper opened "tell us more" without clicking a star first).
 */
export async function recordComment(
  db: Db,
  input: { shopId: string; returnId: string; comment: string | null; rating: Rating | null; locale: string | null; now: Date },
): Promise<CommentOutcome> {
  if (!(await returnOfShop(db, input.shopId, input.returnId))) return { status: "NOT_FOUND" };
  const existing = await db.returnFeedback.findUnique({ where: { returnRequestId: input.returnId } });
  if (!existing) {
    if (!input.rating) return { status: "NEEDS_RATING" };
    try {
      await db.$transaction([
        db.returnFeedback.create({
          data: {
            shopId: input.shopId,
            returnRequestId: input.returnId,
            rating: input.rating,
            comment: input.comment,
            commentedAt: input.comment ? input.now : null,
            locale: input.locale,
            createdAt: input.now,
          },
        }),
        ratedEvent(db, input, input.rating),
      ]);
      return { status: "RECORDED" };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Rated meanwhile (the star link in another tab): fall through and add the comment.
    }
  }
  if (!input.comment) return { status: "RECORDED" };
  const { count } = await db.returnFeedback.updateMany({
    where: { returnRequestId: input.returnId, shopId: input.shopId, comment: null },
    data: { comment: input.comment, commentedAt: input.now },
  });
  return { status: count === 1 ? "RECORDED" : "ALREADY_COMMENTED" };
}

export interface ReturnFeedbackView {
  rating: number;
  comment: string | null;
  createdAt: string;
  commentedAt: string | null;
}

export async function getReturnFeedback(db: Db, shopId: string, returnId: string): Promise<ReturnFeedbackView | null> {
  const row = await db.returnFeedback.findFirst({ where: { shopId, returnRequestId: returnId } });
  return row
    ? { rating: row.rating, comment: row.comment, createdAt: row.createdAt.toISOString(), commentedAt: row.commentedAt?.toISOString() ?? null }
    : null;
}

export interface FeedbackSummary {
  count: number;
  average: number | null;
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  comments: { returnId: string; rmaNumber: string | null; rating: number; comment: string; at: string }[];
}

/** Ratings given in a date range (by when they were given), for analytics. */
export async function feedbackSummary(db: Db, shopId: string, range: { from: Date; to: Date }): Promise<FeedbackSummary> {
  const where = { shopId, createdAt: { gte: range.from, lt: range.to } };
  const groups = await db.returnFeedback.groupBy({ by: ["rating"], where, _count: { _all: true } });
  const ratings = groups.flatMap((g) => Array.from({ length: g._count._all }, () => g.rating));
  const latest = await db.returnFeedback.findMany({
    where: { ...where, comment: { not: null } },
    orderBy: { createdAt: "desc" },
    take: 5,
  });
  const rmas = await db.returnRequest.findMany({ where: { shopId, id: { in: latest.map((l) => l.returnRequestId) } }, select: { id: true, rmaNumber: true } });
  const rma = new Map(rmas.map((r) => [r.id, r.rmaNumber]));
  return {
    ...summarizeRatings(ratings),
    comments: latest.map((l) => ({ returnId: l.returnRequestId, rmaNumber: rma.get(l.returnRequestId) ?? null, rating: l.rating, comment: l.comment!, at: l.createdAt.toISOString() })),
  };
}
