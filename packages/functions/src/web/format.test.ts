import { Sambas } from "@tenggat/core/sambas";
import { describe, expect, it } from "vitest";
import { names } from "./format.ts";
import { catalogue } from "./i18n/index.ts";

describe("names", () => {
  const org = Sambas.organisation();

  it("tells apart offices that share a title by the position holding each (L-I), and only those", () => {
    const n = names([...org.offices], [...org.units], catalogue("id"));
    const members = org.offices.filter((o) => o.unit === "sgt-a" && o.code.includes(".anggota."));
    const labels = members.map((o) => n.office(o.code));

    expect(members.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(members.length);
    for (const [i, o] of members.entries()) expect(labels[i]).toContain(o.heldBy as string);
    expect(n.office("gt.sekretaris")).toBe(
      org.offices.find((o) => o.code === "gt.sekretaris")?.title,
    );
  });
});
