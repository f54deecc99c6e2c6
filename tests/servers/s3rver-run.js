'use strict';
// Starts s3rver on 127.0.0.1:PORT with its data in DIR, uploads every file under SEED_DIR into BUCKET, then logs
// each request it serves as one line "METHOD URL STATUS range=RANGE" to LOG (the integration tests count these lines).
// Usage: node s3rver-run.js PORT DIR BUCKET SEED_DIR LOG
const fs = require('fs');
const http = require('http');
const path = require('path');
const S3rver = require('s3rver');

const [port, directory, bucket, seedDir, logFile] = process.argv.slice(2);
if (!logFile) {
  console.error('usage: node s3rver-run.js PORT DIR BUCKET SEED_DIR LOG');
  process.exit(2);
}

const app = new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true, configureBuckets: [{ name: bucket }] });
const log = fs.createWriteStream(logFile, { flags: 'a' });
let logging = false;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.isFile() ? [full] : [];
  });
}

function put(key, body) {
  const url = '/' + bucket + '/' + key.split('/').map(encodeURIComponent).join('/');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(port), method: 'PUT', path: url,
      headers: { 'Content-Length': body.length } }, res => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${url}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  await app.configureBuckets();
  const handler = app.callback();
  const server = http.createServer((req, res) => {
    if (logging) {
      res.on('finish', () => {
        log.write(`${req.method} ${req.url} ${res.statusCode} range=${req.headers.range || '-'}\n`);
      });
    }
    handler(req, res);
  });
  await new Promise((resolve, reject) => server.listen(Number(port), '127.0.0.1', err => (err ? reject(err) : resolve())));
  for (const file of files(seedDir)) {
    await put(path.relative(seedDir, file).split(path.sep).join('/'), fs.readFileSync(file));
  }
  logging = true;
  console.log(`s3rver listening on 127.0.0.1:${port}, bucket ${bucket} loaded from ${seedDir}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
