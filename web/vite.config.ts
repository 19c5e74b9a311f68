import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { dsfrThemeColorsOnly } from "./build/dsfr-colors";
import { dsfrUsedIcons } from "./build/dsfr-icons";
import { dsfrAppStylesheet } from "./build/dsfr-stylesheet";
import { precompress } from "./build/precompress";

// In development the API and the collaboration socket are the server's (port 3000).
export default defineConfig({
  plugins: [react(), dsfrUsedIcons(), dsfrAppStylesheet(), dsfrThemeColorsOnly(), precompress()],
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
  build: { sourcemap: true },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}", "build/**/*.test.ts"] },
});
