import { FILE_KIND_LABELS, FILE_KINDS, slugify, type FileKind } from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { badRequest, conflict } from "../http/errors.js";

/** The programme's kinds, then those the space's pilotes added. */
export async function listKinds(q: Queryable, spaceId: string): Promise<FileKind[]> {
  const custom = await q.query<{ slug: string; label: string }>(
    "SELECT slug, label FROM file_kinds WHERE space_id = $1 ORDER BY lower(label)",
    [spaceId],
  );
  return [
    ...FILE_KINDS.map((slug) => ({ slug, label: FILE_KIND_LABELS[slug], custom: false })),
    ...custom.map((k) => ({ ...k, custom: true })),
  ];
}

export async function addKind(q: Queryable, spaceId: string, label: string, userId: string): Promise<FileKind> {
  const slug = slugify(label).slice(0, 60).replace(/-$/, "");
  if (!slug) throw badRequest("invalid_input", "Le nom du type doit contenir des lettres ou des chiffres.");
  const existing = await listKinds(q, spaceId);
  if (existing.some((k) => k.slug === slug)) throw conflict("kind_exists", `Le type « ${label} » existe déjà.`);
  await q.query("INSERT INTO file_kinds (space_id, slug, label, created_by) VALUES ($1, $2, $3, $4)", [
    spaceId,
    slug,
    label,
    userId,
  ]);
  return { slug, label, custom: true };
}

/** Throws unless `kind` is one of the space's kinds. */
export async function assertKind(q: Queryable, spaceId: string, kind: string): Promise<void> {
  if ((FILE_KINDS as readonly string[]).includes(kind)) return;
  const [row] = await q.query("SELECT 1 FROM file_kinds WHERE space_id = $1 AND slug = $2", [spaceId, kind]);
  if (!row) throw badRequest("unknown_kind", `Type de document inconnu dans cet espace : « ${kind} ».`);
}
