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
 * The functions core uses are exported by name (a name missing here is a type error where it is
 * used: add it to the list). Not `export * from "zod/mini"`: with code splitting
 * (`nodejs.splitting`, infra/lambda.ts), esbuild then puts zod's JSON Schema generator (~22 KiB,
 * only the API's lazily loaded `/openapi.json` uses it) into the chunk every start loads;
 * exporting the namespace object itself would keep all of zod (~400 KiB).
 */
import { type ZodMiniISODateTime, ZodMiniStringFormat } from "zod/mini";
import {
  _isoDateTime,
  $constructor,
  $ZodISODateTime,
  type $ZodISODateTimeParams,
  config,
} from "zod/v4/core";
import en from "zod/v4/locales/en.js";

config(en());

/**
 * `z.iso.datetime()` as core writes it, built as zod/mini's own `iso.datetime` is (its class,
 * `ZodMiniISODateTime`, is these four lines in zod/v4/mini/iso.js): importing anything of zod's
 * `iso` module makes esbuild's code splitting put zod's JSON Schema generator (~22 KiB, used only
 * by the API's lazily loaded `/openapi.json`) into the chunk every start loads. `zod.test.ts`
 * checks that it accepts and refuses what zod's own does, with the same messages.
 */
const ISODateTime: $constructor<ZodMiniISODateTime> = $constructor(
  "ZodMiniISODateTime",
  (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodMiniStringFormat.init(inst, def);
  },
);
export const iso = {
  datetime: (params?: string | $ZodISODateTimeParams): ZodMiniISODateTime =>
    _isoDateTime(ISODateTime, params),
};

export type { core, infer, input, output, ZodMiniType } from "zod/mini";
export {
  _default,
  array,
  boolean,
  date,
  describe,
  discriminatedUnion,
  email,
  enum,
  extend,
  instanceof,
  int,
  literal,
  maximum,
  maxLength,
  minimum,
  minLength,
  null,
  number,
  object,
  optional,
  overwrite,
  partialRecord,
  pipe,
  positive,
  prefault,
  record,
  refine,
  regex,
  strictObject,
  string,
  superRefine,
  transform,
  trim,
  union,
  unknown,
  url,
} from "zod/mini";
