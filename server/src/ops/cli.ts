/**
 * The operator's commands, run from the repository root:
 *   pnpm atelier backup <dir>        a backup of the deployment the environment names, while it runs
 *   pnpm atelier restore <dir>       into an empty deployment (database without tables, empty storage)
 *   pnpm atelier backup:check <dir>  verifies a backup without restoring it
 * The environment is the server's (DATABASE_URL, DATA_DIR, S3_*). See docs/exploitation.md.
 */
import path from "node:path";
import { ConfigError, loadConfig } from "../config.js";
import { openDb } from "../db/index.js";
import { openStorage } from "../storage/index.js";
import { OpsError, backup, checkBackup, restore } from "./backup.js";

const USAGE = "Usage : pnpm atelier backup|restore|backup:check <dossier>";

async function main([command, dirArg]: string[]) {
  if (!dirArg || !["backup", "restore", "backup:check"].includes(command ?? "")) throw new OpsError(USAGE);
  // pnpm runs this from server/: a relative folder is the one the operator typed it from.
  const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), dirArg);
  if (command === "backup:check") {
    const { manifest, problems } = await checkBackup(dir);
    if (problems.length) throw new OpsError(`Sauvegarde invalide :\n  ${problems.join("\n  ")}`);
    console.log(`Sauvegarde valide : base ${manifest!.database.kind}, ${manifest!.files.count} fichiers (${manifest!.files.bytes} octets).`);
    return;
  }
  const config = loadConfig();
  const storage = await openStorage(config);
  if (command === "restore") {
    const m = await restore({ config, storage }, dir);
    console.log(`Restauration terminée : base ${m.database.kind}, ${m.files.count} fichiers. Démarrez Atelier.`);
    return;
  }
  const db = await openDb(config);
  try {
    const m = await backup({ config, db, storage }, dir);
    console.log(`Sauvegarde écrite dans ${dir} : base ${m.database.kind}, ${m.files.count} fichiers (${m.files.bytes} octets).`);
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof OpsError || err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
