/**
 * The S3 endpoint of the one-machine topology, as its own process (so that it can be stopped like
 * a real one): s3rver, with what test-s3.ts adds, on a fixed port over a folder that outlives it.
 * Usage: s3-endpoint.ts <folder> <port> <bucket>
 */
import { startTestS3 } from "@atelier/server/src/storage/test-s3.js";

const [directory, port, bucket] = process.argv.slice(2);
if (!directory || !port || !bucket) throw new Error("usage : s3-endpoint.ts <dossier> <port> <bucket>");
const s3 = await startTestS3(bucket, { directory, port: Number(port) });
console.log(`S3 (s3rver) : ${s3.env.S3_ENDPOINT}`);
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void s3.close().then(() => process.exit(0)));
