import { describe, expect, it } from "vitest";
import { IDENTITY_FORMS, LEGITIMATE_TEXTS } from "../../../../test/red-team/forms.ts";
import * as z from "../util/zod.ts";
import { highlight } from "./highlight.ts";
import { Privacy } from "./index.ts";

describe("Privacy.find", () => {
  it.each(IDENTITY_FORMS)("refuses $name", ({ text }) => {
    expect(Privacy.find(text)).toBeDefined();
  });

  it.each(LEGITIMATE_TEXTS)("lets through %s", (text) => {
    expect(Privacy.find(text)).toBeUndefined();
  });

  it("names what it found", () => {
    expect(Privacy.find("6101 0145 0899 0001")).toEqual({
      kind: "nik",
      digits: "6101014508990001",
    });
    expect(Privacy.find("+62 812 3456 7890")?.kind).toBe("phone");
    expect(Privacy.find("paspor X1234567")?.kind).toBe("passport");
  });

  it("normalises every decimal digit system and drops format characters", () => {
    expect(Privacy.normalise("٠١٢٣٤٥٦٧٨٩ ०९ ０９ 1\u200b2")).toBe("0123456789 09 09 12");
  });
});

describe("Privacy.text", () => {
  it("refuses with the guard's code and keeps the path", () => {
    const schema = z.object({ title: Privacy.text(100) });
    const result = schema.safeParse({ title: "0812-3456-7890" });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(["title"]);
    expect(issue && Privacy.isFinding(issue)).toBe(true);
  });

  it("trims, bounds and refuses control characters", () => {
    expect(Privacy.text(5).parse("  abc  ")).toBe("abc");
    expect(Privacy.text(5).safeParse("abcdef").success).toBe(false);
    expect(Privacy.text(50).safeParse("a\u0007b").success).toBe(false);
  });
});

describe("highlight", () => {
  const marked = (text: string) =>
    highlight(text)
      .filter((s) => s.highlight)
      .map((s) => [s.highlight, s.text]);

  it("marks honorifics with names, kinship and places", () => {
    const text =
      "Pendampingan untuk Ibu Siti Aminah binti Abdullah dari Desa Sungai Kunyit, RT 03 dibahas oleh Dinas Sosial.";
    expect(marked(text)).toEqual([
      ["name", "Ibu Siti Aminah binti Abdullah"],
      ["place", "Desa Sungai Kunyit"],
      ["place", "RT 03"],
    ]);
  });

  it("leaves the regulation's and the administration's words alone", () => {
    expect(marked("Rapat Koordinasi Gugus Tugas Kabupaten Sambas pada bulan Desember.")).toEqual(
      [],
    );
  });

  it("marks a capitalised sequence it does not know", () => {
    expect(marked("Korban dijemput oleh Rudi Hartono kemarin.")).toEqual([
      ["name", "Rudi Hartono"],
    ]);
  });

  it("gives back the whole text, segment by segment", () => {
    const text = "Sdr. Budi dari Jl. Merdeka 5 dan 6101 0145 0899 0001.";
    expect(
      highlight(text)
        .map((s) => s.text)
        .join(""),
    ).toBe(text);
    expect(marked(text).map(([k]) => k)).toEqual(["name", "place", "number"]);
  });
});
