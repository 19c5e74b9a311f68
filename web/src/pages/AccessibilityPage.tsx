export function AccessibilityPage() {
  return (
    <>
      <h1>Accessibilité</h1>
      <h2>État de conformité</h2>
      <p>
        Atelier est développé en suivant le référentiel général d'amélioration de l'accessibilité (RGAA 4.1) et le
        système de design de l'État (DSFR). Aucun audit de conformité n'a encore été réalisé : Atelier est donc
        déclaré <strong>partiellement conforme</strong> au RGAA, sans taux de conformité mesuré.
      </p>
      <h2>Ce qui est vérifié</h2>
      <ul>
        <li>
          Des contrôles automatiques (outil axe-core) sur chaque page et chaque état parcourus par les tests du
          logiciel : aucune erreur grave ou critique n'est admise.
        </li>
        <li>
          L'usage au clavier repose sur les composants du DSFR ; il a été essayé sur la connexion et l'édition, sans
          vérification systématique de chaque page.
        </li>
      </ul>
      <h2>Non-conformités connues</h2>
      <ul>
        <li>Les contrôles automatiques ne couvrent qu'une partie des critères du RGAA ; le reste n'a pas été évalué.</li>
        <li>Aucun test n'a encore été mené avec des lecteurs d'écran ni avec des personnes en situation de handicap.</li>
        <li>
          L'éditeur de documents partagé (présence des autres rédacteurs, commentaires dans le texte) n'a pas été
          évalué avec les technologies d'assistance.
        </li>
      </ul>
      <h2>Signaler un problème</h2>
      <p>
        Si vous rencontrez une difficulté pour utiliser Atelier, signalez-la à l'équipe du programme : nous vous
        proposerons une solution, et corrigerons le problème.
      </p>
    </>
  );
}
