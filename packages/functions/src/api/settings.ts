import { Actor } from "@tenggat/core/actor";
import { notFound } from "@tenggat/core/error";
import { Policy } from "@tenggat/core/policy";
import { Regulation } from "@tenggat/core/regulation";
import { TaskForce } from "@tenggat/core/taskforce";
import * as z from "zod/mini";
import { body, createRouter, errors, json, security } from "./common.ts";
import { createRoute, named } from "./route.ts";

/** The task force's settings: what the regulation leaves open, as this task force chose it. */
export const settings = createRouter();

const SettingsBody = named(
  z.object({
    settings: z.record(z.string(), z.unknown()).check(z.describe("The stored overrides")),
    effective: z
      .record(z.string(), z.unknown())
      .check(z.describe("Overrides applied over the documented defaults (docs/rules.md)")),
    version: z.int(),
  }),
  "Settings",
);

async function view(tenant: string) {
  const info = await TaskForce.get(tenant);
  if (!info) throw notFound("taskforce", tenant);
  return {
    settings: info.settings,
    effective: Regulation.Settings.parse(info.settings),
    version: info.version,
  };
}

settings.openapi(
  createRoute({
    method: "get",
    path: "/v1/settings",
    security: security.person,
    tags: ["Settings"],
    summary:
      "The task force's settings: internal deadlines, reminder offsets, official holidays, plan periods…",
    responses: { 200: json(SettingsBody, "Settings"), ...errors },
  }),
  async (c) => {
    Policy.require(Policy.isSignedIn(), "auth.person_only", "sign in as a person");
    return c.json(await view(Actor.tenant()), 200);
  },
);

settings.openapi(
  createRoute({
    method: "put",
    path: "/v1/settings",
    security: security.person,
    tags: ["Settings"],
    summary:
      "Replace the task force's overrides (secretariat); checked against the rulebook, audited",
    description:
      'E.g. `{ "settings": { "officialHolidays": { "2027": [{ "date": "2027-01-01", "name": "Tahun Baru" }] } }, "version": 1 }`. Applies to obligations stored from now on.',
    request: { body: body(TaskForce.UpdateSettings) },
    responses: { 200: json(SettingsBody, "Updated"), ...errors },
  }),
  async (c) => {
    Policy.require(
      Policy.isSecretariat(),
      "auth.secretariat_only",
      "only the secretariat may change the settings",
    );
    const tenant = Actor.tenant();
    await TaskForce.updateSettings(tenant, c.req.valid("json"));
    return c.json(await view(tenant), 200);
  },
);
