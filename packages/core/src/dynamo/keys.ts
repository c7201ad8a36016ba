/**
 * Every key of the table, built here and nowhere else. Each key that holds a task force's data
 * starts with `TF#<tenant>`, and every builder takes the tenant first: a query can only ever
 * read one task force's partition. See docs/data-model.md.
 */

const tf = (tenant: string) => {
  if (!/^[a-z0-9-]+$/.test(tenant)) throw new RangeError(`not a tenant id: ${tenant}`);
  return `TF#${tenant}`;
};

/** The registry of task forces (one deployment serves many). */
export const registry = () => ({ pk: "TASKFORCES", sk: "" });
export const taskForce = (tenant: string) => ({ pk: "TASKFORCES", sk: tf(tenant) });

/** A task force's organisation: units and offices live in one partition per task force. */
export const org = (tenant: string) => ({ pk: `${tf(tenant)}#ORG` });
export const unit = (tenant: string, code: string) => ({
  pk: `${tf(tenant)}#ORG`,
  sk: `UNIT#${code}`,
});
export const office = (tenant: string, code: string) => ({
  pk: `${tf(tenant)}#ORG`,
  sk: `OFFICE#${code}`,
});

/** People and the unique e-mail claim that points at a person. */
export const people = (tenant: string) => ({ pk: `${tf(tenant)}#PEOPLE` });
export const person = (tenant: string, id: string) => ({
  pk: `${tf(tenant)}#PEOPLE`,
  sk: `PERSON#${id}`,
});
export const email = (tenant: string, address: string) => ({
  pk: `${tf(tenant)}#PEOPLE`,
  sk: `EMAIL#${address.toLowerCase()}`,
});

/** Assignment of a person to an office; listed per office (table) and per person (gsi1). */
export const assignment = (
  tenant: string,
  officeCode: string,
  start: string,
  personId: string,
) => ({
  pk: `${tf(tenant)}#HOLDERS#${officeCode}`,
  sk: `${start}#${personId}`,
  gsi1pk: `${tf(tenant)}#POSTS#${personId}`,
  gsi1sk: `${start}#${officeCode}`,
  gsi2pk: `${tf(tenant)}#ROSTER`,
  gsi2sk: `${officeCode}#${start}#${personId}`,
});
/** Every assignment of the task force (gsi2), by office: the daily job's one read of who holds what. */
export const roster = (tenant: string) => ({ gsi2pk: `${tf(tenant)}#ROSTER` });
export const holders = (tenant: string, officeCode: string) => ({
  pk: `${tf(tenant)}#HOLDERS#${officeCode}`,
});
export const posts = (tenant: string, personId: string) => ({
  gsi1pk: `${tf(tenant)}#POSTS#${personId}`,
});

/** Obligation instances: one item each; per unit by due date (gsi1); open ones by next action date (gsi2). */
export const instance = (tenant: string, id: string) => ({
  pk: `${tf(tenant)}#INST#${id}`,
  sk: "INST",
});
export const instancesOfUnit = (tenant: string, unitCode: string) => ({
  gsi1pk: `${tf(tenant)}#UNIT#${unitCode}#INST`,
});
export const instancesByNextAction = (tenant: string) => ({ gsi2pk: `${tf(tenant)}#NEXT` });

export const meeting = (tenant: string, id: string) => ({
  pk: `${tf(tenant)}#MTG#${id}`,
  sk: "MTG",
});
export const meetingsOfUnit = (tenant: string, unitCode: string) => ({
  gsi1pk: `${tf(tenant)}#UNIT#${unitCode}#MTG`,
});

export const report = (tenant: string, id: string) => ({
  pk: `${tf(tenant)}#RPT#${id}`,
  sk: "RPT",
});
export const reportsOfUnit = (tenant: string, unitCode: string) => ({
  gsi1pk: `${tf(tenant)}#UNIT#${unitCode}#RPT`,
});
/** Published reports, for the public and upstream machines. */
export const reportsByStatus = (tenant: string, status: string) => ({
  gsi2pk: `${tf(tenant)}#RPTSTATUS#${status}`,
});

export const task = (tenant: string, id: string) => ({ pk: `${tf(tenant)}#TSK#${id}`, sk: "TSK" });
export const tasksOfOffice = (tenant: string, officeCode: string) => ({
  gsi1pk: `${tf(tenant)}#OFFICE#${officeCode}#TSK`,
});

/** What waits for an office to act on (reports to review, tasks to accept), oldest first. */
export const queue = (tenant: string, officeCode: string) => ({
  gsi3pk: `${tf(tenant)}#QUEUE#${officeCode}`,
});

/** Audit events: per entity (table), per unit (gsi1). */
export const auditOfEntity = (tenant: string, entity: string, id: string) => ({
  pk: `${tf(tenant)}#AUDIT#${entity}#${id}`,
});
export const auditOfUnit = (tenant: string, unitCode: string) => ({
  gsi1pk: `${tf(tenant)}#UNIT#${unitCode}#AUDIT`,
});

