export * as Config from "./index.ts";

import { Resource } from "sst";

/**
 * Deployment configuration. In AWS it arrives through SST links (`Resource.X`); locally and in
 * tests the local runtime sets the same names as `SST_RESOURCE_X` environment variables before
 * anything reads them. Nothing else in core reads `process.env`.
 */
export const tableName = (): string => Resource.Table.name;
export const sender = (): string => Resource.Email.sender;
export const configSet = (): string => Resource.Email.configSet;
export const publicUrl = (): string => Resource.AppConfig.publicUrl.replace(/\/$/, "");
export const sessionSecret = (): string => Resource.SessionSecret.value;
export const linkSecret = (): string => Resource.LinkSecret.value;
