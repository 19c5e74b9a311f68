/** Why a file has no preview: for the preview process and its parent alike (no converter loaded). */
/** Why a file has no preview, in the words the preview's message ends with. */
export const REASONS = {
  slow: "trop long à lire",
  tooBig: "trop volumineux pour être prévisualisé",
  bomb: "trop volumineux une fois décompressé",
  encrypted: "fichier chiffré",
  damaged: "fichier endommagé",
} as const;

export class Refused extends Error {
  constructor(readonly reason: (typeof REASONS)[keyof typeof REASONS]) {
    super(reason);
  }
}
