import { build } from "esbuild";
import plugins from "/work/main/infra/esbuild-plugins.mjs";
const [entry] = process.argv.slice(2);
const r = await build({ entryPoints:{bundle: entry}, bundle:true, platform:"node", format:"esm", target:"es2024", mainFields:["module","main"], keepNames:true, minify:true, write:false, metafile:true, plugins, outdir:"/tmp/x3", splitting:true, outExtension:{".js":".mjs"}, logLevel:"silent"});
const outs=r.metafile.outputs; const main=Object.keys(outs).find(k=>k.endsWith("bundle.mjs"));
const seen=new Set(); const st=[main]; const inputs={};
while(st.length){const k=st.pop(); if(seen.has(k)) continue; seen.add(k); const o=outs[k]; for(const [i,v] of Object.entries(o.inputs)) inputs[i]=(inputs[i]??0)+v.bytesInOutput; for(const i of o.imports) if(i.kind==="import-statement" && outs[i.path]) st.push(i.path);}
const rows=Object.entries(inputs).filter(([k])=>!k.includes("node_modules")).sort((a,b)=>b[1]-a[1]);
for (const [k,v] of rows.slice(0,40)) console.log((v/1024).toFixed(1).padStart(7), k);
console.log(main, Object.keys(inputs).length, Object.keys(outs).length);
