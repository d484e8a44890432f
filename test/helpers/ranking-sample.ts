/**
 * A pool's ranking as the API answers it (shared/api/results.ts#RankingResponse), built in memory
 * for the charts' and the results workbook's tests: eight areas (max 100 in all), units whose scores
 * fall with their position, ranks and groups by core/ranking.ts, bands A ≥ 90, B ≥ 80, C ≥ 0.
 */
import { bandOf, pointsLost, rankByIndex } from '../../src/core/ranking.js';
import { fromDecimalString, sum, toDecimalString, type Score } from '../../src/core/score.js';
import type { RankingResponse, ResultPart } from '../../src/shared/api/results.js';

export const SAMPLE_AREAS: readonly ResultPart[] = [
  ['1', 'Công tác chỉ đạo, điều hành', '10'],
  ['2', 'Xây dựng và tổ chức thực hiện văn bản QPPL', '8'],
  ['3', 'Cải cách thủ tục hành chính', '12'],
  ['4', 'Cải cách tổ chức bộ máy', '10'],
  ['5', 'Cải cách chế độ công vụ', '9'],
  ['6', 'Cải cách tài chính công', '14'],
  ['7', 'Xây dựng, phát triển Chính phủ điện tử', '13'],
  ['8', 'Tác động của cải cách hành chính', '24'],
].map(([code, name, max]) => ({ code: code!, kind: 'area', parentCode: null, name: name!, max: max! }));

const BANDS = [
  { label: 'A', minIndex: '90', colour: '' },
  { label: 'B', minIndex: '80', colour: '' },
  { label: 'C', minIndex: '0', colour: '' },
];

/** Units "Xã Số 1" … with area scores max − (position × area's weight) hundredths, two of them equal. */
export function rankingSample(count = 20, year = 2025): RankingResponse {
  const raw = Array.from({ length: count }, (_, i) => {
    const scores: Record<string, string | null> = {};
    const parts = SAMPLE_AREAS.map((a, k) => {
      const max = fromDecimalString(a.max!);
      // the 4th and 5th units score the same (a shared rank)
      const step = i === 4 ? 3 : i;
      const lost: Score = { units: step * (k + 1) * 400 + (k === 7 ? step * 3000 : 0), scale: 2 };
      const score = { units: Math.max(max.units - lost.units, 0), scale: 2 };
      scores[a.code] = toDecimalString(score);
      return { code: a.code, max, score };
    });
    const index = sum(parts.map((p) => p.score));
    return { i, scores, index, parts };
  });
  const ranked = rankByIndex(raw, (u) => u.index);
  const bands = BANDS.map((b) => ({ ...b, minIndex: fromDecimalString(b.minIndex) }));
  return {
    result: {
      id: 1,
      poolId: 1,
      poolName: 'Xã, phường tỉnh Mẫu',
      year,
      source: 'import',
      roundId: null,
      frameworkId: null,
      title: `Kết quả Chỉ số CCHC năm ${year}`,
      sourceName: null,
      units: count,
      createdAt: '2026-01-15T03:00:00.000Z',
      createdBy: 'admin',
    },
    parts: [...SAMPLE_AREAS],
    bands: BANDS,
    tieBreak: [],
    units: ranked.map((u) => ({
      unitId: 100 + u.i,
      unit: `Xã Số ${u.i + 1}`,
      writtenAs: `xã Số ${u.i + 1}`,
      index: toDecimalString(u.index),
      points: toDecimalString(u.index),
      max: '100',
      rank: u.rank,
      group: bandOf(u.index, bands)?.label ?? null,
      publishedRank: u.i === 2 ? u.rank! + 1 : u.rank,
      publishedGroup: bandOf(u.index, bands)?.label ?? null,
      scores: u.scores,
      lost: pointsLost(u.parts)
        .slice(0, 3)
        .map((l) => ({ code: l.code, lost: toDecimalString(l.lost) })),
      previous: u.i % 3 === 0 ? null : { year: year - 1, index: '80.5', rank: count - u.i, group: 'B' },
    })),
    average: {
      index: toDecimalString({ units: Math.round(sum(raw.map((u) => u.index)).units / count), scale: 2 }),
      parts: Object.fromEntries(
        SAMPLE_AREAS.map((a) => [
          a.code,
          toDecimalString({
            units: Math.round(sum(raw.map((u) => fromDecimalString(u.scores[a.code]!))).units / count),
            scale: 2,
          }),
        ]),
      ),
    },
    best: { parts: Object.fromEntries(SAMPLE_AREAS.map((a) => [a.code, raw[0]!.scores[a.code]!])) },
    findings: [],
  };
}
