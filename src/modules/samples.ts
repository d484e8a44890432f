/**
 * The sample plans a new installation starts with: the appendices in samples/ (Đắk Nông province
 * 2022, Krông Nô district 2023), imported once into a database that holds no unit yet, and the
 * relations between their units that the appendices do not say (samples/units.json); and the sample
 * commune framework (samples/frameworks/, its tab-separated source: the DOCX and XLSX beside it are
 * the same framework written for people).
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { roundDay, type Phase, type PhaseDates } from '../core/assessment.js';
import type { Answer, ScoringRule } from '../core/framework.js';
import { dayAfter, type LineageKind } from '../core/lineage.js';
import { notSelfScoredBy } from '../core/round-results.js';
import { ZERO, type Score } from '../core/score.js';
import { unitKey } from '../core/units.js';
import { findFrameworkByName } from '../db/frameworks-repo.js';
import { findPool } from '../db/results-repo.js';
import type { DB } from '../db/schema.js';
import { anyUnit, findUnitByKey, insertUnit, updateUnitRow } from '../db/units-repo.js';
import { systemActor, type Actor } from './access.js';
import { signIn, signOut } from './auth.js';
import type { ServerDeps } from './deps.js';
import { uploadEvidence } from './evidence.js';
import { audit } from './audit.js';
import { importFrameworkFile, publishFramework, type FrameworkDeps } from './frameworks.js';
import { importPlans, type ImportedPlan } from './imports.js';
import { returnCriterion, setStageScore } from './appraisal.js';
import { loadRound, type RoundCriterion } from './round-context.js';
import { createRound, decideExtension, requestExtension } from './rounds.js';
import { getAssessment, saveAnswer, submitAssessment } from './self-assessment.js';
import { recordEventIn } from './unit-events.js';
import { AppError } from './errors.js';
import { importResultsFile } from './results-import.js';
import { createPool, poolNamed, savePoolBands } from './results.js';
import { createUnit } from './units-admin.js';
import { createUser } from './users-admin.js';

/** The national pool the sample result goes into, its year and bands (the publication's groups). */
export const SAMPLE_POOL = 'Các tỉnh, thành phố trực thuộc Trung ương';
export const SAMPLE_RESULT_YEAR = 2024;
const SAMPLE_BANDS = [
  { label: 'A', minIndex: '90', colour: '' },
  { label: 'B', minIndex: '80', colour: '' },
];

/**
 * The sample result (samples/results/: the PAR Index 2024 rows found in the press, see its README)
 * into the national pool, made with its bands of the year when there is none yet; the provinces it
 * names made as units when the register lacks them. Through the results import (no SQL here).
 * Returns the result's id, or null when the pool was there already.
 */
export async function loadSampleResults(
  deps: { db: Kysely<DB>; clock: () => Date },
  folder: string,
): Promise<number | null> {
  if (await poolNamed(deps.db, SAMPLE_POOL)) return null;
  const actor = systemActor('system');
  const fileName = 'par-index-2024-tinh.csv';
  const bytes = new Uint8Array(readFileSync(join(folder, fileName)));
  const created = await createPool(deps, actor, {
    name: SAMPLE_POOL,
    description: 'Chỉ số CCHC của UBND các tỉnh, thành phố (Bộ Nội vụ công bố)',
    tieBreak: [],
  });
  await savePoolBands(deps, actor, created.id, SAMPLE_RESULT_YEAR, SAMPLE_BANDS);
  const pool = (await findPool(deps.db, created.id))!;
  // the provinces the register has no unit for (a dry run names them) are made first
  const table = { pool, year: SAMPLE_RESULT_YEAR, title: '' };
  try {
    await importResultsFile(deps, actor, table, { fileName, bytes }, { mapping: {}, dryRun: true });
  } catch (error) {
    if (!(error instanceof AppError) || !error.is('RESULTS_REJECTED')) throw error;
    for (const name of (error.details as { unknownUnits: string[] }).unknownUnits)
      await createUnit(deps, actor, { name, kind: 'province', parentId: null });
  }
  const outcome = await importResultsFile(
    deps,
    actor,
    table,
    { fileName, bytes },
    { mapping: {}, dryRun: false },
  );
  return outcome.stored?.resultId ?? null;
}

