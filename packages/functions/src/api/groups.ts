/**
 * The API's route groups, each loaded by the first request for its paths (issue 12, "lean
 * Lambdas"): a group is one route file or a few that share a path prefix, and with
 * `nodejs.splitting` (infra/lambda.ts) each is a chunk of its own, with the core areas only it
 * uses. A cold start then reads the dispatch (this table), who is calling and the error shape;
 * `GET /v1/obligations/{id}` loads the obligations group, not the meetings or the federation.
 *
 * The table is keyed by a path's first segment after `/v1/` (`v1/tasks`), or its first segment
 * for the few routes outside `/v1` (`publik`, `openapi.json`, `docs`). Every path a route file
 * declares must be in its group's table (a test checks each declared route); a path in no group
 * goes on to the console's pages or the 404, as before.
 */
import { mergePath } from "hono/utils/url";
import type { Env } from "./common.ts";
import type { RouteConfig, Router } from "./route.ts";

type Routes = Router<Env>;

/**
 * `load`, run once and kept; a failed load (say, a read error) is not kept but tried again by
 * the next request.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    if (!loaded) {
      loaded = load();
      loaded.catch(() => {
        loaded = undefined;
      });
    }
    return loaded;
  };
}

/** Each route file, loaded on demand. */
const FILES = {
  auth: () => import("./auth.ts").then((m) => m.auth),
  directory: () => import("./directory.ts").then((m) => m.directory),
  report: () => import("./report.ts").then((m) => m.report),
  meeting: () => import("./meeting.ts").then((m) => m.meeting),
  task: () => import("./task.ts").then((m) => m.task),
  obligation: () => import("./obligation.ts").then((m) => m.obligation),
  links: () => import("./links.ts").then((m) => m.links),
  rad: () => import("./rad.ts").then((m) => m.rad),
  settings: () => import("./settings.ts").then((m) => m.settings),
  submission: () => import("./submission.ts").then((m) => m.submission),
  members: () => import("./members.ts").then((m) => m.members),
  inbound: () => import("./inbound.ts").then((m) => m.inbound),
  publicRelease: () => import("./public.ts").then((m) => m.publicRelease),
  reminder: () => import("./reminder.ts").then((m) => m.reminder),
} satisfies Record<string, () => Promise<Routes>>;

type File = keyof typeof FILES;

/**
 * The order the route files were always mounted in: the OpenAPI document lists operations and
 * components in this order, and within a group a path two files share is matched in this order.
 */
const ORDER = Object.keys(FILES) as File[];

/** Each group: its route files (in `ORDER`) and the path keys it answers. */
export const GROUPS = {
  account: { files: ["auth", "links"], keys: ["v1/auth", "v1/me", "v1/links", "v1/feed.ics"] },
  directory: {
    files: ["directory"],
    keys: ["v1/api-keys", "v1/assignments", "v1/audit", "v1/offices", "v1/people", "v1/units"],
  },
  reports: {
    files: ["report", "publicRelease"],
    keys: ["v1/reports", "v1/queue", "v1/public", "publik"],
  },
  meetings: { files: ["meeting"], keys: ["v1/meetings"] },
  tasks: { files: ["task"], keys: ["v1/tasks"] },
  obligations: { files: ["obligation"], keys: ["v1/obligations", "v1/evaluations"] },
  rad: { files: ["rad"], keys: ["v1/rad"] },
  settings: { files: ["settings"], keys: ["v1/settings"] },
  submissions: { files: ["submission"], keys: ["v1/submissions", "v1/upstreams"] },
  members: { files: ["members"], keys: ["v1/members"] },
  inbound: { files: ["inbound"], keys: ["v1/inbound"] },
  reminders: { files: ["reminder"], keys: ["v1/reminders"] },
} satisfies Record<string, { files: File[]; keys: string[] }>;

export type Group = keyof typeof GROUPS | "docs";

const BY_KEY = new Map<string, Group>([
  ...Object.entries(GROUPS).flatMap(([group, { keys }]) =>
    keys.map((key): [string, Group] => [key, group as Group]),
  ),
  ["openapi.json", "docs"],
  ["docs", "docs"],
]);

/** The group that answers `path`, if any. */
export function groupOf(path: string): Group | undefined {
  const [, first, second] = path.split("/", 3);
  return BY_KEY.get(first === "v1" ? `v1/${second}` : (first ?? ""));
}

/** A group's route files, loaded, in mounting order. */
export async function routes(group: Group): Promise<Routes[]> {
  if (group === "docs") {
    const { docs } = await import("./docs.ts");
    return [docs(definitions)];
  }
  const files: readonly File[] = GROUPS[group].files;
  return Promise.all(files.map((file) => FILES[file]()));
}

/**
 * Every declared route with its full path, in `ORDER` (what `/openapi.json` and `/docs` are
 * built from): loads every group.
 */
export async function definitions(): Promise<RouteConfig[]> {
  const all = await Promise.all(ORDER.map((file) => FILES[file]()));
  // As `app.route("/", routes)` gave them when every file was mounted at start.
  return all.flatMap((routes) =>
    routes.definitions.map((d) => ({ ...d, path: mergePath("/", d.path) })),
  );
}

/**
 * Every route of every group, `/openapi.json` and `/docs` included (method and Hono path), for
 * checks that each route is documented and covered: loads every group.
 */
export async function everyRoute(): Promise<{ method: string; path: string }[]> {
  const groups: Group[] = [...(Object.keys(GROUPS) as Group[]), "docs"];
  const files = (await Promise.all(groups.map(routes))).flat();
  return files.flatMap((file) => file.routes.map(({ method, path }) => ({ method, path })));
}