/** Sign-in links (by hash of the secret) and API keys (by hash; carry their tenant). */
export const signInLink = (tenant: string, hash: string) => ({
  pk: `${tf(tenant)}#SIGNIN#${hash}`,
  sk: "SIGNIN",
});
/** Recent sign-in requests of one address (hashed), for the sliding-window limit. */
export const signInRateOfAddress = (tenant: string, hash: string) => ({
  pk: `${tf(tenant)}#SIGNINRATE#${hash}`,
  sk: "SIGNINRATE",
});
/** Recent sign-in requests from one source address (hashed), whatever the task force. */
export const signInRateOfSource = (hash: string) => ({
  pk: `SIGNINRATE#SOURCE#${hash}`,
  sk: "SIGNINRATE",
});
/** One person's acknowledgement of one notification (at most one audit event each). */
export const acknowledgement = (tenant: string, notificationId: string, personId: string) => ({
  pk: `${tf(tenant)}#ACK#${notificationId}`,
  sk: `ACK#${personId}`,
});
export const apiKey = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: "APIKEY" });
export const apiKeysOfTenant = (tenant: string) => ({ gsi1pk: `${tf(tenant)}#APIKEYS` });

/** RAD plans and their rows. */
export const radPlan = (tenant: string, planId: string) => ({
  pk: `${tf(tenant)}#RAD`,
  sk: planId,
});

/** Notification ledger and job bookkeeping (the reminders issue). */
export const notification = (tenant: string, id: string) => ({
  pk: `${tf(tenant)}#NTF#${id}`,
  sk: "NTF",
});
export const job = (tenant: string, name: string) => ({ pk: `${tf(tenant)}#JOB`, sk: name });
/** Meetings held, counted for the daily job beside its watermark (`Meeting`, `Reminder`). */
export const meetingsHeld = (tenant: string) => job(tenant, "daily-held");
/**
 * Set once every assignment of the task force carries its roster keys (`Key.roster`); those
 * stored before the roster index existed get them from the daily job (`Directory.indexRoster`).
 */
export const rosterIndexed = (tenant: string) => job(tenant, "daily-roster");

/** Notifications claimed but not yet sent (or failed and to be retried), by lease expiry. */
export const outbox = (tenant: string) => ({ gsi2pk: `${tf(tenant)}#OUTBOX` });
/**
 * An e-mail address's delivery state (bounces, complaints → suppressed). SES reports these per
 * address for the whole sending account, so the item is keyed by the address alone; it holds no
 * task force's data.
 */
export const address = (email: string) => ({ pk: `ADDRESS#${email.toLowerCase()}`, sk: "ADDRESS" });

/** A meeting's place in its unit's listing (gsi1): by local date, then start time. */
export const meetingOfUnit = (
  tenant: string,
  unitCode: string,
  date: string,
  start: string,
  id: string,
) => ({ ...meetingsOfUnit(tenant, unitCode), gsi1sk: `${date}#${start}#${id}` });

/** A task's place in its office's listing (gsi1): by status, then due date. */
export const taskOfOffice = (
  tenant: string,
  officeCode: string,
  status: string,
  due: string,
  id: string,
) => ({ ...tasksOfOffice(tenant, officeCode), gsi1sk: `${status}#${due}#${id}` });

/**
 * An entry in an office's queue (gsi3): `<since ISO instant>#<entity>#<id>`, oldest first. The
 * queue listing (`GET /v1/queue`) reads this shape for every kind of entry.
 */
export const queueEntry = (
  tenant: string,
  officeCode: string,
  since: string,
  entity: string,
  id: string,
) => ({ ...queue(tenant, officeCode), gsi3sk: `${since}#${entity}#${id}` });

/**
 * The claim that makes a report unique per obligation instance (one item, created
 * conditionally, holding the report's id): two creates for one instance give one report.
 */
export const reportOfInstance = (tenant: string, instanceId: string) => ({
  pk: `${tf(tenant)}#RPTCLAIM#${instanceId}`,
  sk: "RPTCLAIM",
});
/**
 * Reminder items waiting to go into their person's digest, one partition per task force, sorted
 * by person (sparse: an item leaves it once it is in a digest).
 */
export const pendingItems = (tenant: string) => ({ gsi1pk: `${tf(tenant)}#PENDING` });
export const pendingItem = (tenant: string, personId: string, date: string, id: string) => ({
  ...pendingItems(tenant),
  gsi1sk: `${personId}#${date}#${id}`,
});

/**
 * The upward pipeline (issue 10): a submission package per period, with its deliveries in the
 * same partition (`DLV#<upstream>`); changed packages by instant (gsi1, the `since` listing);
 * deliveries waiting for an attempt by time (gsi2, sparse: the sweep's worklist).
 */
