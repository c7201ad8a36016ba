import { en } from "./en.ts";
import { type Catalogue, id } from "./id.ts";

export type { Catalogue };

/** The catalogue for a language; Bahasa Indonesia unless the person chose English. */
export function catalogue(lang: string | undefined): Catalogue {
  return lang === "en" ? en : id;
}
