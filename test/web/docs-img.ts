/**
 * `npm run docs:img`: runs `test/web/scenario.test.ts` and `test/web/sign-in.test.ts` with
 * `TENGGAT_SCREENSHOTS=1` (without it they take no pictures), then copies their first-day
 * screenshots (390 px, a phone) into docs/img for docs/console.md.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { ARTIFACTS } from "./browser.ts";

const SHOTS = [
  "masuk",
  "masuk-tautan",
  "beranda-sekretaris",
  "dasbor",
  "laporan-konfirmasi-setujui",
  "rapat-baru",
  "rapat-periksa-undangan",
  "rapat-dicatat",
  "rapat-catat-lampau",
  "pengaturan",
  "kiriman",
  "pratinjau-pengingat",
];

mkdirSync("docs/img", { recursive: true });
for (const name of SHOTS) {
  const from = `${ARTIFACTS}/${name}-390.png`;
  if (!existsSync(from)) throw new Error(`${from} is missing: run npm run docs:img`);
  copyFileSync(from, `docs/img/${name}.png`);
  console.log(`docs/img/${name}.png ${Math.round(statSync(from).size / 1024)} KiB`);
}
