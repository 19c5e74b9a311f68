/** Why a file could not be imported, in the words shown after "Le fichier n'a pas pu être importé : ". */
export const REASONS = {
  damaged: "il est endommagé ou incomplet",
  bomb: "il est trop volumineux une fois décompressé",
  entities: "il contient des déclarations d'entités XML, refusées par sécurité",
  encrypted: "il est protégé par un mot de passe",
  slow: "sa conversion a pris trop de temps",
  tooBig: "sa conversion demande trop de mémoire",
  notDocx: "ce n'est pas un document Word (.docx) valide",
  notOdt: "ce n'est pas un document OpenDocument texte (.odt) valide",
  notText: "ce n'est pas un fichier texte en UTF-8",
} as const;

/** Thrown by a reader when the file itself is the problem; anything else thrown means "damaged". */
export class Refused extends Error {
  constructor(readonly reason: (typeof REASONS)[keyof typeof REASONS]) {
    super(reason);
  }
}
