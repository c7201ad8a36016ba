import type { Plugin } from "esbuild";

export function zodOneLocale(keep?: string): Plugin;
export function credentialsFromEnvironment(): Plugin;
declare const plugins: Plugin[];
export default plugins;
