/**
 * Files benchmark: upload (direct, then resumable in 32 MB pieces) and download of one large file
 * through Atelier (its own process, so
 * its memory is read alone) to an S3 endpoint and to the local folder, beside a direct upload and
 * download with the minio client to the same S3 endpoint in the same run.
 *
 *   pnpm --filter @atelier/bench bench:files            (1 GiB; FILES_BENCH_MB=256 for a quick run)
 *
 * The S3 endpoint is s3rver (the one the tests use) unless BENCH_S3_ENDPOINT/…_ACCESS_KEY/
 * …_SECRET_KEY point at a real MinIO. Writes tests/bench/out/files-<time>.json.
 */
import { request } from "node:http";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { Client } from "minio";
import { machineLoad, measure, rssMiB } from "../collab/procstat.js";
import { freePort, REPO, signIn, spawnReady, stopChild } from "../collab/servers.js";

const MB = 1024 * 1024;
const SIZE = Number(process.env.FILES_BENCH_MB ?? 1024) * MB;
const CHUNK = Buffer.alloc(MB, "atelier-egts ");

/** SIZE bytes produced on demand: the client holds one chunk at a time. */
const body = () =>
  Readable.from(
    (function* () {
      for (let sent = 0; sent < SIZE; sent += CHUNK.length) yield CHUNK.subarray(0, Math.min(CHUNK.length, SIZE - sent));
    })(),
  );

async function drain(stream: NodeJS.ReadableStream): Promise<number> {
  let n = 0;
  for await (const c of stream) n += (c as Buffer).length;
  return n;
}

interface Atelier {
  pid: number;
  url: string;
  cookie: string;
  spaceId: string;
  stop(): Promise<void>;
}

async function startAtelier(env: Record<string, string>): Promise<Atelier> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-bench-files-"));
  const child = await spawnReady(
    ["--import", "tsx", path.join(REPO, "server/src/main.ts")],
    { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, SEED_DEMO: "true", WEB_DIST: "", LOG_LEVEL: "warn", FILE_MAX_BYTES: String(SIZE + MB), ...env },
    /Atelier est prêt/,
  );
  const url = `http://127.0.0.1:${port}`;
  const origin = `http://localhost:${port}`;
  const { cookie, spaceId } = await signIn(url, origin);
  return {
    pid: child.pid!,
    url,
    cookie,
    spaceId,
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function upload(a: Atelier): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${a.url}/api/spaces/${a.spaceId}/files?name=bench.bin`, {
      method: "POST",
      headers: { cookie: a.cookie, origin: a.url.replace("127.0.0.1", "localhost"), "content-type": "application/octet-stream", "content-length": String(SIZE) },
    });
    req.on("response", async (res) => {
      let text = "";
      for await (const c of res) text += c;
      if (res.statusCode !== 201) return reject(new Error(`upload ${res.statusCode}: ${text}`));
      resolve((JSON.parse(text) as { file: { id: string } }).file.id);
    });
    req.on("error", reject);
    body().pipe(req);
  });
}

/** Bytes per PATCH of the resumable upload, as the web client sends them (4 parts of 8 MB). */
const PIECE = 32 * MB;

/** The web client's way: an upload session, then the file in pieces of 32 MB. */
async function uploadResumable(a: Atelier): Promise<string> {
  const origin = a.url.replace("127.0.0.1", "localhost");
  const opened = await fetch(`${a.url}/api/spaces/${a.spaceId}/uploads`, {
    method: "POST",
    headers: { cookie: a.cookie, origin, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench-reprenable.bin", size: SIZE }),
  });
  const { upload } = (await opened.json()) as { upload: { id: string } };
  for (let offset = 0; offset < SIZE; offset += PIECE) {
    const length = Math.min(PIECE, SIZE - offset);
    const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${a.url}/api/uploads/${upload.id}`, {
        method: "PATCH",
        headers: { cookie: a.cookie, origin, "content-type": "application/offset+octet-stream", "upload-offset": String(offset), "content-length": String(length) },
      });
      req.on("response", async (res) => {
        let text = "";
        for await (const c of res) text += c;
        resolve({ status: res.statusCode ?? 0, text });
      });
      req.on("error", reject);
      Readable.from(
        (function* () {
          for (let sent = 0; sent < length; sent += CHUNK.length) yield CHUNK.subarray(0, Math.min(CHUNK.length, length - sent));
        })(),
      ).pipe(req);
    });
    if (reply.status !== (offset + length === SIZE ? 201 : 200)) throw new Error(`piece at ${offset}: ${reply.status} ${reply.text}`);
    if (offset + length === SIZE) return (JSON.parse(reply.text) as { file: { id: string } }).file.id;
  }
  throw new Error("no final piece");
}

/** Read with node:http, as the minio client reads: the bench measures the server, not the client's streams. */
function download(a: Atelier, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${a.url}/api/files/${id}/download`, { headers: { cookie: a.cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download ${res.statusCode}`));
      drain(res).then(resolve, reject);
    })
      .on("error", reject)
      .end();
  });
}

/** Downloads are quick and the machine is shared: each is timed three times, the median kept. */
const DOWNLOADS = 3;

