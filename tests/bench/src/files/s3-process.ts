/**
 * s3rver in a process of its own, as S3 is another machine in a deployment: the direct client
 * and Atelier then both reach it over a socket to another process. Prints its settings as JSON.
 */
import { startTestS3 } from "@atelier/server/src/storage/test-s3.js";

const s3 = await startTestS3();
console.log(`S3 ${JSON.stringify(s3.env)}`);
process.on("SIGTERM", () => void s3.close().then(() => process.exit(0)));
