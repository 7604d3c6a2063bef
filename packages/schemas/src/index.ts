export * from "./envelope.ts";
export * from "./iso-3166.ts";
export * from "./primitives.ts";
export * from "./receipt.ts";
export * from "./settings.ts";
