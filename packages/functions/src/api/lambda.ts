import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";

/** The API on Lambda (function URL / API Gateway v2 events). */
export const handler = handle(createApp());