interface SampleUnit {
  name: string;
  kind: string;
  parent?: string;
  successor?: string;
  lineage?: LineageKind;
  validTo?: string;
  decision?: string;
}

export async function loadSamplesIfEmpty(
  deps: { db: Kysely<DB>; clock: () => Date },
  folder: string,
): Promise<ImportedPlan[]> {
  if (await anyUnit(deps.db)) return [];
  const actor = systemActor('system');
  const loaded: ImportedPlan[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!/\.(txt|tsv|csv|xlsx|docx)$/i.test(name)) continue;
    const result = await importPlans(deps, {
      actor,
      bytes: new Uint8Array(readFileSync(join(folder, name))),
      sourceName: name,
    });
    if (!result.ok) throw new Error(`sample ${name} could not be imported: ${result.error.code}`);
    loaded.push(...result.plans);
  }
  const relations = JSON.parse(readFileSync(join(folder, 'units.json'), 'utf8')) as { units: SampleUnit[] };
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (db) => {
    const idOf = async (name: string, kind?: string): Promise<number> => {
      const key = unitKey(name, { levelWords: [] });
      const found = await findUnitByKey(db, null, key);
      if (found) return found.id;
      const id = await insertUnit(db, {
        name,
        name_key: key,
        kind: kind ?? 'other',
        parent_id: null,
        created_at: now,
      });
      await audit(db, actor, now, [
        { action: 'unit.create', entity: 'unit', entityId: id, unitId: id, newValue: name },
      ]);
      return id;
    };
    // each unit's id as found or made here, before parents move them away from the top level
    const ids = new Map<string, number>();
    for (const u of relations.units) {
      const id = await idOf(u.name, u.kind);
      ids.set(u.name, id);
      const parent = u.parent ? await idOf(u.parent) : null;
      await updateUnitRow(db, id, { parent_id: parent });
      if (parent !== null) {
        await audit(db, actor, now, [
          {
            action: 'unit.update',
            entity: 'unit',
            entityId: id,
            unitId: id,
            field: 'parent_id',
            newValue: parent,
          },
        ]);
      }
    }
    // what became of them: events dated the day after their last day (units.* follow, decision 0012)
    for (const u of relations.units) {
      if (!u.lineage || !u.validTo) continue;
      await recordEventIn(
        db,
        actor,
        now,
        {
          kind: u.lineage,
          date: dayAfter(u.validTo),
          decision: u.decision ?? '',
          note: 'samples/units.json',
          from: [ids.get(u.name)!],
          to: u.successor ? [ids.get(u.successor) ?? (await idOf(u.successor))] : [],
        },
        false,
      );
    }
  });
  return loaded;
}

/** The sample frameworks of a new installation (call it when loadSamplesIfEmpty loaded plans). */
export async function loadSampleFrameworks(deps: FrameworkDeps, folder: string): Promise<string[]> {
  const actor = systemActor('system');
  const loaded: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!/\.txt$/i.test(name)) continue;
    const result = await importFrameworkFile(deps, actor, {
      fileName: name,
      bytes: new Uint8Array(readFileSync(join(folder, name))),
    });
    loaded.push(...result.frameworks.map((f) => f.name));
  }
  return loaded;
}

// ——— the sample round ———

/** How well a sample unit did: every criterion at its best, or somewhere below. */
export type SampleLevel = 'good' | 'fair';

/**
 * An answer a unit could give to a rule, of the kind the rule takes (every kind of the sample
 * framework): the best option, 45 of 50 files on time, no incident, every part met, the max for a
 * manual score … or, for a 'fair' unit, the next option, 43 of 50, one incident, half the parts.
 * null for a survey's rule: the unit does not answer it. Pure: the sample round, the bench and the
 * tests give the same answers.
 */
