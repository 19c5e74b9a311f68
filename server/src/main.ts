import { ConfigError, loadConfig } from "./config.js";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo.js";
import { startServer } from "./server.js";
import { handleUncaught } from "./uncaught.js";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const running = await startServer(config);
  const where = config.DATABASE_URL ? "PostgreSQL" : `base embarquée (${config.DATA_DIR})`;
  console.log(`\nAtelier est prêt : ${config.PUBLIC_URL ?? running.url}  (${where})`);
  if (running.seeded || config.NODE_ENV !== "production") {
    console.log(`\nComptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
    for (const u of DEMO_USERS) console.log(`  ${u.email}`);
  }
  const stop = async (signal: string) => {
    console.log(`\n${signal} reçu : arrêt d'Atelier.`);
    await running.close();
    process.exit(0);
  };
  handleUncaught(() => running.close());
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

void main();
