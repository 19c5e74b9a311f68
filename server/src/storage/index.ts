import path from "node:path";
import type { Config } from "../config.js";
import { localStorage } from "./local.js";
import { s3Storage } from "./s3.js";
import type { Storage } from "./types.js";

export { TooLargeError, type Storage, type ByteRange } from "./types.js";

/** S3/MinIO when S3_ENDPOINT is set, otherwise the folder DATA_DIR/files; created when missing. */
export async function openStorage(config: Config): Promise<Storage> {
  const storage =
    config.S3_ENDPOINT && config.S3_ACCESS_KEY && config.S3_SECRET_KEY
      ? s3Storage({
          endpoint: config.S3_ENDPOINT,
          accessKey: config.S3_ACCESS_KEY,
          secretKey: config.S3_SECRET_KEY,
          bucket: config.S3_BUCKET,
          region: config.S3_REGION,
        })
      : localStorage(path.resolve(config.DATA_DIR, "files"));
  await storage.init();
  return storage;
}
