import { describe, expect, it } from "vitest";
import { Message } from "./index.ts";

/** Issue 8 §1: the "Dasar" line names a basis that is not law (a reading, a configured duty). */
const BASE = "https://tenggat.sambas.example";
const digest = (lang: Message.Lang): Message.Input => ({
  kind: "digest",
  lang,
  recipient: { name: "Budi Santoso" },
  offices: [{ id: "Ketua Harian", en: "Daily Chair" }],
  settingsUrl: `${BASE}/settings`,
  today: "2027-09-01",
  items: [
    {
      stage: "reminder",
      title: { id: "Penyampaian Laporan untuk Koordinasi Nasional", en: "National submission" },
      unit: { id: "Gugus Tugas", en: "Task Force" },
      due: "2027-09-30",
      article: "L-III §VIII; Pasal 7a",
      basis: "reading",
      openUrl: `${BASE}/o/nat`,
    },
    {
      stage: "reminder",
      title: { id: "Laporan Ketua Harian", en: "Daily Chair's report" },
      unit: { id: "Gugus Tugas", en: "Task Force" },
      due: "2027-09-30",
      article: "Pasal 7e; L-III §VIII",
      basis: "law",
      openUrl: `${BASE}/o/dist`,
    },
  ],
});

describe("the Dasar line of a reminder", () => {
  it.each([
    ["id", "Dasar hukum: Lampiran III Bab VIII; Pasal 7a (tafsiran atas peraturan)"],
    ["en", "Legal basis: Annex III, Chapter VIII; Article 7a (a reading of the regulation)"],
  ] as const)("labels a reading in %s", (lang, line) => {
    const r = Message.render(digest(lang));
    expect(r.text).toContain(line);
  });

  it("leaves the law's citation as it is", () => {
    const r = Message.render(digest("id"));
    expect(r.text).toContain("Dasar hukum: Pasal 7e; Lampiran III Bab VIII\n");
  });
});
