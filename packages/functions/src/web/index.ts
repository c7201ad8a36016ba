/**
 * The web console: server-rendered pages on the same Hono app as the API (`hono/jsx`), calling
 * core under the same `Actor` and policy. Mounted by `createApp` with `app.route("/", web)`.
 */
import { Hono } from "hono";
import { account } from "./account.tsx";
import { assets } from "./assets.ts";
import { audit } from "./audit.tsx";
import { dashboard } from "./dashboard.tsx";
import { home } from "./home.tsx";
import { meetings } from "./meeting.tsx";
import { people } from "./people.tsx";
import { reminderPreview } from "./reminder.tsx";
import { reports } from "./report.tsx";
import { settings } from "./settings.tsx";
import { signin } from "./signin.tsx";
import { submissions } from "./submissions.tsx";
import { things } from "./things.tsx";

export { errorPage, notFoundPage } from "./context.tsx";
export { isPage, LOCAL_JOBS } from "./paths.ts";
export { guard, headers } from "./security.ts";

export const web = new Hono();

web.route("/", assets);
web.route("/", signin);
web.route("/", home);
web.route("/", account);
web.route("/", reports);
web.route("/", things);
web.route("/", dashboard);
web.route("/", meetings);
web.route("/", audit);
web.route("/", people);
web.route("/", settings);
web.route("/", submissions);
web.route("/", reminderPreview);
