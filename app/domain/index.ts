/**
 * Public API of the pure returns domain. Services import from "~/domain" only; the
 * modules behind it have no I/O, no clock and no randomness: time, policy and data are
 * always arguments.
 */
export * from "./money";
export * from "./dates";
export * from "./order";
export * from "./policy";
export * from "./eligibility";
export * from "./return-deadlines";
export * from "./return-methods";
export * from "./refund";
export * from "./state-machine";
export * from "./auto-approve";
export * from "./refund-eta";
export * from "./rma";
export * from "./policy-changes";
export * from "./storefront-policy";
export * from "./return-journey";
export * from "./status-link";
export * from "./exchange-rules";
export * from "./pickup";
export * from "./photos/image";
export * from "./gift";
export * from "./labels/label-file";
