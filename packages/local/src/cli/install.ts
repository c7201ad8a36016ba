/**
 * `npm run install:taskforce -- --people people.json [--track-from 2027-01-04]`: installs the
 * Sambas task force (organisation of L-I, action plan of L-III §IX, the people of the file
 * assigned to their offices) into the table the environment points at. On AWS run it inside
 * `npx sst shell --stage production -- …`, which links `Resource.Table` and the credentials.
 * Idempotent: run again, it adds only what is missing.
 */
import { parseArgs } from "node:util";

function fail(message: string): never {
  process.stderr.write(`install:taskforce: ${message}\n`);
  process.exit(2);
}

async function main() {
  let values: { people?: string; "track-from"?: string };
  try {
    ({ values } = parseArgs({
      options: { people: { type: "string" }, "track-from": { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.people)
    fail("--people <file.json> is required (an array of { office, name, email })");
  const { LocalDate } = await import("@tenggat/core/date");
  const trackFrom = values["track-from"];
  if (trackFrom !== undefined && !LocalDate.isValid(trackFrom))
    fail(`--track-from: not a date: ${trackFrom}`);
  const { sambasSeed } = await import("../sambas.ts");
  let seed: ReturnType<typeof sambasSeed>;
  try {
    seed = sambasSeed({ peopleFile: values.people });
  } catch (error) {
    fail(`--people: ${(error as Error).message}`);
  }
  const { Seed } = await import("@tenggat/core/seed");
  const result = await Seed.install({ ...seed, ...(trackFrom ? { trackFrom } : {}) });
  console.log(
    `${seed.taskForce.id}: ${result.registered ? "installed" : "already installed, topped up"}; ` +
      `${result.itemsCreated} units/offices, ${result.peopleCreated} people, ${result.assignmentsCreated} assignments added`,
  );
}

main().catch((error) => {
  process.stderr.write(
    `install:taskforce: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
