// Bundles the console into target/classes/console/, where the Maven build packs it (and the local
// runner serves it from the class path). No network: everything comes from node_modules.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

const out = "target/classes/console";
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.tsx"],
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ["es2022"],
  outfile: `${out}/app.js`,
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
for (const file of ["index.html", "styles.css"]) {
  copyFileSync(`src/${file}`, `${out}/${file}`);
}
