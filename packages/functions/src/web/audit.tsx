/** @jsxImportSource hono/jsx */
/**
 * `/riwayat/<entity>/<id>`: the audit trail of an entity, and `/riwayat/unit/<code>` of a unit,
 * as sentences ("Sekretaris (Nama) mengembalikan laporan ini pada Senin, 7 Juni 2027 10.12
 * WIB"). The same rule as `GET /v1/audit`: an entity's trail for the secretariat, a unit's for
 * the secretariat and the unit's leaders.
 */
import { Audit } from "@tenggat/core/audit";
import { Policy } from "@tenggat/core/policy";
import { Hono } from "hono";
import { personView, render, type View } from "./context.tsx";
import { instant } from "./format.ts";

export const audit = new Hono();

export function Sentence({ v, e }: { v: View; e: Audit.Event }) {
  const { t, names } = v;
  const office = e.actor.offices[0];
  const who = office
    ? `${names.office(office)} (${e.actor.name})`
    : e.actor.kind === "person"
      ? e.actor.name
      : t.audit.system;
  const what = (t.audit as Record<string, unknown>)[e.entity];
  return (
    <li>
      {t.audit.sentence(
        who,
        t.audit.verbs[e.action] ?? e.action,
        typeof what === "string" ? what : `${e.entity} ${e.entityId}`,
        instant(e.at, t),
      )}
      {e.note ? <span class="hint section-text">“{e.note}”</span> : null}
    </li>
  );
}

audit.get("/riwayat/:entity/:id", async (c) => {
  const v = await personView(c);
  const entity = c.req.param("entity");
  const id = c.req.param("id");
  const cursor = c.req.query("lanjut");
  const page = { limit: 100, ...(cursor ? { cursor } : {}) };
  let trail: Awaited<ReturnType<typeof Audit.ofEntity>>;
  if (entity === "unit") {
    Policy.require(
      Policy.isSecretariat() || Policy.leads(id),
      "auth.not_your_unit",
      "you may only read your own unit's trail",
    );
    trail = await Audit.ofUnit(v.me.tenant, id, page);
  } else {
    Policy.require(Policy.isSecretariat(), "auth.secretariat_only", "for the secretariat");
    trail = await Audit.ofEntity(v.me.tenant, entity, id, page);
  }
  const title = `${v.t.report.history}: ${entity === "unit" ? v.names.unit(id) : id}`;
  return render(
    v,
    title,
    <>
      <h1>{title}</h1>
      <ol>
        {trail.items.map((e) => (
          <Sentence v={v} e={e} />
        ))}
      </ol>
      {trail.cursor ? (
        <p>
          <a
            href={`/riwayat/${entity}/${encodeURIComponent(id)}?lanjut=${encodeURIComponent(trail.cursor)}`}
          >
            →
          </a>
        </p>
      ) : null}
    </>,
  );
});
