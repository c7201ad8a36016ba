/**
 * What `test/fresh.ts` does before each file of the `stores` project, and why: files that share a
 * process must not see each other's mail or product state.
 */
import { SESClient, SendRawEmailCommand } from "@aws-sdk/client-ses";
import { Dynamo } from "@tenggat/core/dynamo";
import { sentMail, start } from "@tenggat/local/embedded";
import { describe, expect, it } from "vitest";
import { emptyMailStore } from "./fresh.ts";
import { STORES } from "./scheduling.ts";

// Read before this file makes any request: an earlier file's requests would show here if the
// product's modules were not evaluated afresh for this file.
const countsAtStart = Dynamo.requestCounts();

async function send(sesUrl: string, subject: string) {
  const ses = new SESClient({ endpoint: sesUrl });
  const raw = [
    "From: a@sambas.example",
    "To: b@sambas.example",
    `Subject: ${subject}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Halo",
  ].join("\r\n");
  await ses.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
  ses.destroy();
}

describe("a file of the stores project", () => {
  it("runs in the shared process", () => {
    expect(STORES).toContain("test/fresh.test.ts");
  });

  it("starts on product modules of its own: no request counted yet", () => {
    expect(countsAtStart).toEqual({});
  });

  it("would see an earlier server's mail in a later one's store without emptying it", async () => {
    // Arrange: a first "file" sends a mail and stops its stores.
    const first = await start();
    await send(first.sesUrl, "Dari berkas sebelumnya");
    await first.stop();
    const second = await start();
    try {
      // The package's store is one per process: the new server shows the old mail.
      expect((await sentMail(second.sesUrl)).map((m) => m.subject)).toEqual([
        "Dari berkas sebelumnya",
      ]);

      // Act: what test/fresh.ts does before each file.
      emptyMailStore();

      // Assert
      expect(await sentMail(second.sesUrl)).toEqual([]);
      await send(second.sesUrl, "Berkas ini");
      expect((await sentMail(second.sesUrl)).map((m) => m.subject)).toEqual(["Berkas ini"]);
    } finally {
      await second.stop();
    }
  });
});
