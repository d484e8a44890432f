/**
 * A generated country (issue 13 point 1): a root, its provinces, each with departments and communes
 * and wards, some communes of the first year merged into others later; the sample framework for
 * each unit group and year; and for every assessed unit and year an improvement plan made from the
 * sample appendices, re-targeted to that unit and year with varied scores, lead units and progress.
 * Deterministic from the seed (core's seededRandom, never Math.random).
 *
 * The small parts go through the use-cases (the frameworks' import, copy and publication, the
 * mergers as unit-events.ts records them, the plans' frameworks as an import makes them). The
 * volume — thousands of units, tens of thousands of plans of ~130 rows — is written in bulk
 * (db/demo-repo.ts), with the rows exactly as those use-cases would store them: units with their
 * name_key and sort_key, plans with the content hash and list figures of plan-view.ts#stateOf,
 * computed once per plan from the rows in memory, and the audit entries of a creation or an import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { systemActor } from '../core/access.js';
import { vietnameseSortKey } from '../core/collate.js';
import { parseDeadline, vietnamDate } from '../core/dates.js';
import type { FollowUpStatus } from '../core/follow-up.js';
import type { PlanRow } from '../core/plan.js';
import { add, decimalOrNull, storedScore, sum, trimScale, type Score } from '../core/score.js';
import { levelWordOf } from '../core/subject.js';
import type { DemoStep } from '../core/messages/cli.js';
import { unitKey } from '../core/units.js';
import { refreshStatistics, type DatabaseKind } from '../db/database.js';
import {
  insertPlanRows,
  insertUnitRows,
  nextIds,
  syncSequences,
  type DemoPlanRows,
  type DemoUnit,
} from '../db/demo-repo.js';
import { frameworkCriteria } from '../db/frameworks-repo.js';
import type { PlanRecord, StoredRow, TaskUnitLink } from '../db/plans-repo.js';
import type { DB } from '../db/schema.js';
import { anyUnit } from '../db/units-repo.js';
import { readPlans } from '../formats/read.js';
import { audit, type AuditEntry } from './audit.js';
import { seededRandom, type DemoCountry, type DemoOptions, type DemoProvince } from './demo-country.js';
import { AppError } from './errors.js';
import { copyFrameworkToNextYear, importFrameworkFile, publishFramework } from './frameworks.js';
import { hasTask } from './import-merge.js';
import { ensureFramework } from './imports.js';
import { stateOf } from './plan-view.js';
import { recordEventIn } from './unit-events.js';

export interface DemoDeps {
  db: Kysely<DB>;
  kind: DatabaseKind;
  clock: () => Date;
}

/** The samples' folder (the appendices and the sample framework), beside src/ and dist/. */
const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
const APPENDICES = 'phu-luc-dak-nong-2022-krong-no-2023.txt';
const SAMPLE_FRAMEWORK = join('frameworks', 'bo-tieu-chi-cap-xa-2026.txt');

/** The 34 provinces and cities since 1 July 2025; a larger country numbers the rest. */
const PROVINCES = [
  'Thành phố Hà Nội',
  'Thành phố Huế',
  'Thành phố Hải Phòng',
  'Thành phố Đà Nẵng',
  'Thành phố Hồ Chí Minh',
  'Thành phố Cần Thơ',
  'Tỉnh Lai Châu',
  'Tỉnh Điện Biên',
  'Tỉnh Sơn La',
  'Tỉnh Lạng Sơn',
  'Tỉnh Quảng Ninh',
  'Tỉnh Thanh Hóa',
  'Tỉnh Nghệ An',
  'Tỉnh Hà Tĩnh',
  'Tỉnh Cao Bằng',
  'Tỉnh Tuyên Quang',
  'Tỉnh Lào Cai',
  'Tỉnh Thái Nguyên',
  'Tỉnh Phú Thọ',
  'Tỉnh Bắc Ninh',
  'Tỉnh Hưng Yên',
  'Tỉnh Ninh Bình',
  'Tỉnh Quảng Trị',
  'Tỉnh Quảng Ngãi',
  'Tỉnh Gia Lai',
  'Tỉnh Khánh Hòa',
  'Tỉnh Lâm Đồng',
  'Tỉnh Đắk Lắk',
  'Tỉnh Đồng Nai',
  'Tỉnh Tây Ninh',
  'Tỉnh Vĩnh Long',
  'Tỉnh Đồng Tháp',
  'Tỉnh Cà Mau',
  'Tỉnh An Giang',
];

