/**
 * `npm run bench:bundle [-- --runs 15 --json out.json --external-sdk]`: every Lambda handler that infra/
 * deploys, bundled the way `sst deploy` bundles it, with its size and its cold import time,
 * each against an empty handler bundled the same way in the same run.
 *
 * The handlers and the build settings are read from infra/lambda.ts, which infra/ deploys with,
 * and the esbuild options below copy SST 4's Node builder (pkg/runtime/node/build.go in
 * anomalyco/sst): ESM, platform node, the target SST derives from the Lambda runtime, `module`
 * before `main`, names kept, only `sharp` and `pg-native` external (the AWS SDK is bundled),
 * SST's `require`/`__dirname` banner, and a linked source map that SST leaves out of the zip.
 *
 * Cold import: a fresh `node` process per sample imports the bundle and reports how long the
 * import took; samples of all handlers are interleaved so that drift of the machine hits them
 * alike, and the median is shown. This machine's Node is not Lambda's (Node 24), so the
 * milliseconds are indicative; the ratios to the empty handler are what carries over.
 *
 * `--external-sdk` leaves `@aws-sdk/*` out of the bundles, as if the runtime's copy were used
 * (SST does not do this unless told to): to weigh that choice, not to describe the deploy.
 *
 * The esbuild plugins of infra/esbuild-plugins.mjs (which SST gets through `nodejs.plugins`) are
 * applied; `--no-plugins` leaves them out, to weigh them.
 *
 * `--check`: bundles only (no cold imports, a few seconds) and exits 1 when a handler is over its
 * budget (`BUDGETS_KIB` in infra/lambda.ts). `npm run check:bundle` runs it.
 *
 * A handler whose file does not exist yet is reported as missing and makes the bench exit 1;
 * no figure is shown for it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import sstPlugins from "../../../infra/esbuild-plugins.mjs";
import { BUDGETS_KIB, HANDLERS, type HandlerName, NODEJS, RUNTIME } from "../../../infra/lambda.ts";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** SST's map from Lambda runtime to esbuild target (build.go `targetMap`). */
const TARGETS: Record<string, string> = {
  "nodejs24.x": "es2024",
  "nodejs22.x": "es2023",
  "nodejs20.x": "es2023",
};
/** SST looks for a handler's file with these extensions, in this order (node.go). */
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
/** Prepended to every bundle by SST, so that CommonJS dependencies work inside ESM. */
const BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

/**
 * What a handler finds in its environment on Lambda, with dummy values: importing a bundle must
 * not fail because `Resource` or the AWS SDK finds nothing to read. Nothing is invoked.
 */
const CHILD_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? "",
  AWS_REGION: "ap-southeast-3",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: "1",
  AWS_LAMBDA_FUNCTION_NAME: "bench",
  SST_RESOURCE_App: JSON.stringify({ name: "tenggat", stage: "bench" }),
  SST_RESOURCE_Table: JSON.stringify({ name: "bench", type: "sst.aws.Dynamo" }),
  SST_RESOURCE_Email: JSON.stringify({
    sender: "bench@example.org",
    configSet: "bench",
    type: "sst.sst.Linkable",
  }),
  SST_RESOURCE_SessionSecret: JSON.stringify({ value: "bench", type: "sst.sst.Secret" }),
  SST_RESOURCE_LinkSecret: JSON.stringify({ value: "bench", type: "sst.sst.Secret" }),
  SST_RESOURCE_AppConfig: JSON.stringify({
    publicUrl: "https://bench.example.org",
    type: "sst.sst.Linkable",
  }),
};

interface Bundle {
  name: string;
  handler: string;
  file: string;
  raw: number;
  gzip: number;
  /** The largest inputs, by bytes in the output. */
  top: { input: string; bytes: number }[];
  importMs: number[];
  processMs: number[];
}

function handlerFile(handler: string): string | undefined {
  const base = join(root, handler.slice(0, handler.lastIndexOf(".")));
  return EXTENSIONS.map((ext) => base + ext).find((file) => existsSync(file));
}

async function bundle(
  name: string,
  handler: string,
  entry: string,
  out: string,
  externalSdk: boolean,
  plugins: Plugin[],
): Promise<Bundle> {
  const target = TARGETS[RUNTIME];
  if (!target) throw new Error(`no esbuild target known for ${RUNTIME}`);
  const outfile = join(out, name, "bundle.mjs");
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: NODEJS.format,
    target,
    mainFields: ["module", "main"],
    keepNames: true,
    minify: NODEJS.minify,
    sourcemap: "linked",
    external: ["sharp", "pg-native", ...(externalSdk ? ["@aws-sdk/*"] : [])],
    banner: { js: BANNER },
    outfile,
    metafile: true,
    plugins,
    logLevel: "silent",
  });
  const code = readFileSync(outfile);
  return {
    name,
    handler,
    file: outfile,
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    top: largestInputs(result.metafile, outfile),
    importMs: [],
    processMs: [],
  };
}

function largestInputs(metafile: Metafile, outfile: string): Bundle["top"] {
  const output = Object.entries(metafile.outputs).find(([path]) => join(root, path) === outfile);
  if (!output) return [];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output[1].inputs)) {
    // Group by package: node_modules/@scope/name or node_modules/name; the project's own code
    // by its top folder (packages/core, packages/functions).
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = match?.[1] ?? input.split("/").slice(0, 2).join("/");
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
}

