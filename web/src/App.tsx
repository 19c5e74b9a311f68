import { Header } from "@codegouvfr/react-dsfr/Header";
import { Footer } from "@codegouvfr/react-dsfr/Footer";

export function App() {
  return (
    <>
      <Header brandTop={<>République<br />Française</>} serviceTitle="Atelier" serviceTagline="États généraux du travail social" homeLinkProps={{ href: "/", title: "Accueil — Atelier" }} />
      <main id="contenu" className="fr-container fr-my-6w">
        <h1>Atelier</h1>
      </main>
      <Footer accessibility="non compliant" />
    </>
  );
}
