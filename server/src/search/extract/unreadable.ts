/** Why a file's text could not be read, in the words shown after "contenu non indexé : ". */
export const REASONS = {
  encrypted: "fichier chiffré",
  damaged: "fichier endommagé",
  slow: "trop long à lire",
  bomb: "trop volumineux une fois décompressé",
  tooBig: "trop volumineux pour être lu",
  unsupported: "format non pris en charge",
  noText: "aucun texte lisible (document numérisé ?)",
} as const;

/** Thrown by a format's reader when the file itself is the problem; anything else thrown means "damaged". */
export class Unreadable extends Error {
  constructor(readonly reason: (typeof REASONS)[keyof typeof REASONS]) {
    super(reason);
  }
}
