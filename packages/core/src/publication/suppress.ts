/**
 * Small-number suppression for what the public sees (issue 10 item 6). Counts from a
 * sub-district or village report are shown as "< k" when between 1 and k−1 (primary
 * suppression); because the column's total is shown, more cells are hidden (complementary
 * suppression, shown as "*") until no hidden cell's value follows from the total and the cells
 * shown — judged with everything a reader knows: a "< k" cell holds 1…k−1, a "*" cell holds 0 or
 * at least k (else it would read "< k"). When even hiding every cell is not enough (one unit, or
 * all of them small), the total is shown as "< k" or "*" too.
 *
 * One column at a time: each count (cases reported, handled, …) is its own table with its own
 * total, so a column's hidden cells never meet another column's.
 */

export const DEFAULT_K = 5;

export type Shown =
  | { kind: "value"; value: number }
  | { kind: "small" } // "< k": 1 … k−1
  | { kind: "hidden" }; // "*": 0 or ≥ k, hidden to protect a small one

export interface Column {
  cells: Shown[];
  total: Shown;
}

type Domain = "small" | "hidden";

/** Whether x is a possible sum of `small` cells in 1…k−1 and `hidden` cells in {0} ∪ [k, ∞). */
function possibleSum(x: number, small: number, hidden: number, k: number): boolean {
  if (x < 0) return false;
  const low = small;
  const high = small * (k - 1);
  if (hidden === 0) return x >= low && x <= high;
  return (x >= low && x <= high) || x >= low + k;
}

/** Whether the value of hidden cell `h` has at least two values consistent with `sum`. */
function ambiguous(domains: Domain[], h: number, sum: number, k: number): boolean {
  let small = 0;
  let hidden = 0;
  domains.forEach((d, i) => {
    if (i === h) return;
    if (d === "small") small++;
    else hidden++;
  });
  const candidates =
    domains[h] === "small" ? range(1, Math.min(k - 1, sum)) : [0, ...range(k, sum)];
  let found = 0;
  for (const v of candidates) {
    if (possibleSum(sum - v, small, hidden, k) && ++found >= 2) return true;
  }
  return false;
}

function* range(from: number, to: number): Generator<number> {
  for (let v = from; v <= to; v++) yield v;
}

/** Whether no hidden cell can be derived, the total and the shown cells being public. */
export function safe(values: number[], hiddenSet: Set<number>, k: number): boolean {
  const idx = [...hiddenSet];
  if (idx.length === 0) return true;
  const sum = idx.reduce((s, i) => s + (values[i] ?? 0), 0);
  const domains = idx.map((i) => (isSmall(values[i] ?? 0, k) ? "small" : "hidden") as Domain);
  return idx.every((_, h) => ambiguous(domains, h, sum, k));
}

const isSmall = (v: number, k: number) => v >= 1 && v <= k - 1;

/** Suppresses one column of counts (one per unit) with its total. */
export function suppress(values: number[], k = DEFAULT_K): Column {
  if (!Number.isInteger(k) || k < 2) throw new RangeError("k must be an integer ≥ 2");
  const total = values.reduce((s, v) => s + v, 0);
  const hidden = new Set<number>();
  values.forEach((v, i) => {
    if (isSmall(v, k)) hidden.add(i);
  });
  // Complementary cells: the smallest shown ones first (they lose the least information).
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  let showTotal = true;
  if (hidden.size > 0) {
    for (const { i } of order) {
      if (safe(values, hidden, k)) break;
      if (!hidden.has(i)) hidden.add(i);
    }
    // Everything hidden and still derivable (e.g. one unit): hide the total as well.
    if (!safe(values, hidden, k)) showTotal = false;
  }
  const shown = (v: number, i: number): Shown =>
    hidden.has(i)
      ? isSmall(v, k)
        ? { kind: "small" }
        : { kind: "hidden" }
      : { kind: "value", value: v };
  return {
    cells: values.map(shown),
    total: showTotal
      ? { kind: "value", value: total }
      : isSmall(total, k)
        ? { kind: "small" }
        : { kind: "hidden" },
  };
}

/** How a shown cell reads: the number, "< k" or "*". */
export function label(cell: Shown, k = DEFAULT_K): string {
  if (cell.kind === "value") return String(cell.value);
  return cell.kind === "small" ? `< ${k}` : "*";
}
