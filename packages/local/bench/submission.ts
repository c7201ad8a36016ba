/**
 * `npm run bench:submission`: how long building a submission package takes — for Sambas (its
 * 25 units' obligations for a year stored, five approved semester reports) and for a province
 * rolling up 14 member districts' packages received through the signed inbound route — each
 * also as a ratio to one DynamoDB GetItem measured in the same run (the machine is shared: the
 * ratio carries over, the milliseconds do not); and what the XLSX writer costs in a bundle
 * (esbuild, minified ESM, as SST bundles), beside what `exceljs` would cost.
 * Embedded stores, in-process; prints one JSON line.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { Webhook } from "standardwebhooks";
import { start } from "../src/embedded.ts";
import { sambasSeed } from "../src/sambas.ts";

const stores = await start();
const { Actor } = await import("@tenggat/core/actor");
const { Seed } = await import("@tenggat/core/seed");
const { Reminder } = await import("@tenggat/core/reminder");
const { Report } = await import("@tenggat/core/report");
const { Directory } = await import("@tenggat/core/directory");
const { Submission } = await import("@tenggat/core/submission");
const { Federation } = await import("@tenggat/core/federation");

const seed = sambasSeed();
await Seed.install({ ...seed, trackFrom: "2027-01-04" });
await Reminder.daily(new Date("2027-01-20T01:00:00Z"), { tenants: ["sambas"] });
const at = new Date("2027-08-03T02:00:00Z");
const person = async (office: string) => {
  const [p] = await Directory.recipients("sambas", office, "2027-08-03");
  if (!p) throw new Error(office);
  return {
    type: "person" as const,
    tenant: "sambas",
    personId: p.id,
    name: p.name,
    offices: [office],
  };
};
for (const unit of ["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"]) {
  const owner = await person(`${unit}.koordinator`);
  const content = {
    planning: "p",
    implementation: "i",
    organisation: "o",
    monitoring: "m",
    rad: [
      {
        row: `rad-2016-2020.${unit.slice(-1).toUpperCase()}.1`,
        process: { actual: 1 },
        result: { actual: 1 },
      },
    ],
    cases: { reported: 2 },
  };
  let r = await Actor.provide(
    owner,
    () => Report.create({ instance: `semester-report:${unit}:2027-S1`, content }),
    () => at,
  );
  r = await Actor.provide(
    owner,
    () => Report.submit({ id: r.id, version: r.version }),
    () => at,
  );
  await Actor.provide(
    await person("gt.ketua-harian"),
    () => Report.approve({ id: r.id, version: r.version }),
    () => at,
  );
}

async function timePrecise(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return Math.round((samples[Math.floor(runs / 2)] ?? 0) * 100) / 100;
}

/** Minified ESM bytes (and gzip) of what `code` imports, bundled for node. */
async function bundled(code: string): Promise<{ kib: number; gzipKib: number }> {
  const out = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const bytes = out.outputFiles[0]?.contents ?? new Uint8Array();
  const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { kib: kib(bytes.length), gzipKib: kib(gzipSync(bytes, { level: 9 }).length) };
}

async function time(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[Math.floor(runs / 2)] ?? 0);
}

const { Dynamo, Key } = await import("@tenggat/core/dynamo");
const tfKey = Key.taskForce("sambas");
const getItemMs = (await timePrecise(() => Dynamo.get(tfKey.pk, tfKey.sk), 41)) || 0.01;
const sambasMs = await time(() => Submission.build("sambas", { year: 2027 }, at));
const pkg = await Submission.build("sambas", { year: 2027 }, at);

// The province: 14 members, each delivering a copy of Sambas's package under its own name.
await Seed.install({
  ...seed,
  taskForce: { id: "provinsi", name: "Provinsi (bench)", level: "provinsi", legalBasis: "bench" },
});
const now = new Date();
for (let i = 1; i <= 14; i++) {
  const id = `kab-${i}`;
  const secret = `whsec_${Buffer.from(`bench-secret-${i}-0123456789abcdef`).toString("base64")}`;
  await Actor.provide(
    {
      type: "person",
      tenant: "provinsi",
      personId: "p",
      name: "bench",
      offices: ["gt.sekretaris"],
    },
    () => Federation.addMember({ id, name: `Kabupaten ${i}`, secret }),
  );
  const { generatedAt, version, contentHash: _h, ...body } = pkg;
  const mine = { ...body, taskForce: { id, name: `Kabupaten ${i}`, level: "kabupaten" } } as never;
  const bytes = Submission.canonical({
    ...(mine as object),
    generatedAt,
    version,
    contentHash: Submission.hashOf(mine),
  });
  const headers = {
    "webhook-id": `${id}.v1`,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(`${id}.v1`, now, bytes),
  };
  await Federation.receive("provinsi", headers, bytes, now);
}
const provinceMs = await time(() => Submission.build("provinsi", { year: 2027 }, now));
const rolled = await Submission.build("provinsi", { year: 2027 }, now);
console.log(
  JSON.stringify({
    sambas: {
      ms: sambasMs,
      bytes: Buffer.byteLength(Submission.bytes(pkg)),
      compliance: pkg.compliance.length,
    },
    province14: {
      ms: provinceMs,
      bytes: Buffer.byteLength(Submission.bytes(rolled)),
      compliance: rolled.compliance.length,
      members: rolled.members.length,
    },
    xlsxMs: await time(() => Submission.xlsx(rolled)),
    getItemMs,
    ratioToGetItem: {
      sambas: Math.round(sambasMs / getItemMs),
      province14: Math.round(provinceMs / getItemMs),
    },
    bundle: {
      // What the export path adds to a bundle: the zip library (the writer itself is a few
      // dozen lines of render.ts, which the CSV path loads anyway) …
      fflate: await bundled('export { zipSync, strToU8 } from "fflate";'),
      // … and what a general library would (not shipped: the tests' independent reader).
      exceljs: await bundled('export { default } from "exceljs";'),
    },
  }),
);
await stores.stop();
