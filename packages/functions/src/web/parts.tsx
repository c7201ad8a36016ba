/** @jsxImportSource hono/jsx */
/** Small pieces several pages show. */
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
