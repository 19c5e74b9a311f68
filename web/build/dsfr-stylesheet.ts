/**
 * The app's DSFR stylesheet, made at build time: the core and only the components the sources use
 * (react-dsfr's own detection and rebuild from the DSFR's per-component files), and Marianne/Spectral
 * split by `unicode-range` into a Latin subset — what French text needs, ≈ 40 % of each font — and the
 * full font, which a browser fetches only for a page holding other characters. Nothing is lost: every
 * glyph of the DSFR's fonts is still reachable. index.html's link to the full dsfr.min.css is pointed at
 * the result; development keeps the full stylesheet. The DSFR's files in node_modules are left untouched
 * (react-dsfr's `only-include-used-components` rewrites them in place, and pnpm's files are the store's).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import subsetFont from "subset-font";
import type { Plugin } from "vite";

/** The DSFR's generator, in its own module (CommonJS, untyped). */
interface DsfrCssTools {
  getReactDsfrImportedModuleIds(p: { rawFileContent: string }): string[];
  resolveModuleIdToDsfrComponents(p: { moduleId: string }): string[] | undefined;
  detectDsfrComponentsFromClassNames(p: { rawFileContent: string }): string[];
  generateDsfrCssCode(p: { dsfrComponents: string[]; isMinified: boolean; readDsfrFile: (rel: string) => string | undefined }): string;
}

/** Latin-1, Latin Extended-A (names from all of Europe), the punctuation and symbols of French text. */
const LATIN: Array<[number, number]> = [
  [0x0000, 0x017f],
  [0x02c6, 0x02c6],
  [0x02da, 0x02da],
  [0x02dc, 0x02dc],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
];
const LAST = 0x10ffff;

const hex = (n: number) => n.toString(16).toUpperCase();
const range = ([a, b]: [number, number]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`);

/** Every code point outside LATIN, as ranges. */
function complement(ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [a, b] of ranges) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= LAST) out.push([next, LAST]);
  return out;
}

const latinText = () => LATIN.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).join("");
const shortHash = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex").slice(0, 8);

export function dsfrAppStylesheet(): Plugin {
  let root = "";
  let sheet = "";
  return {
    name: "atelier:dsfr-stylesheet",
    apply: "build",
    configResolved(config) {
      root = config.root;
    },
    // Made before the bundle, so that index.html (transformed while the bundle is written) can link it.
    async buildStart() {
      const require = createRequire(path.join(root, "package.json"));
      const bin = require.resolve("@codegouvfr/react-dsfr/bin/only-include-used-components.js");
      const tools = require(bin) as DsfrCssTools;
      const dsfrDir = path.join(path.dirname(bin), "..", "dsfr");

      const used = new Set<string>();
      const sources = (await readdir(path.join(root, "src"), { recursive: true })).filter((f) => /\.(tsx?|jsx?)$/.test(f));
      for (const file of sources) {
        const raw = await readFile(path.join(root, "src", file), "utf8");
        for (const moduleId of tools.getReactDsfrImportedModuleIds({ rawFileContent: raw })) {
          const components = tools.resolveModuleIdToDsfrComponents({ moduleId });
          if (!components) this.error(`react-dsfr module ${moduleId} (in src/${file}) is unknown to the stylesheet's detection`);
          components.forEach((c) => used.add(c));
        }
        tools.detectDsfrComponentsFromClassNames({ rawFileContent: raw }).forEach((c) => used.add(c));
      }
      let css = tools.generateDsfrCssCode({
        dsfrComponents: [...used],
        isMinified: true,
        readDsfrFile: (rel) => {
          const file = path.join(dsfrDir, rel);
          return existsSync(file) ? readFileSync(file, "utf8") : undefined;
        },
      });

      // Each @font-face becomes two: the Latin subset first, the whole font for everything else.
      const latin = latinText();
      const subsets = new Map<string, string>();
      const faces = [...css.matchAll(/@font-face\{[^}]*\}/g)].map((m) => m[0]);
      for (const face of faces) {
        const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(face)?.[1];
        if (!woff2) continue;
        let subsetUrl = subsets.get(woff2);
        if (!subsetUrl) {
          const font = await subsetFont(await readFile(path.join(dsfrDir, woff2)), latin, { targetFormat: "woff2" });
          const fileName = `dsfr/${woff2.replace(/\.woff2$/, `.latin-${shortHash(font)}.woff2`)}`;
          this.emitFile({ type: "asset", fileName, source: font });
          subsetUrl = fileName.slice("dsfr/".length);
          subsets.set(woff2, subsetUrl);
        }
        const body = face.slice("@font-face{".length, -1);
        const subsetFace = `@font-face{${body.replace(/src:[^;}]+/, `src:url(${subsetUrl}) format("woff2")`)};unicode-range:${LATIN.map(range).join(",")}}`;
        const restFace = `@font-face{${body};unicode-range:${complement(LATIN).map(range).join(",")}}`;
        css = css.replace(face, subsetFace + restFace);
      }

      // Beside the DSFR's own files, so its relative url()s (fonts, icons, artwork) still resolve.
      sheet = `dsfr/dsfr.atelier-${shortHash(css)}.min.css`;
      this.emitFile({ type: "asset", fileName: sheet, source: css });
    },
    transformIndexHtml: {
      order: "post",
      handler(html) {
        if (!sheet) throw new Error("the app's DSFR stylesheet was not built");
        const link = /href="\/dsfr\/dsfr\.min\.css[^"]*"/;
        if (!link.test(html)) throw new Error("index.html no longer links /dsfr/dsfr.min.css");
        return html.replace(link, `href="/${sheet}"`);
      },
    },
  };
}
