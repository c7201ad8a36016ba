export * from "./fn.ts";
export * from "./id.ts";
export * from "./map.ts";
