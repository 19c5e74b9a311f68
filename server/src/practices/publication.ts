/**
 * Publishing a fiche pratique: a snapshot of its fields, taken from the stored content when its
 * pilote publishes (re-publishing takes a new one), so that the public page shows what the pilote
 * chose to show and not the text as it is being written. The site follows the document without
 * waiting for anyone: moved to the trash, deleted, no longer a fiche pratique, or its consent field
 * no longer saying "oui", it is off the site at once (the documents' events on the bus). Its images
 * are served from the practice's own address while the snapshot shows them (public-site/images.ts).
 */
import { PRACTICE_FIELDS } from "@atelier/shared";
import type { Node } from "@tiptap/pm/model";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { loadYDoc } from "../documents/content.js";
import { findDocument, type DocumentRow } from "../documents/queries.js";
import { HttpError } from "../http/errors.js";
import { publicImages } from "../public-site/images.js";
import { practicePath } from "./cards.js";
import { ficheConsent, ficheFields } from "./fiche.js";
import { deletePractice, practiceOfDocument, practiceSlug, savePractice } from "./queries.js";

const firstLine = (text: string) => text.split("\n")[0]!.trim().slice(0, 120);

export async function currentFields(q: Queryable, documentId: string, html?: (body: Node) => string) {
  const ydoc = await loadYDoc(q, documentId);
  try {
    return ficheFields(ydoc, html);
  } finally {
    ydoc.destroy();
  }
}

/** The fiche's consent as its text says now. */
export const currentConsent = async (q: Queryable, documentId: string) => ficheConsent(await currentFields(q, documentId));

/** Publishes the document's current fields; a 409 naming the reason when it may not be. */
export async function publishPractice(q: Queryable, doc: DocumentRow, userId: string): Promise<void> {
  if (doc.kind !== "fiche-pratique") throw new HttpError(409, "not_a_practice", "Seule une fiche pratique inspirante peut être publiée sur le site.");
  // The images are the practice's to serve, from its page's address: known before the HTML is written.
  const slug = await practiceSlug(q, doc.title, doc.id);
  const images = publicImages(practicePath({ slug }));
  const fields = await currentFields(q, doc.id, images.html);
  if (ficheConsent(fields) !== "oui") {
    throw new HttpError(409, "no_consent", "La rubrique « Accord pour diffusion publique » doit indiquer « oui » pour que la fiche soit publiée.");
  }
  const description = fields.get("description")?.text ?? "";
  if (!description) throw new HttpError(409, "empty_practice", "La rubrique « Description du projet » est vide : complétez-la avant de publier.");
  // The consent is the pilote's to check, not the public's to read.
  const published = PRACTICE_FIELDS.flatMap(({ key }) => {
    const f = fields.get(key);
    return key === "accord" || !f?.text ? [] : [f];
  });
  await savePractice(q, {
    documentId: doc.id,
    spaceId: doc.space_id,
    slug,
    title: doc.title,
    fields: published,
    images: images.shownIn(published.map((f) => f.html)),
    themes: doc.themes,
    targetPublic: firstLine(fields.get("public")?.text ?? ""),
    establishment: firstLine(fields.get("etablissement")?.text ?? ""),
    userId,
  });
}

/** Whether a published document may stay on the site as it is now. */
async function mayStay(q: Queryable, documentId: string): Promise<boolean> {
  const doc = await findDocument(q, documentId);
  return !!doc && !doc.trashed_at && doc.kind === "fiche-pratique" && (await currentConsent(q, documentId)) === "oui";
}

export function subscribePractices(s: Services): void {
  const follow = async (q: Queryable, documentId: string) => {
    if ((await practiceOfDocument(q, documentId)) && !(await mayStay(q, documentId))) await deletePractice(q, documentId);
  };
  s.bus.on("documentChanged", (q, e) => follow(q, e.documentId));
  s.bus.on("documentContentStored", (q, e) => follow(q, e.documentId));
}
