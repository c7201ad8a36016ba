/** @jsxImportSource hono/jsx */
/**
 * `/pengaturan` (the secretariat, as `PUT /v1/settings` and `PUT /v1/upstreams`): every open
 * choice of the regulation with its value, its default and its basis; each year's official
 * holiday list beside the list the calendar would otherwise use; where submission packages are
 * delivered (secrets write-only); a province's member districts (read only).
 */
import { Audit } from "@tenggat/core/audit";
import { Calendar } from "@tenggat/core/calendar";
import { LocalDate } from "@tenggat/core/date";
import { notFound, VisibleError } from "@tenggat/core/error";
import { Federation } from "@tenggat/core/federation";
import { Message } from "@tenggat/core/message";
import { Policy } from "@tenggat/core/policy";
import { Regulation } from "@tenggat/core/regulation";
import { TaskForce } from "@tenggat/core/taskforce";
import { Hono } from "hono";
import { personView, render, seeOther, type View } from "./context.tsx";
import { shortDate } from "./format.ts";
import { Csrf, ErrorSummary, Field, type FieldErrors } from "./layout.tsx";

export const settings = new Hono();

type Form = Record<string, string>;
type Kind = "day" | "int" | "date" | "monthDay" | "bool" | "enum" | "periods" | "offsets";

/** One open choice of `Regulation.Settings`, as the form shows it. */
interface Choice {
  /** Its path in the settings (`reportDeadlines.satgasDesa`); the form field's name. */
  path: string;
  kind: Kind;
  /** `reading` where the choice settles how the text is read; else `configured`. */
  basis: "configured" | "reading";
  options?: readonly string[];
}

/** Every scalar choice of `Regulation.Settings` (docs/rules.md), in the order the form shows them. */
export const CHOICES: readonly Choice[] = [
  { path: "inForce", kind: "date", basis: "configured" },
  { path: "reportDeadlines.satgasDesa", kind: "day", basis: "configured" },
  { path: "reportDeadlines.satgasKecamatan", kind: "day", basis: "configured" },
  { path: "reportDeadlines.subTaskForce", kind: "day", basis: "configured" },
  { path: "reportDeadlines.district", kind: "day", basis: "configured" },
  { path: "dueOnWorkingDay", kind: "bool", basis: "configured" },
  {
    path: "reportWindowOpens",
    kind: "enum",
    basis: "configured",
    options: ["after-period", "reporting-month"],
  },
  { path: "submitGraceDays", kind: "int", basis: "reading" },
  {
    path: "satgasReportsTo",
    kind: "enum",
    basis: "reading",
    options: ["sgt-a", "sgt-b", "sgt-c", "sgt-d", "sgt-e"],
  },
  { path: "provincialCopy", kind: "enum", basis: "reading", options: ["prevention", "all"] },
  { path: "subtaskMeetingStart", kind: "date", basis: "configured" },
  { path: "workshopSpread", kind: "enum", basis: "configured", options: ["half-year", "year"] },
  { path: "yearlyDue.annualEvaluation", kind: "monthDay", basis: "configured" },
  { path: "yearlyDue.coordinatorMonitoring", kind: "monthDay", basis: "configured" },
  { path: "yearlyDue.chairAnnualReport", kind: "monthDay", basis: "configured" },
  { path: "yearlyDue.satgasMonitoring", kind: "monthDay", basis: "configured" },
  { path: "nationalSubmissionDue", kind: "monthDay", basis: "reading" },
  { path: "planPeriods", kind: "periods", basis: "configured" },
  { path: "planPeriodYears", kind: "int", basis: "configured" },
  { path: "chairFiveYearReportDue", kind: "monthDay", basis: "configured" },
  { path: "actionPlanRenewalDue", kind: "monthDay", basis: "reading" },
  { path: "holidayList.from", kind: "monthDay", basis: "configured" },
  { path: "holidayList.due", kind: "monthDay", basis: "configured" },
  { path: "reminders.overdueEvery", kind: "int", basis: "configured" },
];

/** The reminder offsets of each obligation (`reminders.offsets.<id>`). */
const OFFSETS: readonly Choice[] = Regulation.RULEBOOK.map((o) => ({
  path: `reminders.offsets.${o.id}`,
  kind: "offsets",
  basis: "configured",
}));

/** A field's id in the page (`reportDeadlines-satgasDesa`): no dots, so `#id` links work. */
const fieldId = (path: string) => path.replaceAll(".", "-");

