import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VisibleError } from "../error/index.ts";
import * as z from "../util/zod.ts";
import { Token } from "./index.ts";

const SECRET = "test-link-secret-0123456789";
const NOW = new Date("2027-02-01T01:00:00Z");
const LATER = new Date("2027-02-02T01:00:00Z");

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof VisibleError) return `${error.kind}:${error.code}`;
    throw error;
  }
  return undefined;
}

describe("Token", () => {
  it("round-trips subject, data and expiry, and is URL-safe", () => {
    const token = Token.sign(
      {
        purpose: "link.open",
        subject: "per_01HXYZ",
        data: { report: "rpt_01H", n: 3 },
        expiresAt: LATER,
      },
      SECRET,
    );
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    const verified = Token.verify(token, { purpose: "link.open", now: NOW }, SECRET);
    expect(verified).toEqual({
      purpose: "link.open",
      subject: "per_01HXYZ",
      data: { report: "rpt_01H", n: 3 },
      expiresAt: LATER,
    });
  });

  it("types and validates data with a schema", () => {
    const token = Token.sign(
      { purpose: "link.ack", subject: "ntf_1", data: { item: "x" }, expiresAt: LATER },
      SECRET,
    );
    const ok = Token.verify(
      token,
      { purpose: "link.ack", now: NOW, data: z.object({ item: z.string() }) },
      SECRET,
    );
    expect(ok.data?.item).toBe("x");
    expect(
      code(() =>
        Token.verify(
          token,
          { purpose: "link.ack", now: NOW, data: z.object({ other: z.string() }) },
          SECRET,
        ),
      ),
    ).toBe("unauthenticated:token.invalid");
  });

  it("refuses a token used for another purpose, even with the same secret", () => {
    const link = Token.sign({ purpose: "link.open", subject: "per_1", expiresAt: LATER }, SECRET);
    expect(code(() => Token.verify(link, { purpose: "session", now: NOW }, SECRET))).toBe(
      "unauthenticated:token.invalid",
    );
  });

  it("refuses an expired token, exactly at the expiry instant", () => {
    const token = Token.sign({ purpose: "sign-in", subject: "per_1", expiresAt: LATER }, SECRET);
    expect(code(() => Token.verify(token, { purpose: "sign-in", now: LATER }, SECRET))).toBe(
      "unauthenticated:token.expired",
    );
    const justBefore = new Date(LATER.getTime() - 1000);
    expect(Token.verify(token, { purpose: "sign-in", now: justBefore }, SECRET).subject).toBe(
      "per_1",
    );
  });

  it("refuses a token signed with another secret", () => {
    const token = Token.sign(
      { purpose: "link.open", subject: "per_1", expiresAt: LATER },
      "another-secret-0123456789",
    );
    expect(code(() => Token.verify(token, { purpose: "link.open", now: NOW }, SECRET))).toBe(
      "unauthenticated:token.invalid",
    );
  });

  it("refuses any single-character tampering (property)", () => {
    const token = Token.sign(
      { purpose: "link.open", subject: "per_01HXYZ", data: { r: "rpt_1" }, expiresAt: LATER },
      SECRET,
    );
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...alphabet.split("")),
        (index, replacement) => {
          fc.pre(token[index] !== replacement);
          const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
          expect(
            code(() => Token.verify(tampered, { purpose: "link.open", now: NOW }, SECRET)),
          ).toBe("unauthenticated:token.invalid");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a forged payload that extends the expiry", () => {
    const token = Token.sign({ purpose: "link.open", subject: "per_1", expiresAt: NOW }, SECRET);
    const [v, , sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ s: "per_1", e: 4102444800 })).toString("base64url");
    expect(
      code(() => Token.verify(`${v}.${forged}.${sig}`, { purpose: "link.open", now: NOW }, SECRET)),
    ).toBe("unauthenticated:token.invalid");
  });

  it("refuses garbage", () => {
    for (const garbage of ["", "v1", "v1..", "v2.a.b", "x".repeat(5000), "v1.e30.%%%"]) {
      expect(code(() => Token.verify(garbage, { purpose: "link.open", now: NOW }, SECRET))).toBe(
        "unauthenticated:token.invalid",
      );
    }
  });

  it("will not sign or verify with a toy secret", () => {
    expect(() =>
      Token.sign({ purpose: "link.open", subject: "per_1", expiresAt: LATER }, ""),
    ).toThrow(/secret/);
    expect(() => Token.verify("v1.a.b", { purpose: "link.open", now: NOW }, "short")).toThrow(
      /secret/,
    );
  });

  it("rejects malformed claims as input errors", () => {
    expect(
      code(() => Token.sign({ purpose: "Link Open", subject: "p", expiresAt: LATER }, SECRET)),
    ).toBe("input:input.invalid");
  });

  it("hashes secrets with SHA-256 and compares them in constant time", () => {
    expect(Token.hashSecret("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    const secret = Token.randomSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Token.randomSecret()).not.toBe(secret);
    expect(Token.secretsEqual(Token.hashSecret(secret), Token.hashSecret(secret))).toBe(true);
    expect(Token.secretsEqual(Token.hashSecret(secret), Token.hashSecret("other"))).toBe(false);
  });

  it("builds links that carry a verifiable token", () => {
    const url = Token.signedUrl(
      "https://tenggat.sambas.example/",
      "/r/rpt_01H",
      { purpose: "link.open", subject: "per_1", data: { r: "rpt_01H" }, expiresAt: LATER },
      SECRET,
    );
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe("https://tenggat.sambas.example/r/rpt_01H");
    const token = parsed.searchParams.get("t") as string;
    expect(Token.verify(token, { purpose: "link.open", now: NOW }, SECRET).data).toEqual({
      r: "rpt_01H",
    });
    const under = Token.signedUrl(
      "https://pemda.example/tenggat",
      "/r/1",
      { purpose: "link.open", subject: "p", expiresAt: LATER },
      SECRET,
    );
    expect(under.startsWith("https://pemda.example/tenggat/r/1?t=v1.")).toBe(true);
    expect(() =>
      Token.signedUrl(
        "javascript:alert(1)",
        "/x",
        { purpose: "link.open", subject: "p", expiresAt: LATER },
        SECRET,
      ),
    ).toThrow();
  });
});
