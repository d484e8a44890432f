import { MAX_ID } from '@shared/limits';
import { describe, expect, it } from 'vitest';
import { planIdOfPath } from '../features/plans/planQuery';
import { invalidRouteParam, parseRouteId, routeIdOf } from './routeId';

describe('parseRouteId', () => {
  it.each([
    ['1', 1],
    ['7', 7],
    ['007', 7],
    [String(MAX_ID), MAX_ID],
  ])('takes %s as %i', (text, id) => {
    expect(parseRouteId(text)).toEqual({ ok: true, id });
  });

  it.each([
    ['0', 'out-of-range'],
    ['-1', 'out-of-range'],
    ['1.5', 'out-of-range'],
    [String(MAX_ID + 1), 'out-of-range'],
    ['99999999999999999999', 'out-of-range'],
    ['abc', 'not-number'],
    ['x', 'not-number'],
    ['', 'not-number'],
    [' 7', 'not-number'],
    ['1e3', 'not-number'],
    ['0x1f', 'not-number'],
    ['7abc', 'not-number'],
    ['Infinity', 'not-number'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseRouteId(text)).toEqual({ ok: false, reason });
  });

  it('gives the id or null', () => {
    expect(routeIdOf('12')).toBe(12);
    expect(routeIdOf('0')).toBeNull();
    expect(routeIdOf(null)).toBeNull();
    expect(routeIdOf(undefined)).toBeNull();
  });
});

describe("a route's params", () => {
  it('names the first that is not an id, past the splat of the outer route', () => {
    expect(invalidRouteParam({ '*': 'rounds/3/units/12', id: '3', unitId: '12' })).toBeNull();
    expect(invalidRouteParam({ '*': 'rounds/3/units/x', id: '3', unitId: 'x' })).toEqual({
      name: 'unitId',
      text: 'x',
      reason: 'not-number',
    });
    expect(invalidRouteParam({ id: '0' })).toEqual({ name: 'id', text: '0', reason: 'out-of-range' });
  });
});

describe("the plan fetched ahead of a cold load's address", () => {
  it('is only a valid id', () => {
    expect(planIdOfPath('/plans/7')).toBe(7);
    expect(planIdOfPath('/plans/7/print')).toBe(7);
    expect(planIdOfPath('/plans/0')).toBeNull();
    expect(planIdOfPath('/plans/99999999999999999999')).toBeNull();
    expect(planIdOfPath(`/plans/${MAX_ID + 1}`)).toBeNull();
    expect(planIdOfPath('/plans/abc')).toBeNull();
  });
});
