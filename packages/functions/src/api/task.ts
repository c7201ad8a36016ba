import { Org } from "@tenggat/core/org";
import { Task } from "@tenggat/core/task";
import * as z from "zod/mini";
import { body, createRouter, errors, IdParam, json, PageQuery, page, security } from "./common.ts";
import { IdempotencyKeyHeader, idempotent } from "./idempotency.ts";
import { createRoute, named } from "./route.ts";

/**
 * Tasks: action items assigned to an office with a due date (from a meeting's minutes or by
 * hand); accept, complete, reassign, cancel. Who may do what, and every rule, lives in
 * `@tenggat/core/task`; these handlers only hand over.
 */
export const task = createRouter();

const TaskView = named(
  z.object({
    ...Task.Info.shape,
    overdue: z.boolean().check(z.describe("Open and past its due date today")),
  }),
  "TaskView",
);
const TaskBody = Task.Info;
const TaskPage = named(page(TaskView), "TaskPage");

task.openapi(
  createRoute({
    method: "post",
    path: "/v1/tasks",
    security: security.person,
    middleware: [idempotent()],
    tags: ["Tasks"],
    summary: "Assign a task to an office",
    description:
      "The secretariat assigns to any office, a unit's leaders within their unit. The office is told by mail; the task waits in its queue until accepted. The due date must not be in the past.",
    request: { headers: IdempotencyKeyHeader, body: body(Task.CreateInput) },
    responses: { 201: json(TaskBody, "Assigned"), ...errors },
  }),
  async (c) => c.json(await Task.create(c.req.valid("json")), 201),
);

task.openapi(
  createRoute({
    method: "get",
    path: "/v1/tasks",
    security: security.person,
    tags: ["Tasks"],
    summary: "An office's tasks by status, then due date, a page at a time",
    description: "For the office's holders, its unit's leaders and the secretariat.",
    request: {
      query: z.extend(PageQuery, {
        office: Org.OfficeCode,
        status: z.optional(Task.Status),
      }),
    },
    responses: { 200: json(TaskPage, "A page of tasks"), ...errors },
  }),
  async (c) => c.json(await Task.byOffice(c.req.valid("query")), 200),
);

task.openapi(
  createRoute({
    method: "get",
    path: "/v1/tasks/{id}",
    security: security.person,
    tags: ["Tasks"],
    summary: "One task, with its hand-overs",
    request: { params: IdParam },
    responses: { 200: json(TaskView, "The task"), ...errors },
  }),
  async (c) => c.json(await Task.fromID(c.req.valid("param")), 200),
);

task.openapi(
  createRoute({
    method: "post",
    path: "/v1/tasks/{id}/accept",
    security: security.person,
    tags: ["Tasks"],
    summary: "Take on a task assigned to your office; it leaves the office's queue",
    request: { params: IdParam, body: body(Task.AcceptFields) },
    responses: { 200: json(TaskBody, "Accepted"), ...errors },
  }),
  async (c) =>
    c.json(await Task.accept({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
);

task.openapi(
  createRoute({
    method: "post",
    path: "/v1/tasks/{id}/complete",
    security: security.person,
    tags: ["Tasks"],
    summary: "Report an accepted task done, with a note on what was done",
    request: { params: IdParam, body: body(Task.CompleteFields) },
    responses: { 200: json(TaskBody, "Done"), ...errors },
  }),
  async (c) =>
    c.json(await Task.complete({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
);

task.openapi(
  createRoute({
    method: "post",
    path: "/v1/tasks/{id}/reassign",
    security: security.person,
    tags: ["Tasks"],
    summary: "Hand an open task to another office",
    description:
      "The secretariat to any office; the assignee or the unit's leaders within the unit. The task starts again as assigned in the new office's queue, and that office is told.",
    request: { params: IdParam, body: body(Task.ReassignFields) },
    responses: { 200: json(TaskBody, "Reassigned"), ...errors },
  }),
  async (c) =>
    c.json(await Task.reassign({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
);

task.openapi(
  createRoute({
    method: "post",
    path: "/v1/tasks/{id}/cancel",
    security: security.person,
    tags: ["Tasks"],
    summary: "Withdraw an open task (secretariat)",
    request: { params: IdParam, body: body(Task.CancelFields) },
    responses: { 200: json(TaskBody, "Cancelled"), ...errors },
  }),
  async (c) =>
    c.json(await Task.cancel({ ...c.req.valid("json"), id: c.req.valid("param").id }), 200),
);
