/**
 * The HTTP API of units across reorganisations on both engines: the samples' Đắk Nông merged into
 * Lâm Đồng on 01/07/2025 (samples/units.json, recorded as an event), its lineage both ways, Lâm
 * Đồng's 2022 from Đắk Nông's plan, an event from the form, a list previewed. Each route's happy
 * path, a refused input and the unit it names missing, as the route table gives this file.
 */
import { describe, expect, it } from 'vitest';
import { LastYearView, LineageListResult, UnitEventView, UnitLineage, UnitNode } from '../src/shared/api.js';
import { ENGINES } from './helpers/databases.js';
import { multipartFile } from './helpers/http.js';
import { apiHarness, DISTRICT, expectError, MISSING, ok, PROVINCE } from './helpers/api-harness.js';
import { expectExercised } from './helpers/route-table.js';

const LAM_DONG = 'Tỉnh Lâm Đồng';

describe.each(ENGINES)('HTTP API, lineage, on %s', (kind) => {
  const api = apiHarness(kind);
  const { call } = api;
  const ids: Record<string, number> = {};

  it('GET /api/units/:unitId/lineage: Đắk Nông ← Lâm Đồng, both ways', async () => {
    const units = ok(await call({ method: 'GET', url: '/api/units' }), UnitNode.array());
    for (const name of [PROVINCE, LAM_DONG, DISTRICT, 'Sở Nội vụ'])
      ids[name] = units.find((u) => u.name === name)!.id;
    const lineage = ok(
      await call({ method: 'GET', url: `/api/units/${ids[LAM_DONG]}/lineage` }),
      UnitLineage,
    );
    expect(lineage.predecessors.map((s) => [s.unit.name, s.kind, s.date, s.decision])).toEqual([
      [PROVINCE, 'merged', '2025-07-01', '202/2025/QH15'],
    ]);
    const ofProvince = ok(
      await call({ method: 'GET', url: `/api/units/${ids[PROVINCE]}/lineage` }),
      UnitLineage,
    );
    expect(ofProvince.unit.validTo).toBe('2025-06-30');
    expect(ofProvince.successors.map((s) => s.unit.name)).toEqual([LAM_DONG]);
    expectError(await call({ method: 'GET', url: '/api/units/x/lineage' }), 400, 'VALIDATION_FAILED');
    expectError(await call({ method: 'GET', url: `/api/units/${MISSING}/lineage` }), 404, 'UNIT_NOT_FOUND');
  });

  it("GET and PUT /api/units/:unitId/last-year: Lâm Đồng's 2022 from Đắk Nông's plan", async () => {
    const url = `/api/units/${ids[LAM_DONG]}/last-year`;
    const view = ok(await call({ method: 'GET', url: `${url}?year=2022` }), LastYearView);
    // the province's 2022 appendix plans a total of 89,93: the one predecessor is the largest and the average
    expect(view.predecessors.map((p) => [p.unit.name, p.planId, p.target])).toEqual([
      [PROVINCE, api.provinceId, '89.93'],
    ]);
    expect([view.largest, view.average]).toEqual([{ value: '89.93', from: ids[PROVINCE] }, '89.93']);
    expectError(await call({ method: 'GET', url }), 400, 'VALIDATION_FAILED');
    expectError(
      await call({ method: 'GET', url: `/api/units/${MISSING}/last-year?year=2022` }),
      404,
      'UNIT_NOT_FOUND',
    );

    const put = (target: string, payload: object) => call({ method: 'PUT', url: target, payload });
    const recorded = ok(await put(url, { year: 2022, rule: 'entered', value: '88,5' }), LastYearView);
    expect(recorded.recorded).toMatchObject({ rule: 'entered', value: '88.5', username: 'quantri' });
    expectError(await put(url, { year: 2022, rule: 'biggest' }), 400, 'VALIDATION_FAILED');
    expectError(await put(url, { year: 2022, rule: 'entered' }), 422, 'BASELINE_NO_VALUE');
    expectError(
      await put(`/api/units/${MISSING}/last-year`, { year: 2022, rule: 'largest' }),
      404,
      'UNIT_NOT_FOUND',
    );
  });

  it('POST /api/unit-events: merged into a unit made in the same step; refusals', async () => {
    const post = (payload: object) => call({ method: 'POST', url: '/api/unit-events', payload });
    const event = ok(
      await post({
        kind: 'merged',
        date: '2025-07-01',
        decision: '25/QĐ-UBND',
        from: [ids['Sở Nội vụ']],
        newUnit: { name: 'Sở Nội vụ tỉnh Lâm Đồng', kind: 'department', parentId: ids[LAM_DONG] },
      }),
      UnitEventView,
    );
    expect(event.to.map((u) => u.name)).toEqual(['Sở Nội vụ tỉnh Lâm Đồng']);
    expectError(await post({ kind: 'teleported', date: '2025-07-01', from: [1] }), 400, 'VALIDATION_FAILED');
    expectError(
      await post({ kind: 'dissolved', date: '2025-07-01', from: [MISSING] }),
      404,
      'UNIT_NOT_FOUND',
    );
    // Krông Nô was dissolved on 01/07/2025: it cannot be merged as well
    const twice = expectError(
      await post({ kind: 'merged', date: '2025-08-01', from: [ids[DISTRICT]], to: [ids[LAM_DONG]] }),
      422,
      'LINEAGE_CONFLICT',
    );
    expect(twice.message).toBe(
      'Huyện Krông Nô đã giải thể từ ngày 01/07/2025: một đơn vị chỉ kết thúc một lần',
    );
  });

  it('POST /api/unit-events/import: a list previewed with its findings; nothing written', async () => {
    const csv =
      'Đơn vị cũ,Đơn vị mới,Sự kiện,Ngày,Quyết định\nSở Nội vụ tỉnh Lâm Đồng,,giải thể,01/01/2026,1/QĐ\n';
    const file = multipartFile('sap-xep.csv', new TextEncoder().encode(csv));
    const before = await api.db.selectFrom('unit_events').select('id').execute();
    const preview = ok(
      await call({ method: 'POST', url: '/api/unit-events/import', ...file }),
      LineageListResult,
    );
    expect(preview).toMatchObject({ canConfirm: true, written: false, findings: [] });
    expect(preview.events.map((e) => [e.kind, e.date, e.from.map((u) => u.name)])).toEqual([
      ['dissolved', '2026-01-01', ['Sở Nội vụ tỉnh Lâm Đồng']],
    ]);
    expect(await api.db.selectFrom('unit_events').select('id').execute()).toEqual(before);
    expectError(
      await call({ method: 'POST', url: '/api/unit-events/import?confirm=yes', ...file }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('exercised its routes of the table as it says, and no answer carried a stack trace', () => {
    expectExercised(api.watch.hits, 'lineage');
  });
});
