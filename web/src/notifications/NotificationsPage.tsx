/** "Mes notifications": what happened on the documents I follow, newest first; read one or all. */
import { ACCESS_NOTIFICATION_KIND_LABELS, NOTIFICATION_KIND_LABELS, type Notification } from "@atelier/shared";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { LoadError } from "../components/LoadError";
import { formatDateTime } from "../shell/time";
import { useAction } from "../shell/useAction";
import { useLoad } from "../shell/useLoad";
import { announceUnreadChanged, getNotifications, markRead } from "./api";

const TITLE = "Mes notifications";
const KIND_LABELS = { ...NOTIFICATION_KIND_LABELS, ...ACCESS_NOTIFICATION_KIND_LABELS };

export function NotificationsPage() {
  const loaded = useLoad(getNotifications, []);
  const { run, pending, error } = useAction();
  const read = async (body: Parameters<typeof markRead>[0], success: string) => {
    if (await run(() => markRead(body), success)) {
      announceUnreadChanged();
      loaded.reload();
    }
  };

  if (loaded.state === "error") return <LoadError title={TITLE} error={loaded.error} />;
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        <Link to="/notifications/preferences" className="fr-link fr-icon-settings-5-line fr-link--icon-left">
          Choisir quels courriels je reçois
        </Link>
      </p>
      <FormError id="notifications-erreur" message={error} />
      {loaded.state === "loading" ? (
        <p>Chargement…</p>
      ) : loaded.data.notifications.length === 0 ? (
        <p>Aucune notification pour l'instant.</p>
      ) : (
        <>
          <p>
            {loaded.data.unread === 0 ? "Tout est lu." : `${loaded.data.unread} non lue${loaded.data.unread > 1 ? "s" : ""}.`}{" "}
            {loaded.data.unread > 0 && (
              <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" disabled={pending}
                onClick={() => void read({ all: true }, "Toutes les notifications sont marquées comme lues.")}>
                Tout marquer comme lu
              </button>
            )}
          </p>
          <ul className="fr-raw-list">
            {loaded.data.notifications.map((n) => (
              <Item key={n.id} n={n} pending={pending} onRead={() => void read({ id: n.id }, "Notification marquée comme lue.")} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Item({ n, pending, onRead }: { n: Notification; pending: boolean; onRead: () => void }) {
  return (
    <li className={`fr-card fr-card--no-arrow fr-mb-2w ${n.readAt ? "" : "fr-card--shadow"}`} data-testid="notification">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <p className="fr-card__desc fr-text--xs fr-mb-1v">
            {KIND_LABELS[n.kind]} · {formatDateTime(n.createdAt, "medium")}
            {n.readAt ? "" : " · "}
            {!n.readAt && <strong>non lue</strong>}
          </p>
          <p className="fr-mb-1w">
            <Link to={n.link} onClick={() => !n.readAt && onRead()}>
              {n.summary}
            </Link>
          </p>
          {!n.readAt && (
            <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" disabled={pending} onClick={onRead}>
              Marquer comme lue
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

export default NotificationsPage;
