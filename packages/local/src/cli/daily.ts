/**
 * The daily job for one date, on the data of `npm start`, from the command line:
 *
 *   npm run daily -- --date YYYY-MM-DD [--preview] [--json]
 *
 * `--preview` prints what the job would mail that day (`Reminder.preview`: nothing written or
 * sent); without it the real job runs for that date (08:00 WIB) and the mails it sent are printed.
 * It opens the data directory `npm start` keeps (`TENGGAT_DATA_DIR`, default `.data`), which one
 * process can hold at a time: stop `npm start` first — or, while it runs, use the button on its
 * reminder preview page (`/pratinjau-pengingat`), whose mails land in the mail viewer. Bad input
 * prints one line on stderr and exits 2.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { date, fromArgv, options } from "./args.ts";

const USAGE = `Pemakaian / usage:
  npm run daily -- --date YYYY-MM-DD [--preview] [--json]

  --date      tanggal tugas harian / the day to run the daily job for
  --preview   hanya pratinjau, tidak mengirim / only show what it would mail, send nothing
  --json      satu objek JSON per surel / one JSON object per mail
  --help      bantuan ini / this help

Memakai data npm start (TENGGAT_DATA_DIR, bawaan .data); hentikan npm start dulu.
Uses npm start's data (TENGGAT_DATA_DIR, default .data); stop npm start first.`;

interface Args {
  date: string;
  preview: boolean;
  json: boolean;
}

function parse(argv: string[]): Args | undefined {
  const values = options(argv, {
    date: { type: "string" },
    preview: { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return undefined;
  return {
    date: date("--date", values.date),
    preview: values.preview === true,
    json: values.json === true,
  };
}

interface Line {
  to: string;
  subject: string;
  kind?: string;
  status?: string;
}

function print(args: Args, lines: Line[], note: string): string {
  if (args.json) return lines.map((l) => `${JSON.stringify(l)}\n`).join("");
  const rows = lines.map((l) =>
    [l.to, ...(args.preview ? [l.kind ?? "", l.status ?? ""] : []), l.subject].join("  "),
  );
  return [note, ...rows, ""].join("\n");
}

async function main(): Promise<void> {
  const args = fromArgv("daily", parse, USAGE);
  if (!args) return;
  const dataDir = resolve(process.env.TENGGAT_DATA_DIR ?? ".data");
  if (!existsSync(resolve(dataDir, "dynamodb"))) {
    process.stderr.write(`daily: no data in ${dataDir}: run npm start once first\n`);
    process.exitCode = 2;
    return;
  }
  const { localSecrets } = await import("../secrets.ts");
  const secrets = localSecrets(dataDir);
  const { start, sentMail } = await import("../embedded.ts");
  let stores: Awaited<ReturnType<typeof start>>;
  try {
    stores = await start({
      dataDir: resolve(dataDir, "dynamodb"),
      publicUrl: `http://localhost:${process.env.PORT ?? 3000}`,
      sessionSecret: secrets.sessionSecret,
      linkSecret: secrets.linkSecret,
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `daily: cannot open ${dataDir} (is npm start running? stop it first): ${why}\n`,
    );
    process.exitCode = 2;
    return;
  }
  try {
    const { Reminder } = await import("@tenggat/core/reminder");
    const { LocalDate } = await import("@tenggat/core/date");
    const { Actor } = await import("@tenggat/core/actor");
    const { Fanout } = await import("@tenggat/core/fanout");
    const at = LocalDate.instant(args.date, "08:00");
    const lines: Line[] = [];
    let note = "";
    if (args.preview) {
      for (const tenant of await Fanout.tenantIds()) {
        // On the job's own clock (08:00 WIB that day), as the job would compose them.
        const p = await Actor.provide(
          { type: "system", tenant, job: "daily-preview" },
          () => Reminder.previewFor(tenant, args.date),
          () => at,
        );
        for (const m of p.mails) {
          lines.push({ to: m.email, subject: m.subject, kind: m.kind, status: m.status });
        }
        note += `${tenant} ${args.date}: ${p.workingDay ? `${p.mails.length} surel akan dikirim / mail(s) to send` : "bukan hari kerja / not a working day"}${p.completed ? " (sudah selesai / completed)" : ""}\n`;
      }
    } else {
      const run = await Reminder.daily(at);
      for (const m of await sentMail(stores.sesUrl)) {
        lines.push({ to: m.destination.to.join(", "), subject: m.subject });
      }
      for (const r of run.runs) {
        note += `${r.tenant} ${args.date}: ${r.ok ? `${r.digests.outcomes.sent ?? 0} surel dikirim / mail(s) sent` : `gagal / failed: ${r.error}`}${r.workingDay ? "" : " (bukan hari kerja / not a working day)"}\n`;
        if (!r.ok) process.exitCode = 1;
      }
    }
    process.stdout.write(print(args, lines, note.trimEnd()));
  } finally {
    await stores.stop();
  }
}

await main();
