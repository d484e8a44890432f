/**
 * The details an audit entry keeps as one JSON value — a round made (its name, framework, units and
 * calendar), a phase's new dates, an extension asked for or decided, an appraisal's or the council's
 * score, a pool's bands, a result replaced, a framework imported, a plan deleted, a scoring rule, a
 * self-assessment answer — as a reader reads them: one "label: value" line per detail, dates as
 * dd/mm/yyyy, scores with the Vietnamese decimal comma, phases and states in words. Never the JSON
 * itself: the stored form stays in the trail and beside the words in the API's answer. The words
 * are the catalog's (messages/audit.ts); a key a newer version wrote and the catalog lacks reads as
 * its code. Pure.
 */
import { formatDate } from './display.js';
import type { Lang } from './findings.js';
import type { Answer, ScoringRule } from './framework.js';
import { isAuditWord, render } from './messages.js';
import { PHASE_WORDS, UNIT_STATE_WORDS } from './messages/assessment.js';
import { describeRule } from './rule-text.js';
import { formatPercent } from './messages/scoring.js';
import { formatScore, fromDecimalString, trimScale } from './score.js';
import { UNIT_GROUPS } from './unit-groups.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The entry a value belongs to: some keys mean another thing in one action (a crosswalk's counts). */
export interface DetailContext {
  action: string;
  field: string | null;
}

const isObject = (v: Json): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A stored decimal ("0.25") with the reader's decimal sign; anything else as it is. */
export function scoreText(value: string, lang: Lang): string {
  return DECIMAL.test(value) ? formatScore(fromDecimalString(value), lang) : value;
}

/** A round's phase in words ("Tự đánh giá"); an unknown one as stored. */
export function phaseText(value: string, lang: Lang): string {
  return Object.hasOwn(PHASE_WORDS[lang], value)
    ? PHASE_WORDS[lang][value as keyof typeof PHASE_WORDS.vi]
    : value;
}

/** A unit's state in a round or an extension's state in words; an unknown one as stored. */
export function stateText(value: string, lang: Lang): string {
  if (Object.hasOwn(UNIT_STATE_WORDS[lang], value)) {
    return UNIT_STATE_WORDS[lang][value as keyof typeof UNIT_STATE_WORDS.vi];
  }
  return isAuditWord('extensionState', value)
    ? render('audit.extensionState', { state: value }, lang)
    : value;
}

const isInt = (v: Json | undefined): v is number => typeof v === 'number' && Number.isInteger(v);
const isList = (v: Json | undefined, item: (x: Json) => boolean): boolean =>
  Array.isArray(v) && v.every(item);

/** A stored answer of a kind this version knows and of its kind's shape; null otherwise. */
function answerOf(v: JsonObject): Answer | null {
  const shaped: Record<string, () => boolean> = {
    'not-applicable': () => true,
    choice: () => isInt(v.option),
    ratio: () => isInt(v.numerator) && isInt(v.denominator),
    percent: () => isInt(v.value),
    count: () => isInt(v.count),
    parts: () => isList(v.met, isInt),
    all: () => isList(v.met, (m) => typeof m === 'boolean'),
    score: () =>
      isObject(v.score ?? null) &&
      isInt((v.score as JsonObject).units) &&
      isInt((v.score as JsonObject).scale),
  };
  const kind = typeof v.kind === 'string' && Object.hasOwn(shaped, v.kind) ? v.kind : null;
  return kind !== null && shaped[kind]!() ? (v as unknown as Answer) : null;
}

/**
 * A self-assessment answer as stored (core/framework.ts#Answer) in words; null for a kind a newer
 * version wrote or a value not of its kind's shape (its details are then listed as they are).
 */
export function answerText(stored: JsonObject, lang: Lang): string | null {
  const answer = answerOf(stored);
  if (answer === null) return null;
  switch (answer.kind) {
    case 'not-applicable':
      return render('audit.notApplicable', {}, lang);
    case 'choice':
      return render('audit.answerOption', { n: answer.option + 1 }, lang);
    case 'ratio':
      return `${answer.numerator}/${answer.denominator}`;
    case 'percent':
      return formatPercent(answer.value, lang);
    case 'count':
      return render('audit.answerCount', { n: answer.count }, lang);
    case 'parts':
      return render('audit.answerParts', { parts: answer.met.map((i) => i + 1).join(', ') || '—' }, lang);
    case 'all':
      return answer.met.map((m) => (m ? '✓' : '✗')).join(' ');
    case 'score':
      return formatScore(trimScale(answer.score), lang);
  }
}

function label(key: string, lang: Lang): string {
  return isAuditWord('detail', key) ? render('audit.detail', { detail: key }, lang) : key;
}

