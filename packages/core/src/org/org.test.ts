import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import { Sambas } from "../sambas/index.ts";
import { Org } from "./index.ts";

describe("Sambas.organisation (L-I seed)", () => {
  const org = Sambas.organisation();

  it("has the task force, five sub-task-forces and a Satgas in each of the 19 sub-districts", () => {
    // Act
    const kinds = org.units.map((u) => u.kind);

    // Assert
    expect(org.units).toHaveLength(1 + 5 + 19);
    expect(kinds.filter((k) => k === "gugus-tugas")).toHaveLength(1);
    expect(org.byKind("sub-gugus-tugas").map((u) => u.code)).toEqual([
      "sgt-a",
      "sgt-b",
      "sgt-c",
      "sgt-d",
      "sgt-e",
    ]);
    expect(org.byKind("satgas-kecamatan")).toHaveLength(19);
    expect(org.unit("satgas-kec-sajingan-besar")?.name).toBe(
      "Satgas PP-TPPO Kecamatan Sajingan Besar",
    );
    expect(org.byKind("satgas-desa")).toHaveLength(0);
  });

  it("lists every office of L-I with its Jabatan Pokok", () => {
    // Arrange: L-I rows per block (leadership 4 + members 11; A–E: coordinator, deputy, members)
    const expected: [string, number][] = [
      ["gt", 15],
      ["sgt-a", 13],
      ["sgt-b", 12],
      ["sgt-c", 11],
      ["sgt-d", 8],
      ["sgt-e", 11],
    ];

    // Act / Assert
    for (const [unit, count] of expected) {
      expect(org.officesOf(unit), unit).toHaveLength(count);
      for (const office of org.officesOf(unit)) expect(office.heldBy, office.code).toBeTruthy();
    }
    expect(org.officesOf("gt").filter((o) => o.role === "anggota")).toHaveLength(11);
    expect(org.offices.filter((o) => o.role === "koordinator")).toHaveLength(5);
    expect(org.offices.filter((o) => o.role === "wakil-koordinator")).toHaveLength(5);
  });

  it.each([
    ["gt.penasehat", "Bupati Sambas"],
    ["gt.ketua", "Wakil Bupati Sambas"],
    [
      "gt.ketua-harian",
      "Kepala Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
    ],
    ["gt.sekretaris", "Kepala Bagian Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Sambas"],
    ["gt.anggota.polres", "Kepala Kepolisian Resort Sambas"],
    [
      "sgt-a.koordinator",
      "Kepala Bidang Pendidikan Non Formal dan Informal Dinas Pendidikan Kabupaten Sambas",
    ],
    ["sgt-b.koordinator", "Kepala Bidang Yankes Dinas Kesehatan Kabupaten Sambas"],
    [
      "sgt-c.koordinator",
      "Kepala Bidang Sosial Dinas Sosial, Tenaga Kerja dan Transmigrasi Kabupaten Sambas",
    ],
    ["sgt-d.koordinator", "Kabag Hukum dan Perundang – undangan Setda Kabupaten Sambas"],
    ["sgt-d.wakil-koordinator", "Kasat Reskrim Kepolisian Resort Sambas"],
    [
      "sgt-e.koordinator",
      "Kepala Bidang Pemberdayaan Perempuan Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
    ],
    ["sgt-b.anggota.puskesmas", "Kepala Puskesmas se-Kabupaten Sambas"],
  ])("%s is held by %s", (code, heldBy) => {
    // Act
    const office = org.office(code);

    // Assert
    expect(office?.heldBy).toBe(heldBy);
  });

  it("every unit and office matches its schema, with codes that start with the unit", () => {
    for (const unit of org.units) expect(Org.Unit.safeParse(unit).success, unit.code).toBe(true);
    for (const office of org.offices) {
      expect(Org.Office.safeParse(office).success, office.code).toBe(true);
      expect(office.code.startsWith(`${office.unit}.`)).toBe(true);
    }
  });

  it("finds heads, coordinators and parent chains", () => {
    expect(org.coordinator("sgt-c")?.code).toBe("sgt-c.koordinator");
    expect(org.coordinator("gt")).toBeUndefined();
    expect(org.head("gt")?.code).toBe("gt.ketua");
    expect(org.head("sgt-e")?.code).toBe("sgt-e.koordinator");
    expect(org.head("satgas-kec-paloh")?.code).toBe("satgas-kec-paloh.ketua");
    expect(org.parents("sgt-a").map((u) => u.code)).toEqual(["gt"]);
    expect(org.parents("gt")).toEqual([]);
    expect(org.children("gt")).toHaveLength(5 + 19);
    expect(org.unit("nope")).toBeUndefined();
  });
});