export function sampleAnswer(rule: ScoringRule, max: Score, level: SampleLevel): Answer | null {
  const fair = level === 'fair';
  switch (rule.kind) {
    case 'gate':
      return sampleAnswer(rule.rule, max, level);
    case 'choice':
      return { kind: 'choice', option: fair && rule.options.length > 1 ? 1 : 0 };
    case 'bands':
    case 'linear':
      return fair ? { kind: 'ratio', numerator: 43, denominator: 50 } : { kind: 'percent', value: 9500 };
    case 'count':
      return { kind: 'count', count: fair ? 1 : 0 };
    case 'parts':
      return {
        kind: 'parts',
        met: rule.parts.map((_, i) => i).filter((i) => !fair || i % 2 === 0),
      };
    case 'all':
      return { kind: 'all', met: rule.conditions.map((_, i) => !fair || i < rule.conditions.length - 1) };
    case 'manual':
      return { kind: 'score', score: fair ? ZERO : max };
    case 'survey':
      return null;
    case 'bonus':
      return { kind: 'score', score: fair ? ZERO : rule.cap };
    case 'penalty':
      return rule.each !== null && fair ? { kind: 'count', count: 1 } : { kind: 'score', score: ZERO };
  }
}

/** The sample round's departments: those the sample framework names as following its areas. */
export const SAMPLE_DEPARTMENTS = [
  { name: 'Sở Nội vụ', username: 'so.noivu' },
  { name: 'Sở Khoa học và Công nghệ', username: 'so.khcn' },
  { name: 'Sở Tài chính', username: 'so.taichinh' },
  { name: 'Sở Tư pháp', username: 'so.tuphap' },
  { name: 'Văn phòng UBND tỉnh', username: 'vp.ubndtinh' },
] as const;

/** The sample round's communes (Krông Nô's, in Lâm Đồng since 1 July 2025) and where each stands. */
export const SAMPLE_COMMUNES = [
  { name: 'Xã Nam Đà', username: 'xa.namda', state: 'submitted' },
  { name: 'Xã Đắk Mâm', username: 'xa.dakmam', state: 'submitted' },
  { name: 'Xã Quảng Phú', username: 'xa.quangphu', state: 'submitted' },
  { name: 'Xã Đức Xuyên', username: 'xa.ducxuyen', state: 'returned' },
  { name: 'Xã Nâm Nung', username: 'xa.namnung', state: 'appraised' },
  { name: 'Xã Buôn Choah', username: 'xa.buonchoah', state: 'in-progress' },
  { name: 'Xã Đắk Drô', username: 'xa.dakdro', state: 'in-progress' },
  { name: 'Xã Tân Thành', username: 'xa.tanthanh', state: 'not-started' },
] as const;

export const SAMPLE_PROVINCE = 'Tỉnh Lâm Đồng';
export const SAMPLE_COUNCIL = 'hoidong';
export const SAMPLE_ROUND_NAME = 'Đánh giá Chỉ số CCHC cấp xã năm 2026 (mẫu)';

/** yyyy-mm-dd plus some days */
function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The sample round's calendar around `day` (the installation's first day, Vietnam): the
 * self-assessment ran the two weeks before it, appraisal round 1 opens on it, then the explanation,
 * round 2, the council and publication a month later.
 */
export function sampleCalendar(day: string): PhaseDates[] {
  const spans: [Phase, number, number][] = [
    ['self', -14, -1],
    ['appraisal1', 0, 9],
    ['explanation', 10, 16],
    ['appraisal2', 17, 23],
    ['council', 24, 28],
    ['publication', 29, 29],
  ];
  return spans.map(([phase, from, to]) => ({
    phase,
    opensOn: plusDays(day, from),
    closesOn: plusDays(day, to),
  }));
}

export interface SampleAccount {
  username: string;
  displayName: string;
  password: string;
}

export interface SampleRound {
  roundId: number;
  accounts: SampleAccount[];
}

/** A moment of the sample's story: `days` from the installation's first day, at `hour` Vietnam time. */
function momentOf(day: string, days: number, hour: number): Date {
  return new Date(Date.parse(`${plusDays(day, days)}T00:00:00+07:00`) + hour * 3_600_000);
}

/**
 * The sample round of a new installation (issue 11 point 9), written through the use-cases as the
 * people of the round would have, each step on its own day of the story (the self-assessment in the
 * two weeks before the first day, appraisal round 1 on it): under Tỉnh Lâm Đồng the five departments
 * that follow the sample commune framework's areas and eight communes; the framework published and
 * put in use by the round; an account per commune (assessor), per department (area appraiser) and
 * for the council, each with a generated password it must change at first sign-in (returned to be
 * shown once and written where the first administrator's is). The communes: three submitted with
 * answers of every rule kind and evidence, one returned with a question, one appraised in round 1,
 * two in progress and one not started — those three granted more time, so their self-assessment is
 * open. Call it once, on a new installation, after loadSampleFrameworks and the first administrator.
 */
