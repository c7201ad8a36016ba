/**
 * The console's two static assets, served by the app itself (no CDN): the stylesheet and a few
 * lines of progressive enhancement. Both are cacheable for a year; `ASSET_VERSION` busts them.
 */
import { Hono } from "hono";
import { STYLESHEET } from "./style.ts";

/** Progressive enhancement only: every page works without it. Focus the error summary. */
const SCRIPT = `document.addEventListener("DOMContentLoaded",function(){var s=document.querySelector(".error-summary");if(s)s.focus();});`;

export const assets = new Hono();

const CACHE = "public, max-age=31536000, immutable";

assets.get("/aset/gaya.css", (c) =>
  c.body(STYLESHEET, 200, { "content-type": "text/css; charset=utf-8", "cache-control": CACHE }),
);
assets.get("/aset/app.js", (c) =>
  c.body(SCRIPT, 200, {
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": CACHE,
  }),
);
