import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { label, suppress } from "./suppress.ts";

/**
 * The attacker's view, computed independently of the implementation by brute force: every
 * assignment of the hidden cells that fits what is shown ("< k" → 1…k−1, "*" → 0 or ≥ k, the
 * total when shown) — no hidden cell may have a single possible value.
 */
function possibleValues(
  shownCells: ReturnType<typeof suppress>,
  k: number,
): Map<number, Set<number>> {
  const hidden = shownCells.cells.flatMap((c, i) => (c.kind === "value" ? [] : [i]));
  const out = new Map(hidden.map((i) => [i, new Set<number>()]));
  if (shownCells.total.kind !== "value") {
    // No total shown: nothing constrains the hidden cells beyond their own marks.
    for (const i of hidden) out.set(i, new Set([1, 2]));
    return out;
  }
  const shownSum = shownCells.cells.reduce((s, c) => s + (c.kind === "value" ? c.value : 0), 0);
  const rest = shownCells.total.value - shownSum;
  const domain = (i: number) => {
    const all = Array.from({ length: rest + 1 }, (_, v) => v);
    return shownCells.cells[i]?.kind === "small"
      ? all.filter((v) => v >= 1 && v <= k - 1)
      : all.filter((v) => v === 0 || v >= k);
  };
  const walk = (j: number, left: number, picked: number[]) => {
    if (j === hidden.length) {
      if (left === 0) {
        picked.forEach((v, n) => {
          out.get(hidden[n] as number)?.add(v);
        });
      }
      return;
    }
    for (const v of domain(hidden[j] as number))
      if (v <= left) walk(j + 1, left - v, [...picked, v]);
  };
  walk(0, rest, []);
  return out;
}

describe("small-number suppression", () => {
  it("shows 1…k−1 as '< k', zero and large counts as they are, and the total", () => {
    const column = suppress([0, 12, 9, 30]);
    expect(column.cells.map((c) => label(c))).toEqual(["0", "12", "9", "30"]);
    expect(column.total).toEqual({ kind: "value", value: 51 });
  });

  it("hides a second cell so a lone small count is not total minus the rest", () => {
    const column = suppress([3, 12, 9, 30]);
    expect(column.cells.map((c) => label(c))).toEqual(["< 5", "12", "*", "30"]);
    expect(column.total).toEqual({ kind: "value", value: 54 });
  });

  it("hides the total when a single unit reports a small count", () => {
    const column = suppress([2]);
    expect(column.cells.map((c) => label(c))).toEqual(["< 5"]);
    expect(column.total.kind).toBe("small");
  });

  it("leaves no hidden cell derivable from what is shown (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 2, max: 6 }),
        (values, k) => {
          const column = suppress(values, k);
          // Every small count is hidden; every shown count is true; the total is true when shown.
          values.forEach((v, i) => {
            const c = column.cells[i];
            if (v >= 1 && v < k) expect(c?.kind).toBe("small");
            if (c?.kind === "value") expect(c.value).toBe(v);
            if (c?.kind === "hidden") expect(v === 0 || v >= k).toBe(true);
          });
          if (column.total.kind === "value") {
            expect(column.total.value).toBe(values.reduce((s, v) => s + v, 0));
          }
          // No hidden cell has only one possible value; the true one is always possible.
          for (const [i, possible] of possibleValues(column, k)) {
            expect(possible.size, `cell ${i} of ${values} (k=${k})`).toBeGreaterThanOrEqual(2);
            if (column.total.kind === "value") expect(possible.has(values[i] as number)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
