export * as Actor from "./index.ts";

import { AsyncLocalStorage } from "node:async_hooks";
import { VisibleError } from "../error/index.ts";

/**
 * Who is acting. Travels in an AsyncLocalStorage context set by the edge (HTTP middleware,
 * job handler), so core functions need no `actor` parameter.
 */
export type Actor =
  | { type: "person"; tenant: string; personId: string; offices: string[] }
  | { type: "machine"; tenant: string; keyId: string; scopes: string[] }
  | { type: "system"; tenant: string; job: string }
  | { type: "public"; tenant: string };

const storage = new AsyncLocalStorage<Actor>();

export function provide<R>(actor: Actor, fn: () => R): R {
  return storage.run(actor, fn);
}

export function use(): Actor {
  const actor = storage.getStore();
  if (!actor) throw new VisibleError("unauthenticated", "auth.required", "sign-in required");
  return actor;
}

/** The task force (tenant) the current actor acts in. Every read and write is scoped by it. */
export function tenant(): string {
  return use().tenant;
}

export function assertType<T extends Actor["type"]>(type: T): Extract<Actor, { type: T }> {
  const actor = use();
  if (actor.type !== type) {
    throw new VisibleError("forbidden", "auth.wrong_actor", `this action needs a ${type} actor`);
  }
  return actor as Extract<Actor, { type: T }>;
}
