/**
 * Seed data: the Rencana Aksi Daerah (RAD) 2016–2020 of Kabupaten Sambas, transcribed from
 * Perbup Sambas 8/2016, Lampiran III §IX (tables A–E, lines 647–742 of
 * `shared/regulation/perbup-sambas-8-2016.txt`).
 *
 * How the flattened text was read. Each table row is one tab-separated line of 8 cells
 * (Masalah, Kegiatan, Prioritas Kegiatan, Proses, Hasil, Kelompok Sasaran, SKPD, Kurun Waktu),
 * except A.4–A.7, whose row number sits in a cell of its own (9 cells, shifted by one), and
 * A.3, whose Masalah and Kegiatan run on after a page break into a line of their own. Bulleted
 * cells came out as `- a - b` on one line; their items are put back on their own lines.
 * Everything else is verbatim, spelling slips included (`Sosnaketrans`, `sosnakertran`,
 * `Gusus`, `Kemeneg`, `Terpenubuhnya`, `UU No.21 tahun 2012`), except that trailing full stops
 * are dropped from list entries (target groups, agencies).
 *
 * Rows whose reconstruction is uncertain carry `notes` saying why and quoting the flattened
 * text: A.3 (page break), B.3 (a "2" found in the wrong cell), D.2 (words of the process
 * indicator interleaved), E.1/E.2 (priority activities look swapped in the source), E.2/E.3
 * (Masalah cell merged with E.1's), E.3 (result indicator cut off in the source).
 */

import type { Letter, Plan, Row, Statement, Target } from "./index.ts";

const PLAN = "rad-2016-2020";
const PERIOD = { start: 2016, end: 2020 };

type RowInput = Omit<
  Row,
  "id" | "number" | "unit" | "article" | "period" | "process" | "result" | "priorityActivity"
> & {
  priorityActivity: string | Statement;
  process: string | Statement;
  result: string | Statement;
};

/** One row of table `letter`, numbered by its position. */
function rows(letter: Letter, input: RowInput[]): Row[] {
  return input.map(({ priorityActivity, process, result, ...row }, i) => ({
    id: `${PLAN}.${letter}.${i + 1}`,
    number: i + 1,
    unit: `sgt-${letter.toLowerCase()}` as Row["unit"],
    article: `L-III §IX ${letter}.${i + 1}`,
    ...row,
    priorityActivity: statement(priorityActivity),
    process: { kind: "process", ...statement(process) },
    result: { kind: "result", ...statement(result) },
    period: PERIOD,
  }));
}

function statement(cell: string | Statement): Statement {
  return typeof cell === "string" ? { text: cell } : cell;
}

/** A number to be reached within the plan period. */
const inPeriod = (value: number, unit: string): Target => ({ value, unit, per: "period" });
/** A number to be reached every year. */
const perYear = (value: number, unit: string): Target => ({ value, unit, per: "year" });

/** Joins the items of a bulleted cell, one per line, as the printed table sets them. */
const list = (...items: string[]) => items.map((i) => `- ${i}`).join("\n");

const E_PROBLEM_1 =
  "Kurang optimalnya kinerja gugus tugas pencegahan dan penanganan TPPO Kabupaten Sambas";

