import { describe, expect, it } from 'vitest';
import { PLAN_PAGE_URL, PLAN_PATHNAME } from './plan-path.js';

const id = (pattern: RegExp, path: string) => pattern.exec(path)?.[1] ?? null;

describe("a plan page's address", () => {
  it.each([
    // path, as a request's URL (the server's first screen), as a location's pathname (the web's plan)
    ['/plans/7', '7', '7'],
    ['/plans/7/', '7', '7'],
    ['/plans/7?tab=tasks', '7', null],
    ['/plans/7/?x=1', '7', null],
    ['/plans/7/print', null, '7'],
    ['/plans/7/print/', null, '7'],
    ['/plans/7/print?x=1', null, null],
    ['/plans/12345678901', '12345678901', '12345678901'],
    ['/plans', null, null],
    ['/plans/', null, null],
    ['/plans/x', null, null],
    ['/plans/7/tasks', null, null],
    ['/plans/-7', null, null],
    ['/x/plans/7', null, null],
    ['/plans/7x', null, null],
  ])('%s: page %s, page or print %s', (path, page, either) => {
    expect(id(PLAN_PAGE_URL, path)).toBe(page);
    expect(id(PLAN_PATHNAME, path)).toBe(either);
  });
});
