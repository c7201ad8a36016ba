import type { Package } from "./schema.ts";

/**
 * The package's tables as people open them: one CSV per table (UTF-8 with a BOM, so Excel reads
 * the accents; Indonesian headers; RFC 4180 quoting) and one XLSX workbook with a sheet per table.
 *
 * The workbook is written by hand as the smallest valid SpreadsheetML (inline strings, one
 * style sheet) and zipped with `fflate`, loaded with `import()` only on the export path: a few
 * KiB in the bundle where a general XLSX library costs hundreds (figures in docs/pipeline.md).
 */

export const TABLES = ["rad", "kasus", "rapat", "kepatuhan", "anggota"] as const;
export type TableName = (typeof TABLES)[number];

type Cell = string | number;
export interface Table {
  name: TableName;
  /** The sheet's title (≤ 31 characters). */
  title: string;
  headers: string[];
  rows: Cell[][];
}

const STATUS_ID: Record<string, string> = {
  "on-time": "tepat waktu",
  late: "terlambat",
  open: "belum dipenuhi",
  waived: "dikecualikan",
};

const m = (v: string | number | undefined): Cell => v ?? "";

export function tables(pkg: Package): Table[] {
  return [
    {
      name: "rad",
      title: "Capaian RAD",
      headers: [
        "Gugus Tugas",
        "Sub Gugus Tugas",
        "Baris RAD",
        "Kegiatan",
        "Target Indikator Proses",
        "Capaian Indikator Proses",
        "Catatan Proses",
        "Target Indikator Hasil",
        "Capaian Indikator Hasil",
        "Catatan Hasil",
        "Laporan",
      ],
      rows: pkg.rad.map((r) => [
        r.taskForce,
        r.unit,
        r.row,
        r.activity,
        m(r.process.target),
        m(r.process.actual),
        m(r.process.note),
        m(r.result.target),
        m(r.result.actual),
        m(r.result.note),
        r.report,
      ]),
    },
    {
      name: "kasus",
      title: "Jumlah Kasus",
      headers: [
        "Gugus Tugas",
        "Unit",
        "Laporan",
        "Kasus dilaporkan",
        "Kasus ditangani",
        "Korban didampingi",
        "Korban dipulangkan",
        "Perkara dilimpahkan",
      ],
      rows: [
        ...pkg.cases.byUnit.map((c) => [
          c.taskForce,
          c.unit,
          c.report,
          c.reported,
          c.handled,
          c.victimsAssisted,
          c.victimsRepatriated,
          c.prosecuted,
        ]),
        [
          pkg.taskForce.id,
          "JUMLAH",
          "",
          pkg.cases.total.reported,
          pkg.cases.total.handled,
          pkg.cases.total.victimsAssisted,
          pkg.cases.total.victimsRepatriated,
          pkg.cases.total.prosecuted,
        ],
      ],
    },
    {
      name: "rapat",
      title: "Rapat",
      headers: ["Gugus Tugas", "Unit", "Rapat wajib", "Rapat diadakan"],
      rows: pkg.meetings.map((r) => [r.taskForce, r.unit, r.required, r.held]),
    },
    {
      name: "kepatuhan",
      title: "Kepatuhan Kewajiban",
      headers: [
        "Gugus Tugas",
        "Kewajiban",
        "Jenis",
        "Unit",
        "Periode",
        "Jatuh tempo",
        "Dasar",
        "Status",
        "Tanggal",
        "Keterangan",
      ],
      rows: pkg.compliance.map((c) => [
        c.taskForce,
        c.instance,
        c.obligation,
        c.unit,
        c.period,
        c.due,
        c.basis,
        STATUS_ID[c.status] ?? c.status,
        m(c.on),
        m(c.by),
      ]),
    },
    {
      name: "anggota",
      title: "Paket Anggota",
      headers: ["Gugus Tugas", "Nama", "Versi", "Hash isi", "Diterima"],
      rows: pkg.members.map((r) => [r.taskForce, r.name, r.version, r.contentHash, r.receivedAt]),
    },
  ];
}

function csvCell(v: Cell): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One table as CSV: UTF-8 with a byte-order mark, CRLF line ends. */
export function csv(table: Table): string {
  const lines = [table.headers, ...table.rows].map((r) => r.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// XLSX

// Characters XML 1.0 cannot carry at all.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly those characters
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xml(s: string): string {
  return s
    .replace(INVALID_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function column(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

function sheet(table: Table): string {
  const rows = [table.headers, ...table.rows].map((r, y) => {
    const cells = r.map((v, x) => {
      const ref = `${column(x)}${y + 1}`;
      const style = y === 0 ? ' s="1"' : "";
      if (typeof v === "number" && Number.isFinite(v))
        return `<c r="${ref}"${style}><v>${v}</v></c>`;
      return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xml(String(v))}</t></is></c>`;
    });
    return `<row r="${y + 1}">${cells.join("")}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`;

/** The workbook: one sheet per table, the header row bold. Deterministic bytes (fixed zip times). */
export async function xlsx(pkg: Package): Promise<Uint8Array> {
  const { strToU8, zipSync } = await import("fflate");
  const all = tables(pkg);
  const ns = "http://schemas.openxmlformats.org";
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${all
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("")}</Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets>${all
        .map((t, i) => `<sheet name="${xml(t.title)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships">${all
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          "",
        )}<Relationship Id="rId${all.length + 1}" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/styles.xml": strToU8(STYLES),
  };
  all.forEach((t, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet(t));
  });
  return zipSync(files, { level: 6, mtime: new Date("2020-01-01T00:00:00Z") });
}
