/**
 * The kinds of meeting and what each is under the regulation, apart from the meeting module so
 * that the daily job's calendar (`history.ts`) loads them without scheduling, minutes, tasks and
 * invitations (issue 12). `Meeting` re-exports them.
 */
import * as z from "../util/zod.ts";

export const Kind = z.enum(["subtask", "special", "taskforce", "workshop"]);
export type Kind = z.infer<typeof Kind>;

/** What each kind of meeting is under the regulation. */
export const KINDS: Record<
  Kind,
  {
    name: string;
    nameEn: string;
    article: string;
    /** The obligation a held meeting of this kind satisfies (the calendar's id). */
    obligation?: "subtask-meeting" | "taskforce-meeting" | "workshop";
    /**
     * How its windows are settled: `rolling` (Pasal 16: a meeting also settles, late, the
     * windows missed before it) or `window` (only the window it falls in).
     */
    settles?: "rolling" | "window";
    /** Whom the regulation invites: the meeting's unit, or the whole task force. */
    invite: "unit" | "all";
  }
> = {
  subtask: {
    name: "Rapat Koordinasi Sub Gugus Tugas",
    nameEn: "Sub-task-force coordination meeting",
    article: "Pasal 15a, 16; Pasal 10a, 11a, 12a, 13a, 14a",
    obligation: "subtask-meeting",
    settles: "rolling",
    invite: "unit",
  },
  special: {
    name: "Rapat Koordinasi Khusus",
    nameEn: "Special coordination meeting",
    article: "Pasal 15b, 17; L-III §VI",
    invite: "all",
  },
  taskforce: {
    name: "Rapat Rutin Gugus Tugas",
    nameEn: "Routine task-force meeting",
    article: "L-III §IX RAD E row 1",
    obligation: "taskforce-meeting",
    settles: "window",
    invite: "all",
  },
  workshop: {
    name: "Workshop Tugas Pokok dan Fungsi Gugus Tugas",
    nameEn: "Workshop on the task force's duties and functions",
    article: "L-III §IX RAD E row 1",
    obligation: "workshop",
    settles: "window",
    invite: "all",
  },
};
