/**
 * `npm run bench:sign-in [-- --rounds 20]`: does the sign-in answer's timing tell a registered
 * address from an unknown one? On the embedded stores, alternating the cases, it times
 * (1) the work alone (`Auth.requestSignIn`, mail included) and (2) the whole HTTP answer, which
 * leaves no sooner than `SIGN_IN_FLOOR_MS` after the request arrived. Prints p50/max per case.
 * A figure for SECURITY.md, never a test (timings do not belong in tests).
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "20" } } });
const rounds = Number(values.rounds);

const { start } = await import("../src/embedded.ts");
const { sambasSeed } = await import("../src/sambas.ts");
const stores = await start();
const { Seed } = await import("@tenggat/core/seed");
const { Actor } = await import("@tenggat/core/actor");
const { Auth } = await import("@tenggat/core/auth");
const { Notify } = await import("@tenggat/core/notify");
const { createApp } = await import("@tenggat/functions/api/app");
const { SIGN_IN_FLOOR_MS } = await import("@tenggat/functions/api/auth");
await Seed.install(sambasSeed());

const cases = {
  registered: "sgt-a.koordinator@sambas.example",
  unknown: "nobody@sambas.example",
} as const;
type Case = keyof typeof cases;
const work: Record<Case, number[]> = { registered: [], unknown: [] };
const answer: Record<Case, number[]> = { registered: [], unknown: [] };

for (let i = 0; i < rounds; i++) {
  for (const c of Object.keys(cases) as Case[]) {
    // A fresh address each round keeps the registered case under its limit: a person per round
    // would need seeding, so the limit is lifted by moving the clock an hour per round instead.
    const clock = () => new Date(Date.now() + i * 3_700_000);
    const t0 = performance.now();
    await Actor.provide(
      { type: "public", tenant: "sambas" },
      () =>
        Auth.requestSignIn({ taskForce: "sambas", email: cases[c] }, `192.0.2.${i}`, (t, link) =>
          Notify.signInLink(t, link, Auth.LINK_MINUTES),
        ),
      clock,
    );
    work[c].push(performance.now() - t0);
  }
}
for (let i = 0; i < rounds; i++) {
  for (const c of Object.keys(cases) as Case[]) {
    const t0 = performance.now();
    const r = await createApp({
      clock: () => new Date(Date.now() + (rounds + i) * 3_700_000),
    }).request("/v1/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i}` },
      body: JSON.stringify({ taskForce: "sambas", email: cases[c] }),
    });
    await r.text();
    answer[c].push(performance.now() - t0);
  }
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)] ?? 0, max: s.at(-1) ?? 0 };
};
const f = (n: number) => `${n.toFixed(1)} ms`;
console.log(`sign-in timing, ${rounds} rounds each, floor ${SIGN_IN_FLOOR_MS} ms`);
for (const c of Object.keys(cases) as Case[]) {
  const w = stat(work[c]);
  const a = stat(answer[c]);
  console.log(
    `  ${c.padEnd(10)}  work p50 ${f(w.p50)}  max ${f(w.max)}   answer p50 ${f(a.p50)}  max ${f(a.max)}`,
  );
}
await stores.stop();
process.exit(0);