/** A province's departments (sở, ban, ngành) after the 2025 reorganisation. */
const DEPARTMENTS = [
  'Sở Nội vụ',
  'Văn phòng UBND tỉnh',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Khoa học và Công nghệ',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Ngoại vụ',
  'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh',
  'Ban Quản lý các khu công nghiệp',
  'Ban Quản lý dự án đầu tư xây dựng',
  'Ban Quản lý Khu kinh tế',
  'Sở Du lịch',
  'Sở Quy hoạch - Kiến trúc',
  'Ban Quản lý các dự án nông nghiệp',
];

/** Syllables of commune and ward names: two of them make a name ("Xã Tân Phú"). */
const SYLLABLES = [
  'An', 'Bình', 'Phú', 'Tân', 'Hòa', 'Thạnh', 'Long', 'Mỹ', 'Hưng', 'Phước', 'Thuận', 'Đông',
  'Tây', 'Nam', 'Bắc', 'Trung', 'Quảng', 'Đức', 'Vĩnh', 'Xuân', 'Hải', 'Sơn', 'Lộc', 'Thành',
  'Lợi', 'Hiệp', 'Nghĩa', 'Định', 'Khánh', 'Thịnh', 'Yên', 'Gia', 'Cẩm', 'Kim', 'Ngọc', 'Hồng',
  'Minh', 'Quang', 'Tiến', 'Thắng', 'Lâm', 'Châu', 'Hà', 'Lạc', 'Điền', 'Hội', 'Phong', 'Trà',
]; // prettier-ignore

/** Progress notes of tasks that started. */
const NOTES: Partial<Record<FollowUpStatus, readonly string[]>> = {
  done: ['Đã hoàn thành theo kế hoạch.', 'Hoàn thành, đã báo cáo Sở Nội vụ.', ''],
  in_progress: ['Đang triển khai.', 'Đã thực hiện một phần, tiếp tục trong quý tới.', ''],
  at_risk: ['Chậm do thiếu kinh phí.', 'Chưa bố trí được nhân sự thực hiện.'],
};

type Group = 'department' | 'commune';

interface Template {
  rows: PlanRow[];
  label: string | null;
  year: number;
  baselineYear: number | null;
  subject: string;
}

/** A unit that has a plan in some years. */
interface Assessed {
  id: number;
  name: string;
  group: Group;
  province: number;
  /** the departments of its province: the lead units of its tasks */
  leads: readonly { id: number; name: string }[];
  /** the last year it has a plan (a merged commune's is the year before the merger) */
  until: number;
}

