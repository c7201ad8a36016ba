import { LocalDate } from "@tenggat/core/date";
import { Meeting } from "@tenggat/core/meeting";
import { Org } from "@tenggat/core/org";
import { Task } from "@tenggat/core/task";
import * as z from "zod/mini";
import { body, createRouter, errors, IdParam, json, PageQuery, page, security } from "./common.ts";
import { IdempotencyKeyHeader, idempotent } from "./idempotency.ts";
import { createRoute, named } from "./route.ts";

/**
 * Coordination meetings (Pasal 15–17, L-III §VI) and the task force's routine meetings and
 * workshops (RAD E): schedule, reschedule, cancel, hold. Who may do what, and every rule, lives in
 * `@tenggat/core/meeting`; these handlers only hand over.
 */
export const meeting = createRouter();

const MeetingBody = Meeting.Info;
const MeetingPage = named(page(Meeting.Info), "MeetingPage");
const Held = named(
  z.object({
    meeting: Meeting.Info,
    tasks: z.array(Task.Info).check(z.describe("The tasks made from the action items")),
    satisfied: z
      .array(z.string())
      .check(
        z.describe("The obligation instances the meeting satisfied (a missed Pasal 16 window too)"),
      ),
  }),
  "HeldMeeting",
);

const ListQuery = z.extend(PageQuery, {
  unit: Org.UnitCode,
  from: z.optional(LocalDate.Schema),
  to: z.optional(LocalDate.Schema),
});

meeting.openapi(
  createRoute({
    method: "post",
    path: "/v1/meetings",
    security: security.person,
    middleware: [idempotent()],
    tags: ["Meetings"],
    summary: "Schedule a meeting and invite its attendees",
    description:
      "`subtask`: a sub-task-force coordination meeting (Pasal 16), by the secretariat or the unit's coordinator or deputy; its whole unit is invited. `special`: a special coordination meeting (Pasal 17), by the secretariat or a sub-task-force coordinator (L-III §VI); every office is invited. `taskforce` and `workshop` (RAD E): by the secretariat; every office is invited. `invitees` adds guests. The date must not be in the past.",
    request: { headers: IdempotencyKeyHeader, body: body(Meeting.ScheduleInput) },
    responses: { 201: json(MeetingBody, "Scheduled"), ...errors },
  }),
  async (c) => c.json(await Meeting.schedule(c.req.valid("json")), 201),
);

meeting.openapi(
  createRoute({
    method: "post",
    path: "/v1/meetings/record",
    security: security.person,
    middleware: [idempotent()],
    tags: ["Meetings"],
    summary: "Record a meeting that already took place, without sending invitations",
    description:
      "For a meeting held but never scheduled here. The same people may record it as may schedule it (see `POST /v1/meetings`), and the same offices count as invited; `date` is the day it took place and must not be in the future (400 naming `date`). It is stored as held with its minutes and audited (`meeting.recorded`); no invitation is sent. As for `POST /v1/meetings/{id}/hold`, each action item becomes a task of its office (announced as tasks are) and the obligation the meeting fulfils is satisfied.",
    request: { headers: IdempotencyKeyHeader, body: body(Meeting.RecordInput) },
    responses: { 201: json(Held, "Recorded"), ...errors },
  }),
  async (c) => c.json(await Meeting.record(c.req.valid("json")), 201),
);

meeting.openapi(
  createRoute({
    method: "get",
    path: "/v1/meetings",
    security: security.person,
    tags: ["Meetings"],
    summary: "A unit's meetings by date (from/to inclusive), a page at a time",
    request: { query: ListQuery },
    responses: { 200: json(MeetingPage, "A page of meetings"), ...errors },
  }),
  async (c) => c.json(await Meeting.list(c.req.valid("query")), 200),
);

meeting.openapi(
  createRoute({
    method: "get",
    path: "/v1/meetings/{id}",
    security: security.person,
    tags: ["Meetings"],
    summary: "One meeting, with its minutes once held",
    request: { params: IdParam },
    responses: { 200: json(MeetingBody, "The meeting"), ...errors },
  }),
  async (c) => c.json(await Meeting.fromID(c.req.valid("param")), 200),
);

meeting.openapi(
  createRoute({
    method: "post",
    path: "/v1/meetings/{id}/reschedule",
    security: security.person,
    tags: ["Meetings"],
    summary:
      "Move a scheduled meeting; invitees get the update (same iCalendar uid, next sequence)",
    request: { params: IdParam, body: body(Meeting.RescheduleBody) },
    responses: { 200: json(MeetingBody, "Rescheduled"), ...errors },
  }),
  async (c) =>
    c.json(await Meeting.reschedule({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
);

meeting.openapi(
  createRoute({
    method: "post",
    path: "/v1/meetings/{id}/cancel",
    security: security.person,
    tags: ["Meetings"],
    summary: "Call a scheduled meeting off; invitees get the cancellation",
    request: { params: IdParam, body: body(Meeting.CancelFields) },
    responses: { 200: json(MeetingBody, "Cancelled"), ...errors },
  }),
  async (c) =>
    c.json(await Meeting.cancel({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
);

meeting.openapi(
  createRoute({
    method: "post",
    path: "/v1/meetings/{id}/hold",
    security: security.person,
    tags: ["Meetings"],
    summary: "Record a meeting as held: attendance, decisions, action items",
    description:
      "Each action item becomes a task of its office (at most once, even when this request is retried). A held sub-task-force meeting satisfies the open Pasal 16 window containing `heldOn` and, late, any window missed before it; a routine meeting or workshop the RAD E instance whose window contains `heldOn`. `heldOn` defaults to the scheduled date and must not be in the future.",
    request: { params: IdParam, body: body(Meeting.HoldFields) },
    responses: { 200: json(Held, "Held"), ...errors },
  }),
  async (c) =>
    c.json(await Meeting.hold({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
);
