/** @jsxImportSource hono/jsx */
/** `/akun`: my settings — the language of my mails and pages, my calendar feed address. */
import { Actor } from "@tenggat/core/actor";
import { Directory } from "@tenggat/core/directory";
import { Feed } from "@tenggat/core/feed";
import { Hono } from "hono";
import { personView, render, seeOther } from "./context.tsx";
import { Csrf, Summary } from "./layout.tsx";

export const account = new Hono();

account.get("/akun", async (c) => {
  const v = await personView(c);
  const { t, me } = v;
  const person = (await Directory.person(me.tenant, me.personId)) as Directory.Person;
  const saved = c.req.query("tersimpan") === "1";
  const feed =
    c.req.query("kalender") === "1" ? Feed.url(me.tenant, person, Actor.now()) : undefined;
  return render(
    v,
    t.account.title,
    <>
      {saved ? (
        <p class="notice" role="status">
          {t.account.saved}
        </p>
      ) : null}
      <h1>{t.account.title}</h1>
      <Summary
        rows={[
          [t.account.name, person.name],
          [t.account.email, person.email],
        ]}
      />
      <form method="post" action="/akun">
        <Csrf token={v.csrf} />
        <fieldset class="field">
          <legend>{t.account.language}</legend>
          {(["id", "en"] as const).map((lang) => (
            <div>
              <input
                type="radio"
                id={`language-${lang}`}
                name="language"
                value={lang}
                checked={person.language === lang}
              />{" "}
              <label for={`language-${lang}`} lang={lang}>
                {t.account.languages[lang]}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t.account.save}</button>
      </form>
      <h2>{t.account.feed}</h2>
      <p>{t.account.feedHint}</p>
      {feed ? (
        <p>
          <code>{feed.https}</code>
        </p>
      ) : (
        <p>
          <a href="/akun?kalender=1">{t.account.showFeed}</a>
        </p>
      )}
    </>,
  );
});

account.post("/akun", async (c) => {
  const v = await personView(c);
  const f = await c.req.parseBody();
  const language = Directory.Language.safeParse(f.language);
  if (language.success) {
    await Directory.updatePerson(v.me.tenant, v.me.personId, { language: language.data });
  }
  return seeOther(c, "/akun?tersimpan=1");
});
