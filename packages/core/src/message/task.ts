import { LocalDate } from "../date/index.ts";
import * as z from "../util/zod.ts";
import {
  Actor,
  actor,
  Body,
  Common,
  dueText,
  type Lang,
  Line,
  Localized,
  mail,
  type Out,
  office,
  pick,
  type Rendered,
  Url,
  unit,
  words,
} from "./common.ts";
import * as Format from "./format.ts";
import * as Labels from "./labels.ts";
import type * as Layout from "./layout.ts";

/** Task events: assigned (or handed over) to an office, handed away from one, done. */

const Task = z.strictObject({
  title: Localized,
  unit: Localized,
  /** What to do, as the assigner wrote it (about the work, never about a case). */
  description: z.optional(Body(4000)),
  due: z.optional(LocalDate.Schema),
  article: z.optional(Line(100)),
  url: Url,
  ackUrl: z.optional(Url),
});

export const TaskAssigned = z.strictObject({
  kind: z.literal("task-assigned"),
  ...Common,
  task: Task,
  assignedBy: Localized,
  actor: Actor,
  /** Why it was handed over, when it comes from another office. */
  reason: z.optional(Body(2000)),
  today: LocalDate.Schema,
});

/** For the office that had the task: it was handed to another office. */
export const TaskReassignedAway = z.strictObject({
  kind: z.literal("task-reassigned-away"),
  ...Common,
  task: Task,
  /** The office that handed it over. */
  by: Localized,
  actor: Actor,
  to: Localized,
  reason: Body(2000),
});

/** For the office that gave the task: it is done. */
export const TaskCompleted = z.strictObject({
  kind: z.literal("task-completed"),
  ...Common,
  task: Task,
  /** The office that did it. */
  by: Localized,
  actor: Actor,
  completedOn: LocalDate.Schema,
  note: z.optional(Body(4000)),
});

type TaskOut = Out<typeof Task>;

function taskFacts(task: TaskOut, lang: Lang, today?: string): Layout.Fact[] {
  const c = words(lang).common;
  const facts: Layout.Fact[] = [{ label: c.unit, value: unit(task.unit, lang) }];
  if (task.due) {
    facts.push({
      label: c.due,
      value: today ? dueText(task.due, today, lang) : Format.longDate(task.due, lang),
    });
  }
  if (task.article) facts.push({ label: c.basis, value: Labels.basis(task.article, lang) });
  return facts;
}

export function taskAssigned(i: Out<typeof TaskAssigned>): Rendered {
  const { lang } = i;
  const t = words(lang);
  const w = t.task;
  const title = pick(i.task.title, lang);
  const middle: Layout.Block[] = [];
  if (i.task.description) {
    middle.push({ type: "quote", label: w.description, text: i.task.description });
  }
  if (i.reason) middle.push({ type: "quote", label: w.reason, text: i.reason });
  middle.push({ type: "facts", facts: taskFacts(i.task, lang, i.today) });
  const links: Layout.Link[] = [{ label: w.open, url: i.task.url }];
  if (i.task.ackUrl) links.push({ label: t.common.ack, url: i.task.ackUrl });
  return mail(
    i,
    i.task.due
      ? w.assigned.subjectDue(title, Format.shortDate(i.task.due, lang))
      : w.assigned.subject(title),
    w.assigned.lead(actor(i.assignedBy, i.actor, lang), title),
    middle,
    links,
  );
}

export function taskReassignedAway(i: Out<typeof TaskReassignedAway>): Rendered {
  const { lang } = i;
  const w = words(lang).task;
  const title = pick(i.task.title, lang);
  const to = office(i.to, lang);
  return mail(
    i,
    w.reassignedAway.subject(title, to),
    w.reassignedAway.lead(actor(i.by, i.actor, lang), title, to),
    [
      { type: "quote", label: w.reason, text: i.reason },
      { type: "facts", facts: taskFacts(i.task, lang) },
    ],
    [{ label: w.open, url: i.task.url }],
  );
}

export function taskCompleted(i: Out<typeof TaskCompleted>): Rendered {
  const { lang } = i;
  const w = words(lang).task;
  const title = pick(i.task.title, lang);
  const middle: Layout.Block[] = [];
  if (i.note) middle.push({ type: "quote", label: w.note, text: i.note });
  middle.push({ type: "facts", facts: taskFacts(i.task, lang) });
  return mail(
    i,
    w.completed.subject(title),
    w.completed.lead(actor(i.by, i.actor, lang), title, Format.longDate(i.completedOn, lang)),
    middle,
    [{ label: w.open, url: i.task.url }],
  );
}
