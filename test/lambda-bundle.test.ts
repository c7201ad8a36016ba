import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import plugins from "../infra/esbuild-plugins.mjs";

/**
 * The esbuild plugins every Lambda bundle is built with (infra/esbuild-plugins.mjs), checked on
 * what they produce: the credential chain reduced to the environment, as a Lambda's runtime
 * provides it.
 */
const out = mkdtempSync(join(tmpdir(), "tenggat-bundle-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bundle(name: string, contents: string): Promise<{ file: string; meta: Metafile }> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: join(out, `${name}.mjs`),
    metafile: true,
    plugins,
    logLevel: "silent",
    banner: {
      js: "import { createRequire as topLevelCreateRequire } from 'module';const require = topLevelCreateRequire(import.meta.url);",
    },
  });
  return { file: join(out, `${name}.mjs`), meta: result.metafile };
}

describe("the Lambda bundles' credentials", () => {
  it("come from the environment only: the SDK's other providers are not bundled", async () => {
    const { meta } = await bundle(
      "client",
      'export { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
    );
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((i) => i.includes("@aws-sdk/credential-provider-env/"))).toBe(true);
    for (const other of ["credential-provider-ini", "credential-provider-sso", "nested-clients"]) {
      expect(inputs.filter((i) => i.includes(other))).toEqual([]);
    }
  });

  it("are the runtime's keys, and a missing key is the SDK's own credentials error", async () => {
    const { file } = await bundle(
      "provider",
      'export { defaultProvider } from "@aws-sdk/credential-provider-node";',
    );
    const { defaultProvider } = (await import(pathToFileURL(file).href)) as {
      defaultProvider: (init?: object) => () => Promise<Record<string, unknown>>;
    };
    const saved = { ...process.env };
    try {
      process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
      process.env.AWS_SECRET_ACCESS_KEY = "secret";
      process.env.AWS_SESSION_TOKEN = "session";
      await expect(defaultProvider()()).resolves.toMatchObject({
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "secret",
        sessionToken: "session",
      });
      delete process.env.AWS_ACCESS_KEY_ID;
      await expect(defaultProvider()()).rejects.toMatchObject({
        name: "CredentialsProviderError",
        message: expect.stringMatching(/environment variable credentials/),
      });
    } finally {
      process.env = saved;
    }
  });
});
