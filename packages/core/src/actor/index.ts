export * as Actor from "./index.ts";

import { AsyncLocalStorage } from "node:async_hooks";
import { VisibleError } from "../error/index.ts";

/**
 * Who is acting, and on which clock. Travels in an AsyncLocalStorage context set by the edge
 * (HTTP middleware, job handler, CLI), so core functions need no `actor` or `now` parameter,
 * and only the edges read the real clock.
 */
export type Actor =
  | { type: "person"; tenant: string; personId: string; name: string; offices: string[] }
  | { type: "machine"; tenant: string; keyId: string; name: string; scopes: string[] }
  | { type: "system"; tenant: string; job: string }
  | { type: "public"; tenant: string };

export type Clock = () => Date;

interface Context {
  actor: Actor;
  clock: Clock;
}

const storage = new AsyncLocalStorage<Context>();

/** Runs `fn` as `actor`; the clock is inherited from an enclosing context unless given. */
export function provide<R>(actor: Actor, fn: () => R, clock?: Clock): R {
  const inherited = storage.getStore()?.clock;
  return storage.run({ actor, clock: clock ?? inherited ?? (() => new Date()) }, fn);
}

export function use(): Actor {
  const context = storage.getStore();
  if (!context) throw new VisibleError("unauthenticated", "auth.required", "sign-in required");
  return context.actor;
}

/** The current instant on the context's clock. */
export function now(): Date {
  const context = storage.getStore();
  if (!context) throw new Error("Actor.now() outside an actor context");
  return context.clock();
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

/** A short description of the actor for audit records. */
export function describe(actor: Actor = use()): {
  kind: Actor["type"];
  id: string;
  name: string;
  offices: string[];
} {
  switch (actor.type) {
    case "person":
      return { kind: "person", id: actor.personId, name: actor.name, offices: actor.offices };
    case "machine":
      return { kind: "machine", id: actor.keyId, name: actor.name, offices: [] };
    case "system":
      return { kind: "system", id: actor.job, name: actor.job, offices: [] };
    case "public":
      return { kind: "public", id: "public", name: "public", offices: [] };
  }
}
