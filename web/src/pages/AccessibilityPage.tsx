export function AccessibilityPage() {
  return (
    <>
      <h1>Accessibilité</h1>
      <p>
        Atelier est développé en suivant le référentiel général d'amélioration de l'accessibilité (RGAA) et le système
        de design de l'État (DSFR). Il n'a pas encore été audité : il est donc déclaré <strong>non conforme</strong>.
      </p>
      <p>
        Si vous rencontrez une difficulté pour utiliser Atelier, signalez-la à l'équipe du programme : nous vous
        proposerons une solution, et corrigerons le problème.
      </p>
    </>
  );
}
