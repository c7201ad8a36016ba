import { afterEach, describe, expect, it, vi } from "vitest";
import { Actor } from "../actor/index.ts";
import { Observe } from "./index.ts";

/** What the logger and the metrics write while `fn` runs, one JSON object a line. */
async function captured(fn: () => Promise<void> | void): Promise<Record<string, unknown>[]> {
  const chunks: string[] = [];
  const keep = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation(keep),
    vi.spyOn(process.stderr, "write").mockImplementation(keep),
  ];
  try {
    await fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return chunks
    .join("")
    .split(/\n|(?<=\})(?=\{)/)
    .filter((line) => line.trim().startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("Observe", () => {
  afterEach(() => Observe.flush());

  it("logs one JSON shape with the acting task force, job and request id; errors with their stack", async () => {
    const lines = await captured(() =>
      Observe.withRequest({ awsRequestId: "req-1" }, async () =>
        Actor.provide({ type: "system", tenant: "sambas", job: "daily" }, () =>
          Observe.log.error("task force run failed", {
            date: "2027-02-05",
            error: new Error("boom"),
          }),
        ),
      ),
    );
    const line = lines.find((l) => l.message === "task force run failed");
    expect(line).toMatchObject({
      level: "ERROR",
      service: "tenggat",
      requestId: "req-1",
      tenant: "sambas",
      job: "daily",
      date: "2027-02-05",
      error: { name: "Error", message: "boom" },
    });
    expect(String((line?.error as { stack?: string } | undefined)?.stack)).toMatch(
      /observe\.test\.ts/,
    );

    // The request id is the request's only.
    const after = await captured(() => Observe.log.error("later"));
    expect(after.find((l) => l.message === "later")).not.toHaveProperty("requestId");
  });

  it("counts metrics and, in a Lambda, publishes them as one EMF line, then starts afresh", async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = "observe-test";
    Observe.count("MailsSent", 3);
    Observe.count("MailsSent");
    Observe.count("TaskForcesFailed");
    Observe.count("Escalations", 0);
    expect(Observe.counts()).toEqual({ MailsSent: 4, TaskForcesFailed: 1 });

    const lines = await captured(() => Observe.flush());
    const emf = lines.find((l) => "_aws" in l);
    // EMF keeps the values of one metric as a list; CloudWatch sums them.
    expect(emf).toMatchObject({ service: "tenggat", MailsSent: [3, 1], TaskForcesFailed: 1 });
    expect(JSON.stringify(emf?._aws)).toContain('"Namespace":"Tenggat"');
    expect(Observe.counts()).toEqual({});
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;

    // Outside a Lambda (the CLI, tests) nothing is printed: counts only.
    Observe.count("MailsSent");
    const quiet = await captured(() => Observe.flush());
    expect(quiet.filter((l) => "_aws" in l)).toEqual([]);
  });
});
