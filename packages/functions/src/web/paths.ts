/**
 * What the app must know about the console before it loads it: which paths are pages, and the
 * flag of the local runtime's reminder preview. Kept apart from the pages themselves, so that
 * the API (`api/app.ts`) loads the pages, hono/jsx and the catalogues only on a page request.
 */

/** Is this path one of the console's pages (not the JSON API or its description)? */
export function isPage(path: string): boolean {
  return !(path.startsWith("/v1/") || path === "/openapi.json" || path.startsWith("/docs"));
}

/** The context flag the local runtime's `createApp({ localJobs: true })` sets. */
export const LOCAL_JOBS = "localJobs";
