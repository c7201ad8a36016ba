export * as Sambas from "./index.ts";

import { Org } from "../org/index.ts";

/**
 * Seed data for Kabupaten Sambas from Perbup Sambas 8/2016, Lampiran I (L-I, "Susunan
 * Keanggotaan"). Each entry keeps the government position that holds the office (L-I
 * "Jabatan Pokok") exactly as L-I writes it, and the L-I row it comes from.
 *
 * The agencies carry the names of 2016 (BPPKB, Dinas Sosnakertrans, …); later reorganisations
 * of the district government are a matter of configuration, not of this seed.
 */

/** The 19 sub-districts (Kecamatan) of Kabupaten Sambas; each can establish a Satgas (Pasal 5(6),(7)). */
export const SUB_DISTRICTS = [
  "Galing",
  "Jawai",
  "Jawai Selatan",
  "Paloh",
  "Pemangkat",
  "Sajad",
  "Sajingan Besar",
  "Salatiga",
  "Sambas",
  "Sebawi",
  "Sejangkung",
  "Selakau",
  "Selakau Timur",
  "Semparuk",
  "Subah",
  "Tangaran",
  "Tebas",
  "Tekarang",
  "Teluk Keramat",
] as const;

/**
 * The villages (Desa) of Kabupaten Sambas, the denominator of RAD A.4's "sampai tingkat Desa"
 * (193 villages, as the fidelity review counted them; configure villages one by one).
 */
export const VILLAGES_TOTAL = 193;

/** A seat listed by L-I: `slug` names the office inside its unit, `heldBy` is the Jabatan Pokok. */
export interface Seat {
  /** L-I row number (within the block for sub-task-forces). */
  no: number;
  slug: string;
  heldBy: string;
}

/** L-I rows 1–4: the leadership and the secretary of the district task force (Pasal 5(2),(3)). */
export const LEADERSHIP = {
  penasehat: { no: 1, heldBy: "Bupati Sambas" },
  ketua: { no: 2, heldBy: "Wakil Bupati Sambas" },
  "ketua-harian": {
    no: 3,
    heldBy: "Kepala Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
  },
  sekretaris: {
    no: 4,
    heldBy: "Kepala Bagian Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Sambas",
  },
} as const;

/** L-I rows 5–15: the eleven member agencies of the district task force (Pasal 5(4)a,c). */
export const MEMBER_AGENCIES: readonly Seat[] = [
  { no: 5, slug: "polres", heldBy: "Kepala Kepolisian Resort Sambas" },
  { no: 6, slug: "kejari", heldBy: "Kepala Kejaksaan Negeri Sambas" },
  { no: 7, slug: "pengadilan-negeri", heldBy: "Ketua Pengadilan Negeri Sambas" },
  { no: 8, slug: "imigrasi", heldBy: "Kepala Kantor Imigrasi Kabupaten Sambas" },
  { no: 9, slug: "dinkes", heldBy: "Kepala Dinas Kesehatan Kabupaten Sambas" },
  {
    no: 10,
    slug: "bpmpd",
    heldBy: "Kepala Badan Pemberdayaan Masyarakat dan Pemerintahan Desa Kabupaten Sambas",
  },
  {
    no: 11,
    slug: "dishubkominfo",
    heldBy: "Kepala Dinas Perhubungan, Komunikasi dan Informatika Kabupaten Sambas",
  },
  {
    no: 12,
    slug: "dinsosnakertrans",
    heldBy: "Kepala Dinas Sosial, Tenaga Kerja dan Transmigrasi Kabupaten Sambas",
  },
  {
    no: 13,
    slug: "disdukcapil",
    heldBy: "Kepala Dinas Kependudukan dan Catatan Sipil Kabupaten Sambas",
  },
  {
    no: 14,
    slug: "diskumindag",
    heldBy: "Kepala Dinas Koperasi, UKM, Perindustrian dan Perdagangan Kabupaten Sambas",
  },
  {
    no: 15,
    slug: "disporabudpar",
    // L-I row 15 reads "… Kebudayaan dan Kabupaten Sambas": the word "Pariwisata" is missing in
    // the original (compare L-I A.4 and A.6, which name the same office in full).
    heldBy: "Kepala Dinas Pemuda, Olahraga, Kebudayaan dan [Pariwisata] Kabupaten Sambas",
  },
];

/** The seats of one sub-task-force as L-I lists them: coordinator (row 1), deputy (row 2), members. */
export interface SubTaskForceSeed {
  code: "sgt-a" | "sgt-b" | "sgt-c" | "sgt-d" | "sgt-e";
  letter: "A" | "B" | "C" | "D" | "E";
  name: string;
  nameEn: string;
  article: string;
  koordinator: string;
  wakilKoordinator: string;
  anggota: readonly Seat[];
}

