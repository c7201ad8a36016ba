export * as Satgas from "./index.ts";

import { Actor } from "../actor/index.ts";
import { Audit } from "../audit/index.ts";
import { LocalDate } from "../date/index.ts";
import { Directory } from "../directory/index.ts";
import { ConditionFailed, Dynamo, Key } from "../dynamo/index.ts";
import { invalid, notFound, VisibleError } from "../error/index.ts";
import { Org } from "../org/index.ts";
import { Policy } from "../policy/index.ts";
import { Regulation } from "../regulation/index.ts";
import { Reminder } from "../reminder/index.ts";
import { Sambas } from "../sambas/index.ts";
import { Task } from "../task/index.ts";
import { TaskForce } from "../taskforce/index.ts";
import { fn } from "../util/fn.ts";
import * as z from "../util/zod.ts";

/**
 * Satgas (task units) exist from their establishing decree, not from the regulation (Pasal
 * 5(7): the Satgas Kecamatan is set up by the Camat, the Satgas Desa by the Kepala Desa and
 * reported to the Ketua; RAD A.4 plans to form them "sampai tingkat Desa"). The seed lists the
 * 19 sub-district Satgas as establishable; the secretariat records each decree here, and the
 * Satgas owes its obligations from the decree's day (see `Org.startsOn`).
 */

/** How long the Ketua has to take note of a village Satgas reported to them (configured). */
export const KETUA_NOTE_DAYS = 14;

export const EstablishInput = z.extend(Org.Establishment, { unit: Org.UnitCode });
export type EstablishInput = z.input<typeof EstablishInput>;

export const Result = z.object({
  unit: Org.Unit,
  /** Obligation instances stored because of it (from today to the horizon). */
  instancesCreated: z.int(),
  /** For a village Satgas: the task that reports it to the Ketua (Pasal 5(7)). */
  ketuaTask: z.optional(z.string()),
});
export type Result = z.infer<typeof Result>;

type UnitItem = Dynamo.Item & Org.Unit & { version?: number };

/**
 * Records the establishing decree of a Satgas (secretariat). Audited; the Satgas's obligations
 * from today on are stored at once (the daily job would not look back at windows it has already
 * passed); a village Satgas is reported to the Ketua (Pasal 5(7)) with a task, which mails them.
 * Recording the same decree again changes nothing; a different one is a 409.
 */
export const establish = fn(EstablishInput, async (input): Promise<Result> => {
  Policy.require(
    Policy.isSecretariat(),
    "auth.secretariat_only",
    "only the secretariat (Sekretaris, Ketua Harian) records a Satgas's establishment",
  );
  const tenant = Actor.tenant();
  const k = Key.unit(tenant, input.unit);
  const current = await Dynamo.get<UnitItem>(k.pk, k.sk);
  if (!current) throw notFound("unit", input.unit);
  const unit = Org.Unit.parse(Dynamo.strip(current));
  if (!Org.needsEstablishment(unit.kind)) {
    throw invalid("unit", `${unit.code} is not a Satgas: it exists by the regulation`);
  }
  const settings = Regulation.Settings.safeParse((await TaskForce.get(tenant))?.settings ?? {});
  const inForce = settings.success ? settings.data.inForce : Regulation.DEFAULTS.inForce;
  if (input.on < inForce) {
    throw invalid("on", `must not be before the regulation's day in force (${inForce})`);
  }
  const today = LocalDate.at(Actor.now());
  if (input.on > LocalDate.addDays(today, 366)) {
    throw invalid("on", "must not be more than a year ahead");
  }
  const { unit: _, ...established } = input;
  if (unit.established) {
    if (unit.established.on === established.on && unit.established.decree === established.decree) {
      return { unit, instancesCreated: 0 };
    }
    throw new VisibleError(
      "conflict",
      "satgas.already_established",
      `${unit.code} was established on ${unit.established.on} by decree ${unit.established.decree}`,
    );
  }
  const version = (current.version ?? 0) + 1;
  const e = Audit.event({
    entity: "unit",
    entityId: unit.code,
    version,
    unit: unit.code,
    action: "unit.established",
    after: { established },
  });
  try {
    await Dynamo.update({
      ...k,
      expression: "SET established = :e, version = :v, lastEvent = :ev",
      condition: "attribute_exists(pk) AND attribute_not_exists(established)",
      values: { ":e": established, ":v": version, ":ev": e },
    });
  } catch (error) {
    if (error instanceof ConditionFailed) {
      throw new VisibleError(
        "conflict",
        "satgas.already_established",
        `${unit.code} was established meanwhile`,
      );
    }
    throw error;
  }
  await Audit.append(tenant, e);
  const stored = { ...unit, established };
  // The daily job only looks ahead of its watermark: store this Satgas's duties now.
  const ctx = await Reminder.context(tenant);
  const instancesCreated = await Reminder.materialise(ctx, today, LocalDate.max(today, input.on));
  let ketuaTask: string | undefined;
  if (unit.kind === "satgas-desa") {
    const place = Org.label(unit).id;
    const task = await Task.create({
      title: `Pembentukan ${place} dilaporkan kepada Ketua (Pasal 5(7))`,
      description:
        `${place} dibentuk dengan SK ${established.decree} tanggal ${established.on} ` +
        `oleh ${established.by}. Mohon dicatat.`,
      office: "gt.ketua",
      due: LocalDate.addDays(today, KETUA_NOTE_DAYS),
    });
    ketuaTask = task.id;
  }
  return { unit: stored, instancesCreated, ...(ketuaTask ? { ketuaTask } : {}) };
});

/** RAD A.4 progress: Satgas established of the 19 sub-districts and of the district's villages. */
export async function progress(tenant: string): Promise<Org.EstablishmentProgress> {
  const units = await Directory.units(tenant);
  return Org.establishmentProgress(
    Org.create({ units, offices: [], people: [] }),
    Sambas.VILLAGES_TOTAL,
  );
}
