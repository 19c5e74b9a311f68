import { lazy, Suspense } from "react";
import { PROCONNECT_LOGIN } from "../../api/auth";

// Loaded only where ProConnect is offered: the pages stay light for the others.
const ProConnectButton = lazy(() => import("@codegouvfr/react-dsfr/ProConnectButton"));

/** The official "S'identifier avec ProConnect" button, with its "Qu'est-ce que ProConnect ?" link. */
export function ProConnectSignIn() {
  return (
    <Suspense fallback={<a href={PROCONNECT_LOGIN}>S'identifier avec ProConnect</a>}>
      <ProConnectButton url={PROCONNECT_LOGIN} />
    </Suspense>
  );
}
