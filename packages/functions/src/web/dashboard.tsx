/** @jsxImportSource hono/jsx */
/**
 * `/dasbor` (secretariat): the year at a glance — every unit × every obligation, each cell the
 * state of its instances with their due dates; filters by unit, obligation and state; totals;
 * `/dasbor.csv`, the same rows for Excel (UTF-8 with BOM).
 *
 * Reads one Query per unit on the unit index (gsi1, `Key.instancesOfUnit`, due dates within the
 * year) — bounded by the number of units, never one per cell — plus the organisation (cached).
 */
import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { Obligation } from "@tenggat/core/obligation";
import { Org } from "@tenggat/core/org";
import { Policy } from "@tenggat/core/policy";
import { Sambas } from "@tenggat/core/sambas";
import { TaskForce } from "@tenggat/core/taskforce";
import { Hono } from "hono";
import { pageHeaders, personView, render, type View } from "./context.tsx";
import { period, shortDate } from "./format.ts";

export const dashboard = new Hono();

/** "Jatuh tempo segera": due within this many days (configured: the regulation is silent). */
export const DUE_SOON_DAYS = 14;

export const STATES = [
  "on-time",
  "late",
  "due-soon",
  "overdue",
  "open",
  "not-open",
  "waived",
] as const;
export type State = (typeof STATES)[number];

/** The state of one instance on `today`. */
export function stateOf(o: Obligation.Info, today: string): State {
  if (o.status === "waived") return "waived";
  if (o.status === "satisfied") return (o.satisfiedBy?.on ?? o.due) <= o.due ? "on-time" : "late";
  if (today < o.windowStart) return "not-open";
  if (today > o.due) return "overdue";
  return LocalDate.diffDays(today, o.due) <= DUE_SOON_DAYS ? "due-soon" : "open";
}

const TAG: Record<State, string> = {
  "on-time": "tag green",
  late: "tag yellow",
  "due-soon": "tag yellow",
  overdue: "tag red",
  open: "tag",
  "not-open": "tag grey",
  waived: "tag grey",
};

interface Row {
  o: Obligation.Info;
  state: State;
}

async function load(v: View, year: number) {
  Policy.require(
    Policy.isSecretariat(),
    "dashboard.secretariat_only",
    "the dashboard is the secretariat's",
  );
  const today = LocalDate.at(v.now);
  const { units } = await Directory.cachedOrganisation(v.me?.tenant ?? "");
  const pages = await Promise.all(
    units.map((u) =>
      Obligation.byUnit(v.me?.tenant ?? "", {
        unit: u.code,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        limit: 200,
      }),
    ),
  );
  const rows: Row[] = pages.flatMap((p) => p.items).map((o) => ({ o, state: stateOf(o, today) }));
  return { units, rows };
}

function filters(c: { req: { query(k: string): string | undefined } }, now: Date) {
  const y = Number(c.req.query("tahun"));
  const year =
    Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(LocalDate.at(now).slice(0, 4));
  return {
    year,
    unit: c.req.query("unit") || "",
    obligation: c.req.query("kewajiban") || "",
    state: (STATES as readonly string[]).includes(c.req.query("keadaan") ?? "")
      ? (c.req.query("keadaan") as State)
      : "",
  };
}