/** The five sub-task-forces in L-I order (Pasal 5(4)d, Pasal 8), with their seats from L-I A–E. */
export const SUB_TASK_FORCES: readonly SubTaskForceSeed[] = [
  {
    code: "sgt-a",
    letter: "A",
    name: "Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak",
    nameEn: "Sub-task-force for Prevention and Child Participation",
    article: "Pasal 8a, Pasal 10, L-I A",
    koordinator:
      "Kepala Bidang Pendidikan Non Formal dan Informal Dinas Pendidikan Kabupaten Sambas",
    wakilKoordinator: "Kepala Kantor Kementerian Agama Kabupaten Sambas",
    anggota: [
      { no: 3, slug: "imigrasi-wasdak", heldBy: "Kepala Bidang Wasdak Imigrasi Kabupaten Sambas" },
      {
        no: 4,
        slug: "disporabudpar-pariwisata",
        heldBy:
          "Kepala Bidang Pariwisata Dinas Pemuda, Olahraga, Kebudayaan dan Pariwisata Kabupaten Sambas",
      },
      {
        no: 5,
        slug: "bpmpd-pemdes",
        heldBy:
          "Kepala Bidang Pemerintahan Desa dan Kelurahan Badan Pemberdayaan Masyarakat dan Pemerintahan Desa Kabupaten Sambas",
      },
      {
        no: 6,
        slug: "disporabudpar-pemuda",
        heldBy:
          "Kepala Bidang Pemuda Dinas Pemuda, Olahraga, Kebudayaan dan Pariwisata Kabupaten Sambas",
      },
      {
        no: 7,
        slug: "disdukcapil-capil",
        heldBy: "Kepala Bidang Catatan Sipil Dinas Kependudukan dan Catatan Sipil Kabupaten Sambas",
      },
      {
        no: 8,
        slug: "bppkb-perlindungan-perempuan",
        heldBy:
          "Kasubid Perlindungan Perempuan Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
      },
      { no: 9, slug: "tp-pkk", heldBy: "Ketua Tim Penggerak PKK Kabupaten Sambas" },
      { no: 10, slug: "gow", heldBy: "Ketua Gabungan Organisasi Wanita Kabupaten Sambas" },
      { no: 11, slug: "camat", heldBy: "Camat se Kabupaten Sambas" },
      { no: 12, slug: "apdesi", heldBy: "Ketua APDESI Kabupaten Sambas" },
      { no: 13, slug: "bp2tki", heldBy: "BP2TKI Kab. Sambas" },
    ],
  },
  {
    code: "sgt-b",
    letter: "B",
    name: "Sub Gugus Tugas Bidang Rehabilitasi Kesehatan",
    nameEn: "Sub-task-force for Health Rehabilitation",
    article: "Pasal 8b, Pasal 11, L-I B",
    koordinator: "Kepala Bidang Yankes Dinas Kesehatan Kabupaten Sambas",
    wakilKoordinator: "Kepala Bagian Kesejahteraan Rakyat Sekretariat Daerah Kabupaten Sambas",
    anggota: [
      {
        no: 3,
        slug: "rsud-sambas",
        heldBy: "Direktur Rumah Sakit Umum Daerah Sambas Kabupaten Sambas",
      },
      {
        no: 4,
        slug: "rsud-pemangkat",
        heldBy: "Direktur Rumah Sakit Umum Daerah Pemangkat Kabupaten Sambas",
      },
      {
        no: 5,
        slug: "dinkes-pmk",
        heldBy: "Kepala Bidang Pengendalian Masalah Kesehatan Dinas Kesehatan Kabupaten Sambas",
      },
      {
        no: 6,
        slug: "dinkes-kesga",
        heldBy: "Kepala Bidang Kesga Dinas Kesehatan Kabupaten Sambas",
      },
      {
        no: 7,
        slug: "bppkb-kb",
        heldBy: "Kepala Bidang Keluarga Berencana BPPKB Kabupaten Sambas",
      },
      { no: 8, slug: "idi", heldBy: "Ketua IDI Kabupaten Sambas" },
      { no: 9, slug: "ibi", heldBy: "Ketua Ikatan Bidan Indonesia Kabupaten Sambas" },
      { no: 10, slug: "ppni", heldBy: "Ketua PPNI Kabupaten Sambas" },
      { no: 11, slug: "puskesmas", heldBy: "Kepala Puskesmas se-Kabupaten Sambas" },
      { no: 12, slug: "pkbi", heldBy: "Ketua PKBI Kabupaten Sambas" },
    ],
  },
  {
    code: "sgt-c",
    letter: "C",
    name: "Sub Gugus Tugas Bidang Rehabilitasi Sosial, Pemulangan dan Reintegrasi",
    nameEn: "Sub-task-force for Social Rehabilitation, Repatriation and Reintegration",
    article: "Pasal 8c, Pasal 12, L-I C",
    koordinator:
      "Kepala Bidang Sosial Dinas Sosial, Tenaga Kerja dan Transmigrasi Kabupaten Sambas",
    wakilKoordinator:
      "Kepala Bidang Kesejahteraan dan Perlindungan Anak Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
    anggota: [
      {
        no: 3,
        slug: "diskumindag-ukm",
        heldBy: "Kepala Bidang UKM Perindustrian Dinas Kumindag Kabupaten Sambas",
      },
      {
        no: 4,
        slug: "setda-kemasyarakatan",
        heldBy: "Kabag Kemasyarakatan Setda Kabupaten Sambas",
      },
      {
        no: 5,
        slug: "dishubkominfo-darat",
        heldBy:
          "Kepala Bidang Perhubungan Darat Dinas Perhubungan, Komunikasi dan Informatika Kabupaten Sambas",
      },
      {
        no: 6,
        slug: "kesbangpollinmas",
        heldBy:
          "Kepala Kantor Kesatuan Bangsa, Politik dan Perlindungan Masyarakat Kabupaten Sambas",
      },
      {
        no: 7,
        slug: "dinsosnakertrans-penempatan",
        heldBy:
          "Kepala Bidang Pelatihan dan Penempatan Tenaga Kerja Dinas Sosial, Tenaga Kerja dan Transmigrasi Kabupaten Sambas",
      },
      { no: 8, slug: "polres-binamitra", heldBy: "Kasat Bina Mitra Polres Sambas" },
      {
        no: 9,
        slug: "satpolpp-trantib",
        heldBy:
          "Kepala Seksi Pembinaan dan Ketentraman Satuan Polisi Pamong Praja Kabupaten Sambas",
      },
      {
        no: 10,
        slug: "kemenag-penamas",
        heldBy: "Kepala Seksi Penamas Kementerian Agama Kabupaten Sambas",
      },
      { no: 11, slug: "bp4tki", heldBy: "Kepala BP4TKI Sambas" },
    ],
  },
  {
    code: "sgt-d",
    letter: "D",
    name: "Sub Gugus Tugas Bidang Pengembangan Norma Hukum dan Penegakan Hukum",
    nameEn: "Sub-task-force for Legal Norms and Law Enforcement",
    article: "Pasal 8d, Pasal 13, L-I D",
    koordinator: "Kabag Hukum dan Perundang – undangan Setda Kabupaten Sambas",
    wakilKoordinator: "Kasat Reskrim Kepolisian Resort Sambas",
    anggota: [
      {
        no: 3,
        slug: "dinsosnakertrans-hi",
        heldBy:
          "Kepala Bidang Hubungan Industri Dinas Sosial, Tenaga Kerja dan Transmigrasi Kabupaten Sambas",
      },
      {
        no: 4,
        slug: "kejari-pidum",
        heldBy: "Kepala Seksi Tindak Pidana Umum Kejaksaan Negeri Sambas",
      },
      {
        no: 5,
        slug: "pengadilan-negeri-ptip",
        heldBy:
          "Kasubbag Perencanaan, Telekomunikasi Informasi dan Pelaporan Pengadilan Negeri Sambas",
      },
      { no: 6, slug: "satpolpp", heldBy: "Kepala Satuan Polisi Pamong Praja Kabupaten Sambas" },
      { no: 7, slug: "posbakum", heldBy: "Ketua Posbakum Kabupaten Sambas" },
      { no: 8, slug: "polres-uppa", heldBy: "Kanit UPPA Polres Sambas Kabupaten Sambas" },
    ],
  },
  {
    code: "sgt-e",
    letter: "E",
    name: "Sub Gugus Tugas Bidang Kerjasama dan Pemberdayaan",
    nameEn: "Sub-task-force for Cooperation and Victim Empowerment",
    article: "Pasal 8e, Pasal 14, L-I E",
    koordinator:
      "Kepala Bidang Pemberdayaan Perempuan Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
    wakilKoordinator: "Kepala Bidang UMKM Dinas Kumindag Kabupaten Sambas",
    anggota: [
      {
        no: 3,
        slug: "bappeda-sosbud",
        heldBy: "Kepala Bidang Sosial Budaya Badan Perencanaan Pembangunan Daerah Kabupaten Sambas",
      },
      {
        no: 4,
        slug: "setda-humas",
        heldBy: "Kepala Bagian Hubungan Masyarakat Sekretariat Daerah Kabupaten Sambas",
      },
      {
        no: 5,
        slug: "disdik-dikdas",
        heldBy: "Kabid Pendidikan Dasar Dinas Pendidikan Kabupaten Sambas",
      },
      {
        no: 6,
        slug: "bppkb-kpa",
        heldBy:
          "Kasubbid Kesejahteraan dan Perlindungan Anak Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
      },
      {
        no: 7,
        slug: "bppkb-kualitas-hidup",
        heldBy:
          "Kasubbid Peningkatan Kualitas Hidup Perempuan Badan Pemberdayaan Perempuan dan Keluarga Berencana Kabupaten Sambas",
      },
      { no: 8, slug: "gapemasda", heldBy: "Ketua Gapemasda" },
      { no: 9, slug: "perguruan-tinggi", heldBy: "Lembaga Perguruan Tinggi Kabupaten Sambas" },
      { no: 10, slug: "gemawan", heldBy: "Lembaga Gemawan" },
      { no: 11, slug: "iais", heldBy: "Institut Agama Islam Sambas" },
    ],
  },
];

