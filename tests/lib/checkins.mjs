// Past check-ins for tests: the API only writes the current period, so tests
// that need weeks of history put rows straight into the test database with
// the database's own shell (sqlite3 or psql; the server keeps running).
import { queryDb } from './server.mjs';

const EPOCH = 4 * 86400; // Monday 5 January 1970, week 0 (src/trust/period.h)
export const WEEK = 604800;

export function weekNow(t = Date.now() / 1000) {
  return Math.floor((t - EPOCH) / WEEK);
}

export function sql(db, text) {
  return queryDb(db, text).map((row) => row.join('|')).join('\n');
}

// rows: [{ ago: weeks before this week, closeness, satisfaction, trust, safety, appreciation }]
export function seedCheckins(db, userId, coupleId, rows) {
  const now = Math.floor(Date.now() / 1000);
  const v = (x) => (x === undefined || x === null ? 'NULL' : String(Number(x)));
  const s = (x) => (x ? `'${String(x).replace(/'/g, "''")}'` : 'NULL');
  const values = rows.map((r) => `(${userId}, ${coupleId ?? 'NULL'}, ${weekNow() - r.ago}, ${v(r.closeness)}, `
    + `${v(r.satisfaction)}, ${v(r.trust)}, ${v(r.safety)}, ${s(r.appreciation)}, ${now}, ${now})`);
  sql(db, 'INSERT INTO checkins (user_id, couple_id, week, closeness, satisfaction, trust, safety, '
    + `appreciation, created_at, updated_at) VALUES ${values.join(', ')};`);
  // A write behind the server's back moves the couple's version on, as the
  // server does after its own writes, so that no kept page goes stale.
  if (coupleId) sql(db, `UPDATE couples SET version = version + 1 WHERE id = ${Number(coupleId)};`);
}
