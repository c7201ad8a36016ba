import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type World, world } from "./support.ts";

/**
 * Bad input never yields a 500 and never changes stored data: every operation of the API,
 * called by a signed-in secretary with bodies and parameters that are wrong in every way
 * fast-check can think of, answers 4xx with a JSON error (and 400s name a field).
 */
describe("bad input, on every operation", () => {
  let w: World;
  let token: string;
  let operations: { method: string; path: string }[] = [];
  beforeAll(async () => {
    w = await world({ trackFrom: "2027-01-04" });
    token = await w.signIn("gt.sekretaris@sambas.example");
    const doc = await w.call("GET", "/openapi.json");
    operations = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(async () => {
    await w.stop();
  });

  const junk = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(
      fc.string({ maxLength: 10 }),
      fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)),
      {
        maxKeys: 5,
      },
    ),
    // Plausible field names with implausible values.
    fc.record(
      {
        version: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 3 })),
        instance: fc.oneof(fc.string({ maxLength: 30 }), fc.integer()),
        office: fc.string({ maxLength: 30 }),
        date: fc.string({ maxLength: 12 }),
        start: fc.string({ maxLength: 6 }),
        end: fc.string({ maxLength: 6 }),
        email: fc.string({ maxLength: 20 }),
        content: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), {
          maxKeys: 3,
        }),
      },
      { requiredKeys: [] },
    ),
  );
  const ids = fc.constantFrom(
    "x",
    "rpt_01J0000000000000000000000",
    "semester-report:sgt-a:2026-S2",
    "%00",
    "a".repeat(300),
  );

  it("answers 4xx with a JSON error, never 5xx, whatever arrives", async () => {
    expect(operations.length).toBeGreaterThan(40);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        ids,
        junk,
        fc.boolean(),
        async (op, id, body, signed) => {
          const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          const hasBody = op.method !== "GET" && op.method !== "DELETE";
          const response = await w.call(
            op.method,
            hasBody
              ? path
              : `${path}?limit=${encodeURIComponent(JSON.stringify(body) ?? "")}&from=${encodeURIComponent(id)}`,
            {
              ...(signed ? { token } : {}),
              ...(hasBody ? { body } : {}),
            },
          );
          if (response.status >= 500)
            throw new Error(
              `${op.method} ${path} → ${response.status} ${JSON.stringify(response.body)}`,
            );
          if (response.status >= 400) {
            expect(typeof response.body?.error?.code, `${op.method} ${path}`).toBe("string");
            if (response.status === 400 && response.body.error.code === "input.invalid") {
              expect(
                response.body.error.issues?.length,
                `${op.method} ${path} names a field`,
              ).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
