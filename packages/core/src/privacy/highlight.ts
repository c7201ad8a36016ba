/**
 * The publication preview's half of privacy: likely names, places and identity numbers marked in
 * a text a publisher is about to make public, and the digest they confirm. Apart from the guard
 * (`Privacy.text`, `Privacy.find`), which every write path's schema carries and so every API
 * request loads, because only the publication flow uses it (issue 12).
 */

import { createHash } from "node:crypto";
import { find } from "./index.ts";

/** A piece of public text; `highlight` says why a publisher should look at it twice. */
export interface Segment {
  text: string;
  highlight?: "name" | "place" | "number";
}

/**
 * Words that begin with a capital in a task force's texts without naming a person: the
 * regulation's and the administration's vocabulary, months, days, places' administrative words
 * of the district itself. A capitalised sequence made only of these is not highlighted.
 */
const KNOWN = new Set(
  (
    "Gugus Tugas Sub Pencegahan Penanganan Tindak Pidana Perdagangan Orang TPPO PTPPO Kabupaten Sambas " +
    "Provinsi Kalimantan Barat Indonesia Republik Peraturan Bupati Perbup Undang Nomor Tahun Pasal Ayat " +
    "Lampiran Rencana Aksi Daerah RAD Ketua Harian Wakil Sekretaris Sekretariat Anggota Koordinator Penasehat " +
    "Dinas Badan Kantor Kepala Bidang Bagian Seksi Sosial Kesehatan Pendidikan Kepolisian Polres Polsek " +
    "Kejaksaan Negeri Pengadilan Imigrasi Tenaga Kerja Transmigrasi Perhubungan Komunikasi Informasi Informatika " +
    "Pemberdayaan Perempuan Perlindungan Anak Kependudukan Pencatatan Sipil Satpol Pamong Praja Kesatuan Bangsa Politik " +
    "Perencanaan Pembangunan Bappeda Rumah Sakit Umum RSUD Puskesmas Pemerintah Daerah Pusat Kementerian " +
    "Laporan Semester Triwulan Tahunan Rapat Koordinasi Khusus Workshop Tugas Pokok Fungsi Kegiatan Program " +
    "Monitoring Evaluasi Pelaksanaan Pengorganisasian Sosialisasi Rehabilitasi Reintegrasi Pemulangan Korban " +
    "Pelaku Kasus Data Indikator Proses Hasil Target Realisasi Anggaran APBD APBN Rp " +
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember " +
    "Senin Selasa Rabu Kamis Jumat Sabtu Minggu " +
    "The A An In On Of For And To At By With From This That Semester Report Task Force Meeting Regent " +
    "Pada Dalam Untuk Dengan Dari Oleh Yang Dan Atau Ke Di Telah Akan Sudah Belum Tidak Ada Juga Serta " +
    "Selama Sejak Hingga Sampai Karena Agar Supaya Bahwa Jika Maka Namun Tetapi Kami Kita Ini Itu Tersebut " +
    "Secara Berdasarkan Sesuai Terkait Melalui Antara Bersama Para Seluruh Setiap Beberapa Banyak Jumlah Total"
  ).split(" "),
);

/** Honorifics and kinship words that announce a person's name. */
const HONORIFIC =
  /^(?:Bapak|Bpk\.?|Pak|Ibu|Bu|Sdr\.?|Sdri\.?|Saudara|Saudari|Nn\.?|Nona|Ny\.?|Nyonya|Tn\.?|Tuan|An\.?|Anak|Adik|Kakak|Mr\.?|Mrs\.?|Ms\.?|Miss|binti|bin)$/;

/** Words that announce a place. */
const PLACE =
  /^(?:Desa|Dusun|Kampung|Kelurahan|Kecamatan|Kec\.?|Kel\.?|Jl\.?|Jalan|Gang|Gg\.?|Lorong|RT|RW|Blok|No\.?|Komplek|Perumahan|Kota|Kab\.?|Pulau)$/;

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'-]*\.?|\d+(?:[./-]\d+)*/gu;

/**
 * The text in segments, with likely personal names and places marked, and any identity-looking
 * number marked `number` (the guard refuses those on input; this catches what predates it).
 * Heuristics, not a detector: a sequence of capitalised words not all in `KNOWN` is a name, or
 * a place when a place word (`Desa`, `Jl.`, `RT`, …) leads it; an honorific (`Bapak`, `Ibu`,
 * `Sdr.`, `Nn.`, `An.`, `binti`, `bin`) pulls the words after it into the name.
 */
export function highlight(text: string): Segment[] {
  type Span = { start: number; end: number; kind: NonNullable<Segment["highlight"]> };
  const words = [...text.matchAll(WORD)].map((m) => {
    const raw = m[0];
    // A trailing full stop belongs to an abbreviation (`Jl.`, `Sdr.`), not to other words.
    const word = HONORIFIC.test(raw) || PLACE.test(raw) ? raw : raw.replace(/[.'-]+$/, "");
    return { word, start: m.index ?? 0 };
  });
  const spans: Span[] = [];
  const capital = (w: string) => /^\p{Lu}/u.test(w);
  const gapOk = (a: number, b: number) => /^[ \t]*$/.test(text.slice(a, b));
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (!w) break;
    const honorific = HONORIFIC.test(w.word);
    const place = PLACE.test(w.word);
    if (honorific || place || (capital(w.word) && !/^\d/.test(w.word))) {
      let j = i;
      let end = w.start + w.word.length;
      // Extend over capitalised words (and, after a place word, numbers such as RT 03).
      while (j + 1 < words.length) {
        const next = words[j + 1];
        if (!next || !gapOk(end, next.start)) break;
        const ok =
          capital(next.word) ||
          HONORIFIC.test(next.word) ||
          PLACE.test(next.word) ||
          (place && /^\d/.test(next.word));
        if (!ok) break;
        j++;
        end = next.start + next.word.length;
      }
      const seq = words.slice(i, j + 1).map((x) => x.word);
      const marked = honorific || place || seq.some((x) => PLACE.test(x) || HONORIFIC.test(x));
      const unknown = seq.some((x) => !KNOWN.has(x) && !/^\d/.test(x) && !/^\p{Lu}+$/u.test(x));
      // A lone capitalised word opening a sentence is usually not a name.
      const sentenceStart = i === 0 || /[.!?:]\s*$|\n\s*$/.test(text.slice(0, w.start));
      const single = j === i && sentenceStart && !marked;
      if ((marked && j > i) || (unknown && !single)) {
        const isPlace = seq.some((x) => PLACE.test(x));
        spans.push({ start: w.start, end, kind: isPlace ? "place" : "name" });
      }
      i = j + 1;
    } else i++;
  }
  // Identity-looking numbers, on the original text's digits.
  for (const m of text.matchAll(/[\p{Nd}\p{L}][\p{Nd}\s.,\-_:/+()]{6,}[\p{Nd}]/gu)) {
    if (find(m[0]))
      spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind: "number" });
  }
  spans.sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) segments.push({ text: text.slice(at, s.start) });
    segments.push({ text: text.slice(s.start, s.end), highlight: s.kind });
    at = s.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/** The hash a publisher confirms: SHA-256 of the exact public text, hex. */
export function digest(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
