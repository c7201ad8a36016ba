/**
 * The submission package on the command line (issue 10):
 *
 *   npm run submission -- --year YYYY [--period h1|annual] [--task-force ID] [--demo]
 *                         [--out DIR] [--deliver URL --secret whsec_…] [--json]
 *
 * Builds the package of a period from the local data (`TENGGAT_DATA_DIR`, as `npm start` keeps
 * it; nothing is stored), or with `--demo` from a season simulated in a throwaway store (every
 * unit reporting on time with sample content). `--out` writes `submission.json`, one `.csv` per
 * table and `submission.xlsx`; `--deliver` signs it per Standard Webhooks and POSTs it, retrying
 * with backoff for about two minutes. Exit 0 (delivered, or built when not delivering), 1 when
 * not delivered or the data is missing, 2 with one line for bad arguments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Obligation } from "@tenggat/core/obligation";
import type { Report } from "@tenggat/core/report";
import { options, UsageError } from "./args.ts";

const USAGE = `Pemakaian / usage:
  npm run submission -- --year YYYY [--period h1|annual] [--task-force ID] [--demo]
                        [--out DIR] [--deliver URL --secret whsec_…] [--json]

  --year         tahun periode / the period's year
  --period       h1 (Januari–Juni, default; koordinasi nasional) atau annual (setahun)
  --task-force   gugus tugas / task force (default sambas)
  --demo         simulasi satu musim di penyimpanan sementara / simulate a season in a throwaway store
  --out          tulis submission.json, <tabel>.csv, submission.xlsx ke DIR / write the files to DIR
  --deliver      kirim ke URL (Standard Webhooks) / deliver to URL, signed; needs --secret
  --secret       whsec_… rahasia penerima / the receiver's secret
  --json         satu objek JSON / one JSON object
  --help         bantuan ini / this help`;

/** Delivery retries: 1, 2, 4 … 64 seconds apart (about two minutes in all). */
const RETRY_DELAYS_MS = [1, 2, 4, 8, 16, 32, 64].map((s) => s * 1000);

interface Args {
  year: number;
  period: "h1" | "annual";
  taskForce: string;
  demo: boolean;
  out?: string;
  deliver?: { url: string; secret: string };
  json: boolean;
}

