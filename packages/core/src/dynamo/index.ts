export * as Dynamo from "./index.ts";
export * from "./table.ts";
