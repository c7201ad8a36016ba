export * as Errors from "./index.ts";

/**
 * What went wrong, in terms a client can act on. The HTTP edge maps each kind to one status:
 * input → 400, unauthenticated → 401, forbidden → 403, not-found → 404, conflict → 409,
 * too-large → 413, unsupported-media → 415, rate-limited → 429.
 */
export type Kind =
  | "input"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "too-large"
  | "unsupported-media"
  | "rate-limited";

export interface Issue {
  /** Dotted path of the field at fault, e.g. `indicators.0.actual`. */
  path: string;
  message: string;
}

/**
 * The one error class users may see. `code` is stable (`area.reason`), `message` is for people.
 */
export class VisibleError extends Error {
  constructor(
    public readonly kind: Kind,
    public readonly code: string,
    message: string,
    public readonly issues?: Issue[],
  ) {
    super(message);
    this.name = "VisibleError";
  }
}

/** Shorthand for a bad-input error on one field. */
export function invalid(path: string, message: string, code = "input.invalid"): VisibleError {
  return new VisibleError("input", code, `${path}: ${message}`, [{ path, message }]);
}

export function notFound(what: string, id: string): VisibleError {
  return new VisibleError("not-found", `${what}.not_found`, `${what} ${id} was not found`);
}

export function conflict(code: string, message: string): VisibleError {
  return new VisibleError("conflict", code, message);
}

export function forbidden(code: string, message: string): VisibleError {
  return new VisibleError("forbidden", code, message);
}