export async function generateCountry(
  deps: DemoDeps,
  options: DemoOptions,
  progress: (step: DemoStep) => void = () => {},
): Promise<DemoCountry> {
  if (await anyUnit(deps.db)) throw new AppError('DEMO_NOT_EMPTY');
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = deps.clock().toISOString();
  const actor = systemActor('demo');
  const years = Array.from({ length: options.years }, (_, i) => options.lastYear - options.years + 1 + i);
  const firstYear = years[0]!;
  const counts = {
    units: 0,
    plans: 0,
    planRows: 0,
    tasks: 0,
    rounds: 0,
    answers: 0,
    evidence: 0,
    results: 0,
  };

  // ——— the units: a root, the provinces, their departments, communes and wards
  const ids = await nextIds(deps.db);
  const units: DemoUnit[] = [];
  const unit = (name: string, kind: string, parent: DemoUnit | null): DemoUnit => {
    const level = parent ? levelWordOf(parent.name) : null;
    const row: DemoUnit = {
      id: ids.units++,
      name,
      // the key unitKeyUnder (units-admin.ts) gives a unit made under that parent
      name_key: unitKey(name, { levelWords: level ? [level] : [] }),
      sort_key: vietnameseSortKey(name),
      kind,
      parent_id: parent?.id ?? null,
      successor_id: null,
      lineage: null,
      valid_from: null,
      valid_to: null,
      created_at: now,
    };
    units.push(row);
    return row;
  };
  const root = unit('Việt Nam', 'other', null);
  const departmentCount = Math.max(1, Math.round(options.unitsPerProvince / 6));
  const communeCount = Math.max(1, options.unitsPerProvince - departmentCount);
  // about one commune in twenty of the first year is merged into another the year after
  const mergedCount = options.years > 1 ? Math.max(1, Math.round(communeCount / 20)) : 0;
  const provinces: DemoProvince[] = [];
  const assessed: Assessed[] = [];
  const mergers: { from: number; to: number }[] = [];
  for (let p = 0; p < options.provinces; p++) {
    const province = unit(PROVINCES[p] ?? `Tỉnh Mẫu ${String(p + 1).padStart(2, '0')}`, 'province', root);
    const departments = Array.from({ length: departmentCount }, (_, d) =>
      unit(DEPARTMENTS[d] ?? `Ban Quản lý dự án số ${d - DEPARTMENTS.length + 1}`, 'department', province),
    );
    const leads = departments.map((d) => ({ id: d.id, name: d.name }));
    const taken = new Set<string>();
    const local = (): DemoUnit => {
      const ward = random() < 0.2;
      for (;;) {
        const name = `${ward ? 'Phường' : 'Xã'} ${pick(SYLLABLES)} ${pick(SYLLABLES)}`;
        if (taken.has(name) || name.split(' ')[1] === name.split(' ')[2]) continue;
        taken.add(name);
        return unit(name, ward ? 'ward' : 'commune', province);
      }
    };
    const communes = Array.from({ length: communeCount }, local);
    const merged = Array.from({ length: mergedCount }, local);
    for (const d of departments)
      assessed.push({ id: d.id, name: d.name, group: 'department', province: p, leads, until: Infinity });
    for (const c of communes)
      assessed.push({ id: c.id, name: c.name, group: 'commune', province: p, leads, until: Infinity });
    for (const c of merged) {
      assessed.push({ id: c.id, name: c.name, group: 'commune', province: p, leads, until: firstYear });
      mergers.push({ from: c.id, to: pick(communes).id });
    }
    provinces.push({
      unitId: province.id,
      name: province.name,
      departments: departments.map((d) => d.id),
      communes: communes.map((c) => c.id),
      mergedAway: merged.map((c) => ({ id: c.id, lastYear: firstYear })),
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertUnitRows(trx, units);
    await audit(
      trx,
      actor,
      now,
      units.map((u) => ({
        action: 'unit.create',
        entity: 'unit',
        entityId: u.id,
        unitId: u.id,
        newValue: u.name,
      })),
    );
    await syncSequences(trx, deps.kind);
    // the mergers, as the lineage form records them: the merged commune ends the day before
    for (const m of mergers) {
      await recordEventIn(
        trx,
        actor,
        now,
        {
          kind: 'merged',
          date: `${firstYear + 1}-01-01`,
          decision: `${100 + (m.from % 900)}/NQ-UBTVQH15`,
          note: 'Sắp xếp đơn vị hành chính cấp xã',
          from: [m.from],
          to: [m.to],
        },
        false,
      );
    }
  });
  counts.units = units.length;
  progress({
    step: 'units',
    units: units.length,
    merged: mergers.length,
    mergedOn: `${firstYear + 1}-01-01`,
  });

  // ——— the plans' frameworks (as an import makes them from a plan's tree), then the sample framework
  const templates = await sampleTemplates();
  const planFrameworks = new Map<string, { id: number; criteria: Criterion[] }>();
  for (const group of ['department', 'commune'] as const) {
    for (const year of years) {
      const template = templates[group];
      const id = await deps.db
        .transaction()
        .execute((trx) =>
          ensureFramework(
            trx,
            { ...emptyDocument(), rows: template.rows, year, subject: template.subject },
            group,
            year,
            now,
          ),
        );
      planFrameworks.set(`${group}:${year}`, { id, criteria: await frameworkCriteria(deps.db, id) });
    }
  }
  const frameworks: Record<string, number> = {};
  const bytes = new Uint8Array(readFileSync(join(SAMPLES, SAMPLE_FRAMEWORK)));
  for (const group of ['department', 'commune'] as const) {
    const imported = await importFrameworkFile(
      deps,
      actor,
      { fileName: 'bo-tieu-chi-cap-xa-2026.txt', bytes },
      [{ index: 0, unitGroup: group, yearFrom: firstYear, yearTo: null }],
    );
    let id = imported.frameworks[0]!.id;
    for (const year of years) {
      if (year > firstYear) id = (await copyFrameworkToNextYear(deps, actor, id)).id;
      await publishFramework(deps, actor, id);
      frameworks[`${group}:${year}`] = id;
    }
  }
  progress({ step: 'frameworks', sample: Object.keys(frameworks).length, plans: planFrameworks.size });

  // ——— the plans, a province's year at a time: built in memory, written in bulk
  const today = vietnamDate(deps.clock());
  const thisYear = Number(today.slice(0, 4));
  for (const year of years) {
    for (let p = 0; p < options.provinces; p++) {
      const batch: DemoPlanRows[] = [];
      const trail: AuditEntry[] = [];
      for (const a of assessed) {
        if (a.province !== p || a.until < year) continue;
        const framework = planFrameworks.get(`${a.group}:${year}`)!;
        const plan = makePlan(a, year, thisYear, framework, templates[a.group], ids, random, now);
        batch.push(plan);
        trail.push({
          action: 'plan.import',
          entity: 'plan',
          entityId: plan.plan.id,
          planId: plan.plan.id,
          unitId: a.id,
          oldValue: null,
          newValue: `${a.name} ${year}: ${plan.items.length} tiêu chí (${plan.plan.source_name})`,
        });
        counts.plans++;
        counts.planRows += plan.items.length;
        counts.tasks += plan.tasks.length;
      }
      await deps.db.transaction().execute(async (trx) => {
        await insertPlanRows(trx, batch);
        await audit(trx, actor, now, trail);
      });
      progress({
        step: 'plans',
        year,
        province: provinces[p]!.name,
        plans: batch.length,
        total: counts.plans,
      });
    }
  }
  await syncSequences(deps.db, deps.kind);
  await refreshStatistics(deps);
  progress({ step: 'statistics' });
  return { options, rootId: root.id, provinces, years, frameworks, counts };
}

type Criterion = Awaited<ReturnType<typeof frameworkCriteria>>[number];

function emptyDocument() {
  return {
    label: null,
    title: null,
    subtitle: null,
    subject: null,
    year: null,
    baselineYear: null,
    rows: [],
    statedTotals: null,
    totalLocation: null,
    columns: {},
  };
}

/**
 * The sample appendices' plans as templates: the province's for departments (its tasks are the
 * departments' own), the district's for communes and wards.
 */
async function sampleTemplates(): Promise<Record<Group, Template>> {
  const read = await readPlans(new Uint8Array(readFileSync(join(SAMPLES, APPENDICES))));
  if (!read.ok) throw new Error(`${APPENDICES} could not be read`);
  const templateOf = (group: 'province' | 'district'): Template => {
    const found = read.plans.find((p) => p.subject?.group === group);
    if (!found) throw new Error(`${APPENDICES}: no ${group} plan`);
    return {
      rows: found.plan.rows,
      label: found.plan.label,
      year: found.plan.year!,
      baselineYear: found.plan.baselineYear,
      subject: found.subject!.name,
    };
  };
  return { department: templateOf('province'), commune: templateOf('district') };
}

const STATUS_WEIGHTS: Record<'past' | 'current' | 'future', [FollowUpStatus, number][]> = {
  past: [
    ['done', 0.7],
    ['in_progress', 0.1],
    ['at_risk', 0.1],
    ['not_started', 0.1],
  ],
  current: [
    ['done', 0.3],
    ['in_progress', 0.35],
    ['at_risk', 0.1],
    ['not_started', 0.25],
  ],
  future: [
    ['not_started', 0.8],
    ['in_progress', 0.2],
  ],
};

/** Deadlines as plans write them, in the plan's year (some tasks have none). */
const DEADLINES = ['31/03', '30/06', '30/09', '15/12', '31/12'];

/** A score of at most `max` in hundredths: `fraction` of it. */
function part(max: Score, fraction: number): Score {
  return trimScale({ units: Math.round((max.units * fraction) / 100) * 100, scale: 0 });
}

/**
 * One unit's plan of a year, from its group's template: leaves scored (baseline up to the max,
 * target between the baseline and the max), parents and the stated total their sums, tasks led by
 * departments of the province with a progress fitting the year. Its hash and list figures are those
 * plan-view.ts#stateOf computes from the same rows read back.
 */
function makePlan(
  a: Assessed,
  year: number,
  thisYear: number,
  framework: { id: number; criteria: readonly Criterion[] },
  template: Template,
  ids: Record<'plans' | 'plan_items' | 'tasks', number>,
  random: () => number,
  now: string,
): DemoPlanRows {
  const planId = ids.plans++;
  const byCode = new Map(template.rows.map((r) => [r.code, r]));
  const parents = new Set(framework.criteria.map((c) => c.parent_code).filter((c) => c !== null));
  const retarget = (text: string) =>
    text
      .replaceAll(String(template.year), String(year))
      .replaceAll(String(template.baselineYear), String(year - 1));
  const era = year < thisYear ? 'past' : year === thisYear ? 'current' : 'future';
  const status = (): FollowUpStatus => {
    let r = random();
    for (const [s, w] of STATUS_WEIGHTS[era]) if ((r -= w) < 0) return s;
    return 'not_started';
  };

  // scores: leaves drawn, parents summed (criteria in position order: children after their parent)
  const scores = new Map<string, { baseline: Score | null; target: Score | null }>();
  for (const c of [...framework.criteria].reverse()) {
    const max = storedScore(c.max_score);
    if (parents.has(c.code)) {
      const children = framework.criteria
        .filter((k) => k.parent_code === c.code)
        .map((k) => scores.get(k.code)!);
      const total = (field: 'baseline' | 'target') => {
        const values = children.map((k) => k[field]).filter((v): v is Score => v !== null);
        return values.length === 0 ? null : trimScale(sum(values));
      };
      scores.set(c.code, { baseline: total('baseline'), target: total('target') });
    } else if (max === null) {
      scores.set(c.code, { baseline: null, target: null });
    } else {
      const baseline = random() < 0.4 ? trimScale(max) : part(max, 0.4 + 0.6 * random());
      const target =
        baseline.units === max.units || random() < 0.55
          ? trimScale(max)
          : trimScale(add(baseline, part({ units: max.units - baseline.units, scale: 0 }, random())));
      scores.set(c.code, { baseline, target });
    }
  }
  const roots = framework.criteria.filter((c) => c.parent_code === null);
  const stated = (pickScore: (c: Criterion) => Score | null) => {
    const values = roots.map(pickScore).filter((v): v is Score => v !== null);
    return values.length === 0 ? null : decimalOrNull(trimScale(sum(values)));
  };

  const items: DemoPlanRows['items'] = [];
  const tasks: DemoPlanRows['tasks'] = [];
  const links: DemoPlanRows['links'] = [];
  const rows: StoredRow[] = [];
  const taskLinks: TaskUnitLink[] = [];
  for (const c of framework.criteria) {
    const source = byCode.get(c.code)!;
    const { baseline, target } = scores.get(c.code)!;
    const itemId = ids.plan_items++;
    items.push({
      id: itemId,
      plan_id: planId,
      criterion_id: c.id,
      baseline: decimalOrNull(baseline),
      target: decimalOrNull(target),
      version: 1,
      updated_at: now,
    });
    const row: StoredRow = {
      itemId,
      itemVersion: 1,
      criterionId: c.id,
      code: c.code,
      parentCode: c.parent_code,
      name: c.name,
      depth: c.depth,
      maxScore: c.max_score,
      baseline: decimalOrNull(baseline),
      target: decimalOrNull(target),
      taskId: null,
      taskText: null,
      leadUnitsText: null,
      supportUnitsText: null,
      deadline: null,
      deadlineText: null,
      status: null,
      progress: null,
      progressNote: null,
      taskVersion: null,
    };
    if (hasTask(source) && !parents.has(c.code)) {
      const taskId = ids.tasks++;
      const first = a.leads[Math.floor(random() * a.leads.length)]!;
      const second = a.leads[Math.floor(random() * a.leads.length)]!;
      const leads = random() < 0.25 && second.id !== first.id ? [first, second] : [first];
      const deadlineText =
        random() < 0.2 ? '' : `${DEADLINES[Math.floor(random() * DEADLINES.length)]}/${year}`;
      const s = status();
      const progress =
        s === 'done'
          ? 100
          : s === 'not_started'
            ? 0
            : 10 * (1 + Math.floor(random() * (s === 'at_risk' ? 5 : 9)));
      const notes = NOTES[s] ?? [''];
      const task = {
        id: taskId,
        plan_item_id: itemId,
        position: 0,
        text: retarget(source.task),
        lead_units_text: leads.map((u) => u.name).join('; '),
        support_units_text: '',
        deadline: parseDeadline(deadlineText),
        deadline_text: deadlineText,
        status: s,
        progress,
        progress_note: notes[Math.floor(random() * notes.length)]!,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      tasks.push(task);
      Object.assign(row, {
        taskId,
        taskText: task.text,
        leadUnitsText: task.lead_units_text,
        supportUnitsText: '',
        deadline: task.deadline,
        deadlineText,
        status: s,
        progress,
        progressNote: task.progress_note,
        taskVersion: 1,
      });
      for (const [position, u] of leads.entries()) {
        links.push({ task_id: taskId, unit_id: u.id, role: 'lead', position, source_text: u.name });
        taskLinks.push({
          taskId,
          role: 'lead',
          position,
          unitId: u.id,
          unitName: u.name,
          sourceText: u.name,
        });
      }
    }
    rows.push(row);
  }

  const head: PlanRecord = {
    id: planId,
    subject_unit_id: a.id,
    framework_id: framework.id,
    year,
    baseline_year: year - 1,
    label: template.label,
    title: `NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC ${a.name.toLocaleUpperCase('vi')} NĂM ${year}`,
    subtitle: `(Ban hành kèm theo Kế hoạch số ${1 + (planId % 300)}/KH-${a.group === 'commune' ? 'UBND' : 'CQ'} ngày 15/01/${year})`,
    source_name: `ke-hoach-cchc-${year}-${planId}.txt`,
    source_format: 'text',
    content_hash: '',
    stated_max: stated((c) => storedScore(c.max_score)),
    stated_baseline: stated((c) => scores.get(c.code)!.baseline),
    stated_target: stated((c) => scores.get(c.code)!.target),
    version: 1,
    created_at: now,
    updated_at: now,
    archived: 0,
    figures_version: null,
    criteria: null,
    live_max: null,
    live_baseline: null,
    live_target: null,
    open_errors: 0,
    open_warnings: 0,
    tasks_followed: 0,
    tasks_done: 0,
    open_deadlines: '{}',
    first_open_deadline: null,
    search_key: '',
    unit_figures: '[]',
    // the subject's sort key: a trigger writes it with the row (migration 0032)
    subject_sort_key: '',
  };
  const state = stateOf({
    plan: head,
    rows,
    links: taskLinks,
    subject: a.name,
    units: [],
    acknowledgements: new Map(),
  });
  const unitFigures = (JSON.parse(state.figures.unit_figures) as Record<string, unknown>[]).map((f) => ({
    plan_id: planId,
    ...(f as Omit<DemoPlanRows['unitFigures'][number], 'plan_id'>),
  }));
  return {
    plan: { ...head, content_hash: state.hash, ...state.figures },
    items,
    tasks,
    links,
    unitFigures,
  };
}