async function medianOf<T extends { seconds: number }>(times: number, run: () => Promise<T>): Promise<T> {
  const all: T[] = [];
  for (let i = 0; i < times; i++) all.push(await run());
  return all.sort((a, b) => a.seconds - b.seconds)[Math.floor(times / 2)]!;
}

const mbps = (seconds: number) => Math.round((SIZE / MB / seconds) * 10) / 10;

async function throughAtelier(name: string, env: Record<string, string>) {
  const a = await startAtelier(env);
  try {
    const idle = rssMiB(a.pid);
    const { result: up, busyPercent: upMachine } = await machineLoad(() => measure(a.pid, () => upload(a)));
    const { result: down, busyPercent: downMachine } = await machineLoad(() => medianOf(DOWNLOADS, () => measure(a.pid, () => download(a, up.result))));
    const resumable = await measure(a.pid, () => uploadResumable(a));
    if (down.result !== SIZE) throw new Error(`${name}: downloaded ${down.result} bytes of ${SIZE}`);
    return {
      name,
      idleRssMiB: Math.round(idle),
      upload: { mbPerSecond: mbps(up.seconds), peakRssMiB: Math.round(up.peakRssMiB), growthMiB: Math.round(up.peakRssMiB - idle), cpuPercent: Math.round(up.cpuPercent), machineBusyPercent: upMachine },
      resumableUpload: { mbPerSecond: mbps(resumable.seconds), growthMiB: Math.round(resumable.peakRssMiB - idle), cpuPercent: Math.round(resumable.cpuPercent) },
      download: { mbPerSecond: mbps(down.seconds), peakRssMiB: Math.round(down.peakRssMiB), growthMiB: Math.round(down.peakRssMiB - idle), cpuPercent: Math.round(down.cpuPercent), machineBusyPercent: downMachine },
    };
  } finally {
    await a.stop();
  }
}

async function main() {
  const external = process.env.BENCH_S3_ENDPOINT;
  // s3rver runs in its own process (see s3-process.ts); its settings come back on its stdout.
  const s3 = external ? null : await spawnReady(["--import", "tsx", path.join(REPO, "tests/bench/src/files/s3-process.ts")], {}, /S3 \{.*\}/);
  const env = s3
    ? (JSON.parse(/S3 (\{.*\})/.exec(s3.readyOutput)![1]!) as Record<"S3_ENDPOINT" | "S3_ACCESS_KEY" | "S3_SECRET_KEY" | "S3_BUCKET", string>)
    : { S3_ENDPOINT: external!, S3_ACCESS_KEY: process.env.BENCH_S3_ACCESS_KEY!, S3_SECRET_KEY: process.env.BENCH_S3_SECRET_KEY!, S3_BUCKET: `atelier-bench-${Date.now()}` };
  try {
    const u = new URL(env.S3_ENDPOINT);
    const direct = new Client({ endPoint: u.hostname, port: Number(u.port), useSSL: u.protocol === "https:", accessKey: env.S3_ACCESS_KEY, secretKey: env.S3_SECRET_KEY, pathStyle: true });
    if (!(await direct.bucketExists(env.S3_BUCKET))) await direct.makeBucket(env.S3_BUCKET);
    const t0 = performance.now();
    const { busyPercent: directUpMachine } = await machineLoad(() => direct.putObject(env.S3_BUCKET, "direct.bin", body(), SIZE));
    const directUp = (performance.now() - t0) / 1000;
    const { result: directRead, busyPercent: directDownMachine } = await machineLoad(() =>
      medianOf(DOWNLOADS, async () => {
        const start = performance.now();
        const got = await drain(await direct.getObject(env.S3_BUCKET, "direct.bin"));
        if (got !== SIZE) throw new Error(`direct: downloaded ${got} bytes`);
        return { seconds: (performance.now() - start) / 1000 };
      }),
    );
    const directDown = directRead.seconds;
    await direct.removeObject(env.S3_BUCKET, "direct.bin");

    const s3Run = await throughAtelier("atelier → S3", env);
    const localRun = await throughAtelier("atelier → dossier local", {});
    const result = {
      date: new Date().toISOString(),
      sizeMiB: SIZE / MB,
      endpoint: external ? "MinIO (BENCH_S3_ENDPOINT)" : "s3rver 3.7.1",
      node: process.version,
      cores: os.cpus().length,
      direct: {
        uploadMbPerSecond: mbps(directUp),
        downloadMbPerSecond: mbps(directDown),
        uploadMachineBusyPercent: directUpMachine,
        downloadMachineBusyPercent: directDownMachine,
      },
      runs: [s3Run, localRun],
      s3UploadShareOfDirect: Math.round((s3Run.upload.mbPerSecond / mbps(directUp)) * 100),
      s3DownloadShareOfDirect: Math.round((s3Run.download.mbPerSecond / mbps(directDown)) * 100),
    };
    const out = path.join(REPO, "tests/bench/out");
    await mkdir(out, { recursive: true });
    const file = path.join(out, `files-${Date.now()}.json`);
    await writeFile(file, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    console.log(`\nRésultats écrits dans ${file}`);
  } finally {
    if (s3) await stopChild(s3);
  }
}

await main();
