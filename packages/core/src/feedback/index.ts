export * as Feedback from "./index.ts";

import { confirmEvent } from "../ledger/event.ts";
import { apply as suppress } from "../suppression/feedback.ts";

/**
 * SES's events of the configuration set (through SNS), applied: a Send event of a ledger mail
 * confirms its entry (`Ledger.confirmEvent`), a bounce or complaint records the addresses and
 * suppresses the hard ones (`Suppression.apply`). Its own area so that the SES feedback Lambda
 * imports just these two halves (no zod, no SES client, no mail rendering: issue 12).
 */
export async function apply(
  payload: unknown,
  at: Date,
): Promise<{ confirmed: boolean; suppressed: string[] }> {
  const confirmed = (await confirmEvent(payload)) === "confirmed";
  return { confirmed, suppressed: await suppress(payload, at) };
}
