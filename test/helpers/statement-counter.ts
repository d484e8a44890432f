import type { KyselyPlugin, RootOperationNode } from 'kysely';

/**
 * Counts the statements an app or a use-case sends through Kysely: every result that comes back (a
 * query built once, db/kept-query.ts, is compiled once and run many times, so compilations would
 * undercount). With `keepQueries`, each query is also kept as Kysely built it (for tests that look at
 * what was read; a bench leaves it off so nothing grows).
 */
export interface StatementCounter {
  plugin: KyselyPlugin;
  count: number;
  nodes: RootOperationNode[];
}

export function statementCounter(options: { keepQueries?: boolean } = {}): StatementCounter {
  const counter: StatementCounter = {
    count: 0,
    nodes: [],
    plugin: {
      transformQuery: (args) => {
        if (options.keepQueries) counter.nodes.push(args.node);
        return args.node;
      },
      transformResult: (args) => {
        counter.count++;
        return Promise.resolve(args.result);
      },
    },
  };
  return counter;
}
