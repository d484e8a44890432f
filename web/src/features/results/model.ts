/**
 * The results pages' pure parts: results grouped by pool (newest year first), a unit's lost points
 * as "mất 1,43 ở 8.1", its move since the year before, a published rank or group that differs from
 * the computed one, the group tag's colour (the chart's), the radar's series and the charts' file names.
 */
import { fileSlug } from '@core/text';
import { formatScore, fromDecimalString } from '@core/score';
import type { RankedUnit, RankingResponse, ResultSummary } from '@shared/api/results';
import { bandColours, groupColour, type ChartWords, type RadarSeries } from '@shared/results-charts';
import '../../i18n/results';

type Lang = 'vi' | 'en';

/** The charts' words in the reader's language. */
export function chartWords(
  t: (key: 'resultsIndex' | 'resultsAverage' | 'resultsBest' | 'resultsRank' | 'resultsNoGroup') => string,
): ChartWords {
  return {
    index: t('resultsIndex'),
    average: t('resultsAverage'),
    best: t('resultsBest'),
    rank: t('resultsRank'),
    noGroup: t('resultsNoGroup'),
  };
}

export interface PoolResults {
  poolId: number;
  poolName: string;
  /** newest year first */
  results: ResultSummary[];
}

/** The results by pool (pools in Vietnamese order), each pool's newest year first. */
export function resultsByPool(results: readonly ResultSummary[]): PoolResults[] {
  const pools = new Map<number, PoolResults>();
  for (const r of results) {
    const pool = pools.get(r.poolId) ?? { poolId: r.poolId, poolName: r.poolName, results: [] };
    pool.results.push(r);
    pools.set(r.poolId, pool);
  }
  const collator = new Intl.Collator('vi');
  return [...pools.values()]
    .map((p) => ({ ...p, results: [...p.results].sort((a, b) => b.year - a.year) }))
    .sort((a, b) => collator.compare(a.poolName, b.poolName) || a.poolId - b.poolId);
}

/** The unit's biggest losses, formatted: [{code: '8.1', lost: '1,43'}]. */
export function lostParts(unit: Pick<RankedUnit, 'lost'>, lang: Lang, count = 3) {
  return unit.lost
    .slice(0, count)
    .map((l) => ({ code: l.code, lost: formatScore(fromDecimalString(l.lost), lang) }));
}

/** Places moved up since the year before (+2 = two places up), null without both ranks. */
export function placeChange(unit: Pick<RankedUnit, 'rank' | 'previous'>): number | null {
  if (unit.rank === null || !unit.previous || unit.previous.rank === null) return null;
  return unit.previous.rank - unit.rank;
}

/** The published rank and group when given and different from the computed ones. */
export function publishedDifference(unit: RankedUnit): { rank: number | null; group: string | null } | null {
  const rank = unit.publishedRank !== null && unit.publishedRank !== unit.rank ? unit.publishedRank : null;
  const group =
    unit.publishedGroup !== null && unit.publishedGroup !== unit.group ? unit.publishedGroup : null;
  return rank === null && group === null ? null : { rank, group };
}

/** A group's tag colour: the chart's colour of its band. */
export function groupTagColour(group: string | null, ranking: Pick<RankingResponse, 'bands'>): string {
  return groupColour(group, bandColours(ranking.bands));
}

/** The radar's series of a unit: the unit, the pool's average, the pool's best. */
export function unitRadarSeries(
  ranking: Pick<RankingResponse, 'average' | 'best'>,
  unit: Pick<RankedUnit, 'unit' | 'scores'>,
  words: ChartWords,
): RadarSeries[] {
  return [
    { name: unit.unit, scores: unit.scores, kind: 'unit' },
    { name: words.average, scores: ranking.average.parts, kind: 'average' },
    { name: words.best, scores: ranking.best.parts, kind: 'best' },
  ];
}

/** A file name without diacritics or spaces: "xep-hang-xa-phuong-tinh-mau-2025". */
export function chartFileName(...parts: readonly (string | number)[]): string {
  return fileSlug(parts.join(' '));
}