export const SAMBAS_2016_2020: Plan = {
  id: PLAN,
  title:
    "Rencana Aksi Daerah (RAD) Pencegahan dan Penanganan Korban Perdagangan Orang di Kabupaten Sambas Tahun 2016 – 2020",
  periodStart: 2016,
  periodEnd: 2020,
  source: { regulation: "Peraturan Bupati Sambas Nomor 8 Tahun 2016", article: "L-III §IX" },
  tables: [
    {
      letter: "A",
      unit: "sgt-a",
      name: "Sub Gugus Tugas Bidang Pencegahan dan Partisipasi Anak",
      nameEn: "Sub-task-force for Prevention and Child Participation",
      goal: "Mencegah terjadinya segala bentuk dan praktek yang berindikasi pada TPPO",
      goalEn: "To prevent every form and practice that points to trafficking in persons",
      targets: [
        "Terbentuknya sistem pengawasan yang efektif dalam upaya pencegahan TPPO.",
        "Menurunnya jumlah kasus TPPO.",
        "Meningkatkan kesadaran masyarakat untuk mencegah praktek PTPPO.",
        "Mengarusutamakan gender dan hak anak dalam upaya pencegahan PTPPO.",
      ],
      article: "L-III §IX A",
      rows: rows("A", [
        {
          problem: "Minimnya pengetahuan (kelompok rentan) masyarakat tentang PTPPO.",
          activity: "Melakukan kampanye PTPPO berbasis sekolah",
          priorityActivity: "Mengadakan sosialisasi PTPPO di Tingkat Sekolah (SLTP/SLTA)",
          process: {
            text: "Melakukan pendataan anak usia sekolah, dan anak putus sekolah",
            gloss: "Recording children of school age and children who have left school",
          },
          result: {
            text: "Adanya pendataan daerah yang rawan TPPO.",
            gloss: "A record of the areas at risk of trafficking exists",
          },
          targetGroups: ["Anak sekolah SLTP dan SLTA sederajat", "Anak putus sekolah"],
          agencies: [
            "Dinas sosnakertrans",
            "Dinas Pendidikan",
            "BPPKB",
            "UPPA Polres",
            "Kejaksaan Negeri",
          ],
        },
        {
          problem: "Jumlah TKI ilegal masih lebih banyak dibandingkan dengan TKI legal.",
          activity: "Melakukan kampanye PTPPO berbasis masyarakat",
          priorityActivity: "Mengadakan Sosialisasi PTPPO di lingkungan Desa",
          process: {
            text: "Melaksanakan sosialisasi PTPPO pada masyarakat",
            gloss: "Holding awareness sessions on trafficking prevention for the community",
          },
          result: {
            text: "Adanya pendataan daerah/desa yang rawan TPPO",
            gloss: "A record of the areas/villages at risk of trafficking exists",
          },
          targetGroups: ["Masyarakat"],
          agencies: ["Dinas sosnakertrans", "BPPKB", "UPPA Polres", "Kejaksaan Negeri"],
        },
        {
          // Uncertain: Masalah and Kegiatan are split by a page break (source lines 668, 670).
          problem:
            "Banyaknya korban trafficking pada anak usia 14 s/d 18 tahun dengan pendidikan hanya lulus SD dan status belum kawin",
          activity: list(
            "Mengintegrasikan materi PTPPO dalam kurikulum muatan lokal",
            "Mengintegrasikan materi PTPPO dalam ceramah-ceramah agama",
          ),
          priorityActivity:
            "Mencetak leaflet, balihoo, buku panduan dan buku bacaan serta komik tentang TPPO",
          process: {
            text: "Melakukan sosialisasi pada anak sekolah dan masyarakat",
            gloss: "Holding awareness sessions for schoolchildren and the community",
          },
          result: {
            text: "Adanya kesadaran masyarakat untuk berpartisipasi dalam pencegahan TPPO",
            gloss: "The community is aware of trafficking and takes part in preventing it",
          },
          targetGroups: ["Anak SLTP, sederajat", "Anak sekolah", "Masyarakat"],
          agencies: ["Dinas Sosnakertrans", "BPPKB", "Dinas Pendidikan", "Kemenag"],
          notes: [
            'Masalah and Kegiatan run across a page break: "…14 s/d 18 tahun dengan" + "pendidikan hanya lulus SD dan status belum kawin", and "…Mengintegrasikan materi PTPPO" + "dalam ceramah-ceramah agama" (the continuation line is shifted one cell right); joined.',
          ],
        },
        {
          problem: "Lemahnya jejaring kelembagaan untuk pengaduan korban TPPO",
          activity: "Peningkatan kapasitas kelembagaan TPPO",
          priorityActivity: "Membentuk kelembagaan satgas TPPO sampai tingkat Desa",
          process: {
            text: "Melakukan sosialisasi kelembagaan satgas TPPO pada masyarakat",
            gloss: "Informing the community about the anti-trafficking task units (Satgas)",
          },
          result: {
            text: "Adanya satgas TPPO di Desa dan Kecamatan",
            gloss: "Anti-trafficking task units exist in the villages and sub-districts",
          },
          targetGroups: ["Masyarakat yang rentan wilayah TPPO"],
          agencies: [
            "BPPKB",
            "Dinas Sosnaketrans",
            "BPPMPD",
            "Dinas Pendidikan",
            "Babin Kantibmas",
            "Polsek Jajaran",
          ],
        },
        {
          problem: "Banyaknya korban TPPO masih di bawah umur",
          activity: "Meningkatkan peran RT, RW, Kades dan Camat",
          priorityActivity: list(
            "Sosialisasi tentang Undang-Undang Kependudukan dan Perlindungan Anak",
            "Monitoring pembuatan KTP dan akte kelahiran di daerah rentan TPPO",
            "Pendataan penduduk yang melakukan migrasi",
          ),
          process: {
            text: list(
              "Meningkatkan pemahaman masyarakat",
              "Melakukan pendataan penduduk yang wajib KTP untuk pemula",
              "Tersedianya data penduduk yang akurat",
            ),
            gloss:
              "Raising the community's understanding; recording residents newly required to hold an identity card (KTP); accurate population data available",
          },
          result: {
            text: list(
              "Terwujudnya masyarakat yang tertib administrasi",
              "Adanya data penduduk yang wajib KTP",
              "Adanya data kependudukan yang sudah / belum memiliki dokumen kependudukan",
            ),
            gloss:
              "A community with orderly civil records; data on the residents required to hold a KTP; data on who does and does not yet hold civil-registration documents",
          },
          targetGroups: ["Masyarakat yang rentan wilayah TPPO"],
          agencies: [
            "Dinas Kependudukan dan Catatan Sipil",
            "Kepala Desa",
            "Camat",
            "Kantor Imigrasi",
            "BP2TKI",
          ],
        },
        {
          problem: "Lemahnya pencatatan dan pelaporan data korban",
          activity: "Adanya data kasus korban TPPO yang akurat",
          priorityActivity: list(
            "Adanya pertemuan rutin untuk Tim Gugus Tugas untuk pendataan dan pelaporan",
            "Tersedianya call center untuk pengaduan korban dan pelaporan",
          ),
          process: {
            text: "Adanya pertemuan tim pendataan korban",
            gloss: "The victim-data team meets",
          },
          result: {
            text: "Tersedianya data korban yang akurat",
            gloss: "Accurate data on victims available",
          },
          targetGroups: ["Masyarakat dan anak yang menjadi korban"],
          agencies: [
            "BPPKB",
            "Polres",
            "Dinas Kesehatan",
            "RSUD",
            "Kejaksaan",
            "Pengadilan Negeri",
            "LBH",
            "LSM",
          ],
        },
        {
          problem: "Banyaknya TKI yang menjadi korban perdagangan orang",
          activity: "Sosialisasi pada TKI tentang bahaya perdagangan orang",
          priorityActivity: list("Adanya sosialisasi TPPO untuk TKI"),
          process: {
            text: "Melakukan sosialisasi calon TKI",
            gloss: "Holding awareness sessions for prospective migrant workers (calon TKI)",
          },
          result: {
            text: "Mencegah terjadinya perdagangan orang",
            gloss: "Trafficking in persons is prevented",
          },
          targetGroups: ["Calon TKI"],
          agencies: ["Dinas Sosnaketrans", "BPPKB", "Polres"],
        },
      ]),
    },
    {
      letter: "B",
      unit: "sgt-b",
      name: "Sub Gugus Tugas Rehabilitasi Kesehatan",
      nameEn: "Sub-task-force for Health Rehabilitation",
      goal: "Memberikan pelayanan Kesehatan terhadap korban/saksi TPPO",
      goalEn: "To give health services to victims and witnesses of trafficking",
      targets: [
        "Terlaksananya mekanisme rujukan pelayanan kesehatan bagi korban TPPO",
        "Teridentifikasinya identitas dan kasus korban TPPO",
        "Terpenuhnya hak-hak korban TPPO untuk mendapatkan layanan kesehatan",
      ],
      article: "L-III §IX B",
      rows: rows("B", [
        {
          problem: "Masih lemahnya SDM yang terlatih dalam pemberian layanan kesehatan korban",
          activity: list(
            "Meningkatkan layanan terhadap korban TPPO",
            "Meningkatkan kapasitas SDM untuk pelayanan kesehatan bagi korban",
          ),
          priorityActivity: list(
            "Meningkatkan layanan terhadap korban TPPO",
            "Meningkatkan kapasitas SDM untuk pelayanan kesehatan bagi korban",
          ),
          process: {
            text: list(
              "Adanya puskesmas KTA di Kabupaten",
              "Pelatihan tentang tata laksana medis kasus KTP/A dan TPPO bagi tenaga kesehatan",
            ),
            gloss:
              'A community health centre (puskesmas) for violence against women and children in the district ("KTA", elsewhere "KTP/A"); training health workers in the medical management of KTP/A and trafficking cases',
          },
          result: {
            text: list(
              "Fasilitas kesehatan yang bisa menangani kasus TPPO",
              "Sedikitnya SDM yang memahami SOP pelayanan kesehatan korban TPPO",
            ),
            gloss:
              "Health facilities able to handle trafficking cases; at least [no number in the source] staff who understand the SOP for health services to trafficking victims",
          },
          targetGroups: ["Puskesmas dan se-Kabupaten Sambas"],
          agencies: ["Dinas Kesehatan", "RSUD Sambas", "RSUD pemangkat"],
          notes: [
            'The result indicator says "Sedikitnya SDM…" ("at least … staff") but gives no number; no target is parsed.',
            'Kelompok Sasaran "Puskesmas dan se-Kabupaten Sambas" seems to lack a word (B.2 and B.3 read "Puskesmas dan RSUD"); kept as written.',
          ],
        },
        {
          problem: "Kurangnya sarana / prasarana yang memadai untuk saksi dan korban TPPO",
          activity:
            "Kurangnya dukungan personil dan anggaran sarana / prasarana kesehatan layanan yang sesuai dengan SPM",
          priorityActivity: "Menyediakan sarana / prasarana kesehatan penangan korban TPPO",
          process: {
            text: list(
              "Adanya RSUD rujukan untuk pelayanan kesehatan korban TPPO",
              "Adanya 6 puskesmas yang mampu menangani kasus KTP/A",
            ),
            gloss:
              "A referral district hospital (RSUD) for the health care of trafficking victims; 6 community health centres able to handle cases of violence against women and children",
            target: inPeriod(6, "puskesmas"),
          },
          result: {
            text: "Tersedianya ruangan khusus bagi korban dan saksi TPPO di puskesmas dan RSUD di Kabupaten Sambas",
            gloss:
              "A separate room for trafficking victims and witnesses in the health centres and district hospitals of Sambas",
          },
          targetGroups: ["Puskesmas dan RSUD di Kabupaten Sambas"],
          agencies: ["Dinas Kesehatan", "RSUD Sambas", "RSUD Pemangkat"],
        },
        {
          // Uncertain: the "2" of the result indicator came out at the head of the next cell.
          problem: "Lemahnya pencatatan dan pelaporan korban TPPO",
          activity: "Belum tersedianya tenaga dan format pelaporan bagi korban TPPO",
          priorityActivity: list(
            "Pelatihan untuk tenaga pencatatan dan pelaporan",
            "Menyediakan cetak untuk laporan korban",
          ),
          process: {
            text: list(
              "Adanya tenaga terlatih untuk pencatatan dan pelaporan puskesmas RSUD",
              "Menyediakan cetak laporan",
            ),
            gloss:
              "Trained recording and reporting staff in the health centres and district hospitals; report forms printed",
          },
          result: {
            text: list(
              "Tersedianya 2 orang tenaga terlatih untuk pencatatan dan pelaporan",
              "Adanya blanko laporan korban",
            ),
            gloss:
              "2 trained persons available for recording and reporting; blank victim-report forms available",
            target: inPeriod(2, "orang tenaga terlatih"),
            note: "The source does not say whether the 2 are per health centre/hospital or in all.",
          },
          targetGroups: ["Puskesmas dan RSUD di Kabupaten Sambas"],
          agencies: ["Sekretariat"],
          notes: [
            'Flattened as Hasil "- Tersedianya orang tenaga terlatih untuk pencatatan dan pelaporan - Adanya blanko laporan korban" and Kelompok Sasaran "2 - Puskesmas dan RSUD di Kabupaten Sambas". The "2" reads as the number missing from "Tersedianya orang tenaga terlatih" and was moved there; the target of 2 rests on that reading.',
          ],
        },
      ]),
    },
    {
      letter: "C",
      unit: "sgt-c",
      name: "Sub Gugus Tugas Bidang Rehabilitasi Sosial, Pemulangan dan Integrasi Sosial",
      nameEn: "Sub-task-force for Social Rehabilitation, Repatriation and Social Integration",
      goal: "Memberikan pelayanan rehabilitasi sosial, pemulangan dan reintegrasi sosial .",
      goalEn: "To give social rehabilitation, repatriation and social reintegration services",
      targets: [
        "Teridentifikasinya identitas dan kasus korban TPPO.",
        "Terpenubuhnya hak-hak korban TPPO untuk mendapatkan perlindungan, pelayanan rehabilitasi sosial, pemulangan dan reintegrasi sosial.",
        "Terlaksananya mekanisme rujukan nasional dan daerah bagi korban TPPO.",
      ],
      article: "L-III §IX C",
      rows: rows("C", [
        {
          problem:
            "Masih rendahnya SDM dalam hal Rehabilitasi Sosial, pemulangan dan reintegrasi yang bisa diakses oleh korban.",
          activity:
            "1. Meningkatkan kapasitas SDM untuk pelayanan rehabilitasi sosial, reintegrasi dan pemulangan bagi korban TPPO.",
          priorityActivity: "Pelatihan untuk rehabilitasi pemulangan dan reintegrasi sosial.",
          process: {
            text: "10 petugas memahami SOP rehabilitasi reintegrasi dan pemulangan bagi korban TPPO.",
            gloss:
              "10 officers understand the SOP for the rehabilitation, reintegration and repatriation of trafficking victims",
            target: inPeriod(10, "petugas"),
          },
          result: {
            text: "Meningkatnya pengetahuan Petugas rehabilitasi sosial, reintegrasi dan pemulangan bagi korban TPPO.",
            gloss:
              "Better knowledge among the social rehabilitation, reintegration and repatriation officers",
          },
          targetGroups: ["Petugas Rehabilitasi sosial", "Petugas Shelter"],
          agencies: ["Dinas sosnakertran", "Dinas Perhubungan", "BPPKB", "Satpol PP"],
        },
        {
          problem:
            "Kurangnya sarana / prasarana yang memadai untuk rehabilitasi sosial, pemulangan dan reintegrasi sosial",
          activity:
            "Menyediakan sarana/prasarana yang memadai untuk rehabilitasi sosial, pemulangan dan reintegrasi sosial",
          priorityActivity: "Adanya Shelter / rumah aman bagi korban .",
          process: {
            text: "Tersedianya singgah rumah",
            gloss: "A transit house (rumah singgah) is available",
          },
          result: {
            text: "Adanya Shelter/rumah aman untuk korban",
            gloss: "A shelter / safe house for victims exists",
          },
          targetGroups: ["Korban TPPO"],
          agencies: ["Dinas sosnakertran", "BPPKB"],
        },
        {
          problem:
            "Lemahnya pencatatan dan pelaporan pelayanan rehabilitasi sosial, pemulangan dan reintegrasi",
          activity: "Melatih tenaga untuk pencatatan dan pelaporan.",
          priorityActivity: {
            text: "Ada 5 orang tenaga khusus dilatih untuk pencatatan dan pelaporan korban TPPO.",
            gloss: "5 dedicated staff trained in recording and reporting on trafficking victims",
            target: inPeriod(5, "orang tenaga khusus dilatih"),
          },
          process: {
            text: "2 orang petugas rehabilitasi sosial, 2 orang dari petugas reintegrasi dan 1 orang petugas pemulangan",
            gloss:
              "2 social rehabilitation officers, 2 reintegration officers and 1 repatriation officer",
            target: inPeriod(5, "orang petugas dilatih"),
            note: "2 + 2 + 1 = 5, the 5 trained staff of the priority activity.",
          },
          result: {
            text: "petugas yang dilatih memahami dan mengetahui mekanisme pencatatan dan pelaporan korban TPPO.",
            gloss:
              "The trained officers understand and know how victims of trafficking are recorded and reported",
          },
          targetGroups: [
            "Petugas rehabilitasi sosial",
            "Petugas pemulangan",
            "Petugas reintegrasi",
          ],
          agencies: ["Dinas sosnakertran", "BPPKB"],
        },
      ]),
    },
    {
      letter: "D",
      unit: "sgt-d",
      // §IX names D "…dan Bantuan Hukum"; L-I and Pasal 8 call it "…dan Penegakan Hukum".
      name: "Sub Gugus Tugas Bidang Pengembangan Norma Hukum dan Bantuan Hukum",
      nameEn: "Sub-task-force for the Development of Legal Norms and Legal Aid",
      goal: "Meningkatkan Penegakan hukum terhadap Pelaku dan memberikan perlindungan, bantuan hukum bagi saksi dan korban TPPO.",
      goalEn:
        "To strengthen law enforcement against perpetrators and to give protection and legal aid to witnesses and victims of trafficking",
      targets: [
        "Terwujudnya rasa keadilan bagi korban TPPO.",
        "Penegakan Peraturan dan Perlindungan hukum bagi korban terkait TPPO",
        "Berkurangnya kasus TPPO",
      ],
      article: "L-III §IX D",
      rows: rows("D", [
        {
          problem:
            "Lemahnya bantuan hukum bagi korban TPPO karena kurangnya pendampingan bagi korban.",
          activity: "Pelatihan peningkatan kapasitas Pendampingan korban .",
          priorityActivity: "Peningkatan SDM untuk pendampingan hukum korban",
          process: {
            text: list(
              "Melakukan pelatihan pendampingan korban",
              "Melakukan kerjasama MOU dengan LBH dan LSM Terkait",
            ),
            gloss:
              "Training victim companions; a memorandum of understanding with legal-aid institutes (LBH) and the NGOs concerned",
          },
          result: {
            text: "Meningkatnya jumlah pendampingan korban dalam memberikan bantuan hukum sebanyak 2 orang per desa",
            gloss: "More companions giving victims legal aid: 2 legal companions per village",
            target: inPeriod(2, "orang per desa"),
          },
          targetGroups: ["LSM", "LBH", "ICW"],
          agencies: ["BPPKB"],
        },
        {
          // Uncertain: the process indicator's two printed lines came out word-interleaved.
          problem:
            "Rendahnya sistem monitoring dan pengawasan dan penanganan Kasus Perdagangan Orang",
          activity:
            "Penguatan jejaring dalam pengawasan dan monitoring penanganan kasus perdagangan orang",
          priorityActivity: "Penguatan jejaring penegakan hukum",
          process: {
            text: "Adanya rapat koordinasi lintas sektor dalam pengawasan dan monitoring",
            gloss: "Cross-sector coordination meetings on oversight and monitoring are held",
          },
          result: {
            text: "Adanya komitmen bersama dalam pengawasan dan monitoring penanganan kasus perdagangan Orang",
            gloss: "A shared commitment to oversee and monitor the handling of trafficking cases",
          },
          targetGroups: ["Polres", "Imigrasi", "LSM", "LBH", "Kejaksaan", "Pengadilan Negeri"],
          agencies: ["Polres", "Kejaksaan", "Pengadilan Negeri"],
          notes: [
            'The process indicator is flattened as "Adanya koordinasi sektor pengawasan monitoring rapat lintas dalam dan": two printed lines read across. Taking their words alternately gives "Adanya rapat koordinasi lintas sektor dalam pengawasan dan monitoring", used here.',
          ],
        },
        {
          problem: "Rendahnya SDM Penegakan Hukum dalam melaksanakan Penegakan Hukum",
          activity: "Meningkatkan Kapasitas SDM dalam Penegakan Hukum",
          priorityActivity: "Pelatihan peningkatan SDM penegak hukum",
          process: {
            text: "Terdapat 15 orang petugas yang menangani Penegakan Hukum",
            gloss: "15 law-enforcement officers handle (trafficking) law enforcement",
            target: inPeriod(15, "orang petugas"),
          },
          result: {
            text: "Meningkatkan pengetahuan dalam penegakan hukum",
            gloss: "Better knowledge of law enforcement",
          },
          targetGroups: ["Polres", "Kejaksaan", "Pengadilan Negeri"],
          agencies: ["Polres", "Kejaksaan", "Pengadilan Negeri"],
        },
        {
          problem: "Rendahnya informasi hukum mengenai perdagangan orang",
          activity:
            "Melakukan sosialisasi kepada masyarakat tentang UU No.21 tahun 2012 dan Perda No.3 Tentang Pencegahan dan Penanganan TPPO",
          priorityActivity: "Sosialisasi TPPO pada masyarakat",
          process: {
            text: "Menyiapkan bahan sosialisasi terkait UU No.21 tahun 2012 dan Perda No.3 Tentang Pencegahan dan Penanganan Korban TPPO",
            gloss:
              "Preparing awareness material on Law No. 21 and Regional Regulation No. 3 on the prevention and handling of trafficking",
          },
          result: {
            text: "Meningkatkan kesadaran masyarakat untuk melaporkan kasus TPPO pada yang berwajib",
            gloss: "The community is more ready to report trafficking cases to the authorities",
          },
          targetGroups: ["Masyarakat"],
          agencies: ["Polres", "Kejaksaan", "Pengadilan Negeri", "BPPKB"],
          notes: [
            'The numbers are citations, not targets. "UU No.21 tahun 2012" is as written; the anti-trafficking law is UU 21 of 2007 (the Penutup says "Sejak Maret 2007"). "Perda No.3" is Perda Kabupaten Sambas No. 3 of 2015 (Penutup).',
          ],
        },
      ]),
    },
    {
      letter: "E",
      unit: "sgt-e",
      name: "Sub Gugus Tugas Bidang Kerjasama dan Pemberdayaan Korban",
      nameEn: "Sub-task-force for Cooperation and Victim Empowerment",
      goal: "Membangun dan meningkatkan kerjasama dan Pemberdayaan Korban dalam pencegahan dan penanganan TPPO .",
      goalEn:
        "To build and strengthen cooperation and the empowerment of victims in preventing and handling trafficking",
      targets: [
        "Terciptanya kerjasama dan koordinasi yang baik antar pemangku kepentingan atau anggota gugus tugas.",
        "Terjalinya kerjasama antara daerah dalam upaya pencegahan dan penanganan korban TPPO.",
        "Teralokasikannya anggaran untuk melaksanakan program dan rencana kegiatan pada masing-masing pemangku kepentingan atau anggota gugus tugas.",
        "Terlaksananya Monitoring dan Evaluasi terpadu TPPO.",
      ],
      article: "L-III §IX E",
      // Table E numbers no rows; they are counted in the order printed.
      rows: rows("E", [
        {
          // Uncertain: priority activities of E.1 and E.2 look swapped in the source.
          problem: E_PROBLEM_1,
          activity: "Peningkatan kapasitas Tim Gugus tugas",
          priorityActivity: {
            text: "Mengadakan pertemuan rutin bagi anggota tim gugus tugas setiap triwulan. Minimal 4 x dalam setahun",
            gloss:
              "Hold routine meetings of the task-force members every quarter, at least 4 times a year",
            target: perYear(4, "pertemuan"),
          },
          process: {
            text: "Melakukan workshop terkait tupoksi gugus tugas minimal 2 kali dalam satu tahun",
            gloss:
              "Holding workshops on the task force's duties and functions (tupoksi), at least 2 a year",
            target: perYear(2, "workshop"),
          },
          result: {
            text: "Meningkatnya pengetahuan tim gugus tugas mengenai tupoksinya",
            gloss: "The task force knows its duties and functions better",
          },
          targetGroups: ["Semua Tim Gusus tugas"],
          agencies: ["Semua Tim Gusus tugas"],
          notes: [
            'As printed, E.1 (capacity building, workshop indicator, knowledge result) has the meetings priority "Mengadakan pertemuan rutin … Minimal 4 x dalam setahun", and E.2 (coordination meetings, meeting indicator, coordination result) has the workshop priority. The two priority cells look swapped in the source; they are kept where printed.',
          ],
        },
        {
          problem: E_PROBLEM_1,
          activity:
            "Menyelenggarakan pertemuan koordinasi anggota gugus tugas secara rutin dan kontinyu.",
          priorityActivity: "Mengadakan workshop terkait dengan Tupoksi gugus tugas trafficking",
          process: {
            text: "Melakukan rapat tim gugus tugas",
            gloss: "Holding task-force meetings",
          },
          result: {
            text: "Meningkatnya koordinasi gugus tugas",
            gloss: "Better coordination within the task force",
          },
          targetGroups: ["Semua Tim Gusus tugas"],
          agencies: ["Semua Tim gugus tugas"],
          notes: [
            "The Masalah cell is empty in the flattened text (a cell merged with E.1's); E.1's problem is carried over.",
            "See E.1: the priority activity printed here (workshops) looks swapped with E.1's (meetings, at least 4 a year).",
          ],
        },
        {
          // Uncertain: merged Masalah cell; the result indicator is cut off in the source.
          problem: E_PROBLEM_1,
          activity:
            "Optimalisasi penggunaan data base sebagai dasar penyusunan dan pelaksanaan program.",
          priorityActivity:
            "Melakukan sosialisasi standar format data pelaporan penanganan TPPO kepada SKPD anggota gugus tugas.",
          process: {
            text: "Melaksanakan Pelatihan singkat format standar sebanyak 1 kali",
            gloss: "Holding a short training on the standard format once",
            target: inPeriod(1, "pelatihan singkat"),
          },
          result: {
            text: "Adanya format pelaporan standar yang",
            gloss: "A standard reporting format that … [cut off in the source]",
          },
          targetGroups: ["Bagian Pelaporan di SKPD terkait"],
          agencies: ["Semua Tim gugus Tugas"],
          notes: [
            "The Masalah cell is empty in the flattened text (a cell merged with E.1's); E.1's problem is carried over.",
            'The result indicator ends mid-sentence in the source ("…standar yang"); kept as written.',
          ],
        },
        {
          problem: "Masih lemahnya dalam pemberdayaan Korban",
          activity: "Melakukan MOU dalam penanganan dan pemberdayaan Korban",
          priorityActivity: "Melakukan MOU antar daerah dalam penanganan dan pemberdayaan Korban",
          process: {
            text: "Melakukan rapat koordinasi antar SKPD dalam Pemberdayaan Korban",
            gloss: "Coordination meetings between agencies on victim empowerment",
          },
          result: {
            text: "Terlaksananya pendidikan dan pelatihan sesuai kebutuhan korban",
            gloss: "Education and training given to victims according to their needs",
          },
          targetGroups: [
            "Dinas Pendidikan",
            "Dinas Tenaga Kerja",
            "Lembaga kursus",
            "Dinas Kumindag",
            "Organisasi Perempuan",
            "Kemeneg",
          ],
          agencies: [
            "BPPKB",
            "Dinas Pendidikan",
            "Dinas Tenaga Kerja",
            "Lembaga kursus",
            "Dinas Kumindag",
            "Organisasi Perempuan",
            "Kemeneg",
          ],
        },
      ]),
    },
  ],
};
