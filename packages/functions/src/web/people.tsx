/** @jsxImportSource hono/jsx */
/**
 * `/orang` (secretariat, as `POST /v1/people` and `/v1/assignments`): every office with its
 * holders today (acting holders marked Plt.), register a person, assign a person to an office
 * (or as acting holder), end an assignment.
 */
import { LocalDate } from "@tenggat/core/date";
import { Directory } from "@tenggat/core/directory";
import { VisibleError } from "@tenggat/core/error";
import { Policy } from "@tenggat/core/policy";
import { Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { shortDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors } from "./layout.tsx";

export const people = new Hono();

type Form = Record<string, string>;

function secretariat() {
  Policy.require(Policy.isSecretariat(), "auth.secretariat_only", "for the secretariat");
}

async function peoplePage(v: View, f: Form, errors: FieldErrors, done?: string, status = 200) {
  const { t, names } = v;
  const tenant = v.me?.tenant ?? "";
  const today = LocalDate.at(v.now);
  const [{ offices }, everyone] = await Promise.all([
    Directory.cachedOrganisation(tenant),
    Directory.people(tenant, { limit: 200 }),
  ]);
  const holders = await Promise.all(
    offices.map((o) => Directory.assignments(tenant, o.code, today)),
  );
  const byId = new Map(everyone.items.map((p) => [p.id, p]));
  return render(
    v,
    t.people.title,
    <>
      {done ? (
        <p class="notice" role="status">
          {done}
        </p>
      ) : null}
      <ErrorSummary t={t} errors={errors} />
      <h1>{t.people.title}</h1>
      <h2>{t.people.offices}</h2>
      <section class="table-wrap" tabindex={0} aria-label={t.people.offices}>
        <table>
          <tbody>
            {offices.map((o, i) => (
              <tr>
                <th scope="row">{names.office(o.code)}</th>
                <td>
                  {(holders[i] ?? []).length === 0 ? (
                    <span class="tag red">{t.people.nobody}</span>
                  ) : (
                    (holders[i] ?? []).map((a) => (
                      <form method="post" action="/orang/akhiri" class="inline-form">
                        <Csrf token={v.csrf} />
                        <input type="hidden" name="office" value={a.office} />
                        <input type="hidden" name="personId" value={a.personId} />
                        <input type="hidden" name="start" value={a.start} />
                        <input type="hidden" name="end" value={today} />
                        {a.acting ? `${t.people.acting} ` : ""}
                        {byId.get(a.personId)?.name ?? a.personId} ({t.people.since}{" "}
                        {shortDate(a.start, t)}){" "}
                        <button type="submit" class="secondary">
                          {t.people.end}
                        </button>
                      </form>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2>{t.people.assign}</h2>
      <form method="post" action="/orang/tugaskan" novalidate>
        <Csrf token={v.csrf} />
        <div class="field">
          <label for="office">{t.people.office}</label>
          <select id="office" name="office">
            {offices.map((o) => (
              <option value={o.code} selected={f.office === o.code}>
                {names.office(o.code)}
              </option>
            ))}
          </select>
        </div>
        <div class={errors.personId ? "field error" : "field"}>
          <label for="personId">{t.people.person}</label>
          {errors.personId ? <span class="message">{errors.personId}</span> : null}
          <select id="personId" name="personId">
            {everyone.items.map((p) => (
              <option value={p.id} selected={f.personId === p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
        </div>
        <Field
          id="start"
          type="date"
          label={t.people.start}
          value={f.start ?? today}
          errors={errors}
        />
        <div class="field">
          <input type="checkbox" id="acting" name="acting" value="1" checked={f.acting === "1"} />{" "}
          <label for="acting" class="inline">
            {t.people.actingLabel}
          </label>
        </div>
        <fieldset>
          <legend>{t.people.decision}</legend>
          <p class="hint">{t.people.decisionHint}</p>
          <Field
            id="decisionNumber"
            label={t.people.decisionNumber}
            value={f.decisionNumber}
            errors={errors}
          />
          <Field
            id="decisionDate"
            type="date"
            label={t.people.decisionDate}
            value={f.decisionDate}
            errors={errors}
          />
          <Field id="decisionBy" label={t.people.decisionBy} value={f.decisionBy} errors={errors} />
        </fieldset>
        <button type="submit">{t.people.assign}</button>
      </form>
      <h2>{t.people.register}</h2>
      <form method="post" action="/orang/daftar" novalidate>
        <Csrf token={v.csrf} />
        <Field id="name" label={t.people.name} value={f.name} errors={errors} />
        <Field id="email" type="email" label={t.people.email} value={f.email} errors={errors} />
        <button type="submit">{t.people.register}</button>
      </form>
    </>,
    status,
  );
}

people.get("/orang", async (c) => {
  const v = await personView(c);
  secretariat();
  const done = c.req.query("selesai");
  const message =
    done === "daftar"
      ? v.t.people.registered
      : done === "tugaskan"
        ? v.t.people.assigned
        : done === "akhiri"
          ? v.t.people.ended
          : undefined;
  return peoplePage(v, {}, {}, message);
});

/** Where the decision's errors are shown in the form. */
const DECISION_FIELDS: Record<string, string> = {
  decision: "decisionNumber",
  "decision.number": "decisionNumber",
  "decision.date": "decisionDate",
  "decision.by": "decisionBy",
};

people.post("/orang/:act", async (c) => {
  const v = await personView(c);
  secretariat();
  const act = c.req.param("act");
  const f = (await c.req.parseBody()) as Form;
  try {
    if (act === "daftar") {
      await Directory.createPerson({ name: f.name ?? "", email: f.email ?? "" });
    } else if (act === "tugaskan") {
      await Directory.assign({
        office: f.office ?? "",
        personId: f.personId ?? "",
        start: f.start ?? "",
        acting: f.acting === "1",
        // The appointing decision (Pasal 5(5)): required for leadership offices and any Plt.
        ...(f.decisionNumber || f.decisionDate || f.decisionBy
          ? {
              decision: {
                number: f.decisionNumber ?? "",
                date: f.decisionDate ?? "",
                by: f.decisionBy ?? "",
              },
            }
          : {}),
      });
    } else if (act === "akhiri") {
      await Directory.endAssignment({
        office: f.office ?? "",
        personId: f.personId ?? "",
        start: f.start ?? "",
        end: f.end ?? "",
      });
    } else throw new VisibleError("not-found", "route.not_found", "no such action");
  } catch (error) {
    if (!(error instanceof VisibleError) || (error.kind !== "input" && error.kind !== "conflict"))
      throw error;
    const errors: FieldErrors = {};
    for (const issue of error.issues ?? [
      { path: act === "daftar" ? "name" : "start", message: error.message },
    ]) {
      const field = DECISION_FIELDS[issue.path] ?? issue.path.split(".")[0];
      errors[field || (act === "daftar" ? "name" : "start")] ??= issue.message;
    }
    return peoplePage(v, f, errors, undefined, error.kind === "input" ? 400 : 409);
  }
  return seeOther(c, `/orang?selesai=${act}`);
});
