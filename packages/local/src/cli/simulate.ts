/**
 * The year simulator on the command line:
 *
 *   npm run simulate -- --from 2027-01-01 --to 2027-12-31 [--policy on-time|late|never]
 *                       [--outage 2027-03-01..2027-03-10]… [--json]
 *
 * Runs the real daily job for every day of the range against a fresh embedded store and the
 * embedded SES, with the Sambas task force and its sample people, the people behaving as
 * `--policy` says (see `../simulate.ts`); `--outage` (repeatable) skips the job on those days.
 * Prints every mail sent: a table, or with --json one JSON object per line. Bad input prints
 * one line on stderr and exits 2.
 */
import { LocalDate } from "@tenggat/core/date";
import type { Mail, Policy, Range, Result } from "../simulate.ts";
import { date, fromArgv, options, range, UsageError } from "./args.ts";

/** The longest range (a year takes about half a minute). */
const MAX_YEARS = 5;
const POLICIES: readonly Policy[] = ["on-time", "late", "never"];

const USAGE = `Pemakaian / usage:
  npm run simulate -- --from YYYY-MM-DD --to YYYY-MM-DD [--policy on-time|late|never]
                      [--outage YYYY-MM-DD..YYYY-MM-DD]… [--json]

  --from, --to   rentang simulasi / the days to simulate (at most ${MAX_YEARS} years)
  --policy       perilaku koordinator / how the coordinators behave (default on-time):
                 on-time  rapat dan laporan 5 hari sebelum tenggat / 5 days before the due date
                 late     10 hari sesudah tenggat / 10 days after it (after the first escalation)
                 never    tidak pernah / never
  --outage       hari-hari tanpa job harian (boleh diulang) / days the daily job does not run
                 (repeatable); one day: --outage 2027-03-01
  --json         satu objek JSON per surat / one JSON object per mail
  --help         bantuan ini / this help`;

/** Bad input: one line, exit 2. */

function outage(value: string): Range {
  const [from, to, extra] = value.split("..");
  if (extra !== undefined || from === undefined || from === "" || to === "") {
    throw new UsageError(`--outage ${value}: expected YYYY-MM-DD..YYYY-MM-DD or one YYYY-MM-DD`);
  }
  for (const d of [from, to ?? from]) {
    if (!LocalDate.isValid(d)) {
      throw new UsageError(`--outage ${value}: ${d} is not a real date in the form YYYY-MM-DD`);
    }
  }
  const range = { from, to: to ?? from };
  if (range.from > range.to) throw new UsageError(`--outage ${value}: ${from} is after ${to}`);
  return range;
}

interface Args {
  from: string;
  to: string;
  policy: Policy;
  outages: Range[];
  json: boolean;
}

/** The arguments, checked; `undefined` for --help. Throws `UsageError`. */
function parse(argv: string[]): Args | undefined {
  const values = options(argv, {
    from: { type: "string" },
    to: { type: "string" },
    policy: { type: "string" },
    outage: { type: "string", multiple: true },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return undefined;
  const { from, to } = range(date("--from", values.from), date("--to", values.to), MAX_YEARS);
  const policy = values.policy ?? "on-time";
  if (!POLICIES.includes(policy as Policy)) {
    throw new UsageError(`--policy ${policy}: expected one of ${POLICIES.join(", ")}`);
  }
  return {
    from,
    to,
    policy: policy as Policy,
    outages: (values.outage ?? []).map(outage),
    json: values.json === true,
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
const KIND_LABEL: Record<Mail["kind"], string> = {
  digest: "ringkasan",
  event: "pemberitahuan",
  invitation: "undangan",
};
const STAGE_LABEL: Record<Mail["items"][number]["stage"], string> = {
  reminder: "pengingat",
  due: "hari tenggat",
  overdue: "terlambat",
  escalation: "eskalasi",
};

/** `Jum 19 Feb 2027` */
function hari(d: string): string {
  const { year, month, day } = LocalDate.parts(d);
  return `${DAYS[LocalDate.dayOfWeek(d) - 1]} ${day} ${MONTHS[month - 1]} ${year}`;
}

function table(headings: string[], rows: string[][]): string {
  const widths = headings.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headings), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function count<T extends string>(values: T[]): string {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(", ");
}

/** The mails as one JSON object per line (no random ids: two runs print the same). */
function json(mails: readonly Mail[]): string {
  return mails
    .map(
      (m) =>
        `${JSON.stringify({
          date: m.date,
          time: m.time,
          to: m.to,
          offices: m.offices,
          subject: m.subject,
          kind: m.kind,
          items: m.items,
        })}\n`,
    )
    .join("");
}

/** The mails as a table, in Indonesian, with a summary. */
function text(args: Args, result: Result): string {
  const rows = result.mails.map((m) => [
    hari(m.date),
    m.time,
    KIND_LABEL[m.kind],
    m.to.join(", "),
    m.offices.join(", "),
    m.items.length > 0 ? count(m.items.map((i) => STAGE_LABEL[i.stage])) : "",
    m.subject,
  ]);
  const stages = result.mails.flatMap((m) => m.items.map((i) => STAGE_LABEL[i.stage]));
  const outages = args.outages.map((o) => (o.from === o.to ? o.from : `${o.from}..${o.to}`));
  return [
    `Simulasi ${hari(args.from)} – ${hari(args.to)}, perilaku ${args.policy}${outages.length > 0 ? `, job tidak berjalan: ${outages.join(", ")}` : ""}`,
    "",
    table(["Tanggal", "Jam", "Jenis", "Kepada", "Jabatan", "Butir", "Perihal"], rows),
    "",
    `${result.mails.length} surat (${count(result.mails.map((m) => KIND_LABEL[m.kind])) || "tidak ada"}); butir ringkasan: ${count(stages) || "tidak ada"}.`,
    `Job harian berjalan ${result.jobDays} hari; ${result.actions.length} tindakan; ${(result.ms / 1000).toFixed(1)} detik.`,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  const args = fromArgv("simulate", parse, USAGE);
  if (!args) return;
  // The stores set the environment core reads on first use: start them, then load the rest.
  const { start } = await import("../embedded.ts");
  const stores = await start();
  try {
    const { simulate } = await import("../simulate.ts");
    const result = await simulate({
      from: args.from,
      to: args.to,
      policy: args.policy,
      outages: args.outages,
      sesUrl: stores.sesUrl,
    });
    process.stdout.write(args.json ? json(result.mails) : text(args, result));
    for (const f of result.failures)
      process.stderr.write(`simulate: job of ${f.date} failed: ${f.error}\n`);
    if (result.failures.length > 0) process.exitCode = 1;
  } catch (error) {
    process.stderr.write(
      `simulate: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await stores.stop();
  }
}

await main();
