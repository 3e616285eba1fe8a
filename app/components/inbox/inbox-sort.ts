/** The inbox's sort choices for Polaris' sort popover: each sort as "<key> <direction>". */
import type { InboxSort } from "~/services/inbox/inbox-filters";

export const SORT_VALUES: Record<InboxSort, `${string} ${"asc" | "desc"}`> = {
  newest: "requested desc",
  oldest: "requested asc",
  amount: "amount desc",
  status: "status asc",
  sla: "sla asc",
};

type Tv = (key: "sort.requested" | "sort.amount" | "sort.status" | "sort.sla" | "dir.newest" | "dir.oldest" | "dir.highest" | "dir.lifecycle" | "dir.dueFirst") => string;

export function sortOptions(tv: Tv) {
  return [
    { label: tv("sort.requested"), value: SORT_VALUES.newest, directionLabel: tv("dir.newest") },
    { label: tv("sort.requested"), value: SORT_VALUES.oldest, directionLabel: tv("dir.oldest") },
    { label: tv("sort.amount"), value: SORT_VALUES.amount, directionLabel: tv("dir.highest") },
    { label: tv("sort.status"), value: SORT_VALUES.status, directionLabel: tv("dir.lifecycle") },
    { label: tv("sort.sla"), value: SORT_VALUES.sla, directionLabel: tv("dir.dueFirst") },
  ];
}

/** The sort a popover value stands for; undefined for a value this module did not write. */
export function sortFromValue(value: string | undefined): InboxSort | undefined {
  return (Object.keys(SORT_VALUES) as InboxSort[]).find((s) => SORT_VALUES[s] === value);
}
