/** The bell of the header: a link to the notifications with the unread count, refreshed on each page and every minute. */
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { getNotifications, UNREAD_CHANGED } from "./api";

const REFRESH_MS = 60_000;

export function NotificationBell() {
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      getNotifications().then(
        (r) => live && setUnread(r.unread),
        // The count is a hint: when it cannot be read, the bell still leads to the page, which says why.
        () => live && setUnread(null),
      );
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    window.addEventListener(UNREAD_CHANGED, refresh);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener(UNREAD_CHANGED, refresh);
    };
  }, [pathname]);

  // The accessible name is the visible text followed by what the eye reads from the badge
  // ("Notifications 3 non lues"): no aria-label that would differ from what is shown (RGAA 6.1.5).
  const rest = unread ? ` non lue${unread > 1 ? "s" : ""}` : ", aucune non lue";
  return (
    <Link to="/notifications" className="fr-btn fr-icon-notification-3-line fr-btn--icon-left" data-testid="cloche">
      Notifications
      {unread ? (
        <>
          {" "}
          <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon fr-ml-1v">{unread}</span>
        </>
      ) : null}
      <span className="fr-sr-only">{rest}</span>
    </Link>
  );
}
