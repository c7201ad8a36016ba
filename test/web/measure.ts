/**
 * `npm run bench:pages`: each console page's render time (median of 15, in process, embedded
 * stores) and the DynamoDB requests one render makes, for the README's figures. Not a test:
 * timings are never asserted.
 */
import { Dynamo } from "@tenggat/core/dynamo";
import { Reminder } from "@tenggat/core/reminder";
import { world } from "../support.ts";

let now = new Date("2027-01-20T01:00:00Z");
const w = await world({ clock: () => now, trackFrom: "2027-01-04" });
await Reminder.daily(now);
now = new Date("2027-02-08T02:00:00Z");
const koor = await w.signIn("sgt-a.koordinator@sambas.example");
const sek = await w.signIn("gt.sekretaris@sambas.example");
const report = await w.call("POST", "/v1/reports", {
  token: koor,
  body: { instance: "semester-report:sgt-a:2026-S2" },
});
const meeting = await w.call("POST", "/v1/meetings", {
  token: sek,
  body: {
    kind: "subtask",
    unit: "sgt-a",
    date: "2027-02-15",
    start: "09:00",
    end: "11:00",
    location: "Aula",
  },
});
const task = await w.call("POST", "/v1/tasks", {
  token: sek,
  body: { title: "Kumpulkan data", office: "sgt-a.koordinator", due: "2027-02-20" },
});
const kh = await w.signIn("gt.ketua-harian@sambas.example");
const pkg = await w.call("POST", "/v1/submissions", {
  token: kh,
  body: { year: 2026, period: "annual" },
});
const id = report.body.id as string;
const pages: [string, string][] = [
  ["/masuk?tf=sambas", ""],
  ["/", sek],
  ["/", koor],
  ["/dasbor?tahun=2027", sek],
  ["/dasbor.csv?tahun=2027", sek],
  [`/kewajiban/${encodeURIComponent("semester-report:sgt-a:2026-S2")}`, koor],
  [`/laporan/${id}`, koor],
  [`/laporan/${id}/ubah`, koor],
  [`/rapat/${meeting.body.id}`, sek],
  ["/rapat", sek],
  [`/tugas/${task.body.id}`, koor],
  ["/tugas", koor],
  ["/akun", koor],
  [`/riwayat/report/${id}`, sek],
  ["/pengaturan?tahun=2027", sek],
  ["/kiriman", kh],
  [`/kiriman/${pkg.body.id}`, kh],
  ["/", kh],
  ["/pratinjau-pengingat?tanggal=2027-02-09", sek],
  ["/pratinjau-pengingat/1?tanggal=2027-02-09", sek],
  ["/pratinjau-pengingat/1/html?tanggal=2027-02-09", sek],
  ["/v1/reminders/preview?date=2027-02-09", sek],
  ["/rapat/catat", sek],
];
console.log("| page | as | median ms | DynamoDB requests |\n|---|---|---|---|");
for (const [path, token] of pages) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await w.app.request(path, { headers }); // warm
  Dynamo.resetRequestCounts();
  const r = await w.app.request(path, { headers });
  if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
  const requests = Object.values(Dynamo.requestCounts()).reduce((a, b) => a + b, 0);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    await (await w.app.request(path, { headers })).text();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const who =
    token === sek
      ? "sekretaris"
      : token === koor
        ? "koordinator"
        : token === kh
          ? "ketua harian"
          : "—";
  console.log(
    `| \`${path.replace(/rpt_\w+|mtg_\w+|tsk_\w+/, "…")}\` | ${who} | ${(times[7] ?? 0).toFixed(1)} | ${requests} |`,
  );
}
await w.stop();
process.exit(0);
