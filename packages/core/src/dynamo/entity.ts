/**
 * The one small helper the versioned entities (meeting, task, report) share: their item ↔ `Info`
 * mapping, load, get-or-404 and the stale-version check. An entity is its schema, its key and
 * its index keys (all from `keys.ts`); everything else here is the same for each.
 */

import type { Audit } from "../audit/index.ts";
import { VisibleError } from "../error/index.ts";
import type * as z from "../util/zod.ts";
import { get, getOr404, type Item, strip } from "./index.ts";

export interface Definition<I extends { id: string; version: number }, Extra = object> {
  /** The entity name stored in `type` and used in errors and audit events (`task`). */
  name: string;
  schema: z.ZodMiniType<I>;
  /** The item's own key. */
  key: (tenant: string, id: string) => { pk: string; sk: string };
  /** Index keys (and derived fields) for a state of the entity; all built in `keys.ts`. */
  indexes: (tenant: string, info: Omit<I, "version">) => Extra & Record<string, unknown>;
  /** Fields derived from the state, stored after the entity's own (e.g. what it waits for). */
  derived?: (info: Omit<I, "version">) => Record<string, unknown>;
}

/** A stored item of the entity: its fields, keys and newest audit event. */
export type Stored<I> = Item & I & { lastEvent?: Audit.Event };

export interface Entity<I extends { id: string; version: number }> {
  name: string;
  /** The item to store for a state (without `version` and `lastEvent`: `Audit.commit` adds them). */
  item(tenant: string, info: Omit<I, "version">): Item;
  toInfo(item: Item): I;
  load(tenant: string, id: string): Promise<Stored<I> | undefined>;
  loadOr404(tenant: string, id: string): Promise<Stored<I>>;
  /** Throws 409 `version.stale` unless `current` is at the version the caller read. */
  checkVersion(current: { id: string; version: number }, version: number): void;
  /** The 409 `version.stale` error for `current` when the caller read `version`. */
  stale(current: { id: string; version: number }, version: number): VisibleError;
}

export function define<I extends { id: string; version: number }>(def: Definition<I>): Entity<I> {
  const stale = (current: { id: string; version: number }, version: number) =>
    new VisibleError(
      "conflict",
      "version.stale",
      `${def.name} ${current.id} is at version ${current.version}, not ${version}; reload and try again`,
    );
  return {
    name: def.name,
    item: (tenant, info) => ({
      ...def.key(tenant, info.id),
      ...def.indexes(tenant, info),
      type: def.name,
      v: 1,
      ...info,
      ...def.derived?.(info),
    }),
    toInfo: (item) => def.schema.parse(strip(item)),
    load: (tenant, id) => {
      const k = def.key(tenant, id);
      return get<Stored<I>>(k.pk, k.sk);
    },
    loadOr404: (tenant, id) => getOr404<Stored<I>>(def.key(tenant, id), def.name, id),
    checkVersion: (current, version) => {
      if (current.version !== version) throw stale(current, version);
    },
    stale,
  };
}
