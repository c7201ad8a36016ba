/**
 * docs/rules.md is written by hand; these checks keep it in step with the rules as code: every
 * obligation of the rulebook has its row (owed by, route, when, source, basis) and every setting
 * a task force can change is named, so a duty or a choice cannot be added without its
 * documentation.
 */
import { readFileSync } from "node:fs";
import { Regulation } from "@tenggat/core/regulation";
import { describe, expect, it } from "vitest";

const RULES = readFileSync(new URL("../docs/rules.md", import.meta.url), "utf8");

describe("docs/rules.md", () => {
  it("has a row for every obligation of the rulebook, with its basis", () => {
    const rows = RULES.split("\n").filter((l) => l.startsWith("| `"));
    const missing = Regulation.RULEBOOK.filter((o) => {
      const basis = o.basis.replace("-", " ");
      const owed = rows.filter((l) => l.startsWith(`| \`${o.id}\``));
      // The first table's rows end with the basis cell.
      return !owed.some((l) => l.split("|").at(-2)?.trim() === basis);
    });
    expect(missing.map((o) => o.id)).toEqual([]);
  });

  it("names every setting a task force can change", () => {
    const missing = Object.keys(Regulation.DEFAULTS).filter((k) => !RULES.includes(`\`${k}`));
    expect(missing).toEqual([]);
  });
});
