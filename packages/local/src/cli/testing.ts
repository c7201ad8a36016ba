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
