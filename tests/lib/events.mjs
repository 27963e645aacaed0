// A small Server-Sent Events client for tests: opens GET /api/v1/events as
// `token` (Bearer) or with a cookie header, parses the stream into events
// ({ event, id, data, comment }) and lets a test wait for one.
import http from 'node:http';

export function openEvents(base, { token, cookie, lastEventId, query = '' } = {}) {
  const url = new URL('/api/v1/events' + query, base);
  const headers = { accept: 'text/event-stream' };
  if (token) headers.authorization = 'Bearer ' + token;
  if (cookie) headers.cookie = cookie;
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const events = [];
  const comments = [];
  const waiters = [];
  let raw = '';
  let pending = '';
  let res = null;
  const check = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      const found = w.pick();
      if (found) { waiters.splice(i, 1); clearTimeout(w.timer); w.resolve(found); }
    }
  };
  const req = http.get(url, { headers, agent: false });
  const ready = new Promise((resolve, reject) => {
    req.on('response', (r) => {
      res = r;
      r.setEncoding('utf8');
      r.on('data', (chunk) => {
        raw += chunk;
        pending += chunk;
        let k;
        while ((k = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, k);
          pending = pending.slice(k + 2);
          const ev = { event: 'message', id: null, data: null };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) { comments.push({ text: line.slice(1).trim(), at: Date.now() }); continue; }
            const c = line.indexOf(':');
            const field = c < 0 ? line : line.slice(0, c);
            const value = c < 0 ? '' : line.slice(c + 1).replace(/^ /, '');
            if (field === 'event') { ev.event = value; isEvent = true; }
            if (field === 'id') ev.id = Number(value);
            if (field === 'data') { ev.data = JSON.parse(value); isEvent = true; }
          }
          if (isEvent) { ev.at = Date.now(); events.push(ev); }
        }
        check();
      });
      r.on('end', () => { stream.ended = true; check(); });
      resolve(r);
    });
    req.on('error', (e) => { if (!stream.closed) reject(e); });
  });
  const stream = {
    events, comments, ended: false, closed: false,
    raw: () => raw,
    ready,
    status: async () => (await ready).statusCode,
    headers: async () => (await ready).headers,
    // Resolves with the first event (from `from` on) for which pred holds.
    waitFor(pred, ms = 5000, label = 'event') {
      let from = 0;
      const pick = () => { for (; from < events.length; from++) if (pred(events[from])) return events[from]; return null; };
      const hit = pick();
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pick, resolve };
        w.timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error(`no ${label} within ${ms} ms; got ${JSON.stringify(events)}`)); }, ms);
        waiters.push(w);
      });
    },
    waitComment(ms = 5000) {
      const n = comments.length;
      return new Promise((resolve, reject) => {
        const t0 = Date.now();
        const iv = setInterval(() => {
          if (comments.length > n) { clearInterval(iv); resolve(comments[comments.length - 1]); }
          else if (Date.now() - t0 > ms) { clearInterval(iv); reject(new Error('no comment line')); }
        }, 20);
      });
    },
    waitEnd(ms = 5000) {
      return new Promise((resolve, reject) => {
        const t0 = Date.now();
        const iv = setInterval(() => {
          if (stream.ended) { clearInterval(iv); resolve(); }
          else if (Date.now() - t0 > ms) { clearInterval(iv); reject(new Error('stream did not end')); }
        }, 20);
      });
    },
    close() { stream.closed = true; req.destroy(); if (res) res.destroy(); },
  };
  return stream;
}
