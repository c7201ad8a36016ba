/**
 * Once per `vitest run`: a directory for the run's copies of installed tables
 * (`test/installed.ts`), removed at the end, so a run never reuses another run's (or another
 * version of the code's) installation.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A directory for this run's copies of installed tables (`test/installed.ts`). */
    installedDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "tenggat-installed-"));
  project.provide("installedDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