function at(obj: unknown, path: string): unknown {
  let here = obj;
  for (const key of path.split(".")) {
    if (typeof here !== "object" || here === null || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

function put(obj: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let here = obj;
  for (const key of keys.slice(0, -1)) {
    const next = here[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) here[key] = {};
    here = here[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) as string;
  if (value === undefined) delete here[last];
  else here[last] = value;
}

/** Drops groups left empty, so the stored overrides hold only what differs from the defaults. */
function prune(obj: Record<string, unknown>) {
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
    prune(value as Record<string, unknown>);
    if (Object.keys(value).length === 0) delete obj[key];
  }
}

const lang = (v: View) => (v.t.lang === "en" ? "en" : "id");

/** A value as the form's input holds it. */
function asInput(c: Choice, value: unknown): string {
  if (value === undefined) return "";
  if (c.kind === "periods")
    return (value as Regulation.PlanPeriod[]).map((p) => `${p.start}-${p.end}`).join("\n");
  if (c.kind === "offsets") return (value as number[]).join(", ");
  if (c.kind === "bool") return value ? "1" : "0";
  return String(value);
}

/** A value as a person reads it. */
function shown(v: View, c: Choice, value: unknown): string {
  const { t } = v;
  if (c.kind === "bool") return value ? t.settings.yes : t.settings.no;
  if (c.kind === "enum") {
    const s = String(value);
    return s.startsWith("sgt-") ? v.names.unit(s) : (t.settings.options[s] ?? s);
  }
  if (c.kind === "date") return shortDate(String(value), t);
  if (c.kind === "monthDay") {
    const [m, d] = String(value).split("-");
    return `${Number(d)} ${Message.Format.monthName(Number(m), lang(v))}`;
  }
  if (c.kind === "periods")
    return (value as Regulation.PlanPeriod[]).map((p) => `${p.start}–${p.end}`).join(", ");
  if (c.kind === "offsets") return t.settings.days((value as number[]).join(", "));
  return String(value);
}

/**
 * The form's value for a choice, checked for its shape (the rulebook checks the rest): the value
 * to store, `undefined` to take the default, or an error message.
 */
function read(v: View, c: Choice, raw: string | undefined): { value?: unknown; error?: string } {
  const { t } = v;
  const s = (raw ?? "").trim();
  if (c.kind === "offsets") {
    if (s === "") return {};
    const parts = s.split(/[\s,;]+/).filter(Boolean);
    if (!parts.every((p) => /^\d{1,3}$/.test(p))) return { error: t.settings.errOffsets };
    return { value: [...new Set(parts.map(Number))].sort((a, b) => b - a) };
  }
  if (s === "") return { error: t.settings.errRequired };
  switch (c.kind) {
    case "day":
    case "int":
      return /^\d{1,4}$/.test(s) ? { value: Number(s) } : { error: t.settings.errWhole };
    case "date":
      return LocalDate.isValid(s) ? { value: s } : { error: t.settings.errDate };
    case "monthDay":
      return /^\d{2}-\d{2}$/.test(s) && LocalDate.isValid(`2027-${s}`)
        ? { value: s }
        : { error: t.settings.errMonthDay };
    case "bool":
      return s === "1" || s === "0" ? { value: s === "1" } : { error: t.settings.errRequired };
    case "enum":
      return c.options?.includes(s) ? { value: s } : { error: t.settings.errRequired };
    case "periods": {
      const periods: Regulation.PlanPeriod[] = [];
      for (const line of s.split(/[\n,;]+/).map((l) => l.trim())) {
        if (!line) continue;
        const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(line);
        if (!m) return { error: t.settings.errPeriods };
        periods.push({ start: Number(m[1]), end: Number(m[2]) });
      }
      return periods.length > 0 ? { value: periods } : { error: t.settings.errPeriods };
    }
  }
  return { error: t.settings.errRequired };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function secretariat() {
  Policy.require(
    Policy.isSecretariat(),
    "auth.secretariat_only",
    "only the secretariat may change the settings",
  );
}

async function taskForce(tenant: string): Promise<TaskForce.Info> {
  const tf = await TaskForce.get(tenant);
  if (!tf) throw notFound("taskforce", tenant);
  return tf;
}

/** Who made the newest change to the settings, for the stale-version message. */
async function lastChangedBy(v: View, entity: string, id: string): Promise<string> {
  const trail = await Audit.ofEntity(v.me?.tenant ?? "", entity, id, { limit: 200 });
  const e = trail.items.at(-1);
  if (!e) return v.t.errors.someoneElse;
  const office = e.actor.offices[0];
  return office ? `${e.actor.name} (${v.names.office(office)})` : e.actor.name;
}

interface PageState {
  /** The choices form as typed (after an error), else the stored values are shown. */
  f?: Form;
  errors?: FieldErrors;
  /** Which form the errors belong to. */
  form?: "choices" | "holiday" | "upstream" | "copyTo";
  stale?: string;
  done?: string;
  status?: number;
}

function yearOf(v: View, raw: string | undefined): number {
  const y = Number(raw);
  if (Number.isInteger(y) && y >= 2016 && y <= 2100) return y;
  // From October the secretariat is reminded to enter next year's list: show that year.
  const today = LocalDate.at(v.now);
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= "10-01" ? year + 1 : year;
}

async function settingsPage(v: View, year: number, s: PageState = {}) {
  const { t } = v;
  const tenant = v.me?.tenant ?? "";
  const [tf, upstreams, members] = await Promise.all([
    taskForce(tenant),
    Federation.listUpstreams(),
    Federation.listMembers(),
  ]);
  const parsed = Regulation.Settings.safeParse(tf.settings);
  const effective = parsed.success ? parsed.data : Regulation.DEFAULTS;
  const errors = s.errors ?? {};
  const choicesErrors = s.form === "choices" ? errors : {};
  const stored = (tf.settings.officialHolidays as Record<string, Regulation.OfficialHoliday[]>)?.[
    String(year)
  ];
  const fallback = Calendar.holidaysFor({ ...effective, officialHolidays: {} }).list(year);
  const shipped = Calendar.SHIPPED[String(year)];
  const row = (c: Choice, label: string) => {
    const id = fieldId(c.path);
    const value = at(effective, c.path);
    const def = at(Regulation.DEFAULTS, c.path);
    const overridden = at(tf.settings, c.path) !== undefined;
    const typed = s.f?.[c.path] ?? asInput(c, value);
    const error = choicesErrors[id];
    const hint = `${t.settings.current}: ${value === undefined ? "—" : shown(v, c, value)} (${overridden ? t.settings.set : t.settings.byDefault}) · ${t.settings.default}: ${def === undefined ? "—" : shown(v, c, def)} · ${t.settings.basis}: ${Regulation.basisLabel(c.basis, lang(v))}`;
    if (c.kind === "bool" || c.kind === "enum") {
      const options = c.kind === "bool" ? ["1", "0"] : (c.options ?? []);
      return (
        <div class={error ? "field error" : "field"}>
          <label for={id}>{label}</label>
          <span class="hint" id={`${id}-hint`}>
            {hint}
          </span>
          {error ? (
            <span class="message" id={`${id}-error`}>
              {error}
            </span>
          ) : null}
          <select id={id} name={c.path} aria-describedby={`${id}-hint`}>
            {options.map((o) => (
              <option value={o} selected={typed === o}>
                {c.kind === "bool"
                  ? o === "1"
                    ? t.settings.yes
                    : t.settings.no
                  : o.startsWith("sgt-")
                    ? v.names.unit(o)
                    : (t.settings.options[o] ?? o)}
              </option>
            ))}
          </select>
        </div>
      );
    }
    return (
      <Field
        id={id}
        name={c.path}
        label={label}
        hint={hint}
        value={typed}
        errors={choicesErrors}
        textarea={c.kind === "periods"}
        rows={3}
        {...(c.kind === "day" || c.kind === "int" ? { inputmode: "numeric" as const } : {})}
        {...(c.kind === "date" ? { type: "date" } : {})}
      />
    );
  };
  const ruleTitle = (id: string) => {
    const o = Regulation.RULEBOOK.find((r) => r.id === id);
    return o ? (t.lang === "en" ? o.title.en : o.title.id) : id;
  };
  return render(
    v,
    t.settings.title,
    <>
      {s.done ? (
        <p class="notice" role="status">
          {s.done}
        </p>
      ) : null}
      <ErrorSummary t={t} errors={errors} />
      {s.stale ? (
        <div class="warning-text" role="alert">
          {s.stale} <a href={`/pengaturan?tahun=${year}`}>{t.errors.reload}</a>
        </div>
      ) : null}
      <h1>{t.settings.title}</h1>
      <p>{t.settings.lead}</p>
      <p>
        <a href={`/riwayat/taskforce/${encodeURIComponent(tenant)}`}>{t.settings.history}</a>
      </p>

      <h2 id="pilihan">{t.settings.choices}</h2>
      <form method="post" action="/pengaturan" novalidate>
        <Csrf token={v.csrf} />
        <input type="hidden" name="version" value={String(tf.version)} />
        <input type="hidden" name="tahun" value={String(year)} />
        {CHOICES.map((c) => row(c, t.settings.labels[c.path] ?? c.path))}
        <details open={OFFSETS.some((c) => choicesErrors[fieldId(c.path)]) || undefined}>
          <summary>{t.settings.offsets}</summary>
          <p class="hint">{t.settings.offsetsHint}</p>
          {OFFSETS.map((c) => {
            const id = c.path.slice("reminders.offsets.".length);
            const def = Regulation.RULEBOOK.find((r) => r.id === id)?.reminderOffsets ?? [];
            const value = at(tf.settings, c.path);
            return (
              <Field
                id={fieldId(c.path)}
                name={c.path}
                label={ruleTitle(id)}
                hint={`${t.settings.default}: ${shown(v, c, def)} · ${t.settings.basis}: ${Regulation.basisLabel("configured", lang(v))}`}
                value={s.f?.[c.path] ?? asInput(c, value)}
                errors={choicesErrors}
              />
            );
          })}
        </details>
        <button type="submit">{t.settings.save}</button>
      </form>

      <h2 id="libur">{t.settings.holidays}</h2>
      <p>{t.settings.holidaysLead}</p>
      <form method="get" action="/pengaturan" class="inline-form">
        <label for="tahun">{t.settings.year}</label>{" "}
        <input id="tahun" name="tahun" class="short" inputmode="numeric" value={String(year)} />{" "}
        <button type="submit" class="secondary">
          {t.settings.show}
        </button>
      </form>
      <p class="notice">
        {stored
          ? t.settings.usesConfigured(year)
          : shipped
            ? t.settings.usesShipped(year, shipped.source)
            : t.settings.usesEstimate(year)}
      </p>
      <h3>{t.settings.official(year)}</h3>
      {stored && stored.length > 0 ? (
        <section class="table-wrap" tabindex={0} aria-label={t.settings.official(year)}>
          <table>
            <tbody>
              {[...stored]
                .sort((a, b) => a.date.localeCompare(b.date))
                .map((h) => (
                  <tr>
                    <td>{shortDate(h.date, t)}</td>
                    <td>
                      {t.lang === "en" && h.nameEn ? h.nameEn : h.name}
                      {h.kind ? ` (${t.settings.kinds[h.kind]})` : ""}
                    </td>
                    <td>
                      <RemoveForm
                        v={v}
                        action="/pengaturan/libur/hapus"
                        fields={{ version: tf.version, tahun: year, date: h.date }}
                        what={shortDate(h.date, t)}
                      />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p>{t.settings.noOfficial}</p>
      )}
      {stored && stored.length > 0 ? <p class="hint">{t.settings.lastRemoved}</p> : null}
      <form method="post" action="/pengaturan/libur/tambah" novalidate>
        <Csrf token={v.csrf} />
        <input type="hidden" name="version" value={String(tf.version)} />
        <input type="hidden" name="tahun" value={String(year)} />
        <fieldset>
          <legend>{t.settings.addHoliday(year)}</legend>
          <Field
            id="holiday-date"
            name="date"
            type="date"
            label={t.settings.date}
            value={s.form === "holiday" ? s.f?.date : ""}
            errors={s.form === "holiday" ? errors : {}}
          />
          <Field
            id="holiday-name"
            name="name"
            label={t.settings.name}
            value={s.form === "holiday" ? s.f?.name : ""}
            errors={s.form === "holiday" ? errors : {}}
          />
          <div class="field">
            <label for="holiday-kind">{t.settings.kind}</label>
            <select id="holiday-kind" name="kind">
              {(["national", "cuti-bersama"] as const).map((k) => (
                <option value={k} selected={s.f?.kind === k}>
                  {t.settings.kinds[k]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.settings.add}</button>
        </fieldset>
      </form>
      <h3>{stored ? t.settings.fallback(year) : t.settings.inUse(year)}</h3>
      <p class="hint">
        {fallback.source === "official"
          ? t.settings.fallbackShipped(fallback.reference ?? "")
          : t.settings.fallbackEstimate}
      </p>
      {fallback.days.length > 0 ? (
        <section class="table-wrap" tabindex={0} aria-label={t.settings.fallback(year)}>
          <table>
            <tbody>
              {fallback.days.map((h) => (
                <tr>
                  <td>{shortDate(h.date, t)}</td>
                  <td>{t.lang === "en" && h.nameEn ? h.nameEn : h.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p>{t.dashboard.none}</p>
      )}
      {!stored && fallback.days.length > 0 ? (
        <form method="post" action="/pengaturan/libur/salin">
          <Csrf token={v.csrf} />
          <input type="hidden" name="version" value={String(tf.version)} />
          <input type="hidden" name="tahun" value={String(year)} />
          <p class="hint">{t.settings.copyHint}</p>
          <button type="submit" class="secondary">
            {t.settings.copy(year)}
          </button>
        </form>
      ) : null}

      <h2 id="hulu">{t.settings.upstreams}</h2>
      <p>{t.settings.upstreamsLead}</p>
      {upstreams.upstreams.length === 0 ? (
        <p>{t.settings.noUpstreams}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={t.settings.upstreams}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.settings.upName}</th>
                <th scope="col">{t.settings.url}</th>
                <th scope="col">{t.settings.secret}</th>
                <th scope="col">
                  <span class="visually-hidden">{t.settings.remove}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {upstreams.upstreams.map((u) => (
                <tr>
                  <td>
                    {u.name} ({u.id})
                  </td>
                  <td>
                    <code>{u.url}</code>
                  </td>
                  <td>{t.settings.secretSet}</td>
                  <td>
                    <RemoveForm
                      v={v}
                      action="/pengaturan/hulu/hapus"
                      fields={{ version: upstreams.version, id: u.id }}
                      what={u.name}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <form method="post" action="/pengaturan/hulu/tambah" novalidate>
        <Csrf token={v.csrf} />
        <input type="hidden" name="version" value={String(upstreams.version)} />
        <fieldset>
          <legend>{t.settings.addUpstream}</legend>
          {(["id", "name", "url", "secret"] as const).map((k) => (
            <Field
              id={`upstream-${k}`}
              name={k}
              label={t.settings.upstreamFields[k] ?? k}
              hint={t.settings.upstreamHints[k]}
              value={s.form === "upstream" && k !== "secret" ? s.f?.[k] : ""}
              errors={s.form === "upstream" ? errors : {}}
              {...(k === "secret" ? { type: "password", autocomplete: "off" } : {})}
              {...(k === "url" ? { type: "url" } : {})}
            />
          ))}
          <button type="submit">{t.settings.add}</button>
        </fieldset>
      </form>
      <form method="post" action="/pengaturan/hulu/salinan" novalidate>
        <Csrf token={v.csrf} />
        <input type="hidden" name="version" value={String(upstreams.version)} />
        <Field
          id="copyTo"
          type="email"
          label={t.settings.copyTo}
          hint={t.settings.copyToHint}
          value={s.form === "copyTo" ? s.f?.copyTo : String(upstreams.copyTo ?? "")}
          errors={s.form === "copyTo" ? errors : {}}
        />
        <button type="submit" class="secondary">
          {t.settings.saveCopyTo}
        </button>
      </form>

      {tf.level !== "kabupaten" || members.items.length > 0 ? (
        <>
          <h2 id="anggota">{t.settings.members}</h2>
          {members.items.length === 0 ? (
            <p>{t.settings.noMembers}</p>
          ) : (
            <ul>
              {members.items.map((m) => (
                <li>
                  {m.name} ({m.id}) — {m.active ? t.settings.active : t.settings.removed}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>,
    s.status ?? 200,
  );
}

settings.get("/pengaturan", async (c) => {
  const v = await personView(c);
  secretariat();
  const done = c.req.query("selesai");
  const message = done ? (v.t.settings.done as Record<string, string>)[done] : undefined;
  return settingsPage(v, yearOf(v, c.req.query("tahun")), message ? { done: message } : {});
});

/** Field ids for the rulebook's issue paths (`settings.reportDeadlines` → its first field). */
function fieldOf(path: string): string {
  const p = path.replace(/^settings\./, "");
  const all = [...CHOICES, ...OFFSETS].map((c) => c.path);
  const hit = all.find((c) => c === p) ?? all.find((c) => c.startsWith(`${p}.`) || p.startsWith(c));
  return fieldId(hit ?? "inForce");
}

/** The rulebook's refusal in the person's language: the rule of that setting, where known. */
function ruleMessage(v: View, path: string, message: string): string {
  const p = path.replace(/^settings\./, "");
  const rules = v.t.settings.rules;
  const key = Object.keys(rules).find((k) => p === k || p.startsWith(`${k}.`));
  return key ? (rules[key] as string) : v.t.settings.errRejected(message);
}

/** Stores new overrides; a refusal becomes the page again (400 beside the field, 409 stale). */
async function save(
  v: View,
  year: number,
  next: Record<string, unknown>,
  version: number,
  form: NonNullable<PageState["form"]>,
  f: Form,
  field: (path: string) => string,
  done: string,
) {
  try {
    await TaskForce.updateSettings(v.me?.tenant ?? "", { settings: next, version });
  } catch (error) {
    if (!(error instanceof VisibleError)) throw error;
    if (error.code === "version.stale") {
      const who = await lastChangedBy(v, "taskforce", v.me?.tenant ?? "");
      return settingsPage(v, year, { stale: v.t.errors.stale(who), status: 409 });
    }
    if (error.kind !== "input") throw error;
    const errors: FieldErrors = {};
    for (const issue of error.issues ?? [{ path: "", message: error.message }]) {
      errors[field(issue.path)] ??= ruleMessage(v, issue.path, issue.message);
    }
    return settingsPage(v, year, { f, errors, form, status: 400 });
  }
  return seeOther(
    v.c,
    `/pengaturan?tahun=${year}&selesai=${done}#${form === "choices" ? "pilihan" : "libur"}`,
  );
}

settings.post("/pengaturan", async (c) => {
  const v = await personView(c);
  secretariat();
  const f = (await c.req.parseBody()) as Form;
  const year = yearOf(v, f.tahun);
  const tf = await taskForce(v.me.tenant);
  const next = structuredClone(tf.settings) as Record<string, unknown>;
  const errors: FieldErrors = {};
  for (const choice of [...CHOICES, ...OFFSETS]) {
    const got = read(v, choice, f[choice.path]);
    if (got.error) {
      errors[fieldId(choice.path)] = got.error;
      continue;
    }
    const def = choice.kind === "offsets" ? undefined : at(Regulation.DEFAULTS, choice.path);
    // A value equal to its default is not stored: the default applies (and follows the docs).
    put(next, choice.path, got.value === undefined || same(got.value, def) ? undefined : got.value);
  }
  if (Object.keys(errors).length > 0) {
    return settingsPage(v, year, { f, errors, form: "choices", status: 400 });
  }
  prune(next);
  return save(v, year, next, Number(f.version), "choices", f, fieldOf, "pilihan");
});

settings.post("/pengaturan/libur/:act", async (c) => {
  const v = await personView(c);
  secretariat();
  const act = c.req.param("act");
  const f = (await c.req.parseBody()) as Form;
  const year = yearOf(v, f.tahun);
  const tf = await taskForce(v.me.tenant);
  const next = structuredClone(tf.settings) as Record<string, unknown>;
  const lists = {
    ...((next.officialHolidays as Record<string, Regulation.OfficialHoliday[]>) ?? {}),
  };
  const list = [...(lists[String(year)] ?? [])];
  const { t } = v;
  if (act === "tambah") {
    const errors: FieldErrors = {};
    const date = (f.date ?? "").trim();
    const name = (f.name ?? "").trim();
    if (!LocalDate.isValid(date)) errors["holiday-date"] = t.settings.errDate;
    else if (!date.startsWith(`${year}-`)) errors["holiday-date"] = t.settings.errYear(year);
    else if (list.some((h) => h.date === date)) errors["holiday-date"] = t.settings.errListed;
    if (!name) errors["holiday-name"] = t.settings.errName;
    if (Object.keys(errors).length > 0) {
      return settingsPage(v, year, { f, errors, form: "holiday", status: 400 });
    }
    const kind = f.kind === "cuti-bersama" ? "cuti-bersama" : "national";
    list.push({ date, name, kind });
    list.sort((a, b) => a.date.localeCompare(b.date));
    lists[String(year)] = list;
  } else if (act === "hapus") {
    const kept = list.filter((h) => h.date !== f.date);
    // An empty official list would make every day of the year a working day: the year goes back
    // to the shipped or estimated list instead.
    if (kept.length > 0) lists[String(year)] = kept;
    else delete lists[String(year)];
  } else if (act === "salin") {
    if (list.length > 0) return seeOther(c, `/pengaturan?tahun=${year}#libur`);
    const source = Calendar.holidaysFor({
      ...Regulation.DEFAULTS,
      officialHolidays: {},
    }).list(year);
    lists[String(year)] = source.days.map((h) => ({
      date: h.date,
      name: h.name,
      ...(h.nameEn ? { nameEn: h.nameEn } : {}),
      ...(h.kind ? { kind: h.kind } : {}),
    }));
  } else throw new VisibleError("not-found", "route.not_found", "no such action");
  if (Object.keys(lists).length > 0) next.officialHolidays = lists;
  else delete next.officialHolidays;
  const field = (path: string) => (/\.name$/.test(path) ? "holiday-name" : "holiday-date");
  return save(v, year, next, Number(f.version), "holiday", f, field, "libur");
});

settings.post("/pengaturan/hulu/:act", async (c) => {
  const v = await personView(c);
  secretariat();
  const act = c.req.param("act");
  const f = (await c.req.parseBody()) as Form;
  const year = yearOf(v, undefined);
  const current = await Federation.listUpstreams();
  // Secrets are left out: the stored one of each id is kept (write-only).
  const kept = current.upstreams.map(({ secret: _s, ...u }) => u);
  const version = Number(f.version);
  let input: Parameters<typeof Federation.setUpstreams>[0];
  let form: "upstream" | "copyTo" = "upstream";
  const copyTo = current.copyTo ? { copyTo: String(current.copyTo) } : {};
  if (act === "tambah") {
    const u = {
      id: (f.id ?? "").trim(),
      name: (f.name ?? "").trim(),
      url: (f.url ?? "").trim(),
      secret: (f.secret ?? "").trim(),
    };
    if (kept.some((k) => k.id === u.id)) {
      return settingsPage(v, year, {
        f,
        errors: { "upstream-id": v.t.settings.errListed },
        form,
        status: 400,
      });
    }
    input = { upstreams: [...kept, u], version, ...copyTo };
  } else if (act === "hapus") {
    input = { upstreams: kept.filter((u) => u.id !== f.id), version, ...copyTo };
  } else if (act === "salinan") {
    form = "copyTo";
    const to = (f.copyTo ?? "").trim();
    input = { upstreams: kept, version, ...(to ? { copyTo: to } : {}) };
  } else throw new VisibleError("not-found", "route.not_found", "no such action");
  try {
    await Federation.setUpstreams(input);
  } catch (error) {
    if (!(error instanceof VisibleError)) throw error;
    if (error.code === "version.stale") {
      const who = await lastChangedBy(v, "upstreams", v.me.tenant);
      return settingsPage(v, year, { stale: v.t.errors.stale(who), status: 409 });
    }
    if (error.kind !== "input") throw error;
    const errors: FieldErrors = {};
    for (const issue of error.issues ?? [{ path: "", message: error.message }]) {
      const key = form === "copyTo" ? "copyTo" : (issue.path.split(".").at(-1) ?? "");
      const known = ["id", "name", "url", "secret"].includes(key) || key === "copyTo";
      const id = key === "copyTo" ? "copyTo" : known ? `upstream-${key}` : "upstream-id";
      errors[id] ??= known
        ? (v.t.settings.errUpstream[key] ?? issue.message)
        : v.t.settings.errRejected(issue.message);
    }
    return settingsPage(v, year, { f, errors, form, status: 400 });
  }
  return seeOther(c, `/pengaturan?selesai=hulu#hulu`);
});

/** A one-button form that removes one entry (a holiday, an upstream), named for screen readers. */
function RemoveForm(p: {
  v: View;
  action: string;
  fields: Record<string, string | number>;
  what: string;
}) {
  const t = p.v.t;
  return (
    <form method="post" action={p.action} class="inline-form">
      <Csrf token={p.v.csrf} />
      {Object.entries(p.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={String(value)} />
      ))}
      <button type="submit" class="secondary" aria-label={`${t.settings.remove} ${p.what}`}>
        {t.settings.remove}
      </button>
    </form>
  );
}
