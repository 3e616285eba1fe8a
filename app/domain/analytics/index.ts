/** Public API of the pure analytics domain (see aggregate.ts for the definitions). */
export * from "./range";
export * from "./stats";
export * from "./csv";
export * from "./aggregate";
export * from "./facts";
export * from "./summary";
export * from "./summary-groups";
export * from "./incoming-summary";
