// The topology tests start Debian's PostgreSQL, Redis and nginx (its certificate made with OpenSSL)
// themselves; install them where missing (CI images, fresh machines), as the browser tests do for Chromium.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const hasPostgres = existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
const missing = [
  ["postgresql", hasPostgres],
  ["redis-server", existsSync("/usr/bin/redis-server")],
  ["nginx", existsSync("/usr/sbin/nginx")],
  // The self-signed certificate nginx serves HTTPS with.
  ["openssl", existsSync("/usr/bin/openssl")],
].flatMap(([pkg, present]) => (present ? [] : [pkg]));
if (missing.length > 0) {
  console.log(`${missing.join(", ")} : installation avec apt-get.`);
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) => execFileSync([...sudo, ...args][0], [...sudo, ...args].slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "--no-install-recommends", ...missing]);
}