const GT: Org.Unit = {
  code: "gt",
  kind: "gugus-tugas",
  name: "Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang Kabupaten Sambas",
  nameEn: "Task Force for the Prevention and Handling of Trafficking in Persons, Sambas District",
  article: "Pasal 2, Pasal 5",
};

const LEADERSHIP_TITLES = {
  penasehat: { title: "Penasehat", titleEn: "Advisor", article: "L-I 1" },
  ketua: { title: "Ketua", titleEn: "Chair", article: "Pasal 5(2), Pasal 6, L-I 2" },
  "ketua-harian": {
    title: "Ketua Harian",
    titleEn: "Daily Chair",
    article: "Pasal 5(2), Pasal 7, L-I 3",
  },
  sekretaris: { title: "Sekretaris", titleEn: "Secretary", article: "Pasal 5(3), Pasal 9, L-I 4" },
} as const;

/**
 * The organisation L-I sets up for Kabupaten Sambas: the task force with its advisor, chair,
 * daily chair, secretary and eleven member agencies; the five sub-task-forces with coordinator,
 * deputy and members; and a Satgas (with its head office) for each of the 19 sub-districts,
 * establishable but not established: a Satgas owes nothing until its decree is recorded
 * (Pasal 5(7), `withEstablishments`). Village Satgas come later, by configuration (`withVillages`).
 */
