/**
 * The public pages (no sign-in): a task force's published reports with the yearly aggregate,
 * and one published report. Plain, self-contained HTML (no script, a few lines of style), in
 * Bahasa Indonesia; written with `hono/html`, which escapes every value.
 */
import type { Publication } from "@tenggat/core/publication";
import type { Report } from "@tenggat/core/report";
import { html, raw } from "hono/html";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #b1b4b6;padding:.3rem .6rem;text-align:left}
td.n{text-align:right}caption{text-align:left;font-weight:bold}.note{color:#505a5f}`;

function page(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <style>
      ${raw(STYLE)}
    </style>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;
}

const cell = (c: Publication.Shown, k: number) =>
  c.kind === "value" ? String(c.value) : c.kind === "small" ? `< ${k}` : "*";

function rows(list: Publication.Row[], k: number) {
  return list.map(
    (r) => html`<tr>
      <th scope="row">${r.name}</th>
      ${r.cells.map((c) => html`<td class="n">${cell(c, k)}</td>`)}
    </tr>`,
  );
}

export function home(agg: Publication.Aggregate, reports: Report.Info[], taskForce: string) {
  const k = agg.k;
  const head = html`<tr>
    <th scope="col">Unit</th>
    ${agg.columns.map((c) => html`<th scope="col">${c}</th>`)}
  </tr>`;
  return page(
    agg.taskForce.name,
    html`<h1>${agg.taskForce.name}</h1>
      <p>Laporan yang dipublikasikan dan jumlah kasus tahun ${agg.year} (Perbup Sambas 8/2016, L-III §VIII).</p>
      <h2>Jumlah kasus ${agg.year}</h2>
      <p><a href="/publik/${taskForce}/agregat.csv?tahun=${agg.year}">Unduh CSV</a></p>
      <table>
        <caption>Gugus Tugas dan Sub Gugus Tugas</caption>
        <thead>${head}</thead>
        <tbody>${rows(agg.district, k)}</tbody>
      </table>
      <table>
        <caption>Satgas Kecamatan dan Desa</caption>
        <thead>${head}</thead>
        <tbody>
          ${rows(agg.satgas, k)}
          <tr>
            <th scope="row">Jumlah Satgas</th>
            ${agg.satgasTotal.map((c) => html`<td class="n">${cell(c, k)}</td>`)}
          </tr>
        </tbody>
      </table>
      <p class="note">
        "&lt; ${k}" berarti 1 sampai ${k - 1}; "*" berarti disembunyikan agar angka kecil tidak dapat
        dihitung dari jumlahnya. Tidak ada identitas korban (UU 21/2007 Pasal 44).
      </p>
      <h2>Laporan</h2>
      ${
        reports.length === 0
          ? html`<p>Belum ada laporan yang dipublikasikan.</p>`
          : html`<ul>
              ${reports.map(
                (r) =>
                  html`<li><a href="/publik/${taskForce}/laporan/${r.id}">${r.title.id}</a> — ${r.unit}, ${r.period}</li>`,
              )}
            </ul>`
      }`,
  );
}

export function report(
  r: Report.Info,
  showCounts: boolean,
  taskForce: string,
  correction?: Publication.Withdrawal,
) {
  const sections: [string, string][] = [
    ["Perencanaan", r.content.planning],
    ["Pelaksanaan", r.content.implementation],
    ["Pengorganisasian", r.content.organisation],
    ["Monitoring dan evaluasi", r.content.monitoring],
    ["Uraian", r.content.narrative],
  ];
  return page(
    r.title.id,
    html`<p><a href="/publik/${taskForce}">← Semua laporan</a></p>
      <h1>${r.title.id}</h1>
      <p>${r.unit}, periode ${r.period}; ${r.article}</p>
      ${
        r.correctedAt
          ? html`<p class="note"><strong>Diperbaiki pada ${r.correctedAt.slice(0, 10)}</strong> (revisi ${r.revision ?? 2}).${
              correction
                ? html` Versi sebelumnya ditarik pada ${correction.at.slice(0, 10)}. Alasan: ${correction.reason}`
                : ""
            }</p>`
          : ""
      }
      ${sections.filter(([, t]) => t.length > 0).map(([h, t]) => html`<h2>${h}</h2><p style="white-space:pre-wrap">${t}</p>`)}
      ${
        showCounts
          ? html`<h2>Jumlah kasus</h2>
              <table>
                <tbody>
                  ${Object.entries(r.content.cases).map(([f, v]) => html`<tr><th scope="row">${f}</th><td class="n">${v}</td></tr>`)}
                </tbody>
              </table>`
          : html`<p class="note">Jumlah kasus Satgas hanya ditampilkan dalam rekap tahunan, dengan angka kecil disembunyikan.</p>`
      }`,
  );
}

export function gone(w: Publication.Withdrawal, taskForce: string) {
  return page(
    "Laporan ditarik",
    html`<h1>Laporan ini ditarik</h1>
      <p>Ditarik pada ${w.at.slice(0, 10)}. Alasan: ${w.reason}</p>
      <p><a href="/publik/${taskForce}">← Semua laporan</a></p>`,
  );
}
