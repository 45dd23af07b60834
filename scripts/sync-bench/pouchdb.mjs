// PouchDB's first push and first pull of the same records Sotay syncs, on the same machine:
// pouchdb-node (LevelDB) on both sides, express-pouchdb as the server on loopback, and a TCP
// proxy in front of it counting the bytes each way (headers included). Prints one JSON line.
//
//   node pouchdb.mjs RECORDS.jsonl WORKDIR
import express from "express";
import expressPouchDB from "express-pouchdb";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import PouchDB from "pouchdb-node";

const [file, work] = process.argv.slice(2);
if (!file || !work) throw new Error("usage: node pouchdb.mjs RECORDS.jsonl WORKDIR");
fs.mkdirSync(path.join(work, "server"), { recursive: true });

const ServerPouch = PouchDB.defaults({ prefix: path.join(work, "server") + path.sep });
const app = express();
app.use("/", expressPouchDB(ServerPouch, { mode: "minimumForPouchDB", inMemoryConfig: true }));
const server = await new Promise((resolve) => {
  const s = app.listen(0, "127.0.0.1", () => resolve(s));
});
const target = server.address().port;

const bytes = { up: 0, down: 0 };
const proxy = net.createServer((client) => {
  const upstream = net.connect(target, "127.0.0.1");
  client.on("data", (d) => { bytes.up += d.length; upstream.write(d); });
  upstream.on("data", (d) => { bytes.down += d.length; client.write(d); });
  client.on("end", () => upstream.end());
  upstream.on("end", () => client.end());
  client.on("error", () => upstream.destroy());
  upstream.on("error", () => client.destroy());
});
await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${proxy.address().port}/bench`;

// The device's database, filled outside the timing, as a device that recorded it all would be.
const source = new PouchDB(path.join(work, "source"));
let batch = [];
let docs = 0;
for await (const line of readline.createInterface({ input: fs.createReadStream(file) })) {
  if (!line) continue;
  const r = JSON.parse(line);
  batch.push({ _id: r.id, entity: r.entity, ...r.fields });
  if (batch.length === 1000) { await source.bulkDocs(batch); docs += batch.length; batch = []; }
}
if (batch.length > 0) { await source.bulkDocs(batch); docs += batch.length; }

const timed = async (run) => {
  const before = { ...bytes };
  const started = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, up: bytes.up - before.up, down: bytes.down - before.down };
};
const push = await timed(() => source.replicate.to(url, { batch_size: 500 }));
const fresh = new PouchDB(path.join(work, "fresh"));
const pull = await timed(() => fresh.replicate.from(url, { batch_size: 500 }));
const pulled = (await fresh.info()).doc_count;
console.log(JSON.stringify({ docs, pulled, push, pull }));
await Promise.all([source.close(), fresh.close()]);
proxy.close();
server.close();
process.exit(0);
