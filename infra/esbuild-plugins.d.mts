import type { Plugin } from "esbuild";

export function zodOneLocale(keep?: string): Plugin;
declare const plugins: Plugin[];
export default plugins;
