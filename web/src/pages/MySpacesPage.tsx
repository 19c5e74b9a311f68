import { SPACE_LEVEL_LABELS, STANDING_LABELS, type SpaceSummary } from "@atelier/shared";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import { LoadError } from "../components/LoadError";
import { getHome } from "../home/api";
import { LatestDocuments, Waiting } from "../home/HomeSections";
import { useLoad } from "../shell/useLoad";

interface Node {
  space: SpaceSummary;
  children: Node[];
}

/** The programme's shape: national → territorial → regional. A space whose parent I do not reach is a root. */
export function spaceTree(spaces: SpaceSummary[]): Node[] {
  const nodes = new Map(spaces.map((space) => [space.id, { space, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.space.parentId ? nodes.get(node.space.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: Node[]) => {
    list.sort((a, b) => a.space.name.localeCompare(b.space.name, "fr"));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function SpaceList({ nodes }: { nodes: Node[] }) {
  return (
    <ul className="atelier-tree">
      {nodes.map(({ space, children }) => (
        <li key={space.id}>
          <p className="fr-mb-1v">
            <Link to={`/espaces/${space.id}`} className="fr-link fr-text--lg">
              {space.name}
            </Link>{" "}
            <span className="fr-text--sm fr-text-mention--grey">{SPACE_LEVEL_LABELS[space.level]}</span>
          </p>
          <p className="fr-mb-2w">
            <Badge as="span" small severity="info" noIcon>
              {STANDING_LABELS[space.role]}
            </Badge>{" "}
            {space.archived && (
              <Badge as="span" small noIcon>
                Archivé
              </Badge>
            )}
          </p>
          {children.length > 0 && <SpaceList nodes={children} />}
        </li>
      ))}
    </ul>
  );
}

export function MySpacesPage() {
  const home = useLoad(getHome, []);
  if (home.state === "loading") return <p>Chargement de vos espaces…</p>;
  if (home.state === "error") return <LoadError title="Mes espaces" error={home.error} />;
  const { committees, toReview } = home.data;
  if (committees.length === 0) {
    return (
      <>
        <h1>Mes espaces</h1>
        <p>Vous n'avez encore accès à aucun espace.</p>
        <p>
          L'annuaire liste tous les comités de pilotage : trouvez celui où vous devez travailler et demandez l'accès à ses
          pilotes.
        </p>
        <p>
          <Link to="/annuaire" className="fr-btn">
            Parcourir l'annuaire des comités
          </Link>
        </p>
        <Waiting toReview={toReview} />
      </>
    );
  }
  return (
    <>
      <h1>Mes espaces</h1>
      <Waiting toReview={toReview} />
      <LatestDocuments committees={committees} />
      <section aria-labelledby="comites-titre" className="fr-mb-6w">
        <h2 id="comites-titre">Mes comités</h2>
        <p>Les comités de pilotage auxquels vous avez accès, et votre rôle dans chacun.</p>
        <nav aria-label="Mes espaces" data-testid="mes-espaces">
          <SpaceList nodes={spaceTree(committees.map((c) => c.space))} />
        </nav>
        <p>
          <Link to="/annuaire" className="fr-link">
            Trouver un autre comité dans l'annuaire
          </Link>
        </p>
      </section>
    </>
  );
}
