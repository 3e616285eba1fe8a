/**
 * The shopper's status link (/apps/returns/status/<token>): how long it works. It lives
 * while the return is open and for STATUS_LINK_DAYS_AFTER_CLOSE days after it ends (closed,
 * declined or cancelled), long enough to check a refund on a bank statement, then it
 * answers "not found" like any unknown token. Reopening a return revives it.
 */
export const STATUS_LINK_DAYS_AFTER_CLOSE = 90;
/** Random bytes in a new status token (base64url: 43 characters, 256 bits). */
export const STATUS_TOKEN_BYTES = 32;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface StatusLinkReturn {
  status: string;
  closedAt: Date | null;
  declinedAt: Date | null;
  canceledAt: Date | null;
}

/** When the link stops working, or null while the return is still open. */
export function statusLinkExpiresAt(ret: StatusLinkReturn): Date | null {
  const endedAt = ret.status === "CLOSED" ? ret.closedAt : ret.status === "DECLINED" ? ret.declinedAt : ret.status === "CANCELED" ? ret.canceledAt : null;
  if (!["CLOSED", "DECLINED", "CANCELED"].includes(ret.status)) return null;
  // An ended return without its date (older data): count from now's perspective as ended long ago is
  // unsafe to guess, so keep it working until the date is known.
  return endedAt ? new Date(endedAt.getTime() + STATUS_LINK_DAYS_AFTER_CLOSE * DAY_MS) : null;
}

export function statusLinkExpired(ret: StatusLinkReturn, now: Date): boolean {
  const expires = statusLinkExpiresAt(ret);
  return expires !== null && now.getTime() >= expires.getTime();
}
