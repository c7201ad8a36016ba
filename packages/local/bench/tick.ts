/**
 * `npm run bench:tick`: how the reminder planner and the daily job scale. Prints figures; asserts
 * nothing (timings depend on the machine).
 *
 * 1. **The pure planner at national scale.** A synthetic organisation the size of Indonesia's
 *    district task forces: 514 districts, each a task force (`gt`) with the five
 *    sub-task-forces of L-I, 14 or 15 sub-district Satgas (7,282 in all) and 163 village
 *    Satgas (83,782), about 94,000 units, built with `Org` as the seed builds Sambas. Timed:
 *    - one day (`DAY`): for every district, `Calendar.list` of the instances that can have a
 *      stage that day (windows overlapping the 120 days of overdue notices before it and the
 *      90 days of the longest reminder offset after it), then `Calendar.remindersOn` for each;
 *    - a whole year (`YEAR`): `Calendar.list` of the year and `Calendar.reminders` of every
 *      instance up to the year's end — every stage of the year, nobody ever reporting.
 *    Nothing is stored; this is the computation the job repeats per task force. The CPU column
 *    (this process's threads, the GC's included) is the figure to compare on a shared machine.
 * 2. **DynamoDB requests per notification**, counted by the SDK middleware of
 *    `@tenggat/core/dynamo` (`Dynamo.requestCounts()`), for the daily job and the sweep run on
 *    every day of `MONTH` against the embedded store, with nobody acting (every stage is sent):
 *    - Sambas as seeded (25 units, a sample person for each leading office);
 *    - Sambas with 10× the units (225 village Satgas added, 250 units): one task force whose
 *      indexes, digests and organisation reads grow — the case that could scale badly;
 *    - 10 task forces, each Sambas (the job serves tenants one after the other, so this is 10×
 *      the work of one, shown to confirm it).
 *    A "notification" is a digest mail (one per person per day); an "item" is one stage of one
 *    obligation for one person inside a digest. Each task force is run on its own
 *    (`Reminder.runOne`, what the daily queue's consumer runs), then its sweep; "nothing due" is
 *    a task force's day with no item and nothing swept (weekends included).
 * 3. **Projected national fan-out**: from the single-task-force scales, 514 such task forces per
 *    day — requests, and wall time run one after the other or fanned out over the queue.
 */
import { Calendar } from "@tenggat/core/calendar";
import { LocalDate } from "@tenggat/core/date";
import { Org } from "@tenggat/core/org";
import { Regulation } from "@tenggat/core/regulation";
import { Sambas } from "@tenggat/core/sambas";
import { Sweep } from "@tenggat/core/sweep";

// The job logs a JSON line per task force and publishes EMF metrics: not wanted between the tables.
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";

