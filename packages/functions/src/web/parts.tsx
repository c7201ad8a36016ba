/** @jsxImportSource hono/jsx */
/** Small pieces several pages show. */
import type { Task } from "@tenggat/core/task";
import { shortDate } from "./format.ts";
import type { Catalogue } from "./i18n/index.ts";

/** An open obligation's distance to its due date, as a coloured tag (with words, not colour alone). */
export function DueTag({
  t,
  view,
}: {
  t: Catalogue;
  view: { status: string; overdue: boolean; daysToDue: number };
}) {
  if (view.status !== "open") {
    return <span class="tag green">{t.state[view.status as "satisfied" | "waived"]}</span>;
  }
  if (view.overdue) return <span class="tag red">{t.state.overdue(-view.daysToDue)}</span>;
  return (
    <span class={view.daysToDue <= 7 ? "tag yellow" : "tag"}>{t.state.dueIn(view.daysToDue)}</span>
  );
}

/**
 * A list of tasks (home, `/tugas`): each title a link to its page, with its due date and status;
 * with `office`, the office it is for as well.
 */
export function TaskList({
  t,
  tasks,
  office,
}: {
  t: Catalogue;
  tasks: Task.Info[];
  office?: ((code: string) => string) | undefined;
}) {
  return (
    <ul class="tasks">
      {tasks.map((x) => (
        <li>
          <a href={`/tugas/${x.id}`}>{x.title}</a>
          <span>
            {office ? `${office(x.office)} · ` : ""}
            {shortDate(x.due, t)} <span class="tag">{t.task.status[x.status]}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
