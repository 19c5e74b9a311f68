/** The national synthesis: a synthèse gathering the sections of documents from the territories, and its sources. */
import { z } from "zod";
import { text } from "./common.js";

/** At most this many sources in one synthèse: far more than the programme's committees. */
export const MAX_SYNTHESIS_SOURCES = 100;

export const CreateSynthesisBody = z.strictObject({
  title: text(200),
  sources: z
    .array(z.uuid("Un document source n'est pas valide."))
    .min(1, "Choisissez au moins un document source.")
    .max(MAX_SYNTHESIS_SOURCES, `Une synthèse reprend au plus ${MAX_SYNTHESIS_SOURCES} documents.`),
});
export type CreateSynthesisBody = z.infer<typeof CreateSynthesisBody>;

export const CreateSynthesisReply = z.object({ id: z.string() });
export type CreateSynthesisReply = z.infer<typeof CreateSynthesisReply>;

export const AddSynthesisSourceBody = z.strictObject({ documentId: z.uuid("Ce document source n'est pas valide.") });
export type AddSynthesisSourceBody = z.infer<typeof AddSynthesisSourceBody>;

export const SynthesisSource = z.object({
  documentId: z.string(),
  title: z.string(),
  /** The committee (space) it comes from. */
  spaceName: z.string(),
  /** The heading its text stands under in the synthèse. */
  label: z.string(),
  /** The version of the source the synthèse holds. */
  version: z.object({ id: z.string(), createdAt: z.string() }),
  /** The source's text is no longer that version's: "modifié depuis", compared with the version's diff. */
  changedSince: z.boolean(),
  /** Whether the caller may read the source (and so compare it or refresh it). */
  canRead: z.boolean(),
  /** The source moved to the trash or deleted: it can no longer be refreshed. */
  gone: z.boolean(),
  addedAt: z.string(),
});
export type SynthesisSource = z.infer<typeof SynthesisSource>;

export const SynthesisReply = z.object({
  sources: z.array(SynthesisSource),
  /** Whether the caller may add and refresh sources (write the synthèse's text). */
  can: z.object({ edit: z.boolean() }),
});
export type SynthesisReply = z.infer<typeof SynthesisReply>;