describe("Org.withVillages", () => {
  it("adds village Satgas under their sub-district, each with a head office", () => {
    // Arrange
    const org = Sambas.organisation();

    // Act
    const grown = Org.withVillages(org, [
      { name: "Temajuk", kecamatan: "Paloh" },
      { name: "Sebunga", kecamatan: "satgas-kec-sajingan-besar" },
    ]);

    // Assert
    expect(grown.unit("satgas-desa-temajuk")?.parent).toBe("satgas-kec-paloh");
    expect(grown.parents("satgas-desa-sebunga").map((u) => u.code)).toEqual([
      "satgas-kec-sajingan-besar",
      "gt",
    ]);
    expect(grown.head("satgas-desa-temajuk")?.code).toBe("satgas-desa-temajuk.ketua");
    expect(grown.byKind("satgas-desa")).toHaveLength(2);
    expect(org.byKind("satgas-desa")).toHaveLength(0); // the original is untouched
  });

  it("rejects an unknown sub-district", () => {
    const act = () =>
      Org.withVillages(Sambas.organisation(), [{ name: "Atlantis", kecamatan: "Nowhere" }]);
    expect(act).toThrow(VisibleError);
    expect(act).toThrow(/satgas-kec-nowhere/);
  });

  it("rejects a second village of the same name unless it gets its own slug", () => {
    // Arrange
    const org = Org.withVillages(Sambas.organisation(), [
      { name: "Sungai Nilam", kecamatan: "Jawai" },
    ]);

    // Act
    const clash = () => Org.withVillages(org, [{ name: "Sungai Nilam", kecamatan: "Tebas" }]);
    const distinct = Org.withVillages(org, [
      { name: "Sungai Nilam", kecamatan: "Tebas", slug: "sungai-nilam-tebas" },
    ]);

    // Assert
    expect(clash).toThrow(/already exists/);
    expect(distinct.unit("satgas-desa-sungai-nilam-tebas")?.parent).toBe("satgas-kec-tebas");
  });
});

describe("Org.create", () => {
  const gt = { code: "gt", kind: "gugus-tugas", name: "GT", nameEn: "GT", article: "x" } as const;

  it("rejects duplicates, unknown parents, cycles and misplaced offices", () => {
    const sgt = { ...gt, code: "sgt-a", kind: "sub-gugus-tugas", parent: "gt" } as const;
    expect(() => Org.create({ units: [gt, gt], offices: [], people: [] })).toThrow(/twice/);
    expect(() =>
      Org.create({ units: [{ ...sgt, parent: "sgt-b" }], offices: [], people: [] }),
    ).toThrow(/unknown parent/);
    expect(() =>
      Org.create({
        units: [
          { ...sgt, parent: "sgt-b" },
          { ...sgt, code: "sgt-b", parent: "sgt-a" },
        ],
        offices: [],
        people: [],
      }),
    ).toThrow(/own ancestor/);
    const office = {
      code: "sgt-a.ketua",
      unit: "gt",
      role: "ketua",
      title: "t",
      titleEn: "t",
      article: "x",
    } as const;
    expect(() => Org.create({ units: [gt], offices: [office], people: [] })).toThrow(/must start/);
  });

  it("assigns people to offices, replacing earlier holders", () => {
    // Arrange
    const org = Org.withPeople(Sambas.organisation(), [
      { office: "gt.sekretaris", name: "A", email: "a@example.org" },
    ]);

    // Act
    const changed = Org.withPeople(org, [
      { office: "gt.sekretaris", name: "B", email: "b@example.org" },
    ]);

    // Assert
    expect(org.holders("gt.sekretaris").map((p) => p.name)).toEqual(["A"]);
    expect(changed.holders("gt.sekretaris").map((p) => p.name)).toEqual(["B"]);
    expect(() =>
      Org.withPeople(org, [{ office: "gt.bendahara", name: "C", email: "c@example.org" }]),
    ).toThrow(/unknown office/);
    expect(() =>
      Org.withPeople(org, [{ office: "gt.ketua", name: "C", email: "not-an-email" }]),
    ).toThrow(VisibleError);
  });
});

describe("short unit labels for subject lines", () => {
  it("names each kind of unit briefly, in both languages", () => {
    const org = Org.withVillages(Sambas.organisation(), [{ name: "Temajuk", kecamatan: "Paloh" }]);
    const labels = ["gt", "sgt-c", "satgas-kec-sajingan-besar", "satgas-desa-temajuk"].map((code) =>
      Org.label(org.unit(code) as Org.Unit),
    );
    expect(labels).toEqual([
      { id: "Gugus Tugas", en: "Task Force" },
      { id: "Sub Gugus Tugas C", en: "Sub-task-force C" },
      { id: "Satgas Kec. Sajingan Besar", en: "Satgas, Sajingan Besar sub-district" },
      { id: "Satgas Desa Temajuk", en: "Satgas, Temajuk village" },
    ]);
  });
});
