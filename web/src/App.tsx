import { createBrowserRouter, RouterProvider } from "react-router";
import { ROUTES } from "./routes";
import { AnnouncerProvider } from "./shell/announcer";
import { Layout } from "./shell/Layout";
import { RoutePage } from "./shell/RoutePage";
import { SessionProvider } from "./shell/session";

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: ROUTES.map((route) => ({ path: route.path, element: <RoutePage route={route} /> })),
  },
]);

export function App() {
  return (
    <SessionProvider>
      <AnnouncerProvider>
        <RouterProvider router={router} />
      </AnnouncerProvider>
    </SessionProvider>
  );
}
