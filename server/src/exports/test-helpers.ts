/**
 * What the export tests share: a document holding every node and mark of the editor's schema (with
 * an attached image), and the programs people open exports with — LibreOffice and poppler — run on them.
 */
import { getEditorSchema, CONTENT_FRAGMENT } from "@atelier/editor";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as Y from "yjs";

const run = promisify(execFile);

const t = (text: string, ...marks: (string | { type: string; attrs: object })[]) => ({
  type: "text",
  text,
  ...(marks.length ? { marks: marks.map((m) => (typeof m === "string" ? { type: m } : m)) } : {}),
});
const p = (...content: object[]) => ({ type: "paragraph", content });
const h = (level: number, text: string) => ({ type: "heading", attrs: { level }, content: [t(text)] });
const cell = (type: "tableCell" | "tableHeader", text: string, attrs: object = {}) => ({ type, attrs, content: [p(t(text))] });

/** Every node and mark of the schema, with French words LibreOffice must give back. */
export function everythingJson(imageUrl: string) {
  return {
    type: "doc",
    content: [
      h(1, "Diagnostic partagé"),
      p(
        t("Un texte "),
        t("gras", "bold"),
        t(", "),
        t("italique", "italic"),
        t(", "),
        t("souligné", "underline"),
        t(", "),
        t("barré", "strike"),
        t(", "),
        t("surligné", "highlight"),
        t(", "),
        t("du code", "code"),
        t(" et "),
        t("un lien", { type: "link", attrs: { href: "https://www.egalite-territoires.gouv.fr/" } }),
        t("."),
      ),
      { type: "paragraph", attrs: { textAlign: "center" }, content: [t("Ligne centrée"), { type: "hardBreak" }, t("après un saut de ligne")] },
      h(2, "Pratiques inspirantes"),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [p(t("Première puce")), { type: "bulletList", content: [{ type: "listItem", content: [p(t("Puce imbriquée"))] }] }] },
          { type: "listItem", content: [p(t("Deuxième puce"))] },
        ],
      },
      { type: "orderedList", attrs: { start: 1 }, content: [{ type: "listItem", content: [p(t("Étape une"))] }, { type: "listItem", content: [p(t("Étape deux"))] }] },
      {
        type: "taskList",
        content: [
          { type: "taskItem", attrs: { checked: true }, content: [p(t("Tâche faite"))] },
          { type: "taskItem", attrs: { checked: false }, content: [p(t("Tâche à faire"))] },
        ],
      },
      { type: "blockquote", content: [p(t("Une citation des usagers"))] },
      { type: "codeBlock", attrs: { language: null }, content: [t("const accueil = 'inconditionnel';")] },
      { type: "horizontalRule" },
      h(3, "Leviers d'actions"),
      {
        type: "table",
        content: [
          { type: "tableRow", content: [cell("tableHeader", "Levier"), cell("tableHeader", "Porteur")] },
          { type: "tableRow", content: [cell("tableCell", "Formation commune"), cell("tableCell", "Département")] },
          { type: "tableRow", content: [cell("tableCell", "Cellule fusionnée", { colspan: 2 })] },
        ],
      },
      { type: "image", attrs: { src: imageUrl, alt: "Carte du territoire", title: null } },
      p(t("Fin du document.")),
    ],
  };
}

export function everythingUpdate(imageUrl: string): Uint8Array {
  const ydoc = prosemirrorJSONToYDoc(getEditorSchema(), everythingJson(imageUrl), CONTENT_FRAGMENT);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}

/** Text as the tests compare it: one space between words, none around line ends. */
export const words = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Whether every block of `expected` (blocks separated by blank lines) appears in `actual`, in order:
 * an export adds a cover, a contents list and bullets around the text, and must lose none of it.
 */
export function missingInOrder(expected: string, actual: string): string[] {
  const haystack = words(actual);
  const missing: string[] = [];
  let from = 0;
  for (const block of expected.split(/\n+/).map(words).filter(Boolean)) {
    const at = haystack.indexOf(block, from);
    if (at < 0) missing.push(block);
    else from = at + block.length;
  }
  return missing;
}

/** LibreOffice converts files, each run with its own profile so that parallel runs never share one. */
export async function libreOffice(files: Record<string, Uint8Array>, to: string): Promise<Record<string, Buffer>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-soffice-"));
  try {
    const inputs = await Promise.all(
      Object.entries(files).map(async ([name, data]) => {
        const file = path.join(dir, name);
        await writeFile(file, data);
        return file;
      }),
    );
    await run(
      "soffice",
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--norestore", "--convert-to", to, "--outdir", path.join(dir, "out"), ...inputs],
      { timeout: 180_000 },
    );
    const ext = to.split(":")[0]!;
    const out: Record<string, Buffer> = {};
    for (const name of Object.keys(files)) out[name] = await readFile(path.join(dir, "out", `${path.parse(name).name}.${ext}`));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pdftotext's text of a PDF, and how many images pdfimages finds in it. */
export async function poppler(pdf: Uint8Array): Promise<{ text: string; images: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-pdf-"));
  try {
    const file = path.join(dir, "export.pdf");
    await writeFile(file, pdf);
    const { stdout: text } = await run("pdftotext", [file, "-"]);
    const { stdout: list } = await run("pdfimages", ["-list", file]);
    // Below two header lines, one row per image, and one more per transparency mask ("smask").
    const rows = list.trim().split("\n").slice(2).map((l) => l.trim().split(/\s+/)[2]);
    return { text, images: rows.filter((type) => type === "image").length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
