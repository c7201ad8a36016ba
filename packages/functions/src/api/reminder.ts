import { Actor } from "@tenggat/core/actor";
import { LocalDate } from "@tenggat/core/date";
import { Reminder } from "@tenggat/core/reminder";
import * as z from "zod/mini";
import { createRouter, errors, json, security } from "./common.ts";
import { createRoute } from "./route.ts";

/**
 * The reminder preview (issue 9 item 9): what the daily job would mail on a date, composed as the
 * job composes it, without writing or sending anything. The secretariat's, as the page is.
 */
export const reminder = createRouter();

reminder.openapi(
  createRoute({
    method: "get",
    path: "/v1/reminders/preview",
    security: security.person,
    tags: ["Reminders"],
    summary: "What the daily job would mail on a date (secretariat), without sending it",
    description:
      "Each recipient's digest as the job composes it (subject, text and HTML, items), from the same planner and templates; `status: already` when that person's digest of the date is in the ledger. Reads only: nothing is stored or sent. `date` defaults to today (Asia/Pontianak). A date the job has completed is empty (`completed`); instances the job has not stored yet (before its first run, or past its 13-month horizon) are not seen (`incomplete`).",
    request: { query: z.object({ date: z.optional(LocalDate.Schema) }) },
    responses: { 200: json(Reminder.Preview, "The mails of that date"), ...errors },
  }),
  async (c) => {
    const date = c.req.valid("query").date ?? LocalDate.at(Actor.now());
    return c.json(await Reminder.preview({ date }), 200);
  },
);
