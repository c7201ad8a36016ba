/**
 * The world of the authorisation matrix (`permissions*.test.ts`): Sambas and a second task force,
 * Singkawang, installed from the same L-I organisation with sample people of their own, in one
 * deployment (one table, one app). In each task force: sessions for the offices the matrix signs
 * in as, and fixtures in every state the endpoints act on, made through the API by the office the
 * regulation gives each act to (the daily job materialises the obligations, as in production).
 */
import { Actor } from "@tenggat/core/actor";
import { Notify } from "@tenggat/core/notify";
import { Org } from "@tenggat/core/org";
import { RAD } from "@tenggat/core/rad";
import { Reminder } from "@tenggat/core/reminder";
import { Sambas } from "@tenggat/core/sambas";
import type { Seed } from "@tenggat/core/seed";
import { TaskForce } from "@tenggat/core/taskforce";
import { clearMail, sentMail } from "@tenggat/local/embedded";
import { type World, world } from "./support.ts";

export const NOW = new Date("2027-03-16T02:00:00Z"); // 09:00 on a Tuesday (a working day) in Sambas
export const TF = { A: "sambas", B: "singkawang" } as const;
export type Side = keyof typeof TF;
export const other = (side: Side): Side => (side === "A" ? "B" : "A");
const DOMAIN: Record<Side, string> = { A: "sambas.example", B: "singkawang.example" };
export const email = (side: Side, office: string) => `${office}@${DOMAIN[side]}`;

export const PALOH = "satgas-kec-paloh";
export const UNITS = ["sgt-a", "sgt-b", PALOH] as const;
export type Unit = (typeof UNITS)[number];

/** The offices of the people signed in, in both task forces (`anggotaB` only makes fixtures). */
export const SEATS = {
  sekretaris: "gt.sekretaris",
  ketuaHarian: "gt.ketua-harian",
  ketua: "gt.ketua",
  koorA: "sgt-a.koordinator",
  koorB: "sgt-b.koordinator",
  satgas: `${PALOH}.ketua`,
  anggota: "sgt-a.anggota.tp-pkk",
  anggotaB: "sgt-b.anggota.puskesmas",
} as const;
export type Seat = keyof typeof SEATS;

/** Who leads each unit (writes its reports), and the office its tasks are given to and who holds it. */
export const LEADER: Record<Unit, Seat> = { "sgt-a": "koorA", "sgt-b": "koorB", [PALOH]: "satgas" };
export const TASK_HOLDER: Record<Unit, Seat> = {
  "sgt-a": "anggota",
  "sgt-b": "anggotaB",
  [PALOH]: "satgas",
};
/** Another office of the same unit (a Satgas has one office only: its head). */
export const SAME_UNIT_OFFICE: Record<Unit, string> = {
  "sgt-a": "sgt-a.anggota.gow",
  "sgt-b": "sgt-b.anggota.idi",
  [PALOH]: `${PALOH}.ketua`,
};

/** A report's place on its route: draft → submitted (Ketua Harian) → approved → forwarded (Ketua) → final → published. */
export const STATES = [
  "draft",
  "submitted",
  "approved",
  "forwarded",
  "final",
  "published",
] as const;
export type State = (typeof STATES)[number];

/**
 * The states made for each unit. The daily job's first run (tracking from January 2027) owes
 * three Satgas reports per sub-district in its horizon, so Paloh gets three: enough for its head
 * to write (draft), be refused the review (submitted) and for the publication question (final; a
 * Satgas Kecamatan report is not published, L-III §VIII point 2).
 */
export const STATES_OF: Record<Unit, readonly State[]> = {
  "sgt-a": STATES,
  "sgt-b": STATES,
  [PALOH]: ["draft", "submitted", "final"],
};

export interface Ref {
  id: string;
  version: number;
}
export interface ReportRef extends Ref {
  instance: string;
}

