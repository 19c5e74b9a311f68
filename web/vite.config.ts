import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// In development the API and the collaboration socket are the server's (port 3000).
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
  build: { sourcemap: true },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"] },
});
