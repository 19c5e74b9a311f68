/**
 * The parent committee and the regional COPILs: a link where the person may open them, otherwise
 * the name and the way to ask for access (the refused space's page holds the request form).
 */
import { SPACE_LEVEL_LABELS, type RelatedSpace } from "@atelier/shared";
import { Link } from "react-router";

function Related({ space }: { space: RelatedSpace }) {
  if (space.readable) return <Link to={`/espaces/${space.id}`}>{space.name}</Link>;
  return (
    <>
      {space.name}{" "}
      <Link to={`/espaces/${space.id}`} className="fr-link fr-link--sm" aria-label={`Demander l'accès à ${space.name}`}>
        Demander l'accès
      </Link>
    </>
  );
}

export function RelatedSpaces({ parent, children }: { parent: RelatedSpace | null; children: RelatedSpace[] }) {
  if (!parent && children.length === 0) return null;
  return (
    <section className="fr-mb-6w" aria-labelledby="comites-titre">
      <h2 id="comites-titre" className="fr-h4">Comités liés</h2>
      {parent && (
        <p>
          {SPACE_LEVEL_LABELS[parent.level]} de rattachement : <Related space={parent} />
        </p>
      )}
      {children.length > 0 && (
        <>
          <h3 className="fr-h6">COPIL régionaux</h3>
          <ul>
            {children.map((c) => (
              <li key={c.id}>
                <Related space={c} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