function parse(argv: string[]): Args | undefined {
  const v = options(argv, {
    year: { type: "string" },
    period: { type: "string" },
    "task-force": { type: "string" },
    demo: { type: "boolean" },
    out: { type: "string" },
    deliver: { type: "string" },
    secret: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (v.help) return undefined;
  if (v.year === undefined) throw new UsageError("--year is required (see --help)");
  if (!/^\d{4}$/.test(v.year) || Number(v.year) < 2016 || Number(v.year) > 2100) {
    throw new UsageError(`--year ${v.year}: expected a year from 2016 to 2100`);
  }
  const period = v.period ?? "h1";
  if (period !== "h1" && period !== "annual") {
    throw new UsageError(`--period ${period}: expected h1 or annual`);
  }
  const taskForce = v["task-force"] ?? "sambas";
  if (!/^[a-z0-9-]{1,60}$/.test(taskForce)) {
    throw new UsageError(`--task-force ${taskForce}: lower-case letters, digits and dashes`);
  }
  if ((v.deliver === undefined) !== (v.secret === undefined)) {
    throw new UsageError("--deliver and --secret go together");
  }
  let deliver: Args["deliver"];
  if (v.deliver !== undefined && v.secret !== undefined) {
    let url: URL;
    try {
      url = new URL(v.deliver);
    } catch {
      throw new UsageError(`--deliver ${v.deliver}: not a URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new UsageError(`--deliver ${v.deliver}: expected an http(s) URL`);
    }
    if (!/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(v.secret)) {
      throw new UsageError("--secret: expected whsec_ followed by base64 (24 bytes or more)");
    }
    deliver = { url: url.toString(), secret: v.secret };
  }
  return {
    year: Number(v.year),
    period,
    taskForce,
    demo: v.demo === true,
    ...(v.out ? { out: resolve(v.out) } : {}),
    ...(deliver ? { deliver } : {}),
    json: v.json === true,
  };
}

/** Sample content of a demo report: the unit's first RAD rows and a few counts (no identities). */
function demoContent(rows: (unit: string) => string[]) {
  return (instance: Obligation.Info): Report.Content => {
    const sub = instance.unit.startsWith("sgt-");
    const seed = [...instance.id].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 997, 7);
    return {
      planning: "Rencana kegiatan periode ini (contoh simulasi).",
      implementation: "Kegiatan terlaksana sesuai rencana (contoh simulasi).",
      organisation: "Rapat koordinasi dan pembagian tugas berjalan (contoh simulasi).",
      monitoring: "Pemantauan dan evaluasi dilakukan (contoh simulasi).",
      rad: sub
        ? rows(instance.unit)
            .slice(0, 2)
            .map((row, i) => ({
              row,
              process: { target: 4, actual: (seed + i) % 5, note: "contoh / sample" },
              result: { actual: "Sebagian tercapai (contoh)" },
            }))
        : [],
      cases: sub
        ? {
            reported: seed % 7,
            handled: seed % 5,
            victimsAssisted: seed % 3,
            victimsRepatriated: seed % 2,
            prosecuted: seed % 2,
          }
        : { reported: 0, handled: 0, victimsAssisted: 0, victimsRepatriated: 0, prosecuted: 0 },
      narrative: "Laporan contoh dari simulator Tenggat (--demo).",
    };
  };
}

async function main(argv: string[]): Promise<number> {
  let args: Args | undefined;
  try {
    args = parse(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`submission: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!args) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { start } = await import("../embedded.ts");
  const dataDir = resolve(process.env.TENGGAT_DATA_DIR ?? ".data");
  let stores: Awaited<ReturnType<typeof start>>;
  try {
    // Ports left out: free ones are found (`sesPort: 0` would point the SES client at port 0,
    // where every mail of the demo's season hung until the SDK gave up).
    stores = await start(args.demo ? {} : { dataDir: resolve(dataDir, "dynamodb") });
  } catch (error) {
    process.stderr.write(
      `submission: cannot open the local data in ${dataDir} (is npm start running?): ${String(error)}\n`,
    );
    return 1;
  }
  try {
    return await run(args, stores.sesUrl);
  } finally {
    await stores.stop();
  }
}

async function run(args: Args, sesUrl: string): Promise<number> {
  const { Submission } = await import("@tenggat/core/submission");
  const { TaskForce } = await import("@tenggat/core/taskforce");
  const { Federation } = await import("@tenggat/core/federation");
  const log = (line: string) => {
    if (!args.json) process.stdout.write(`${line}\n`);
  };
  let now = new Date();
  if (args.demo) {
    const { simulate } = await import("../simulate.ts");
    const { RAD } = await import("@tenggat/core/rad");
    const plan = RAD.sambas2016();
    const rows = (unit: string) =>
      plan.tables.filter((t) => t.unit === unit).flatMap((t) => t.rows.map((r) => r.id));
    // Reports on January–June are due in August; on a year, by the end of the next March.
    const to = args.period === "h1" ? `${args.year}-08-31` : `${args.year + 1}-03-31`;
    log(`Simulasi ${args.year}-01-01 … ${to} (semua unit melapor tepat waktu) …`);
    const quiet = console.log;
    console.log = () => undefined;
    try {
      await simulate({
        from: `${args.year}-01-01`,
        to,
        tenant: args.taskForce,
        sesUrl,
        content: demoContent(rows),
        onDay: (day) => {
          if (day.endsWith("-01")) process.stderr.write(`  … ${day}\n`);
        },
      });
    } finally {
      console.log = quiet;
    }
    now = new Date(`${to}T10:00:00+07:00`);
  }
  if (!(await TaskForce.get(args.taskForce))) {
    process.stderr.write(
      `submission: no task force ${args.taskForce} in the local data; run npm start once, or use --demo\n`,
    );
    return 1;
  }
  const started = performance.now();
  const pkg = await Submission.build(args.taskForce, { year: args.year, period: args.period }, now);
  const buildMs = Math.round(performance.now() - started);
  const bytes = Submission.bytes(pkg);
  const tables = Submission.tables(pkg);
  const summary: Record<string, unknown> = {
    taskForce: pkg.taskForce.id,
    period: pkg.period,
    version: pkg.version,
    contentHash: pkg.contentHash,
    bytes: Buffer.byteLength(bytes),
    rows: Object.fromEntries(tables.map((t) => [t.name, t.rows.length])),
    cases: pkg.cases.total,
    buildMs,
  };
  log(
    `Paket ${pkg.taskForce.name}, periode ${pkg.period.id} (${pkg.period.from} … ${pkg.period.to})`,
  );
  log(`  versi ${pkg.version}, ${summary.bytes} bita, ${pkg.contentHash}`);
  log(
    `  baris: ${tables.map((t) => `${t.name} ${t.rows.length}`).join(", ")}; disusun dalam ${buildMs} ms`,
  );

  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    const files = ["submission.json"];
    writeFileSync(resolve(args.out, "submission.json"), bytes);
    for (const t of tables) {
      writeFileSync(resolve(args.out, `${t.name}.csv`), Submission.csv(t));
      files.push(`${t.name}.csv`);
    }
    writeFileSync(resolve(args.out, "submission.xlsx"), await Submission.xlsx(pkg));
    files.push("submission.xlsx");
    summary.out = { dir: args.out, files };
    log(`  ditulis ke ${args.out}: ${files.join(", ")}`);
  }

  let code = 0;
  if (args.deliver) {
    const id = Federation.webhookId(pkg.taskForce.id, Submission.idOf(pkg.period), pkg.version);
    const attempts: { status: number; error?: string }[] = [];
    let receipt: string | undefined;
    for (let i = 0; ; i++) {
      const result = await Federation.post(
        args.deliver.url,
        args.deliver.secret,
        id,
        bytes,
        new Date(),
      );
      attempts.push({ status: result.status, ...(result.error ? { error: result.error } : {}) });
      if (result.ok) {
        receipt = result.receipt ?? "";
        break;
      }
      const delay = RETRY_DELAYS_MS[i];
      if (result.permanent || delay === undefined) break;
      log(`  percobaan ${i + 1} gagal (${result.error}); coba lagi dalam ${delay / 1000} s`);
      await new Promise((r) => setTimeout(r, delay));
    }
    summary.delivery = {
      url: args.deliver.url,
      webhookId: id,
      delivered: receipt !== undefined,
      receipt,
      attempts,
    };
    if (receipt !== undefined)
      log(`  terkirim ke ${args.deliver.url}; tanda terima ${receipt || "(tanpa id)"}`);
    else {
      log(`  TIDAK terkirim ke ${args.deliver.url}: ${attempts.at(-1)?.error ?? ""}`);
      code = 1;
    }
  }
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`submission: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
