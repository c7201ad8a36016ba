export * as Notify from "./index.ts";

import type { IssuedLink } from "../auth/index.ts";

/**
 * Mail that announces a change (a report returned, a task assigned, a meeting called…), as
 * opposed to the daily reminder digest. Callers hand over an announcement right after the
 * change is stored; its id is deterministic (the audit event that caused it), so announcing the
 * same change twice mails nobody twice.
 */
export type Kind =
  | "report-submitted"
  | "report-returned"
  | "report-approved"
  | "report-forwarded"
  | "report-published"
  | "task-assigned"
  | "task-reassigned"
  | "meeting-invitation"
  | "meeting-rescheduled"
  | "meeting-cancelled"
  | "special-meeting-called";

export interface Announcement {
  /** The audit event id of the change (`report:rpt_…:v3`): the idempotency key. */
  id: string;
  kind: Kind;
  /** Offices to tell; resolved to their holders (or acting holders) on the day. */
  offices: string[];
  /** What the mail is about: entity name and id, for links and the ledger. */
  ref: { entity: "report" | "task" | "meeting"; id: string };
  /** Facts for the template; titles, dates, offices, comments — never anything about a victim. */
  data: Record<string, unknown>;
}

/** Queues and sends an announcement (exactly once per recipient). */
export async function announce(tenant: string, announcement: Announcement): Promise<void> {
  pending.push({ tenant, announcement });
}

/** Sends a sign-in link to the person it was issued for. */
export async function signInLink(tenant: string, link: IssuedLink): Promise<void> {
  pending.push({
    tenant,
    announcement: {
      id: link.code,
      kind: "report-submitted",
      offices: [],
      ref: { entity: "task", id: "" },
      data: { url: link.url },
    },
  });
}

// TEMPORARY while the mail layer lands: collected, not sent. Replaced in the next commit.
const pending: { tenant: string; announcement: Announcement }[] = [];
