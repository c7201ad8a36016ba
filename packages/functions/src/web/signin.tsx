/** @jsxImportSource hono/jsx */
/**
 * Sign-in: `/masuk` sends the link (the same answer whatever the address), `/masuk/tautan` is
 * where the mailed link lands (a button, since mail scanners open links and would burn the
 * single use), `POST /keluar` signs out. Expired or used links get a page offering a new one.
 */
import { Actor } from "@tenggat/core/actor";
import { Auth } from "@tenggat/core/auth";
import { VisibleError } from "@tenggat/core/error";
import { Notify } from "@tenggat/core/notify";
import { Hono } from "hono";
import { SIGN_IN_FLOOR_MS, sourceAddress } from "../api/auth.ts";
import { render, seeOther, type View, view } from "./context.tsx";
import type { Catalogue } from "./i18n/index.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors } from "./layout.tsx";
import { clearSession, safeNext, setSession } from "./security.ts";

export const signin = new Hono();

const TF = /^[a-z0-9-]{1,60}$/;

function form(c: { req: { parseBody(): Promise<Record<string, unknown>> } }) {
  return c.req.parseBody() as Promise<Record<string, string | undefined>>;
}

function SignInForm(p: { v: View; tf: string; email: string; next: string; errors: FieldErrors }) {
  const { t } = p.v;
  return (
    <>
      <ErrorSummary t={t} errors={p.errors} />
      <h1>{t.signIn.title}</h1>
      <p class="lead">{t.signIn.lead}</p>
      <form method="post" action="/masuk" novalidate>
        <Csrf token={p.v.csrf} />
        <input type="hidden" name="next" value={p.next} />
        {TF.test(p.tf) && !p.errors.tf ? (
          <input type="hidden" name="tf" value={p.tf} />
        ) : (
          <Field
            id="tf"
            label={t.signIn.taskForce}
            hint={t.signIn.taskForceHint}
            value={p.tf}
            errors={p.errors}
            autocomplete="organization"
          />
        )}
        <Field
          id="email"
          type="email"
          label={t.signIn.email}
          hint={t.signIn.emailHint}
          value={p.email}
          errors={p.errors}
          autocomplete="email"
        />
        <button type="submit">{t.signIn.send}</button>
      </form>
    </>
  );
}

signin.get("/masuk", async (c) => {
  const v = await view(c);
  if (v.me) return seeOther(c, safeNext(c.req.query("next")));
  const tf = c.req.query("tf") ?? "";
  const notice =
    c.req.query("keluar") === "1" ? <p class="notice">{v.t.signIn.signedOut}</p> : null;
  return render(
    v,
    v.t.signIn.title,
    <>
      {notice}
      <SignInForm v={v} tf={tf} email="" next={safeNext(c.req.query("next"))} errors={{}} />
    </>,
  );
});

signin.post("/masuk", async (c) => {
  const v = await view(c);
  const f = await form(c);
  const tf = (f.tf ?? "").trim().toLowerCase();
  const email = (f.email ?? "").trim();
  const next = safeNext(f.next);
  const errors: FieldErrors = {};
  if (!TF.test(tf)) errors.tf = v.t.signIn.badTaskForce;
  const parsed = Auth.RequestLink.shape.email.safeParse(email);
  if (!parsed.success) errors.email = v.t.signIn.badEmail;
  if (Object.keys(errors).length > 0) {
    return render(
      v,
      v.t.signIn.title,
      <SignInForm v={v} tf={tf} email={email} next={next} errors={errors} />,
      400,
    );
  }
  const started = performance.now();
  await Actor.provide({ type: "public", tenant: tf }, async () => {
    try {
      // The same work and the same answer whatever the address (see Auth.requestSignIn).
      // The mail links to the sign-in page itself (Notify builds the address) and carries `next`.
      await Auth.requestSignIn({ taskForce: tf, email }, sourceAddress(c), (tenant, link) =>
        Notify.signInLink(tenant, link, Auth.LINK_MINUTES, {}, next === "/" ? undefined : next),
      );
    } catch (error) {
      console.error(
        JSON.stringify({ level: "error", message: "sign-in request failed", error: String(error) }),
      );
    }
  });
  const wait = SIGN_IN_FLOOR_MS - (performance.now() - started);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return render(v, v.t.signIn.sentTitle, <Sent t={v.t} tf={tf} next={next} />);
});

function Sent({ t, tf, next }: { t: Catalogue; tf: string; next: string }) {
  const again = `/masuk?tf=${encodeURIComponent(tf)}${next !== "/" ? `&next=${encodeURIComponent(next)}` : ""}`;
  return (
    <>
      <div class="panel" role="status">
        <h1>{t.signIn.sentTitle}</h1>
      </div>
      <p>{t.signIn.sent}</p>
      <p>
        <a href={again}>{t.signIn.sentAgain}</a>
      </p>
    </>
  );
}

signin.get("/masuk/tautan", async (c) => {
  const v = await view(c);
  const tf = c.req.query("tf") ?? "";
  const code = c.req.query("code") ?? "";
  const next = safeNext(c.req.query("next"));
  return render(
    v,
    v.t.signIn.landingTitle,
    <>
      <h1>{v.t.signIn.landingTitle}</h1>
      <p class="lead">{v.t.signIn.landing}</p>
      <form method="post" action="/masuk/tautan">
        <Csrf token={v.csrf} />
        <input type="hidden" name="tf" value={tf} />
        <input type="hidden" name="code" value={code} />
        <input type="hidden" name="next" value={next} />
        <button type="submit">{v.t.signIn.landingButton}</button>
      </form>
    </>,
  );
});

signin.post("/masuk/tautan", async (c) => {
  const f = await form(c);
  const tf = (f.tf ?? "").trim();
  const next = safeNext(f.next);
  try {
    const session = await Actor.provide({ type: "public", tenant: tf }, () =>
      Auth.redeem({ taskForce: tf, code: f.code ?? "" }),
    );
    setSession(c, session.token, session.expiresAt, Actor.now());
    return seeOther(c, next);
  } catch (error) {
    const expected =
      error instanceof VisibleError && (error.kind === "unauthenticated" || error.kind === "input");
    if (!expected) throw error;
    const v = await view(c);
    return render(
      v,
      v.t.signIn.expiredTitle,
      <>
        <h1>{v.t.signIn.expiredTitle}</h1>
        <p>{v.t.signIn.expired}</p>
        <SignInForm v={v} tf={tf} email="" next={next} errors={{}} />
      </>,
      400,
    );
  }
});

signin.post("/keluar", async (c) => {
  const actor = Actor.use();
  clearSession(c);
  const tf = actor.tenant !== "-" ? `tf=${encodeURIComponent(actor.tenant)}&` : "";
  return seeOther(c, `/masuk?${tf}keluar=1`);
});