const DISTRICTS = 514;
const VILLAGES_PER_DISTRICT = 163;
const DAY = "2027-02-12";
const YEAR = { from: "2027-01-01", to: "2027-12-31" } as const;
const MONTH = { from: "2027-02-01", to: "2027-02-28" } as const;
/** Overdue notices reach back this far (the job's horizon past the due date). */
const LOOKBACK_DAYS = 120;
/** The longest reminder offset of the rulebook. */
const LOOKAHEAD_DAYS = 90;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(headings: string[], rows: string[][]): string {
  const widths = headings.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(headings), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// 1. The planner at national scale

/** District `d`: the task force and sub-task-forces of L-I, synthetic Satgas below them. */
function district(d: number, template: Org.Organisation): Org.Organisation {
  const top = new Set(["gt", ...template.byKind("sub-gugus-tugas").map((u) => u.code)]);
  const units = template.units.filter((u) => top.has(u.code));
  const offices = template.offices.filter((o) => top.has(o.unit));
  const kecamatan = d % 6 === 0 ? 15 : 14;
  const tag = `d${String(d + 1).padStart(3, "0")}`;
  const kecUnits: Org.Unit[] = [];
  for (let k = 0; k < kecamatan; k++) {
    const unit = Org.kecamatanUnit(`${tag} k${String(k + 1).padStart(2, "0")}`);
    kecUnits.push(unit);
    units.push(unit);
    offices.push(Org.satgasHead(unit));
  }
  for (let v = 0; v < VILLAGES_PER_DISTRICT; v++) {
    const parent = kecUnits[v % kecamatan] as Org.Unit;
    const unit = Org.desaUnit(`${tag} v${String(v + 1).padStart(3, "0")}`, parent.code);
    units.push(unit);
    offices.push(Org.satgasHead(unit));
  }
  return Org.create({ units, offices, people: [] });
}

const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;

function planner(): string {
  const settings = Regulation.Settings.parse({});
  const holidays = Calendar.holidaysFor(settings);
  holidays.isWorkingDay(DAY); // the holiday years are computed once, outside the timings
  holidays.isWorkingDay(YEAR.to);
  const template = Sambas.organisation();

  let started = performance.now();
  const districts = Array.from({ length: DISTRICTS }, (_, d) => district(d, template));
  const buildMs = performance.now() - started;
  const units = districts.reduce((n, o) => n + o.units.length, 0);
  const satgas = (kind: Org.UnitKind) => districts.reduce((n, o) => n + o.byKind(kind).length, 0);

  // One day. CPU time beside the wall time: on a shared machine the wall time counts other
  // processes' turns too (the CPU time counts this process's threads, the GC's included).
  let cpu = process.cpuUsage();
  started = performance.now();
  let dayInstances = 0;
  let dayStages = 0;
  const window = {
    from: LocalDate.addDays(DAY, -LOOKBACK_DAYS),
    to: LocalDate.addDays(DAY, LOOKAHEAD_DAYS),
  };
  for (const org of districts) {
    const instances = Calendar.list(window, { org, settings, holidays });
    dayInstances += instances.length;
    for (const i of instances)
      if (Calendar.remindersOn(i, DAY, { settings, holidays })) dayStages++;
  }
  const dayMs = performance.now() - started;
  const dayCpu = cpuMs(process.cpuUsage(cpu));

  // A whole year.
  cpu = process.cpuUsage();
  started = performance.now();
  let yearInstances = 0;
  let yearStages = 0;
  for (const org of districts) {
    const instances = Calendar.list(YEAR, { org, settings, holidays });
    yearInstances += instances.length;
    for (const i of instances) {
      for (const r of Calendar.reminders(i, { horizon: YEAR.to, settings, holidays })) {
        if (r.date >= YEAR.from) yearStages++;
      }
    }
  }
  const yearMs = performance.now() - started;
  const yearCpu = cpuMs(process.cpuUsage(cpu));

  return [
    `Planner, national scale: ${fmt(DISTRICTS)} districts, ${fmt(units)} units (${fmt(DISTRICTS * 6)} task forces and sub-task-forces, ${fmt(satgas("satgas-kecamatan"))} sub-district and ${fmt(satgas("satgas-desa"))} village Satgas); organisations built in ${fmt(buildMs)} ms`,
    "",
    table(
      ["computation", "instances", "stages", "time (ms)", "CPU (ms)", "µs / instance"],
      [
        [
          `one day (${DAY}): list + remindersOn`,
          fmt(dayInstances),
          fmt(dayStages),
          fmt(dayMs),
          fmt(dayCpu),
          fmt((dayMs * 1000) / dayInstances, 1),
        ],
        [
          `whole year ${YEAR.from.slice(0, 4)}: list + reminders`,
          fmt(yearInstances),
          fmt(yearStages),
          fmt(yearMs),
          fmt(yearCpu),
          fmt((yearMs * 1000) / yearInstances, 1),
        ],
      ],
    ),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// 2. DynamoDB requests per notification

/** The consumer concurrency the fan-out projection assumes. */
const CONCURRENCY = 100;

const sum = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

const WRITES = [
  "PutItemCommand",
  "UpdateItemCommand",
  "BatchWriteItemCommand",
  "DeleteItemCommand",
];
const writesOf = (counts: Record<string, number>): number =>
  WRITES.map((k) => counts[k] ?? 0).reduce((a, b) => a + b, 0);

/**
 * 514 task forces like this one: requests per day, and the wall time of a day run one after the
 * other (the old job) or fanned out over the queue, `CONCURRENCY` consumers at once.
 */
function project(name: string, tenantDays: { ms: number; requests: number; day: string }[]) {
  const byDay = new Map<string, { ms: number; requests: number }>();
  for (const t of tenantDays) {
    const d = byDay.get(t.day) ?? { ms: 0, requests: 0 };
    d.ms += t.ms;
    d.requests += t.requests;
    byDay.set(t.day, d);
  }
  const daysList = [...byDay.values()];
  const busiest = daysList.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, requests: 0 });
  const meanRequests = daysList.reduce((n, d) => n + d.requests, 0) / Math.max(1, daysList.length);
  const maxRequests = Math.max(...daysList.map((d) => d.requests));
  const slowest = Math.max(...tenantDays.map((t) => t.ms));
  const seconds = (msValue: number) =>
    msValue >= 60_000 ? `${fmt(msValue / 60_000, 1)} min` : `${fmt(msValue / 1000, 1)} s`;
  return [
    name,
    fmt(meanRequests * DISTRICTS),
    fmt(maxRequests * DISTRICTS),
    seconds(busiest.ms * DISTRICTS),
    seconds(Math.max(busiest.ms * Math.ceil(DISTRICTS / CONCURRENCY), slowest)),
    seconds(slowest),
  ];
}

interface Scale {
  name: string;
  tenants: { id: string; org: Org.Organisation }[];
}

async function store(): Promise<string> {
  const { start } = await import("../src/embedded.ts");
  const stores = await start();
  // Core reads the configuration the stores set: load it only now.
  const [{ Actor }, { Dynamo }, { Reminder }, { Seed }, { samplePeople, sambasSeed }] =
    await Promise.all([
      import("@tenggat/core/actor"),
      import("@tenggat/core/dynamo"),
      import("@tenggat/core/reminder"),
      import("@tenggat/core/seed"),
      import("../src/sambas.ts"),
    ]);
  const base = sambasSeed();
  const sambas = Sambas.organisation();
  const villages = Org.withVillages(
    sambas,
    Array.from({ length: 225 }, (_, v) => ({
      name: `Desa ${String(v + 1).padStart(3, "0")}`,
      kecamatan: sambas.byKind("satgas-kecamatan")[v % 19]?.code ?? "",
      // Established (Pasal 5(7)): a Satgas owes nothing before its decree, so unestablished
      // villages would add units without a single obligation and measure nothing.
      establishedOn: "2016-04-01",
      decree: `bench/${v + 1}/2016`,
    })),
  );
  const withSamples = (org: Org.Organisation, tenant: string) =>
    Org.withPeople(
      org,
      samplePeople(org).map((p) => ({ ...p, email: p.email.replace("@sambas.", `@${tenant}.`) })),
    );
  const scales: Scale[] = [
    {
      name: "Sambas (25 units)",
      tenants: [{ id: "skala-1", org: withSamples(sambas, "skala-1") }],
    },
    {
      name: "Sambas, 10× the units (250)",
      tenants: [{ id: "skala-desa", org: withSamples(villages, "skala-desa") }],
    },
    {
      name: "10 task forces (10 × 25 units)",
      tenants: Array.from({ length: 10 }, (_, t) => {
        const id = `skala-tf-${String(t + 1).padStart(2, "0")}`;
        return { id, org: withSamples(sambas, id) };
      }),
    },
  ];

  const rows: string[][] = [];
  const projections: string[][] = [];
  for (const scale of scales) {
    for (const t of scale.tenants) {
      await Actor.provide(
        { type: "system", tenant: t.id, job: "seed" },
        () =>
          Seed.install({
            ...base,
            taskForce: { ...base.taskForce, id: t.id },
            org: t.org,
            trackFrom: MONTH.from,
          }),
        () => LocalDate.instant(MONTH.from, "07:00"),
      );
    }
    const tenants = scale.tenants.map((t) => t.id);
    Dynamo.resetRequestCounts();
    const started = performance.now();
    let digests = 0;
    let items = 0;
    let workingDays = 0;
    let days = 0;
    /** Per tenant and working day: wall time (ms) and requests of its run and its sweep. */
    const tenantDays: { ms: number; requests: number; idle: boolean; day: string }[] = [];
    const idleRequests: number[] = [];
    /** Working days with nothing due and nothing to materialise: the ≤ 5 requests goal. */
    const idleWorking: number[] = [];
    const steady = { digests: 0, writes: 0, reads: 0, days: 0 };
    for (const day of LocalDate.range(MONTH.from, MONTH.to)) {
      days++;
      let working = false;
      // Each task force on its own, as the queue's consumer runs it (`Reminder.runOne`).
      for (const tenant of tenants) {
        const snapshot = { ...Dynamo.requestCounts() };
        const before = sum(snapshot);
        const t0 = performance.now();
        const r = await Reminder.runOne(tenant, LocalDate.instant(day, "08:00"));
        const ms = performance.now() - t0;
        const swept = await Sweep.mail(LocalDate.instant(day, "08:15"), {
          tenants: [tenant],
        });
        const requests = sum(Dynamo.requestCounts()) - before;
        if (!r.ok) throw new Error(`${r.tenant} ${day}: ${r.error}`);
        const sent = r.digests.outcomes.sent ?? 0;
        const resent = swept.results.reduce((n, x) => n + (x.swept?.sent ?? 0), 0);
        digests += sent + resent;
        items += r.items;
        const idle = r.items === 0 && resent === 0;
        if (idle) idleRequests.push(requests);
        if (idle && r.workingDay && r.created === 0) idleWorking.push(requests);
        // Steady state: a day that sent digests and stored no new instance.
        if (sent + resent > 0 && r.created === 0) {
          const w = writesOf(Dynamo.requestCounts()) - writesOf(snapshot);
          steady.digests += sent + resent;
          steady.days++;
          steady.writes += w;
          steady.reads += requests - w;
        }
        if (r.workingDay) {
          working = true;
          tenantDays.push({ ms, requests, idle, day });
        }
      }
      if (working) workingDays++;
    }
    const ms = performance.now() - started;
    const counts = Dynamo.requestCounts();
    const total = sum(counts);
    const writes = writesOf(counts);
    const reads = total - writes;
    const short = (name: string) => name.replace(/Command$/, "").replace("Item", "");
    rows.push([
      scale.name,
      fmt(scale.tenants.reduce((n, t) => n + t.org.people.length, 0)),
      fmt(workingDays),
      fmt(digests),
      fmt(items),
      fmt(total),
      fmt(writes / digests, 2),
      fmt(reads / digests, 2),
      fmt(total / (days * tenants.length), 1),
      fmt(idleRequests.reduce((a, b) => a + b, 0) / Math.max(1, idleRequests.length), 1),
      fmt(steady.writes / Math.max(1, steady.digests), 2),
      fmt(steady.reads / Math.max(1, steady.digests), 2),
      fmt(steady.digests / Math.max(1, steady.days), 1),
      idleWorking.length > 0
        ? `${fmt(Math.min(...idleWorking))}–${fmt(Math.max(...idleWorking))}`
        : "-",
      fmt(ms / 1000, 1),
      Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${short(k)} ${fmt(v)}`)
        .join(", "),
    ]);
    if (scale.tenants.length === 1) projections.push(project(scale.name, tenantDays));
  }
  await stores.stop();
  return [
    `Daily job + sweep, every day of ${MONTH.from} … ${MONTH.to}, nobody acting (embedded DynamoDB; requests counted per command)`,
    "",
    table(
      [
        "scale",
        "people",
        "working days",
        "digests",
        "items",
        "requests",
        "writes / digest",
        "reads / digest",
        "per tenant and day",
        "per tenant, nothing due",
        "steady writes / digest",
        "steady reads / digest",
        "steady digests / day",
        "working day, nothing due",
        "wall (s)",
        "by command",
      ],
      rows,
    ),
    "",
    'Columns: writes and reads per digest over the whole month include the first run, which stores 13 months of instances; "steady" counts only the days that sent digests and stored no new instance (claims, marks, the watermark and the directory reads of that day\'s recipients, the sweep\'s Query included). A steady day of n digests costs n conditional claims + ceil((n + 1) / 25) batches of marks and the watermark, and 7 reads (task force, watermark, next-action index, organisation, roster index, people, suppression; more only past 100 people) + the sweep\'s Query: 1 + 1/n writes per digest for n < 25, so ≤ 1.1 from 10 digests a day (packages/core/src/reminder/roster.test.ts asserts these counts). "Nothing due" is a task force\'s day with no item and nothing swept (weekends included); "working day, nothing due" is the range over working days that also stored nothing: the goal is at most 5 requests and no write.',
    "Before the directory was read in batches (same bench, same data, commit 49310a6: a Query of the office's holders, a GetItem of each person and of their address per recipient): steady 1.18 writes and 3.91 reads per digest for Sambas, 1.05 and 3.82 at 10× the units; 3.48 / 6.30 and 2.07 / 3.88 over the month. Commit 3d68423: 3.67 writes and 10.15 reads per digest over the month; 11.2 requests per task force on a day with nothing due.",
    "",
    `Projected for ${fmt(DISTRICTS)} task forces of one scale, from the per-task-force runs above (each task force's run timed on its own, as the queue's consumer runs it). Sequential = the old single job; fanned out = one consumer per task force, ${fmt(CONCURRENCY)} at once (an assumed Lambda concurrency for the consumer; SQS and Lambda scale further). Wall times are this machine's and the embedded store's; DynamoDB's latency is lower.`,
    "",
    table(
      [
        "task forces of",
        "requests / day (mean)",
        "requests / day (busiest)",
        "sequential (busiest day)",
        "fanned out (busiest day)",
        "slowest task force",
      ],
      projections,
    ),
  ].join("\n");
}

console.log(planner());
console.log("");
console.log(await store());
