import { type Embedded, start } from "@tenggat/local/embedded";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { definitions, GROUPS, type Group, groupOf, once, routes } from "./groups.ts";

/**
 * The route groups loaded on demand (issue 12): every declared route is answered by the group
 * its path dispatches to, a path no route has still gets the API's 404 (or the page's), and a
 * failed load is not kept.
 */

describe("the dispatch table", () => {
  it("sends every declared route's path to the group whose files declare it", async () => {
    const wrong: string[] = [];
    let declared = 0;
    for (const group of Object.keys(GROUPS) as Group[]) {
      for (const file of await routes(group)) {
        for (const route of file.definitions) {
          declared++;
          const concrete = route.path.replaceAll(/{[^}]+}/g, "x");
          if (groupOf(concrete) !== group) {
            wrong.push(`${route.path} in ${group}, dispatched to ${groupOf(concrete)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // Every route file is in a group: the groups declare what the OpenAPI document lists.
    expect(declared).toBe((await definitions()).length);
    expect(declared).toBeGreaterThan(70);
  });

  it("keys on whole segments: /v1/me is not /v1/meetings, nor /v1/tasks /v1/tasksx", () => {
    expect(groupOf("/v1/me")).toBe("account");
    expect(groupOf("/v1/me/feed")).toBe("account");
    expect(groupOf("/v1/meetings/m1")).toBe("meetings");
    expect(groupOf("/v1/tasks")).toBe("tasks");
    expect(groupOf("/v1/tasksx")).toBeUndefined();
    expect(groupOf("/v1/feed.ics")).toBe("account");
    expect(groupOf("/publik/sambas")).toBe("reports");
    expect(groupOf("/openapi.json")).toBe("docs");
    expect(groupOf("/docs/reference.css")).toBe("docs");
    expect(groupOf("/")).toBeUndefined();
    expect(groupOf("/dasbor")).toBeUndefined();
  });
});

describe("once", () => {
  it("keeps a load that succeeded and tries a failed one again", async () => {
    let calls = 0;
    const load = once(async () => {
      calls++;
      if (calls === 1) throw new Error("read error");
      return calls;
    });

    await expect(load()).rejects.toThrow("read error");
    const second = await load();
    const third = await load();

    expect(second).toBe(2);
    expect(third).toBe(2);
    expect(calls).toBe(2);
  });
});

describe("through the app", () => {
  const app = createApp({ clock: () => new Date("2027-03-01T02:00:00Z") });
  let stores: Embedded;
  beforeAll(async () => {
    stores = await start();
  });
  afterAll(async () => {
    await stores.stop();
  });

  it("answers the API's JSON 404 for a path of a group that no route has", async () => {
    const longer = await app.request("/v1/tasks/t1/x/y");
    const method = await app.request("/v1/obligations", { method: "DELETE" });
    const nowhere = await app.request("/v1/nothing-here");

    for (const reply of [longer, method, nowhere]) {
      expect(reply.status).toBe(404);
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe(
        "route.not_found",
      );
    }
  });

  it("runs a group's route under the outer request: its request id, the 401 shape, 415", async () => {
    const unauthenticated = await app.request("/v1/obligations/o1", {
      headers: { "x-request-id": "req-groups-1" },
    });
    const wrongType = await app.request("/v1/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "a@b.c",
    });

    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("x-request-id")).toBe("req-groups-1");
    expect(((await unauthenticated.json()) as { error: { code: string } }).error.code).toMatch(
      /^auth\./,
    );
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({
      error: {
        code: "request.unsupported_media_type",
        message: "request body must be application/json",
      },
    });
  });
});
