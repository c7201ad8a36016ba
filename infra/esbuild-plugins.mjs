/**
 * esbuild plugins for every Lambda bundle: given to SST through `nodejs.plugins`
 * (infra/lambda.ts) and used by `npm run bench:bundle`, so the bench measures what deploys.
 * Plain JavaScript: SST loads this file itself at deploy time.
 */
import { dirname } from "node:path";

/**
 * zod 4 imports the messages of all its ~60 languages (`zod/v4/locales/index.js`, ~260 KiB
 * minified) because `z.locales` exports them, though only English is configured and nothing in
 * Tenggat selects another (people read the product's own catalogue, not zod's messages; API
 * errors name the field). Only `keep` stays in the bundle.
 */
export function zodOneLocale(keep = "en") {
  return {
    name: "zod-one-locale",
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
        contents: `export { default as ${keep} } from "./${keep}.js";\n`,
        loader: "js",
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * The AWS SDK clients' default credential chain (`@aws-sdk/credential-provider-node`) replaced by
 * its first link, the environment (`fromEnv`). A Lambda function's runtime puts its execution
 * role's keys in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` ("Defined
 * runtime environment variables", Lambda developer guide), which is where the full chain finds
 * them first too; its other links (SSO, shared ini files, credential processes, web identity,
 * container and instance metadata) are never reached in a Lambda. They cost the API ~20 KiB at
 * import all the same: the SSO and STS clients they load lazily share `@aws-sdk/core`'s protocol
 * index with the DynamoDB client, so esbuild's splitting puts their Query and XML protocols in the
 * chunk every handler imports (measured 2 Dec 2026: api 427 → 408 KiB at import, by esbuild's
 * metafile). Without the keys the first AWS call fails with the SDK's own
 * `CredentialsProviderError` ("Unable to find environment variable credentials"), as the chain
 * would after trying the rest. Only the Lambda bundles use this plugin: tests and `npm start` run
 * the sources with the SDK's whole chain.
 */
export function credentialsFromEnvironment() {
  return {
    name: "credentials-from-environment",
    setup(build) {
      build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) => ({
        path: args.path,
        namespace: "credentials-from-environment",
        pluginData: { resolveDir: args.resolveDir },
      }));
      build.onLoad({ filter: /.*/, namespace: "credentials-from-environment" }, (args) => ({
        contents: `export { fromEnv as defaultProvider } from "@aws-sdk/credential-provider-env";\n`,
        loader: "js",
        resolveDir: args.pluginData.resolveDir,
      }));
    },
  };
}

export default [zodOneLocale(), credentialsFromEnvironment()];
