import { programme } from "@atelier/shared";
import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { getEditorSchema } from "./schema.js";
import { documentTemplate, isTemplateKind, TEMPLATE_DESCRIPTIONS, TEMPLATE_KINDS } from "./templates.js";

const headings = (json: JSONContent) =>
  (json.content ?? []).filter((n) => n.type === "heading").map((n) => n.content?.map((t) => t.text).join(""));

describe("document templates", () => {
  it.each(TEMPLATE_KINDS)("the %s template is a valid document of the editor schema", (kind) => {
    const node = getEditorSchema().nodeFromJSON(documentTemplate(kind));
    expect(() => node.check()).not.toThrow();
    expect(node.childCount).toBeGreaterThan(1);
    // Without a trailing-node plugin, a paragraph at the end is what lets people write after a table or a list.
    expect(node.lastChild?.type.name).toBe("paragraph");
  });

  it.each(["livrable", "synthese", "compte-rendu"] as const)("describes the %s by the sections its template holds", (kind) => {
    const said = TEMPLATE_DESCRIPTIONS[kind].toLowerCase();
    for (const h of headings(documentTemplate(kind))) expect(said).toContain(h!.toLowerCase());
  });

  it("follows the programme's sections for the livrable and the synthèse", () => {
    expect(headings(documentTemplate("livrable"))).toEqual([
      "Contexte",
      "Premier état des lieux",
      "Pratiques inspirantes",
      "Leviers d'actions",
      "Annexes",
    ]);
    expect(headings(documentTemplate("synthese"))).toEqual(["Diagnostic partagé", "Pratiques inspirantes", "Leviers d'actions"]);
  });

  it("gives the compte rendu its date, participants, agenda and decisions table", () => {
    const json = documentTemplate("compte-rendu");
    expect(headings(json)).toEqual(["Date de la réunion", "Participants", "Ordre du jour", "Relevé de décisions"]);
    expect(json.content?.map((n) => n.type)).toEqual(
      expect.arrayContaining(["bulletList", "orderedList", "table"]),
    );
  });

  it("lists every field of the fiche projet, and the programme's actors in the diagnostic", () => {
    expect(headings(documentTemplate("fiche-pratique"))).toEqual(programme.fichePratiqueFields);
    const actors = documentTemplate("diagnostic").content?.find((n) => n.type === "taskList");
    expect(actors?.content?.map((item) => item.content?.[0]?.content?.[0]?.text)).toEqual(programme.actors);
  });

  it("has no template for uploaded resources", () => {
    expect(isTemplateKind("ressource")).toBe(false);
    expect(isTemplateKind("livrable")).toBe(true);
  });
});
