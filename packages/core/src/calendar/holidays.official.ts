import type { OfficialHoliday } from "../regulation/settings.ts";

/**
 * Official lists of national holidays and collective leave (cuti bersama) shipped with Tenggat,
 * each with its source. Both count as non-working days for the task force. A task force's own
 * list for a year (`Settings.officialHolidays`) replaces the shipped one.
 */
export interface OfficialList {
  /** The decree the list comes from. */
  source: string;
  days: readonly OfficialHoliday[];
}

const national = (date: string, name: string, nameEn: string): OfficialHoliday => ({
  date,
  name,
  nameEn,
  kind: "national",
});
const leave = (date: string, name: string, nameEn: string): OfficialHoliday => ({
  date,
  name: `Cuti Bersama ${name}`,
  nameEn: `Collective leave, ${nameEn}`,
  kind: "cuti-bersama",
});

export const OFFICIAL: Readonly<Record<string, OfficialList>> = {
  "2026": {
    source:
      "SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PAN-RB Nomor 1497 Tahun 2025, " +
      "Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 (19 November 2025)",
    days: [
      national("2026-01-01", "Tahun Baru 2026 Masehi", "New Year's Day"),
      national("2026-01-16", "Isra Mikraj Nabi Muhammad S.A.W.", "Isra Mi'raj"),
      leave("2026-02-16", "Tahun Baru Imlek", "Chinese New Year"),
      national("2026-02-17", "Tahun Baru Imlek 2577 Kongzili", "Chinese New Year"),
      leave("2026-03-18", "Hari Suci Nyepi", "Day of Silence"),
      national("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)", "Day of Silence"),
      leave("2026-03-20", "Idul Fitri", "Eid al-Fitr"),
      national("2026-03-21", "Idul Fitri 1447 Hijriah", "Eid al-Fitr"),
      national("2026-03-22", "Idul Fitri 1447 Hijriah", "Eid al-Fitr"),
      leave("2026-03-23", "Idul Fitri", "Eid al-Fitr"),
      leave("2026-03-24", "Idul Fitri", "Eid al-Fitr"),
      national("2026-04-03", "Wafat Yesus Kristus", "Good Friday"),
      national("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)", "Easter Sunday"),
      national("2026-05-01", "Hari Buruh Internasional", "International Labour Day"),
      national("2026-05-14", "Kenaikan Yesus Kristus", "Ascension of Jesus Christ"),
      leave("2026-05-15", "Kenaikan Yesus Kristus", "Ascension of Jesus Christ"),
      national("2026-05-27", "Idul Adha 1447 Hijriah", "Eid al-Adha"),
      leave("2026-05-28", "Idul Adha", "Eid al-Adha"),
      national("2026-05-31", "Hari Raya Waisak 2570 BE", "Vesak Day"),
      national("2026-06-01", "Hari Lahir Pancasila", "Pancasila Day"),
      national("2026-06-16", "1 Muharam Tahun Baru Islam 1448 Hijriah", "Islamic New Year"),
      national("2026-08-17", "Proklamasi Kemerdekaan", "Independence Day"),
      national("2026-08-25", "Maulid Nabi Muhammad S.A.W.", "Birthday of the Prophet Muhammad"),
      leave("2026-12-24", "Kelahiran Yesus Kristus", "Christmas"),
      national("2026-12-25", "Kelahiran Yesus Kristus", "Christmas Day"),
    ],
  },
};
