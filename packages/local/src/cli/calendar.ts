/**
 * The calendar on the command line:
 *
 *   npm run calendar -- --from 2027-01-01 --to 2027-12-31 [--unit sgt-a] [--json] [--reminders]
 *                       [--config tenggat.json]
 *
 * Prints the obligations whose window overlaps the range (a table in Indonesian, or one JSON
 * object per line with --json), or with --reminders the reminder dates inside the range. Bad
 * input prints one line on stderr and exits 2. Each year of the range without an official holiday
 * list prints one warning line on stderr: its working days are estimates.
 */
import { readFileSync } from "node:fs";
import type { Calendar } from "@tenggat/core/calendar";
import { LocalDate } from "@tenggat/core/date";
import { VisibleError } from "@tenggat/core/error";
import type { Org } from "@tenggat/core/org";
import type { Regulation } from "@tenggat/core/regulation";
import * as z from "zod/mini";
import { options, range, UsageError } from "./args.ts";

/** The longest range, as `Calendar.MAX_YEARS` (checked here before the calendar is loaded). */
const MAX_YEARS = 100;

/**
 * The calendar, the organisation and the rulebook (with the holiday library) are loaded only
 * once the arguments are known to be good: bad input answers without paying for them.
 */
async function core() {
  const [{ Calendar }, { Org }, { Regulation }, { Sambas }] = await Promise.all([
    import("@tenggat/core/calendar"),
    import("@tenggat/core/org"),
    import("@tenggat/core/regulation"),
    import("@tenggat/core/sambas"),
  ]);
  return { Calendar, Org, Regulation, Sambas };
}

const USAGE = `Pemakaian / usage:
  npm run calendar -- --from YYYY-MM-DD --to YYYY-MM-DD [--unit KODE] [--json] [--reminders]
                      [--config FILE.json]

  --from, --to   rentang tanggal (default: tahun berjalan) / date range (default: this year)
  --unit         hanya satu unit: gt, sgt-a … sgt-e, satgas-kec-<kecamatan>, satgas-desa-<desa>
  --json         satu objek JSON per baris / one JSON object per line
  --reminders    tanggal pengingat dalam rentang / reminder dates inside the range
  --config       berkas JSON { "settings": {…},
                 "villages": [{ "name", "kecamatan", "establishedOn"?, "decree"? }],
                 "establishments": [{ "unit", "on", "decree", "by"? }],
                 "meetings": [{ "obligation", "unit", "date" }] }
                 Satgas tanpa SK pembentukan tidak punya kewajiban (Pasal 5(7)) /
                 a Satgas without an establishing decree owes nothing
  --help         bantuan ini / this help`;

/** Bad input: one line, exit 2. */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
const ROLE_LABEL: Record<string, string> = {
  penasehat: "Penasehat (Bupati)",
  ketua: "Ketua",
  "ketua-harian": "Ketua Harian",
  sekretaris: "Sekretaris",
  koordinator: "Koordinator",
  "wakil-koordinator": "Wakil Koordinator",
  anggota: "Anggota",
};
const STAGE_LABEL: Record<Calendar.Stage, string> = {
  reminder: "pengingat",
  due: "hari tenggat",
  overdue: "terlambat",
  escalation: "eskalasi",
};

