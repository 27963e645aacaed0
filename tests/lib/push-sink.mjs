// A fake Web Push service on loopback for tests: records every POST, answers
// with the status set for its path (default 201), and can decrypt a message
// as the browser would (RFC 8291 aes128gcm with the subscription's private
// key) and check its VAPID JWT (RFC 8292, ES256) with Node's crypto.
import http from 'node:http';
import crypto from 'node:crypto';

const b64u = (buf) => Buffer.from(buf).toString('base64url');

export async function startPushSink() {
  const got = [];
  const answers = new Map(); // path -> list of statuses, used in turn (last one repeats)
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const m = { path: req.url, method: req.method, headers: req.headers, body: Buffer.concat(chunks) };
      got.push(m);
      const list = answers.get(req.url) || [201];
      const status = list.length > 1 ? list.shift() : list[0];
      res.writeHead(status).end();
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin, got,
    answer(path, ...statuses) { answers.set(path, statuses); },
    // Resolves with the first message to `path` after index `from`, or null after ms.
    async next(path, from = 0, ms = 8000) {
      const end = Date.now() + ms;
      for (;;) {
        const m = got.slice(from).find((x) => x.path === path);
        if (m) return m;
        const left = end - Date.now();
        if (left <= 0) return null;
        await new Promise((r) => { const t = setTimeout(r, left); waiters.push(() => { clearTimeout(t); r(); }); });
      }
    },
    stop: () => new Promise((r) => server.close(r)),
  };
}

// A browser's side of a subscription: its P-256 key pair and auth secret, and
// the PushSubscription JSON a browser would send for `endpoint`.
export function device(endpoint) {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return { ecdh, auth, json: { endpoint, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } } };
}

// Decrypts an aes128gcm body (RFC 8188, one record) for device d: the text.
export function decrypt(d, body) {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPub = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (record.length > rs) throw new Error('more than one record');
  const shared = d.ecdh.computeSecret(asPub);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), d.ecdh.getPublicKey(), asPub]);
  const ikm = Buffer.from(crypto.hkdfSync('sha256', shared, d.auth, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const dec = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
  dec.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([dec.update(record.subarray(0, record.length - 16)), dec.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('no last-record delimiter');
  return plain.subarray(0, end).toString('utf8');
}

// Checks "vapid t=JWT, k=KEY": the signature verifies under KEY (which must
// be `publicKey`), and returns the JWT's claims.
export function checkVapid(authorization, publicKey) {
  const m = /^vapid t=([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(authorization || '');
  if (!m) throw new Error('not a VAPID Authorization header: ' + authorization);
  const [, h, c, s, k] = m;
  if (k !== publicKey) throw new Error('k is not the server key');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  if (header.alg !== 'ES256') throw new Error('alg ' + header.alg);
  const pub = Buffer.from(k, 'base64url');
  const key = crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33, 65)) }, format: 'jwk' });
  const ok = crypto.verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  if (!ok) throw new Error('the VAPID signature does not verify');
  return JSON.parse(Buffer.from(c, 'base64url'));
}