/** One cold import in a fresh process: [import ms, whole process ms]. */
async function sample(file: string): Promise<[number, number]> {
  const script = [
    "const t0 = performance.now();",
    `const m = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    "const t1 = performance.now();",
    'if (typeof m.handler !== "function") throw new Error("no exported handler");',
    "process.stdout.write(String(t1 - t0));",
  ].join("\n");
  const start = performance.now();
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env: CHILD_ENV,
    cwd: dirname(file),
  });
  return [Number(stdout), performance.now() - start];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const kb = (bytes: number): string =>
  `${(bytes / 1024).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KiB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const times = (value: number, base: number): string => `${(value / base).toFixed(1)}×`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "15" },
      json: { type: "string" },
      "external-sdk": { type: "boolean", default: false },
      "no-plugins": { type: "boolean", default: false },
      check: { type: "boolean", default: false },
    },
  });
  const plugins = values["no-plugins"] ? [] : sstPlugins;
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);

  const found: [string, string, string][] = [];
  const missing: string[] = [];
  for (const [name, handler] of Object.entries(HANDLERS)) {
    const file = handlerFile(handler);
    if (file) found.push([name, handler, file]);
    else missing.push(`${name}: ${handler} (no ${handler.slice(0, handler.lastIndexOf("."))}.ts)`);
  }

  const externalSdk = values["external-sdk"];
  // Inside the repository, so that a bundle's external imports resolve to its node_modules.
  const cache = join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, "tenggat-bench-"));
  try {
    const emptyEntry = join(out, "empty.ts");
    writeFileSync(emptyEntry, "export const handler = async () => ({ statusCode: 200 });\n");
    const empty = await bundle("(empty)", "(empty handler)", emptyEntry, out, externalSdk, plugins);
    const bundles = [empty];
    for (const [name, handler, file] of found) {
      bundles.push(await bundle(name, handler, file, out, externalSdk, plugins));
    }

    if (values.check) return check(bundles.slice(1), missing);

    // Interleaved: sample i of every bundle before sample i + 1 of any.
    for (let i = 0; i < runs; i++) {
      for (const b of bundles) {
        const [importMs, processMs] = await sample(b.file);
        b.importMs.push(importMs);
        b.processMs.push(processMs);
      }
    }

    const baseImport = median(empty.importMs);
    const baseProcess = median(empty.processMs);
    console.log(
      `Handlers bundled as SST 4 does for ${RUNTIME} (esbuild ${TARGETS[RUNTIME]}, ESM, minify ${NODEJS.minify}, AWS SDK ${externalSdk ? "EXTERNAL (not as deployed)" : "bundled"}); ` +
        `cold import in a fresh node ${process.version} process, median of ${runs}.\n`,
    );
    const rows = bundles.map((b) => [
      b.name,
      kb(b.raw),
      kb(b.gzip),
      ms(median(b.importMs)),
      times(median(b.importMs), baseImport),
      ms(median(b.processMs)),
      times(median(b.processMs), baseProcess),
    ]);
    const header = ["handler", "bundle", "gzip", "import", "× empty", "process", "× empty"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
    const line = (cells: string[]) =>
      `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
    console.log(line(header));
    console.log(
      `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    );
    for (const row of rows) console.log(line(row));
    for (const b of bundles.slice(1)) {
      console.log(
        `\n${b.name} (${b.handler}), largest parts: ${b.top.map((t) => `${t.input} ${kb(t.bytes)}`).join(", ")}`,
      );
    }

    if (values.json) {
      const record = bundles.map((b) => ({
        name: b.name,
        handler: b.handler,
        bytes: b.raw,
        gzipBytes: b.gzip,
        importMsMedian: median(b.importMs),
        processMsMedian: median(b.processMs),
        importRatio: median(b.importMs) / baseImport,
        processRatio: median(b.processMs) / baseProcess,
        largest: b.top,
      }));
      writeFileSync(
        values.json,
        `${JSON.stringify({ runtime: RUNTIME, node: process.version, runs, externalSdk, missing, bundles: record }, null, 2)}\n`,
      );
      console.log(`\nwritten: ${relative(process.cwd(), values.json)}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  if (missing.length > 0) {
    console.error(
      `\nMISSING, not measured (no figures exist for them yet):\n${missing.map((m) => `  ${m}`).join("\n")}`,
    );
    return 1;
  }
  return 0;
}

/** `--check`: every handler within its size budget, or exit 1. */
function check(bundles: Bundle[], missing: string[]): number {
  let over = 0;
  for (const b of bundles) {
    const budget = BUDGETS_KIB[b.name as HandlerName] * 1024;
    const ok = b.raw <= budget;
    if (!ok) over++;
    console.log(
      `${ok ? "ok  " : "OVER"} ${b.name.padEnd(12)} ${kb(b.raw).padStart(12)} of ${kb(budget)}` +
        (ok ? "" : `  (largest: ${b.top.map((t) => `${t.input} ${kb(t.bytes)}`).join(", ")})`),
    );
  }
  for (const m of missing) console.log(`MISSING ${m}`);
  return over > 0 || missing.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
