import type { CollaborationStatus } from "./useCollaboration";

const LABELS = {
  connected: { text: "Connecté", badge: "fr-badge--success" },
  connecting: { text: "Connexion…", badge: "fr-badge--info" },
  reconnecting: { text: "Reconnexion…", badge: "fr-badge--warning" },
  offline: { text: "Hors ligne", badge: "fr-badge--error" },
} as const;

/** The state of the link to the server, announced politely to screen readers when it changes. */
export function ConnectionStatus({ status }: { status: CollaborationStatus }) {
  const { text, badge } = LABELS[status.state];
  const unsynced = status.state !== "connected" && status.unsynced;
  return (
    <div role="status" className="atelier-connection">
      <p className={`fr-badge fr-badge--sm ${badge}`} data-testid="connection-state">
        {text}
        {unsynced && " — modifications non synchronisées"}
      </p>
      {unsynced && (
        <p className="fr-text--xs fr-mb-0">Vos modifications sont gardées dans ce navigateur et seront envoyées dès le retour de la connexion.</p>
      )}
      {status.transient && status.state !== "connected" && <p className="fr-text--xs fr-mb-0">{status.transient.message}</p>}
    </div>
  );
}