dashboard.get("/dasbor", async (c) => {
  const v = await personView(c);
  const { t, names } = v;
  const f = filters(c, v.now);
  const [{ units, rows }, holidays] = await Promise.all([
    load(v, f.year),
    TaskForce.holidays(v.me.tenant),
  ]);
  // RAD A.4 from the units already loaded (no second read of them).
  const satgas = Org.establishmentProgress(
    Org.create({ units, offices: [], people: [] }),
    Sambas.VILLAGES_TOTAL,
  );
  // A year without the official (SKB) list runs on estimated holidays: say so (issue 8 item 9).
  const estimated = holidays.list(f.year).source === "estimate";
  const obligations = [...new Map(rows.map((r) => [r.o.obligation, r.o.title])).entries()].sort(
    ([a], [b]) => a.localeCompare(b),
  );
  const shown = rows.filter(
    (r) =>
      (!f.unit || r.o.unit === f.unit) &&
      (!f.obligation || r.o.obligation === f.obligation) &&
      (!f.state || r.state === f.state),
  );
  const totals = STATES.map((s) => [s, shown.filter((r) => r.state === s).length] as const);
  const columns = obligations.filter(([code]) => !f.obligation || code === f.obligation);
  const unitRows = units.filter(
    (u) => (!f.unit || u.code === f.unit) && shown.some((r) => r.o.unit === u.code),
  );
  const label = (title: { id: string; en: string }) => (t.lang === "en" ? title.en : title.id);
  const csv = new URLSearchParams({
    tahun: String(f.year),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(f.obligation ? { kewajiban: f.obligation } : {}),
    ...(f.state ? { keadaan: f.state } : {}),
  });
  return render(
    v,
    t.dashboard.title,
    <>
      <h1>
        {t.dashboard.title} {f.year}
      </h1>
      {estimated ? <div class="warning-text">{t.dashboard.estimatedHolidays(f.year)}</div> : null}
      <p>
        {t.dashboard.satgasProgress(
          satgas.kecamatan.established,
          satgas.kecamatan.total,
          satgas.desa.established,
          satgas.desa.total,
        )}
      </p>
      <form method="get" action="/dasbor" class="filters">
        <div class="field">
          <label for="tahun">{t.dashboard.year}</label>
          <input id="tahun" name="tahun" class="short" inputmode="numeric" value={String(f.year)} />
        </div>
        <div class="field">
          <label for="unit">{t.dashboard.unit}</label>
          <select id="unit" name="unit">
            <option value="">{t.dashboard.all}</option>
            {units.map((u) => (
              <option value={u.code} selected={u.code === f.unit}>
                {names.unit(u.code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="kewajiban">{t.dashboard.obligation}</label>
          <select id="kewajiban" name="kewajiban">
            <option value="">{t.dashboard.all}</option>
            {obligations.map(([code, title]) => (
              <option value={code} selected={code === f.obligation}>
                {label(title)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="keadaan">{t.dashboard.state}</label>
          <select id="keadaan" name="keadaan">
            <option value="">{t.dashboard.all}</option>
            {STATES.map((s) => (
              <option value={s} selected={s === f.state}>
                {t.dashboard.states[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t.dashboard.filter}
        </button>
      </form>
      <p>
        <a href={`/dasbor.csv?${csv}`}>{t.dashboard.csv}</a>
      </p>
      <h2>{t.dashboard.totals}</h2>
      <ul class="tasks">
        {totals.map(([s, n]) => (
          <li>
            <span class={TAG[s]}>{t.dashboard.states[s]}</span>
            <strong>{n}</strong>
          </li>
        ))}
      </ul>
      <section class="table-wrap" tabindex={0} aria-label={t.dashboard.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.dashboard.unit}</th>
              {columns.map(([, title]) => (
                <th scope="col">{label(title)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {unitRows.map((u) => (
              <tr>
                <th scope="row">{t.lang === "en" ? Org.label(u).en : Org.label(u).id}</th>
                {columns.map(([code]) => {
                  const cell = shown.filter((r) => r.o.unit === u.code && r.o.obligation === code);
                  return (
                    <td>
                      {cell.length === 0
                        ? t.dashboard.none
                        : cell.map((r) => (
                            <div>
                              <a href={`/kewajiban/${encodeURIComponent(r.o.id)}`}>
                                {period(r.o.period, t)}
                              </a>{" "}
                              <span class={TAG[r.state]}>{t.dashboard.states[r.state]}</span>{" "}
                              <span class="hint">{shortDate(r.o.due, t)}</span>
                            </div>
                          ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>,
  );
});

const cell = (s: string) => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

dashboard.get("/dasbor.csv", async (c) => {
  const v = await personView(c);
  const { t, names } = v;
  const f = filters(c, v.now);
  const { rows } = await load(v, f.year);
  const lines = [
    [
      t.dashboard.unit,
      t.dashboard.obligation,
      t.report.period,
      t.report.due,
      t.dashboard.state,
      t.obligation.satisfiedBy,
      "id",
    ],
    ...rows
      .filter(
        (r) =>
          (!f.unit || r.o.unit === f.unit) &&
          (!f.obligation || r.o.obligation === f.obligation) &&
          (!f.state || r.state === f.state),
      )
      .map((r) => [
        names.unit(r.o.unit),
        t.lang === "en" ? r.o.title.en : r.o.title.id,
        period(r.o.period, t),
        r.o.due,
        t.dashboard.states[r.state] ?? r.state,
        r.o.satisfiedBy?.on ?? "",
        r.o.id,
      ]),
  ];
  pageHeaders(c, true);
  return c.body(`\uFEFF${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="tenggat-dasbor-${f.year}.csv"`,
  });
});