/** One phase's dates: "Tự đánh giá: 01/12/2026 – 20/12/2026". */
function phaseDates(v: JsonObject, lang: Lang): string | null {
  if (typeof v.phase !== 'string' || typeof v.opensOn !== 'string' || typeof v.closesOn !== 'string') {
    return null;
  }
  return `${phaseText(v.phase, lang)}: ${formatDate(v.opensOn)} – ${formatDate(v.closesOn)}`;
}

/** One value of a detail, by what its key holds. */
function valueText(key: string, v: Json, lang: Lang): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'boolean') return render(v ? 'audit.yes' : 'audit.no', {}, lang);
  if (Array.isArray(v)) {
    // a round's units are their ids: how many
    if (key === 'units') return String(v.length);
    return v.map((item) => valueText(key, item, lang)).join('; ');
  }
  if (isObject(v)) {
    const answer = key === 'answer' ? answerText(v, lang) : null;
    return answer ?? phaseDates(v, lang) ?? inline(v, lang);
  }
  if (typeof v === 'number') return String(v);
  switch (key) {
    case 'phase':
      return phaseText(v, lang);
    case 'state':
      return stateText(v, lang);
    case 'opensOn':
    case 'closesOn':
    case 'until':
      return formatDate(v);
    case 'score':
    case 'minIndex':
      return scoreText(v, lang);
    case 'source':
      return isAuditWord('resultSource', v) ? render('audit.resultSource', { source: v }, lang) : v;
    case 'group': {
      const group = UNIT_GROUPS.find((g) => g.code === v);
      return group ? group[lang] : v;
    }
    default:
      return v;
  }
}

/** An object inside a list (a band): its details on one line. */
function inline(v: JsonObject, lang: Lang): string {
  return Object.entries(v)
    .map(([key, value]) => `${label(key, lang)}: ${valueText(key, value, lang)}`)
    .join(', ');
}

/** A crosswalk's proposal counts its matches under the keys code and name. */
const CROSSWALK_KEYS: Record<string, string> = { code: 'byCode', name: 'byName' };

function objectLines(v: JsonObject, lang: Lang, context: DetailContext): string[] {
  return Object.entries(v).flatMap(([stored, value]) => {
    const key = context.action === 'crosswalk.propose' ? (CROSSWALK_KEYS[stored] ?? stored) : stored;
    // a list of phases' dates: one line each beneath its label
    if (Array.isArray(value) && value.length > 0 && value.every((p) => isObject(p) && phaseDates(p, lang))) {
      return [`${label(key, lang)}:`, ...value.map((p) => `– ${phaseDates(p as JsonObject, lang)}`)];
    }
    return [`${label(key, lang)}: ${valueText(key, value, lang)}`];
  });
}

/** A deleted plan as the trail keeps it ({ record, plan }): whose, which year, its title and size. */
function planLines(v: JsonObject, lang: Lang): string[] | null {
  const plan = v.plan ?? null;
  if (!isObject(plan)) return null;
  const who = plan.subject ?? null;
  const subject = isObject(who) && typeof who.name === 'string' ? who.name : null;
  const lines: [string, Json][] = [
    ['subject', subject],
    ['year', plan.year ?? null],
    ['title', plan.title ?? null],
    ['rows', Array.isArray(plan.rows) ? plan.rows.length : null],
  ];
  return lines.map(([key, value]) => `${label(key, lang)}: ${valueText(key, value, lang)}`);
}

function parse(value: string): Json | undefined {
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * A stored value that is a JSON object or list, in words (lines joined by "\n"); null when the value
 * is not JSON (a plain value is worded by its field elsewhere).
 */
export function detailText(value: string, lang: Lang, context: DetailContext): string | null {
  const parsed = parse(value);
  if (parsed === undefined || parsed === null || typeof parsed !== 'object') return null;
  if (context.field === 'rule' && isObject(parsed) && typeof parsed.kind === 'string') {
    try {
      return describeRule(parsed as unknown as ScoringRule, lang);
    } catch {
      // a rule of a newer version: its details below
    }
  }
  const answer = context.field === 'answer' && isObject(parsed) ? answerText(parsed, lang) : null;
  if (answer !== null) return answer;
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return '—';
    // the areas a tie is broken by, in their order
    if (context.field === 'tie_break') return parsed.map((item) => valueText('', item, lang)).join(' → ');
    return parsed
      .map((item) =>
        isObject(item) ? (phaseDates(item, lang) ?? inline(item, lang)) : valueText('', item, lang),
      )
      .join('\n');
  }
  // one phase's dates (a calendar's change): one line
  if (isObject(parsed) && Object.keys(parsed).length === 3) {
    const line = phaseDates(parsed, lang);
    if (line) return line;
  }
  if (context.field === 'content') {
    const lines = planLines(parsed, lang);
    if (lines) return lines.join('\n');
  }
  return objectLines(parsed, lang, context).join('\n');
}
