import { VisibleError } from "../error/index.ts";
import { Privacy } from "../privacy/index.ts";
import { RAD } from "../rad/index.ts";
import * as z from "../util/zod.ts";

/**
 * What a report says (L-III §VIII): planning, implementation, organisation, monitoring &
 * evaluation, progress on the action-plan (RAD) rows it covers, aggregate case counts and a
 * narrative. There is no field for anyone's identity (DIGEST §5): input objects are strict, so
 * an extra field such as `victimName` is refused with a 400 naming it, and every text is
 * checked for something that looks like an Indonesian national identity number (NIK).
 */

/** Bounds (configured: the regulation is silent). Keep the whole item under DynamoDB's 400 KB. */
export const LIMITS = {
  section: 20_000,
  narrative: 50_000,
  note: 1_000,
  measure: 200,
  radRows: 60,
  /** As much as the return mail carries (`Message.ReportReturned`). */
  comments: 4_000,
  /** UTF-8 bytes of the whole content as JSON. */
  contentBytes: 250_000,
  count: 1_000_000,
} as const;

/** Identity numbers are refused by the one guard of every area (`Privacy`). */
export const NIK_CODE = Privacy.CODE;
export const NIK_MESSAGE = Privacy.MESSAGES.nik;

/** Whether `text` holds something that looks like a NIK or KK (`Privacy.find`). */
export function looksLikeNik(text: string): boolean {
  return Privacy.find(text)?.kind === "nik";
}

/** Trimmed text of bounded length that must not carry an identity number (`Privacy.text`). */
export const Text = (max: number, min = 0) => Privacy.text(max, min);

/** A target or an actual: a non-negative number, or a short text where the row has no number. */
export const Measure = z.union([
  z.number().check(z.minimum(0), z.maximum(1e9)),
  Text(LIMITS.measure, 1),
]);

export const Indicator = z.strictObject({
  target: z.optional(Measure),
  actual: Measure,
  note: z.optional(Text(LIMITS.note)),
});
export type Indicator = z.infer<typeof Indicator>;

export const RadProgress = z.strictObject({
  row: RAD.RowId.check(z.describe("The action-plan row, e.g. `rad-2016-2020.A.3`")),
  process: Indicator.check(z.describe("Indikator Proses: progress of the activity")),
  result: Indicator.check(z.describe("Indikator Hasil: what it achieved")),
});
export type RadProgress = z.infer<typeof RadProgress>;

const Count = z.int().check(z.minimum(0), z.maximum(LIMITS.count));

/**
 * Aggregate case counts for the period (RAD A row 6, B row 3, C row 3 ask for accurate case
 * data). Counts only: nothing here can identify a person.
 */
export const Cases = z.strictObject({
  /** Cases reported or complaints received (kasus dilaporkan / pengaduan). */
  reported: z._default(Count, 0),
  /** Cases handled (kasus ditangani). */
  handled: z._default(Count, 0),
  /** Victims given health or social services (korban didampingi / dilayani). */
  victimsAssisted: z._default(Count, 0),
  /** Victims brought home and reintegrated (korban dipulangkan dan direintegrasi). */
  victimsRepatriated: z._default(Count, 0),
  /** Cases passed to prosecution (perkara dilimpahkan ke penuntutan). */
  prosecuted: z._default(Count, 0),
});
export type Cases = z.infer<typeof Cases>;

export const CASE_FIELDS = [
  "reported",
  "handled",
  "victimsAssisted",
  "victimsRepatriated",
  "prosecuted",
] as const satisfies readonly (keyof Cases)[];

export const Content = z
  .strictObject({
    /** Perencanaan. */
    planning: z._default(Text(LIMITS.section), ""),
    /** Pelaksanaan. */
    implementation: z._default(Text(LIMITS.section), ""),
    /** Pengorganisasian. */
    organisation: z._default(Text(LIMITS.section), ""),
    /** Monitoring dan evaluasi (L-III §VII: planning, implementation, quality, impact). */
    monitoring: z._default(Text(LIMITS.section), ""),
    rad: z._default(z.array(RadProgress).check(z.maxLength(LIMITS.radRows)), []),
    cases: z.prefault(Cases, {}),
    narrative: z._default(Text(LIMITS.narrative), ""),
  })
  .check(
    z.superRefine((content, ctx) => {
      const seen = new Map<string, number>();
      content.rad.forEach((entry, i) => {
        const first = seen.get(entry.row);
        if (first !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["rad", i, "row"],
            message: `row ${entry.row} is already given at rad.${first}`,
          });
        } else seen.set(entry.row, i);
      });
      if (Buffer.byteLength(JSON.stringify(content)) > LIMITS.contentBytes) {
        ctx.addIssue({
          code: "custom",
          path: [],
          message: `the report is larger than ${LIMITS.contentBytes} bytes; shorten it`,
        });
      }
    }),
  );
