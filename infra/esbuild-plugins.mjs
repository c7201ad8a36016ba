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

export default [zodOneLocale()];