export async function loadSampleRound(deps: ServerDeps, folder: string): Promise<SampleRound | null> {
  const day = roundDay(deps.clock());
  const system = systemActor('system');
  const at = (days: number, hour: number): ServerDeps => {
    const moment = momentOf(day, days, hour);
    return { ...deps, clock: () => moment };
  };
  const framework = await findFrameworkByName(deps.db, 'Bộ tiêu chí UBND xã năm 2026');
  const province = await findUnitByKey(deps.db, null, unitKey(SAMPLE_PROVINCE, { levelWords: [] }));
  if (!framework || !province) return null;

  // the units and the framework, three weeks before
  const setup = at(-21, 9);
  const departments = new Map<string, number>();
  for (const d of SAMPLE_DEPARTMENTS) {
    departments.set(
      d.name,
      (await createUnit(setup, system, { name: d.name, kind: 'department', parentId: province.id })).id,
    );
  }
  const communes = new Map<string, number>();
  for (const c of SAMPLE_COMMUNES) {
    communes.set(
      c.name,
      (await createUnit(setup, system, { name: c.name, kind: 'commune', parentId: province.id })).id,
    );
  }
  if (framework.state === 'draft') await publishFramework(setup, system, framework.id);

  // the accounts
  const accounts: SampleAccount[] = [];
  const actors = new Map<string, Actor>();
  const account = async (username: string, displayName: string, role: string, unitId: number) => {
    const { password } = await createUser(setup, system, {
      username,
      displayName,
      grants: [{ role, unitId }],
    });
    accounts.push({ username, displayName, password: password! });
    const { session } = await signIn(setup, {
      username,
      password: password!,
      ip: 'local',
      userAgent: 'samples',
    });
    actors.set(username, session.actor);
    await signOut(setup, session);
  };
  for (const c of SAMPLE_COMMUNES)
    await account(c.username, `Cán bộ ${c.name}`, 'assessor', communes.get(c.name)!);
  for (const d of SAMPLE_DEPARTMENTS)
    await account(d.username, `Thẩm định ${d.name}`, 'appraiser', departments.get(d.name)!);
  await account(SAMPLE_COUNCIL, 'Hội đồng thẩm định', 'council', province.id);

  // the round, by the office, the week before the self-assessment opened
  const round = await createRound(at(-20, 10), system, {
    name: SAMPLE_ROUND_NAME,
    year: Number(day.slice(0, 4)),
    frameworkId: framework.id,
    unitIds: [...communes.values()],
    calendar: sampleCalendar(day),
  });
  const actorOf = (username: string) => actors.get(username)!;
  const criteria = (await loadRound(deps.db, round.id, deps.clock())).criteria;
  const parents = new Set(criteria.map((c) => c.parentCode));
  const leaves = criteria.filter(
    (c) => !parents.has(c.code) && c.rule !== null && notSelfScoredBy(c) === null,
  );
  const ruleMax = (c: RoundCriterion): Score =>
    c.max ?? (c.rule!.kind === 'bonus' || c.rule!.kind === 'penalty' ? c.rule.cap : ZERO);
  const levelOf = (unit: number, i: number): SampleLevel =>
    unit === 0 || (unit === 2 && i % 2 === 0) || unit === 4 ? 'good' : 'fair';

  // the self-assessment: answers over the week before it closed, submitted on its last days
  for (const [n, c] of SAMPLE_COMMUNES.entries()) {
    if (c.state === 'not-started') continue;
    const unitId = communes.get(c.name)!;
    const actor = actorOf(c.username);
    const answered = c.state === 'in-progress' ? leaves.filter((_, i) => i % 2 === n % 2) : leaves;
    for (const [i, leaf] of answered.entries()) {
      const answer = sampleAnswer(leaf.rule!, ruleMax(leaf), levelOf(n, i));
      if (!answer) continue;
      await saveAnswer(at(-7 + (i % 5), 8 + (n % 8)), actor, 'vi', round.id, unitId, leaf.id, {
        version: 0,
        answer,
        note: i % 7 === 0 ? 'Đã đối chiếu với báo cáo CCHC năm của xã.' : '',
        scoringExplanation: 'Căn cứ báo cáo kết quả thực hiện công tác CCHC năm của UBND xã.',
      });
    }
    if (c.state === 'in-progress') continue;
    // the evidence: the commune's plan for the planning criteria, a photo of its one-stop office
    if (deps.evidence) {
      const files: [string, string[]][] = [
        ['ke-hoach-cchc-2026.pdf', ['1.1.1', '1.1.2', '1.1.4']],
        ['bo-phan-mot-cua.png', ['1.4.2', '3.2.3']],
      ];
      for (const [name, codes] of files) {
        const bytes = new Uint8Array(readFileSync(join(folder, 'evidence', name)));
        for (const code of codes) {
          const leaf = leaves.find((l) => l.code === code);
          if (!leaf) continue;
          await uploadEvidence(at(-3, 10), actor, round.id, unitId, { name, bytes }, leaf.id);
        }
      }
    }
    const view = await getAssessment(at(-2, 16), actor, 'vi', round.id, unitId);
    await submitAssessment(at(-2, 16 + (n % 3)), actor, round.id, unitId, view.unit.version);
  }

  // the units that did not finish asked for more time on the last day, the office granted a week
  for (const c of SAMPLE_COMMUNES) {
    if (c.state !== 'in-progress' && c.state !== 'not-started') continue;
    const unitId = communes.get(c.name)!;
    const extension = await requestExtension(at(-1, 15), actorOf(c.username), round.id, unitId, {
      phase: 'self',
      reason: 'Công chức phụ trách CCHC nghỉ phép, xin gia hạn để hoàn thiện hồ sơ tự đánh giá.',
    });
    await decideExtension(at(-1, 17), system, round.id, extension.id, {
      decision: 'grant',
      until: plusDays(day, 6),
      note: 'Đồng ý gia hạn 7 ngày.',
    });
  }

  // appraisal round 1, on the first day: the area appraisers score one commune whole, ask another
  const appraiserOf = (c: RoundCriterion) =>
    SAMPLE_DEPARTMENTS.find((d) => departments.get(d.name) === c.followedByUnitId)!.username;
  for (const [n, c] of SAMPLE_COMMUNES.entries()) {
    const unitId = communes.get(c.name)!;
    if (c.state === 'appraised') {
      for (const [i, leaf] of leaves.entries()) {
        // the appraisers agree, except where the evidence showed less than the unit claimed
        const answer = sampleAnswer(leaf.rule!, ruleMax(leaf), i % 6 === 3 ? 'fair' : levelOf(n, i));
        if (!answer) continue;
        await setStageScore(
          deps,
          actorOf(appraiserOf(leaf)),
          { roundId: round.id, unitId, criterionId: leaf.id, stage: 'appraisal1' },
          { version: 0, answer },
        );
      }
    }
    if (c.state === 'returned') {
      const leaf = leaves.find((l) => l.code === '3.2.1') ?? leaves[0]!;
      await returnCriterion(
        deps,
        actorOf(appraiserOf(leaf)),
        { roundId: round.id, unitId, criterionId: leaf.id },
        {
          question:
            'Đề nghị xã cung cấp sổ theo dõi hồ sơ trên Hệ thống thông tin giải quyết TTHC: số hồ sơ trễ hạn trong báo cáo khác số liệu trên hệ thống.',
        },
      );
    }
  }
  return { roundId: round.id, accounts };
}

export const SAMPLE_ACCOUNTS_FILE = 'sample-accounts.txt';

/**
 * The sample accounts' one-time passwords, in `folder` (0700) as a file only the server's account
 * reads (0600), beside the first administrator's: each account must change its password at its first
 * sign-in, and the file is for handing them out, then deleting.
 */
export function writeSampleAccountsFile(folder: string, accounts: readonly SampleAccount[]): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, SAMPLE_ACCOUNTS_FILE);
  const lines = accounts.map((a) => `${a.username}\t${a.password}\t${a.displayName}`);
  writeFileSync(
    file,
    `ParIndex — tài khoản của đợt đánh giá mẫu / the sample round's accounts\n(tên đăng nhập, mật khẩu một lần, tên; phải đổi mật khẩu ở lần đăng nhập đầu / user name, one-time password, name; change it at the first sign-in)\n${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return file;
}