/** `19 Feb 2027` */
function tanggal(date: string): string {
  const { year, month, day } = LocalDate.parts(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** `Jum 19 Feb 2027` */
function hari(date: string): string {
  return `${DAYS[LocalDate.dayOfWeek(date) - 1]} ${tanggal(date)}`;
}

function unitLabel(org: Org.Organisation, code: string): string {
  const unit = org.unit(code);
  if (!unit) return code;
  if (unit.kind === "gugus-tugas") return "Gugus Tugas";
  if (unit.kind === "sub-gugus-tugas") return `Sub GT ${code.slice(-1).toUpperCase()}`;
  return unit.name.replace("Satgas PP-TPPO Kecamatan", "Satgas Kec.").replace("PP-TPPO ", "");
}

function officeLabel(org: Org.Organisation, code: string, owningUnit?: string): string {
  if (code.startsWith("ext:")) return code.slice(4);
  const office = org.office(code);
  if (!office) return code;
  const role = ROLE_LABEL[office.role] ?? office.role;
  if (office.unit === owningUnit || office.unit === "gt") return role;
  return `${role} ${unitLabel(org, office.unit)}`;
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

const Config = z.object({
  settings: z.optional(z.unknown()),
  villages: z.optional(z.array(z.unknown())),
  establishments: z.optional(z.array(z.unknown())),
  meetings: z.optional(z.array(z.unknown())),
});

/** The basis of an obligation, as the table shows it. */
const BASIS_LABEL: Record<string, string> = {
  law: "hukum",
  "action-plan": "RAD",
  reading: "tafsiran",
  configured: "pengaturan",
};

function loadConfig(path: string | undefined) {
  if (path === undefined) return { settings: {}, villages: [], establishments: [], meetings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? "is not valid JSON" : "cannot be read";
    throw new UsageError(`--config ${path} ${reason}`);
  }
  const parsed = Config.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `--config ${path}: expected { settings, villages, establishments, meetings }`,
    );
  return {
    settings: parsed.data.settings ?? {},
    villages: parsed.data.villages ?? [],
    establishments: parsed.data.establishments ?? [],
    meetings: parsed.data.meetings ?? [],
  };
}

function zodLine(prefix: string, error: z.core.$ZodError): string {
  const first = error.issues[0];
  if (!first) return `${prefix}: invalid`;
  const path = first.path.length > 0 ? `.${first.path.join(".")}` : "";
  return `${prefix}${path}: ${first.message}`;
}

/** Prints on stderr, once per year of the range, that the year has no official holiday list. */
function warnEstimates(
  Calendar: Awaited<ReturnType<typeof core>>["Calendar"],
  settings: Regulation.Settings,
  from: string,
  to: string,
): void {
  const holidays = Calendar.holidaysFor(settings);
  const last = LocalDate.parts(to).year;
  for (let year = LocalDate.parts(from).year; year <= last; year++) {
    if (holidays.list(year).source === "official") continue;
    process.stderr.write(
      `calendar: peringatan: belum ada daftar libur resmi ${year}, hari kerja ${year} perkiraan / ` +
        `warning: no official holiday list for ${year}; its working days are estimates\n`,
    );
  }
}

async function run(argv: string[]): Promise<string> {
  const values = options(argv, {
    from: { type: "string" },
    to: { type: "string" },
    unit: { type: "string" },
    json: { type: "boolean" },
    reminders: { type: "boolean" },
    config: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return `${USAGE}\n`;

  const thisYear = LocalDate.parts(LocalDate.at(new Date())).year;
  const from = values.from ?? `${thisYear}-01-01`;
  const to = values.to ?? `${thisYear}-12-31`;
  range(from, to, MAX_YEARS);

  const config = loadConfig(values.config);
  const { Calendar, Org, Regulation, Sambas } = await core();
  const settingsResult = Regulation.Settings.safeParse(config.settings);
  if (!settingsResult.success) throw new UsageError(zodLine("settings", settingsResult.error));
  const settings = settingsResult.data;
  const meetingsResult = z.array(Calendar.Held).safeParse(config.meetings);
  if (!meetingsResult.success) throw new UsageError(zodLine("meetings", meetingsResult.error));
  let org = Sambas.organisation();
  if (config.villages.length > 0) org = Org.withVillages(org, config.villages as Org.Village[]);
  if (config.establishments.length > 0) {
    org = Org.withEstablishments(
      org,
      // Who issued the decree may be left out here: the calendar needs only the unit and day.
      config.establishments.map((e) =>
        e && typeof e === "object" && !("by" in e) ? { by: "(tidak disebut)", ...e } : e,
      ) as Org.Establish[],
    );
  }
  if (values.unit !== undefined && !org.unit(values.unit)) {
    throw new UsageError(
      `unknown unit ${values.unit} (units: gt, sgt-a … sgt-e, satgas-kec-<kecamatan>, satgas-desa-<desa>)`,
    );
  }

  const query = values.unit === undefined ? { from, to } : { from, to, unit: values.unit };
  const instances = Calendar.byDue(
    Calendar.list(query, { org, settings, held: meetingsResult.data }),
  );
  warnEstimates(Calendar, settings, from, to);
  if (values.reminders) {
    return reminders(Calendar, org, settings, instances, from, to, values.json === true);
  }
  if (values.json) {
    return instances
      .map((i) =>
        JSON.stringify({
          id: i.id,
          obligation: i.obligation,
          title: i.title.id,
          titleEn: i.title.en,
          unit: i.unit,
          owner: i.owner,
          route: i.route,
          copies: i.copies,
          period: i.period,
          covers: i.covers,
          windowStart: i.windowStart,
          windowEnd: i.windowEnd,
          due: i.due,
          dueSetting: i.dueSetting,
          article: i.citation,
          articles: i.articles,
          basis: i.basis,
          heldOn: i.heldOn,
        }),
      )
      .map((line) => `${line}\n`)
      .join("");
  }
  const rows = instances.map((i) => [
    i.title.id,
    unitLabel(org, i.unit),
    officeLabel(org, i.owner, i.unit),
    `${tanggal(i.windowStart)} – ${tanggal(i.windowEnd)}`,
    `${hari(i.due)}${i.dueSetting ? " *" : ""}`,
    BASIS_LABEL[i.basis] ?? i.basis,
    i.citation,
  ]);
  return [
    `Kalender kewajiban Gugus Tugas PP-TPPO Kabupaten Sambas, ${tanggal(from)} – ${tanggal(to)}`,
    "",
    table(["Kewajiban", "Unit", "Penanggung jawab", "Jendela", "Tenggat", "Sifat", "Dasar"], rows),
    "",
    `${instances.length} kewajiban. * Tanggal tenggat dipilih oleh pengaturan, bukan ditetapkan Perbup 8/2016 (lihat docs/rules.md).`,
    "Sifat: hukum = Perbup 8/2016; RAD = target rencana aksi; tafsiran = satu pembacaan atas teks; pengaturan = pilihan gugus tugas.",
    "",
  ].join("\n");
}

function reminders(
  Calendar: Awaited<ReturnType<typeof core>>["Calendar"],
  org: Org.Organisation,
  settings: Regulation.Settings,
  instances: Calendar.Instance[],
  from: string,
  to: string,
  json: boolean,
): string {
  const holidays = Calendar.holidaysFor(settings);
  const all: { reminder: Calendar.Reminder; instance: Calendar.Instance }[] = [];
  for (const instance of instances) {
    for (const reminder of Calendar.reminders(instance, { horizon: to, settings, holidays })) {
      if (reminder.date >= from) all.push({ reminder, instance });
    }
  }
  all.sort((a, b) => LocalDate.compare(a.reminder.date, b.reminder.date));
  if (json) {
    return all
      .map(({ reminder: r, instance: i }) =>
        JSON.stringify({
          date: r.date,
          stage: r.stage,
          daysFromDue: r.daysFromDue,
          nominal: r.nominal,
          instance: i.id,
          obligation: i.obligation,
          title: i.title.id,
          unit: i.unit,
          due: i.due,
          recipients: r.recipients,
          escalationLevel: r.escalationLevel,
          article: i.citation,
        }),
      )
      .map((line) => `${line}\n`)
      .join("");
  }
  const rows = all.map(({ reminder: r, instance: i }) => [
    hari(r.date),
    STAGE_LABEL[r.stage],
    i.title.id,
    unitLabel(org, i.unit),
    hari(i.due),
    r.recipients.map((o) => officeLabel(org, o, i.unit)).join(", "),
  ]);
  return [
    `Pengingat ${tanggal(from)} – ${tanggal(to)} (hari kerja; terlambat tanpa catatan pemenuhan)`,
    "",
    table(["Tanggal", "Tahap", "Kewajiban", "Unit", "Tenggat", "Kepada"], rows),
    "",
    `${all.length} pengingat.`,
    "",
  ].join("\n");
}

async function main(): Promise<void> {
  try {
    process.stdout.write(await run(process.argv.slice(2)));
  } catch (error) {
    const message =
      error instanceof UsageError || error instanceof VisibleError
        ? error.message
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`calendar: ${message.split("\n")[0]}\n`);
    process.exitCode = error instanceof UsageError || error instanceof VisibleError ? 2 : 1;
  }
}

await main();
