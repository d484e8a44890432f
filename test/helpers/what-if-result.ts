/**
 * The what-if tests' result (test/api-what-if.test.ts, test/browser/what-if.test.ts), stored through
 * results-repo as modules/results.ts will store one: the sample province's plan year, a pool "Tỉnh"
 * (A from 86, B from 80) of ten provinces where Đắk Nông is seventh at 84,66; its parts are area 1
 * with 1.1, 1.2, 1.5 and one more criterion of the plan (`extra`), scored as the caller says.
 */
import type { Kysely } from 'kysely';
import { fold } from '../../src/core/text.js';
import { insertPool, insertResult, replaceBands } from '../../src/db/results-repo.js';
import type { DB } from '../../src/db/schema.js';
import { insertUnit } from '../../src/db/units-repo.js';

/** The nine others: name and index. */
export const OTHERS: [string, string][] = [
  ['Tỉnh Một', '92'],
  ['Tỉnh Hai', '91'],
  ['Tỉnh Ba', '88'],
  ['Tỉnh Bốn', '87'],
  ['Tỉnh Năm', '86'],
  ['Tỉnh Sáu', '85.5'],
  ['Tỉnh Tám', '84'],
  ['Tỉnh Chín', '83'],
  ['Tỉnh Mười', '80.5'],
];

export interface StoredResult {
  resultId: number;
  /** the nine others' unit ids, in OTHERS' order */
  others: number[];
}

export async function storeWhatIfResult(
  db: Kysely<DB>,
  input: {
    planId: number;
    provinceId: number;
    year: number;
    at: string;
    scores: Record<string, string>;
    extra: { code: string; parentCode: string | null; name: string; max: string | null };
    /** the index only (no area or criterion), in a pool of its own over the nine others stored before */
    indexOnly?: { others: number[] };
  },
): Promise<StoredResult> {
  return db.transaction().execute(async (trx) => {
    const insertOthers = async () => {
      const ids: number[] = [];
      for (const [name] of OTHERS) {
        const unit = { name, name_key: fold(name), kind: 'province' as const, parent_id: null };
        ids.push(await insertUnit(trx, { ...unit, created_at: input.at }));
      }
      return ids;
    };
    const others = input.indexOnly?.others ?? (await insertOthers());
    const poolName = input.indexOnly ? 'Tỉnh (chỉ số)' : 'Tỉnh';
    const poolId = await insertPool(trx, {
      name: poolName,
      name_key: fold(poolName),
      created_at: input.at,
      created_by: 'test',
    });
    await replaceBands(trx, poolId, input.year, [
      { label: 'A', min_index: '86', colour: '' },
      { label: 'B', min_index: '80', colour: '' },
    ]);
    const { framework_id } = await trx
      .selectFrom('plans')
      .select('framework_id')
      .where('id', '=', input.planId)
      .executeTakeFirstOrThrow();
    const resultId = await insertResult(
      trx,
      {
        pool_id: poolId,
        year: input.year,
        source: 'import',
        round_id: null,
        framework_id,
        title: `Chỉ số CCHC ${input.year}`,
        source_name: 'chi-so.xlsx',
        created_at: input.at,
        created_by: 'test',
      },
      input.indexOnly
        ? []
        : [
            { code: '1', kind: 'area', parent_code: null, name: 'Công tác chỉ đạo', max: '8.5' },
            { code: '1.1', kind: 'criterion', parent_code: '1', name: 'Kế hoạch CCHC', max: '1.5' },
            { code: '1.2', kind: 'criterion', parent_code: '1', name: 'Báo cáo', max: '0.5' },
            { code: '1.5', kind: 'criterion', parent_code: '1', name: 'Sáng kiến', max: '2' },
            {
              code: input.extra.code,
              kind: 'criterion',
              parent_code: input.extra.parentCode,
              name: input.extra.name,
              max: input.extra.max,
            },
          ],
      [
        {
          unit_id: input.provinceId,
          name: 'Đắk Nông',
          points: '84.66',
          max: '100',
          index: '84.66',
          published_rank: 7,
          published_group: 'B',
          scores: input.indexOnly
            ? []
            : Object.entries(input.scores).map(([code, score]) => ({ code, score, max: null })),
        },
        ...OTHERS.map(([name, index], i) => ({
          unit_id: others[i]!,
          name,
          points: index,
          max: '100',
          index,
          published_rank: null,
          published_group: null,
          scores: [],
        })),
      ],
    );
    return { resultId, others };
  });
}
