/**
 * The local runtime's session and link secrets: random, generated once per data directory on
 * first start, and kept beside the data in a file only its owner may read (mode 0600). A copy of
 * the code therefore never signs with a secret anyone else knows, and a restart keeps everyone
 * signed in. Delete the file (or the data directory) to sign everyone out.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const SECRETS_FILE = "secrets.json";

export interface LocalSecrets {
  sessionSecret: string;
  linkSecret: string;
}

const fresh = (): LocalSecrets => ({
  sessionSecret: randomBytes(48).toString("base64url"),
  linkSecret: randomBytes(48).toString("base64url"),
});

function valid(value: unknown): value is LocalSecrets {
  const s = value as Partial<LocalSecrets> | null;
  return (
    typeof s?.sessionSecret === "string" &&
    s.sessionSecret.length >= 32 &&
    typeof s.linkSecret === "string" &&
    s.linkSecret.length >= 32
  );
}

/**
 * The secrets of `dataDir`: read from its `secrets.json`, or generated and written there
 * (exclusively, mode 0600) when it has none. A file that is unreadable as secrets is an error,
 * never silently replaced (that would sign everyone out without saying why).
 */
export function localSecrets(dataDir: string): LocalSecrets & { file: string; created: boolean } {
  const file = join(dataDir, SECRETS_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (text === undefined) {
    const secrets = fresh();
    // `wx`: two processes starting at once cannot overwrite each other's secrets.
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    return { ...secrets, file, created: true };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!valid(parsed)) {
    throw new Error(`${file} does not hold the local secrets; delete it to generate new ones`);
  }
  // Tighten a copy restored with looser permissions (e.g. from a backup).
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return {
    sessionSecret: parsed.sessionSecret,
    linkSecret: parsed.linkSecret,
    file,
    created: false,
  };
}