export const submission = (tenant: string, id: string) => ({
  pk: `${tf(tenant)}#SUB#${id}`,
  sk: "SUB",
});
export const submissionsByChange = (tenant: string) => ({ gsi1pk: `${tf(tenant)}#SUBS` });
export const delivery = (tenant: string, submissionId: string, upstreamId: string) => ({
  pk: `${tf(tenant)}#SUB#${submissionId}`,
  sk: `DLV#${upstreamId}`,
});
export const deliveriesDue = (tenant: string) => ({ gsi2pk: `${tf(tenant)}#DLVDUE` });
/** Where a task force sends its packages (one item: a short list). */
export const upstreams = (tenant: string) => ({ pk: `${tf(tenant)}#UPSTREAMS`, sk: "UPSTREAMS" });
/** A province's member districts, each with the secret it signs with. */
export const members = (tenant: string) => ({ pk: `${tf(tenant)}#MEMBERS` });
export const member = (tenant: string, id: string) => ({ pk: `${tf(tenant)}#MEMBERS`, sk: id });
/** Packages received from members: the newest version per period and member. */
export const inbound = (tenant: string) => ({ pk: `${tf(tenant)}#INBOUND` });
export const inboundOf = (tenant: string, period: string, from: string) => ({
  pk: `${tf(tenant)}#INBOUND`,
  sk: `${period}#${from}`,
});
/** A webhook id seen by the receiver (idempotency of inbound deliveries). */
export const webhookSeen = (tenant: string, webhookId: string) => ({
  pk: `${tf(tenant)}#WEBHOOK#${webhookId}`,
  sk: "WEBHOOK",
});
/** Published reports withdrawn from the public (with the reason the public URL gives). */
export const withdrawals = (tenant: string) => ({ pk: `${tf(tenant)}#WITHDRAWN` });
export const withdrawal = (tenant: string, reportId: string) => ({
  pk: `${tf(tenant)}#WITHDRAWN`,
  sk: reportId,
});

/**
 * Intents (`Outbox`): what a change still owes once it is stored — its audit event and its
 * announcements — written before the change, one partition per task force, by the event's
 * instant then id, so the sweep reads the oldest first. An intent is deleted once done.
 */
export const intents = (tenant: string) => ({ pk: `${tf(tenant)}#INTENT` });
export const intent = (tenant: string, at: string, eventId: string) => ({
  pk: `${tf(tenant)}#INTENT`,
  sk: `${at}#${eventId}`,
});

/** An audit event in its entity's trail: by instant, then zero-padded version (deterministic). */
export const auditEvent = (
  tenant: string,
  entity: string,
  id: string,
  at: string,
  version: number,
) => ({
  ...auditOfEntity(tenant, entity, id),
  sk: `${at}#v${String(version).padStart(6, "0")}`,
});
export const auditEventOfUnit = (
  tenant: string,
  unitCode: string,
  at: string,
  entity: string,
  id: string,
) => ({ ...auditOfUnit(tenant, unitCode), gsi1sk: `${at}#${entity}#${id}` });

/** The organisation's version stamp, bumped whenever a unit or office is added or changed. */
export const orgVersion = (tenant: string) => ({ pk: `${tf(tenant)}#ORG`, sk: "VERSION" });

/**
 * A stored answer to a request made with an `Idempotency-Key`: per task force, per principal
 * (person, API key, or the public caller), per key. Holds a hash of the request and, once
 * answered, the status and body to replay.
 */
export const idempotency = (tenant: string, principal: string, key: string) => ({
  pk: `${tf(tenant)}#IDEM#${principal}#${key}`,
  sk: "IDEM",
});

/** A report's place in its unit's listing (gsi1, by due date) and in its status's (gsi2, by since). */
export const reportOfUnit = (tenant: string, unitCode: string, due: string, id: string) => ({
  ...reportsOfUnit(tenant, unitCode),
  gsi1sk: `${due}#${id}`,
});
export const reportByStatus = (tenant: string, status: string, since: string, id: string) => ({
  ...reportsByStatus(tenant, status),
  gsi2sk: `${since}#${id}`,
});

/** An obligation instance's place per unit (gsi1, by due date) and for the daily job (gsi2). */
export const instanceOfUnit = (tenant: string, unitCode: string, due: string, id: string) => ({
  ...instancesOfUnit(tenant, unitCode),
  gsi1sk: `${due}#${id}`,
});
export const instanceByNextAction = (tenant: string, nextAction: string, id: string) => ({
  ...instancesByNextAction(tenant),
  gsi2sk: `${nextAction}#${id}`,
});

/** A claimed notification in the outbox (gsi2), by the end of its lease. */
export const outboxEntry = (tenant: string, leaseUntil: string, id: string) => ({
  ...outbox(tenant),
  gsi2sk: `${leaseUntil}#${id}`,
});
