import { en } from "./en.ts";
import { type Catalogue, id } from "./id.ts";

export type { Catalogue } from "./id.ts";
export type Lang = "id" | "en";

export const CATALOGUES: Record<Lang, Catalogue> = { id, en };

/** The strings of one language. */
export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}
