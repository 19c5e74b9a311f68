import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>L'adresse saisie ne correspond à aucune page d'Atelier. Vérifiez-la, ou repartez de vos espaces.</p>
      <Link to="/espaces" className="fr-btn">
        Mes espaces
      </Link>
    </>
  );
}
