/**
 * zod's lean API, `zod/mini`: functions instead of methods (`z.optional(s)`,
 * `s.check(z.minLength(1))`), so a Lambda bundles only the parts it uses — the classic API's
 * methods live on prototypes and always come whole (issue #12).
 *
 * Unlike the classic API, `zod/mini` loads no messages of its own: every issue would read
 * "Invalid input". This module installs the English messages the classic API used, once, so
 * errors naming the field read as before ("Too small: expected string to have >=1 characters").
 * Import `z` from here, not from `zod/mini`, in core.
 */

import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());

export { z };
