import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.js';
import { rankedPageInSql, storeRanking, findPool } from '../src/db/results-repo.js';
import { sql } from 'kysely';
const database = await openDatabase(process.argv[2]!);
const db = database.db;
const r = await db.selectFrom('results').select(['id', 'pool_id']).orderBy('year', 'desc').executeTakeFirstOrThrow();
const pool = (await findPool(db, r.pool_id))!;
const ranking = { bands: [{ label: 'Tốt', minIndex: '85' }, { label: 'Khá', minIndex: '70' }, { label: 'TB', minIndex: '0' }], tieBreak: [{ code: 'appraised', inPartScores: true }, { code: 'sipas', inPartScores: true }] };
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sel: number[] = [], ins: number[] = [], del: number[] = [];
for (let i = 0; i < 9; i++) {
  let t = performance.now();
  await rankedPageInSql(db, r.id, ranking, { offset: 1750, limit: 50 });
  sel.push(performance.now() - t);
  await db.transaction().execute(async (trx) => {
    t = performance.now();
    await trx.deleteFrom('result_places').where('result_id', '=', r.id).execute();
    del.push(performance.now() - t);
    t = performance.now();
    await storeRanking(trx, { resultId: r.id, poolId: r.pool_id, poolVersion: pool.version, ...ranking, summary: '{}', at: 'x' });
    ins.push(performance.now() - t);
    throw new Error('rollback');
  }).catch(() => undefined);
}
console.log(`${database.kind}: ranked page select ${med(sel).toFixed(1)} · delete ${med(del).toFixed(1)} · storeRanking (head, delete, insert…select) ${med(ins).toFixed(1)}`);
await database.close();
