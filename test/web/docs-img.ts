/**
 * `npm run docs:img`: copies the first-day screenshots that `test/web/scenario.test.ts` and
 * `test/web/sign-in.test.ts` take (390 px, a phone) into docs/img for docs/console.md. Run the
 * browser tests first: `npx vitest run test/web`.
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
  if (!existsSync(from)) throw new Error(`${from} is missing: run npx vitest run test/web first`);
  copyFileSync(from, `docs/img/${name}.png`);
  console.log(`docs/img/${name}.png ${Math.round(statSync(from).size / 1024)} KiB`);
}