export type Content = z.infer<typeof Content>;

/** The same shape as stored and shown: lenient, so tightening the input rules never breaks a read. */
const StoredIndicator = z.object({
  target: z.optional(z.union([z.number(), z.string()])),
  actual: z.union([z.number(), z.string()]),
  note: z.optional(z.string()),
});
export const StoredContent = z.object({
  planning: z.string(),
  implementation: z.string(),
  organisation: z.string(),
  monitoring: z.string(),
  rad: z.array(z.object({ row: z.string(), process: StoredIndicator, result: StoredIndicator })),
  cases: z.object({
    reported: z.number(),
    handled: z.number(),
    victimsAssisted: z.number(),
    victimsRepatriated: z.number(),
    prosecuted: z.number(),
  }),
  narrative: z.string(),
});

export const SECTIONS = ["planning", "implementation", "organisation", "monitoring"] as const;

export function empty(): Content {
  return Content.parse({});
}

/**
 * A zod error as the one `input` error with field paths, spelling out each unknown field as
 * its own path (`content.victimName`) and giving NIK findings their own code.
 */
export function inputError(error: z.core.$ZodError, prefix: PropertyKey[] = []): VisibleError {
  const issues = error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path].map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: [...base, key].join("."),
        message: "unknown field; reports have no such field",
      }));
    }
    return [{ path: base.join(".") || "(body)", message: issue.message }];
  });
  const nik = error.issues.some((i) => Privacy.isFinding(i));
  const first = issues[0];
  return new VisibleError(
    "input",
    nik ? NIK_CODE : "input.invalid",
    first ? `${first.path}: ${first.message}` : "invalid input",
    issues,
  );
}

/** Validates `input`, throwing `inputError` on failure. */
export function check<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw inputError(result.error);
  return result.data;
}

/** Like `fn` of core/util, with this area's error mapping; exposes `schema` for routes. */
export function action<S extends z.ZodMiniType, R>(
  schema: S,
  cb: (input: z.output<S>) => R,
): ((input: z.input<S>) => R) & { schema: S } {
  const run = (input: z.input<S>) => cb(check(schema, input));
  run.schema = schema;
  return run;
}

/** The enacted plan of L-III §IX, when no stored plans are given (`ActionPlan.lookup`). */
function enactedOnly(id: string): RAD.Plan | undefined {
  return id === "rad-2016-2020" ? RAD.sambas2016() : undefined;
}

/**
 * Checks the RAD rows against the task force's plans (`planById`, from `ActionPlan.lookup`):
 * each must exist, and belong to the report's
 * sub-task-force when the report is a sub-task-force's (`sgt-a` … `sgt-e`). Throws 400 with the
 * path of each row at fault.
 */
export function checkRows(
  content: Content,
  unit: string,
  prefix = "content",
  planById: (id: string) => RAD.Plan | undefined = enactedOnly,
): void {
  const issues: { path: string; message: string }[] = [];
  const ownsRows = RAD.SubTaskForce.safeParse(unit).success;
  content.rad.forEach((entry, i) => {
    const path = `${prefix}.rad.${i}.row`;
    const planId = entry.row.split(".")[0] ?? "";
    const plan = planById(planId);
    const row = plan ? RAD.rowById(plan, entry.row) : undefined;
    if (!row) issues.push({ path, message: `no row ${entry.row} in the action plan` });
    else if (ownsRows && row.unit !== unit) {
      issues.push({ path, message: `row ${entry.row} belongs to ${row.unit}, not ${unit}` });
    }
  });
  const first = issues[0];
  if (first) {
    throw new VisibleError("input", "report.rad_row", `${first.path}: ${first.message}`, issues);
  }
}
