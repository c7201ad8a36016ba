/**
 * Written forms of identity numbers the guard must refuse, and legitimate texts it must let
 * through. Shared by the unit test of `Privacy` and the red-team test through HTTP.
 */

const NIK = "6101014508990001";
const ZWSP = "\u200b";

/** Maps ASCII digits to the digit system starting at code point `zero`. */
const digits = (s: string, zero: number) =>
  s.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));

export const IDENTITY_FORMS: { name: string; text: string }[] = [
  { name: "NIK plain", text: `Korban NIK ${NIK} sudah pulang` },
  { name: "NIK 4-4-4-4 spaces", text: "6101 0145 0899 0001" },
  { name: "NIK 6.6.4 dots", text: "610101.450899.0001" },
  { name: "NIK hyphens", text: "6101-0145-0899-0001" },
  { name: "NIK commas", text: "6101,0145,0899,0001" },
  { name: "NIK underscores", text: "6101_0145_0899_0001" },
  { name: "NIK colons", text: "6101:0145:0899:0001" },
  { name: "NIK slashes", text: "610101/450899/0001" },
  { name: "NIK runs of spaces", text: "6101    0145     0899   0001" },
  { name: "NIK line breaks", text: "6101\n0145\n0899\n0001" },
  { name: "NIK mixed separators", text: "(6101) 0145-0899_0001" },
  { name: "NIK zero-width spaces", text: [...NIK].join(ZWSP) },
  { name: "NIK word joiners and soft hyphens", text: [...NIK].join("\u2060\u00ad") },
  { name: "NIK bidi override", text: `\u202e${NIK}\u202c` },
  { name: "NIK full-width", text: digits(NIK, 0xff10) },
  { name: "NIK Arabic-Indic", text: digits(NIK, 0x0660) },
  { name: "NIK Persian digits", text: digits(NIK, 0x06f0) },
  { name: "NIK Devanagari", text: digits(NIK, 0x0966) },
  { name: "NIK Thai", text: digits(NIK, 0x0e50) },
  { name: "NIK mathematical bold", text: digits(NIK, 0x1d7ce) },
  { name: "NIK letters O and I as digits", text: "61O1O145O899OOO1" },
  { name: "NIK letters l, | and S as digits", text: "6l0l0l4S0899000|" },
  {
    name: "NIK mixed digit systems with spaces",
    text: `${digits("6101", 0x0660)} 0145 ${digits("0899", 0xff10)} 0001`,
  },
  { name: "KK (family card) number", text: "No KK 6101012003150007" },
  { name: "phone 08 with hyphens", text: "hubungi 0812-3456-7890" },
  { name: "phone +62 with spaces", text: "+62 812 3456 7890" },
  { name: "phone 62 no plus", text: "62812 3456 7890" },
  { name: "phone 11 digits dots", text: "0812.345.6789" },
  { name: "phone zero-width", text: [..."081234567890"].join(ZWSP) },
  { name: "phone full-width", text: digits("081234567890", 0xff10) },
  { name: "passport A + 7 digits", text: "paspor A1234567" },
  { name: "passport X with a space", text: "X 1234567" },
];

export const LEGITIMATE_TEXTS: string[] = [
  "Rapat pukul 08:00 - 10:00, 13:00 - 15:00 WIB",
  "SK Bupati Nomor 188.45/123/2016 tentang Gugus Tugas",
  "Anggaran Rp 62.850.000.000 dan Rp 1.500.000",
  "Indikator: 3 kali per tahun, 100% kasus ditangani",
  "Tahun 2016, 2017, 2018, 2019 dan 2020",
  "Perbup Sambas 8/2016 Pasal 17 ayat (2), RAD A.3 baris 6",
  "Telepon kantor (0562) 391234",
  "Sosialisasi di Sambas, SOS, BIS 2016-2020",
  "Tanggal 01.12.2026 sampai 15.12.2026",
];
