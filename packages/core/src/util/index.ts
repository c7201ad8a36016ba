export * from "./fn.ts";
export * from "./id.ts";
