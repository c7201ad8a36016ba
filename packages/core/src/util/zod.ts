/**
 * zod's lean API, `zod/mini`: functions instead of methods (`z.optional(s)`,
 * `s.check(z.minLength(1))`), so a Lambda bundles only the parts it uses — the classic API's
 * methods live on prototypes and always come whole (issue #12).
 *
 * Unlike the classic API, `zod/mini` loads no messages of its own: every issue would read
 * "Invalid input". This module installs the English messages the classic API used, once, so
 * errors naming the field read as before ("Too small: expected string to have >=1 characters").
 * In core, `import * as z from "../util/zod.ts"` rather than from `zod/mini`.
 *
 * `export *` (not `export { z }`): esbuild tree-shakes a namespace re-exported this way, but
 * keeps all of zod (~400 KiB) once the namespace object itself is exported.
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());

export * from "zod/mini";
