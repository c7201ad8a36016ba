/**
 * A whole Tenggat for a test file: embedded DynamoDB and SES on free ports, the Sambas task
 * force installed with its sample people, and the real HTTP app. Sign-in goes through the real
 * mail: the link is read back from the embedded SES.
 */

import type { Seed } from "@tenggat/core/seed";
import { clearMail, type Embedded, sentMail, start } from "@tenggat/local/embedded";
import { sambasSeed } from "@tenggat/local/sambas";
import { install } from "./installed.ts";

export interface World {
  stores: Embedded;
  app: {
    request: (path: string, init?: RequestInit, env?: object) => Response | Promise<Response>;
  };
  tenant: string;
  /** Signs in through the e-mailed one-time link; returns the session token. */
  signIn(email: string): Promise<string>;
  /**
   * JSON request with an optional session token. The body is `any` on purpose: the scenarios
   * read the answers they assert on field by field, and an answer of another shape fails the
   * assertion that reads it.
   */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
    // biome-ignore lint/suspicious/noExplicitAny: the JSON answers the scenarios assert on
  ): Promise<{ status: number; body: any }>;
  mail(): ReturnType<typeof sentMail>;
  stop(): Promise<void>;
}

export async function world(
  options: {
    clock?: () => Date;
    trackFrom?: string;
    /** More task forces installed after Sambas, in the same table. */
    also?: Seed.SeedInput[];
  } = {},
): Promise<World> {
  const stores = await start();
  const { createApp } = await import("@tenggat/functions/api/app");
  // The installation as `Seed.install` makes it, copied when an earlier file made the same one.
  await install(stores.tableName, [
    { ...sambasSeed(), ...(options.trackFrom ? { trackFrom: options.trackFrom } : {}) },
    ...(options.also ?? []),
  ]);
  const app = createApp(options.clock ? { clock: options.clock } : {});
  const tenant = "sambas";

  async function call(method: string, path: string, o: { token?: string; body?: unknown } = {}) {
    const response = await app.request(path, {
      method,
      headers: {
        ...(o.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
    return { status: response.status, body: body as any };
  }

  async function signIn(email: string): Promise<string> {
    await clearMail(stores.sesUrl);
    const asked = await call("POST", "/v1/auth/sign-in", { body: { taskForce: tenant, email } });
    if (asked.status !== 202)
      throw new Error(`sign-in request: ${asked.status} ${JSON.stringify(asked.body)}`);
    const mails = await sentMail(stores.sesUrl);
    const mail = mails.find((m) => m.destination.to.some((t) => t.includes(email)));
    const code = mail?.body.text?.match(/[?&]code=([A-Za-z0-9_-]+)/)?.[1];
    if (!code) throw new Error(`no sign-in link mailed to ${email}`);
    const verified = await call("POST", "/v1/auth/verify", { body: { taskForce: tenant, code } });
    if (verified.status !== 200)
      throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
    return verified.body.token as string;
  }

  return {
    stores,
    app,
    tenant,
    signIn,
    call,
    mail: () => sentMail(stores.sesUrl),
    stop: () => stores.stop(),
  };
}
