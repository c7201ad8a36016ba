/** For the CLI tests: run a tool as a user would, from the repository root, in its own process. */
import { execFile } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../../../..");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `packages/local/src/cli/<tool>.ts` with `args` under tsx (what `npm run <tool>` does),
 * asynchronously — a test's embedded stores live in the test process and must keep answering.
 */
export function runCli(
  tool: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["--import", "tsx", `packages/local/src/cli/${tool}.ts`, ...args],
      { cwd: ROOT, env: { ...env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export const lines = (text: string) => text.split("\n").filter((l) => l.length > 0);

let runs = 0;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `packages/local/src/cli/<tool>.ts` with `args` inside this process: the tool's module is
 * evaluated afresh (its top-level `await main()` runs again) with `process.argv`, the variables of
 * `env` and `process.exitCode` set as a process of its own would have them, and what it writes to
 * stdout and stderr captured. The same code as `runCli` without a process start (about a second
 * of CPU each under tsx), for the cases that start no stores of their own (each tool keeps at
 * least one `runCli` case, for the process path). One run at a time: they share the process.
 *
 * `exits`: the tool ends by calling `process.exit` (its last act, not awaited at the top level):
 * the run waits for that call, which records the code instead of ending this process.
 */
export function runInProcess(
  tool: string,
  args: string[],
  env: Record<string, string> = {},
  options: { exits?: boolean } = {},
): Promise<Run> {
  const run = queue.then(async () => {
    const saved = {
      argv: process.argv,
      exitCode: process.exitCode,
      stdout: process.stdout.write,
      stderr: process.stderr.write,
      exit: process.exit,
      env: Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]])),
    };
    const out = { stdout: "", stderr: "" };
    const capture = (stream: keyof typeof out) =>
      ((chunk: string | Uint8Array) => {
        out[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        return true;
      }) as typeof process.stdout.write;
    process.argv = [process.execPath, resolve(ROOT, `packages/local/src/cli/${tool}.ts`), ...args];
    process.exitCode = undefined;
    Object.assign(process.env, env);
    process.stdout.write = capture("stdout");
    process.stderr.write = capture("stderr");
    let exited: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => {
      exited = resolve;
    });
    process.exit = ((c?: number) => exited(Number(c ?? process.exitCode ?? 0))) as never;
    let code: number;
    try {
      // A query makes it a module of its own: evaluated again, its imports shared.
      const module = new URL(`./${tool}.ts?run=${++runs}`, import.meta.url).href;
      await import(/* @vite-ignore */ module);
      code = options.exits ? await exit : Number(process.exitCode ?? 0);
    } catch (error) {
      // What an uncaught error does to a process of its own: a message, exit code 1.
      out.stderr += `${error instanceof Error ? error.stack : String(error)}\n`;
      code = 1;
    } finally {
      process.argv = saved.argv;
      process.exitCode = saved.exitCode;
      process.stdout.write = saved.stdout;
      process.stderr.write = saved.stderr;
      process.exit = saved.exit;
      for (const [k, v] of Object.entries(saved.env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    return { code, ...out };
  });
  queue = run.catch(() => undefined);
  return run;
}