export interface UnitFixtures {
  /** One report per state of `STATES_OF`. */
  reports: Partial<Record<State, ReportRef>>;
  /** A sub-task-force meeting its coordinator called (sub-task-forces only). */
  meeting?: Ref;
  tasks: { assigned: Ref; accepted: Ref };
  taskOffice: string;
  /** An open obligation instance of the unit. */
  obligation: Ref;
  /** A second page of each listing of the unit (cursors of this task force). */
  cursors: {
    reports: string;
    tasks: string;
    obligations: string;
    audit: string;
    auditEntity: string;
    meetings?: string;
  };
}

export interface SideFixtures {
  units: Record<Unit, UnitFixtures>;
  special: Ref; // called by sgt-a's coordinator (Pasal 17, L-III §VI)
  taskforce: Ref; // called by the Sekretaris (RAD E)
  district: string; // instance of the Ketua Harian's report, already compiled
  persons: Record<Seat, string>;
  /** A person with an ended assignment, for the assignment endpoints. */
  dummy: { personId: string; office: string; start: string };
  village: string; // a village Satgas already added under Paloh
  plan: string; // an action plan only this task force has (a period started by its Ketua)
  cursors: { people: string; queue: string; public: string; meetingsGt: string };
  links: { open: string; ack: string; feed: string };
  published: string[];
  /** Every id of this task force's fixtures and people: none may reach the other's sessions. */
  ids: Set<string>;
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
  body: any;
}

export interface Matrix {
  w: World;
  tokens: Record<Side, Record<Seat, string>>;
  machine: string;
  fx: Record<Side, SideFixtures>;
  call(method: string, path: string, token?: string, body?: unknown): Promise<Reply>;
  signIn(side: Side, address: string): Promise<string>;
}

export const CONTENT = {
  planning: "Rencana kegiatan semester.",
  implementation: "Sosialisasi di tiga desa.",
  organisation: "Dua rapat koordinasi.",
  monitoring: "Pemantauan di dua desa.",
  narrative: "Ringkasan kegiatan.",
};

const REPORT_OBLIGATIONS = new Set([
  "semester-report",
  "annual-report",
  "coordinator-monitoring",
  "satgas-report",
]);

