/**
 * Seed data for Kabupaten Sambas from Perbup Sambas 8/2016, Lampiran I (L-I).
 */

/** The 19 sub-districts (Kecamatan) of Kabupaten Sambas; each gets a Satgas (Pasal 5(6)). */
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

/** The five sub-task-forces in L-I order (Pasal 5(4)d, Pasal 8). */
export const SUB_TASK_FORCES = [
  {
    code: "sgt-a",
    letter: "A",
    name: "Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak",
    nameEn: "Sub-task-force for Prevention and Child Participation",
    article: "Pasal 8a, Pasal 10, L-I A",
  },
  {
    code: "sgt-b",
    letter: "B",
    name: "Sub Gugus Tugas Bidang Rehabilitasi Kesehatan",
    nameEn: "Sub-task-force for Health Rehabilitation",
    article: "Pasal 8b, Pasal 11, L-I B",
  },
  {
    code: "sgt-c",
    letter: "C",
    name: "Sub Gugus Tugas Bidang Rehabilitasi Sosial, Pemulangan dan Reintegrasi",
    nameEn: "Sub-task-force for Social Rehabilitation, Repatriation and Reintegration",
    article: "Pasal 8c, Pasal 12, L-I C",
  },
  {
    code: "sgt-d",
    letter: "D",
    name: "Sub Gugus Tugas Bidang Pengembangan Norma Hukum dan Penegakan Hukum",
    nameEn: "Sub-task-force for Legal Norms and Law Enforcement",
    article: "Pasal 8d, Pasal 13, L-I D",
  },
  {
    code: "sgt-e",
    letter: "E",
    name: "Sub Gugus Tugas Bidang Kerjasama dan Pemberdayaan",
    nameEn: "Sub-task-force for Cooperation and Victim Empowerment",
    article: "Pasal 8e, Pasal 14, L-I E",
  },
] as const;