export function organisation(): Org.Organisation {
  const units: Org.Unit[] = [GT];
  const offices: Org.Office[] = [];
  for (const role of ["penasehat", "ketua", "ketua-harian", "sekretaris"] as const) {
    offices.push({
      code: `gt.${role}`,
      unit: "gt",
      role,
      ...LEADERSHIP_TITLES[role],
      heldBy: LEADERSHIP[role].heldBy,
    });
  }
  for (const seat of MEMBER_AGENCIES) {
    offices.push({
      code: `gt.anggota.${seat.slug}`,
      unit: "gt",
      role: "anggota",
      title: "Anggota Gugus Tugas",
      titleEn: "Member of the Task Force",
      heldBy: seat.heldBy,
      article: `Pasal 5(4), L-I ${seat.no}`,
    });
  }
  for (const sgt of SUB_TASK_FORCES) {
    units.push({
      code: sgt.code,
      kind: "sub-gugus-tugas",
      name: sgt.name,
      nameEn: sgt.nameEn,
      parent: "gt",
      article: sgt.article,
    });
    const block = `L-I ${sgt.letter}`;
    offices.push(
      {
        code: `${sgt.code}.koordinator`,
        unit: sgt.code,
        role: "koordinator",
        title: `Koordinator Sub Gugus Tugas ${sgt.letter}`,
        titleEn: `Coordinator, Sub-task-force ${sgt.letter}`,
        heldBy: sgt.koordinator,
        article: `Pasal 8, ${block}.1`,
      },
      {
        code: `${sgt.code}.wakil-koordinator`,
        unit: sgt.code,
        role: "wakil-koordinator",
        title: `Wakil Koordinator Sub Gugus Tugas ${sgt.letter}`,
        titleEn: `Deputy Coordinator, Sub-task-force ${sgt.letter}`,
        heldBy: sgt.wakilKoordinator,
        article: `${block}.2`,
      },
    );
    for (const seat of sgt.anggota) {
      offices.push({
        code: `${sgt.code}.anggota.${seat.slug}`,
        unit: sgt.code,
        role: "anggota",
        title: `Anggota Sub Gugus Tugas ${sgt.letter}`,
        titleEn: `Member, Sub-task-force ${sgt.letter}`,
        heldBy: seat.heldBy,
        article: `${block}.${seat.no}`,
      });
    }
  }
  for (const name of SUB_DISTRICTS) {
    const unit = Org.kecamatanUnit(name);
    units.push(unit);
    offices.push(Org.satgasHead(unit));
  }
  return Org.create({ units, offices, people: [] });
}