export async function build(): Promise<Matrix> {
  // Paloh's Satgas is established in both task forces, so it owes reports (Pasal 5(7)).
  const org = Org.withEstablishments(Sambas.organisation(), [
    { unit: PALOH, on: "2016-04-01", decree: "uji/2016", by: "Camat Paloh (uji)" },
  ]);
  const people = org.offices
    .filter((o) => o.role !== "anggota")
    .map((o) => ({ office: o.code, name: `${o.title} (contoh)`, email: email("B", o.code) }));
  const singkawang: Seed.SeedInput = {
    taskForce: {
      id: TF.B,
      name: "Gugus Tugas PP-TPPO Kota Singkawang (uji)",
      level: "kabupaten",
      legalBasis: "Peraturan Wali Kota (uji)",
    },
    org: Org.withPeople(org, people),
    since: "2016-04-01",
    trackFrom: "2027-01-04",
    plans: [RAD.sambas2016()],
  };
  const w = await world({ clock: () => NOW, trackFrom: "2027-01-04", also: [singkawang] });
  // Reports in every state are made in March 2027, some on periods of 2027 not yet ended: both
  // task forces allow submitting up to a year early (configured; by default a report waits for
  // the end of its period, issue 8 §7).
  for (const tf of [TF.A, TF.B]) {
    const info = await TaskForce.get(tf);
    await Actor.provide(
      { type: "system", tenant: tf, job: "test" },
      () =>
        TaskForce.updateSettings(tf, {
          settings: { submitGraceDays: 366 },
          version: info?.version ?? 1,
        }),
      () => NOW,
    );
  }
  // The daily job materialises both task forces' obligations and mails the first digests.
  await Reminder.daily(NOW);
  const digests = await sentMail(w.stores.sesUrl);

  async function call(method: string, path: string, token?: string, body?: unknown) {
    return w.call(method, path, { ...(token ? { token } : {}), ...(body ? { body } : {}) });
  }
  async function must(reply: Promise<Reply>, status: number, what: string): Promise<Reply> {
    const r = await reply;
    if (r.status !== status) {
      throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    return r;
  }
  async function signIn(side: Side, address: string): Promise<string> {
    await clearMail(w.stores.sesUrl);
    await must(
      call("POST", "/v1/auth/sign-in", undefined, { taskForce: TF[side], email: address }),
      202,
      `sign-in ${address}`,
    );
    const mail = (await sentMail(w.stores.sesUrl)).find((m) =>
      m.destination.to.some((t) => t.includes(address)),
    );
    const code = mail?.body.text?.match(/[?&]code=([A-Za-z0-9_-]+)/)?.[1];
    if (!code) throw new Error(`no sign-in link mailed to ${address}`);
    const verified = await must(
      call("POST", "/v1/auth/verify", undefined, { taskForce: TF[side], code }),
      200,
      `verify ${address}`,
    );
    return verified.body.token as string;
  }
  const cursorOf = async (path: string, token?: string): Promise<string> => {
    const page = await must(call("GET", path, token), 200, path);
    if (!page.body.cursor) throw new Error(`fixture ${path}: no second page`);
    return page.body.cursor as string;
  };

  const tokens = { A: {}, B: {} } as Record<Side, Record<Seat, string>>;
  const fx = {} as Record<Side, SideFixtures>;
  let machine = "";

  for (const side of ["A", "B"] as const) {
    const tf = TF[side];
    const t = tokens[side];
    t.sekretaris = await signIn(side, email(side, SEATS.sekretaris));
    const sek = t.sekretaris;
    const persons = {} as Record<Seat, string>;
    // Members without a leading office are not in the seed: the secretariat registers and assigns them.
    for (const seat of ["anggota", "anggotaB"] as const) {
      const p = await must(
        call("POST", "/v1/people", sek, {
          name: `Anggota ${seat}`,
          email: email(side, SEATS[seat]),
        }),
        201,
        "person",
      );
      await must(
        call("POST", "/v1/assignments", sek, {
          office: SEATS[seat],
          personId: p.body.id,
          start: "2027-01-01",
        }),
        201,
        "assignment",
      );
    }
    for (const seat of Object.keys(SEATS) as Seat[]) {
      if (seat !== "sekretaris") t[seat] = await signIn(side, email(side, SEATS[seat]));
      persons[seat] = (await must(call("GET", "/v1/me", t[seat]), 200, "me")).body.person.id;
    }
    if (side === "A") {
      const key = await must(
        call("POST", "/v1/api-keys", sek, { name: "pipeline provinsi", scopes: ["reports:read"] }),
        201,
        "api key",
      );
      machine = key.body.secret;
    }

    // Links as the daily job mailed them to sgt-a's coordinator, and that person's calendar feed.
    const digest = digests.find((m) =>
      m.destination.to.some((to) => to.includes(email(side, SEATS.koorA))),
    );
    const link = (path: string) =>
      digest?.body.text?.match(new RegExp(`https?://[^/\\s]+(${path}\\?t=\\S+)`))?.[1];
    // The mail links to the obligation's page; the signed link older mails carry opens it too.
    const page = digest?.body.text?.match(/https?:\/\/[^/\s]+\/kewajiban\/([^?\s]+)/)?.[1];
    const open = page
      ? new URL(Notify.openUrl(tf, "obligation", decodeURIComponent(page), NOW)).href.replace(
          /^https?:\/\/[^/]+/,
          "",
        )
      : undefined;
    const ackPage = link("/v1/links/ack");
    if (!open || !ackPage) throw new Error(`fixture: no digest with links for ${tf}`);
    const feed = (await must(call("POST", "/v1/me/feed", t.koorA, {}), 200, "feed")).body.https;
    const links = {
      open,
      ack: new URL(`http://x${ackPage}`).searchParams.get("t") as string,
      feed: new URL(feed).pathname + new URL(feed).search,
    };

    const village = "Temajuk";
    await must(call("POST", "/v1/units", sek, { name: village, kecamatan: PALOH }), 201, "village");
    const dummyOffice = org.officesOf("sgt-c").find((o) => o.role === "anggota")?.code as string;
    const dummy = (
      await must(
        call("POST", "/v1/people", sek, { name: "Penguji", email: email(side, "penguji") }),
        201,
        "dummy",
      )
    ).body.id as string;
    await must(
      call("POST", "/v1/assignments", sek, {
        office: dummyOffice,
        personId: dummy,
        start: "2020-01-06",
        end: "2020-12-31",
      }),
      201,
      "dummy assignment",
    );

    // Reports: one per state and unit, each taken along its route by the offices on it.
    const walk = async (unit: Unit, instance: string, to: State): Promise<ReportRef> => {
      const leader = t[LEADER[unit]];
      let r = (
        await must(
          call("POST", "/v1/reports", leader, { instance, content: CONTENT }),
          201,
          `report ${instance}`,
        )
      ).body;
      const steps: [State, string, string][] = [
        ["submitted", leader, "submit"],
        ["approved", t.ketuaHarian, "approve"],
        ["forwarded", t.ketuaHarian, "forward"],
        ["final", t.ketua, "approve"],
        ["published", sek, "publish"],
      ];
      for (const [state, token, verb] of steps) {
        if (STATES.indexOf(to) < STATES.indexOf(state)) break;
        // Publishing confirms the text the publisher previewed.
        const confirmPreview =
          verb === "publish"
            ? (
                await must(
                  call("GET", `/v1/reports/${r.id}/publication-preview`, token),
                  200,
                  `preview ${instance}`,
                )
              ).body.confirmPreview
            : undefined;
        r = (
          await must(
            call("POST", `/v1/reports/${r.id}/${verb}`, token, {
              version: r.version,
              ...(confirmPreview ? { confirmPreview } : {}),
            }),
            200,
            `${verb} ${instance}`,
          )
        ).body;
      }
      return { id: r.id, version: r.version, instance };
    };

    const units = {} as Record<Unit, UnitFixtures>;
    const published: string[] = [];
    for (const unit of UNITS) {
      const owed = (
        await must(call("GET", `/v1/obligations?unit=${unit}&limit=200`, sek), 200, "obligations")
      ).body.items.filter((i: { obligation: string }) => REPORT_OBLIGATIONS.has(i.obligation));
      const states = STATES_OF[unit];
      const reports: UnitFixtures["reports"] = {};
      for (const [i, state] of states.entries()) {
        reports[state] = await walk(unit, owed[i].id, state);
      }
      if (reports.published) published.push(reports.published.id);
      const draft = reports.draft as ReportRef;
      const obligation = (
        await must(
          call("GET", `/v1/obligations/${encodeURIComponent(draft.instance)}`, sek),
          200,
          "o",
        )
      ).body;

      let meeting: Ref | undefined;
      if (unit !== PALOH) {
        const at = (date: string) => ({
          kind: "subtask",
          unit,
          date,
          start: "09:00",
          end: "11:00",
          location: "Aula",
        });
        meeting = (
          await must(call("POST", "/v1/meetings", t[LEADER[unit]], at("2027-03-23")), 201, "m")
        ).body;
        await must(call("POST", "/v1/meetings", sek, at("2027-03-30")), 201, "second meeting");
      }

      const taskOffice = SEATS[TASK_HOLDER[unit]];
      const assigner = unit === PALOH ? sek : t[LEADER[unit]];
      const task = async (title: string) =>
        (
          await must(
            call("POST", "/v1/tasks", assigner, { title, office: taskOffice, due: "2027-04-30" }),
            201,
            "task",
          )
        ).body;
      const assigned = await task("Siapkan bahan sosialisasi");
      const toAccept = await task("Kumpulkan data kegiatan");
      const accepted = (
        await must(
          call("POST", `/v1/tasks/${toAccept.id}/accept`, t[TASK_HOLDER[unit]], {
            version: toAccept.version,
          }),
          200,
          "accept",
        )
      ).body;

      const final = reports.final as ReportRef;
      units[unit] = {
        reports,
        ...(meeting ? { meeting: { id: meeting.id, version: meeting.version } } : {}),
        tasks: {
          assigned: { id: assigned.id, version: assigned.version },
          accepted: { id: accepted.id, version: accepted.version },
        },
        taskOffice,
        obligation: { id: obligation.id, version: obligation.version },
        cursors: {
          reports: await cursorOf(`/v1/reports?unit=${unit}&limit=1`, sek),
          tasks: await cursorOf(`/v1/tasks?office=${taskOffice}&limit=1`, sek),
          obligations: await cursorOf(`/v1/obligations?unit=${unit}&limit=1`, sek),
          audit: await cursorOf(`/v1/audit?unit=${unit}&limit=1`, sek),
          auditEntity: await cursorOf(`/v1/audit?entity=report&id=${final.id}&limit=1`, sek),
          ...(meeting
            ? { meetings: await cursorOf(`/v1/meetings?unit=${unit}&limit=1`, sek) }
            : {}),
        },
      };
    }

    const gtMeeting = async (token: string, kind: string, date: string) =>
      (
        await must(
          call("POST", "/v1/meetings", token, {
            kind,
            date,
            start: "13:00",
            end: "15:00",
            location: "Aula Kantor Bupati",
          }),
          201,
          kind,
        )
      ).body as Ref;
    const special = await gtMeeting(t.koorA, "special", "2027-03-24");
    const taskforce = await gtMeeting(sek, "taskforce", "2027-03-25");
    const period = side === "A" ? [2021, 2025] : [2026, 2030];
    const plan = (
      await must(
        call("POST", "/v1/rad/periods", t.ketua, { periodStart: period[0], periodEnd: period[1] }),
        201,
        "plan",
      )
    ).body.id as string;
    const district = "district-report:gt:2026-S2";
    await must(
      call("POST", "/v1/reports/compile", t.ketuaHarian, { instance: district }),
      201,
      "c",
    );

    const everyone = await must(call("GET", "/v1/people?limit=200", sek), 200, "people");
    const ids = new Set<string>(everyone.body.items.map((p: { id: string }) => p.id));
    for (const u of Object.values(units)) {
      for (const r of Object.values(u.reports)) ids.add(r.id);
      if (u.meeting) ids.add(u.meeting.id);
      ids.add(u.tasks.assigned.id);
      ids.add(u.tasks.accepted.id);
    }
    ids.add(special.id);
    ids.add(taskforce.id);
    for (const k of (await must(call("GET", "/v1/api-keys", sek), 200, "keys")).body.items) {
      ids.add(k.id);
    }

    fx[side] = {
      units,
      special: { id: special.id, version: special.version },
      taskforce: { id: taskforce.id, version: taskforce.version },
      district,
      persons,
      dummy: { personId: dummy, office: dummyOffice, start: "2020-01-06" },
      village,
      plan,
      cursors: {
        people: await cursorOf("/v1/people?limit=1", sek),
        queue: await cursorOf("/v1/queue?limit=1", t.ketuaHarian),
        public: await cursorOf(`/v1/public/${tf}/reports?limit=1`),
        meetingsGt: await cursorOf("/v1/meetings?unit=gt&limit=1", sek),
      },
      links,
      published,
      ids,
    };
  }
  return { w, tokens, machine, fx, call, signIn };
}
