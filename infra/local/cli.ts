/**
 * pnpm infra:local — the shipped topology on this machine for a trial: PostgreSQL, Redis, an S3
 * endpoint, two Atelier instances and nginx, with demo data on the first start. Its data stays in
 * infra/.local (ATELIER_LOCAL_DIR) between runs; Ctrl+C stops everything.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, DEMO_USERS } from "@atelier/server/src/seed/demo.js";
import { startTopology } from "./topology.js";

const dir = process.env.ATELIER_LOCAL_DIR ?? fileURLToPath(new URL("../.local", import.meta.url));
const port = Number(process.env.NGINX_PORT ?? 8080);
const tlsPort = Number(process.env.NGINX_TLS_PORT ?? 8443);
console.log("Démarrage de PostgreSQL, Redis, S3, deux instances d'Atelier et nginx…");
try {
  const topology = await startTopology({ dir, port, tlsPort, seedDemo: true });
  console.log(`\nAtelier est prêt : ${topology.tlsUrl}  (nginx devant deux instances)`);
  console.log("Le certificat est auto-signé (fait pour cet essai) : le navigateur demande de l'accepter une fois.");
  console.log(`\nComptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
  for (const u of DEMO_USERS) console.log(`  ${u.email}`);
  console.log(`\nJournaux : ${path.join(topology.dir, "logs")}`);
  for (const i of topology.instances) console.log(`Métriques de ${i.name} : ${i.metricsUrl}`);
  console.log("\nCtrl+C pour tout arrêter.");
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log("\nArrêt…");
      void topology.stop().then(() => process.exit(0));
    });
  }
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
