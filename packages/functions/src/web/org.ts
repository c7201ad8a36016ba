/** The task force's offices and units, read once a minute per task force and warm instance. */
import { Directory } from "@tenggat/core/directory";

const TTL_MS = 60_000;
type Org = [
  Awaited<ReturnType<typeof Directory.offices>>,
  Awaited<ReturnType<typeof Directory.units>>,
];
const cache = new Map<string, { at: number; org: Promise<Org> }>();

export function organisation(tenant: string): Promise<Org> {
  const hit = cache.get(tenant);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.org;
  const org = Promise.all([Directory.offices(tenant), Directory.units(tenant)]);
  cache.set(tenant, { at: Date.now(), org });
  org.catch(() => cache.delete(tenant));
  return org;
}
