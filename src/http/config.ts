/**
 * The server's configuration from the environment, checked once at start before anything opens: each
 * variable through its zod schema, a mistake reported as one line naming the variable, its value
 * (never a secret's) and what is expected, all the mistakes at once. The modules' own readers
 * (mailConfigFromEnv, schedulerConfigFromEnv, evidenceLimits, openEvidenceStore,
 * resolveDatabaseAddress) stay the single place each of their variables becomes a value: they are
 * called here, after the check, so a value they would quietly replace by a default is refused first.
 * The table of variables is docs/DEPLOYMENT.md's.
 */
import { z } from 'zod';
import { render, type ConfigExpectation } from '../core/messages.js';
import { isPostgresAddress, namesPostgresServer, resolveDatabaseAddress } from '../db/database.js';
import { evidenceLimits, openEvidenceStore, type EvidenceStore } from '../modules/evidence-store.js';
import { mailConfigFromEnv, type MailConfig } from '../modules/mail.js';
import { schedulerConfigFromEnv, type SchedulerConfig } from '../modules/scheduler.js';
import type { EvidenceDeps } from '../modules/deps.js';

export interface ServerConfig {
  databaseAddress: string;
  port: number;
  host: string;
  logLevel: 'warn' | 'info';
  trustProxy: boolean;
  mail: MailConfig | null;
  /** null: PARINDEX_SCHEDULER=off */
  scheduler: SchedulerConfig | null;
  evidence: { limits: EvidenceDeps['limits']; open: () => EvidenceStore };
  /** null: GET /metrics is not served */
  metricsToken: string | null;
  /** how long a stopping server waits for the requests in flight */
  shutdownMs: number;
}

/** The metrics token is a bearer secret: long enough not to be guessed. */
export const METRICS_TOKEN_MIN = 16;
const DEFAULT_SHUTDOWN_SECONDS = 10;

interface Rule {
  schema: z.ZodType;
  expected: ConfigExpectation;
  /** its value is never printed */
  secret?: boolean;
}

const flag = (values: readonly [string, ...string[]]): Rule => ({
  schema: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(values)),
  expected: { kind: 'oneOf', values: values.join(', ') },
});
const whole = (min: number): Rule => ({
  schema: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().min(min)),
  expected: { kind: 'wholeNumber', min },
});
const megabytes: Rule = {
  schema: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().positive()),
  expected: { kind: 'positiveNumber', unit: 'MB' },
};
/** Free text (a folder, a bucket, a key): listed so that the pairs below can be checked. */
const text = (secret = false): Rule => ({ schema: z.string(), expected: { kind: 'host' }, secret });
const url = (protocols: readonly string[], secret = false): Rule => ({
  schema: z.string().refine((s) => {
    try {
      const u = new URL(s);
      return protocols.includes(u.protocol) && u.hostname !== '';
    } catch {
      return false;
    }
  }),
  expected: { kind: 'url', schemes: protocols.map((p) => `${p}//…`).join(' hoặc / or ') },
  secret,
});

/** Every variable the server reads, with what it must hold when it is set (empty is unset). */
const RULES = {
  PORT: {
    schema: z
      .string()
      .regex(/^\d{1,5}$/)
      .transform(Number)
      .pipe(z.number().max(65535)),
    expected: { kind: 'port' },
  },
  HOST: { schema: z.string().regex(/^[^\s/]+$/), expected: { kind: 'host' } },
  DATABASE_URL: {
    schema: z
      .string()
      .refine((s) => (isPostgresAddress(s) ? namesPostgresServer(s) : !/^[a-z][a-z0-9+.-]*:\/\//i.test(s))),
    expected: { kind: 'databaseAddress' },
    // a PostgreSQL address may hold its password
    secret: true,
  },
  LOG: flag(['0', '1']),
  TRUST_PROXY: flag(['0', '1']),
  PARINDEX_SMTP_URL: url(['smtp:', 'smtps:'], true),
  PARINDEX_MAIL_FROM: {
    schema: z.string().regex(/^(?:[^<>@]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/),
    expected: { kind: 'email' },
  },
  PARINDEX_SCHEDULER: flag(['on', 'off']),
  PARINDEX_REMINDER_DAYS: whole(0),
  PARINDEX_SCHEDULER_INTERVAL: whole(1),
  PARINDEX_EVIDENCE_DIR: text(),
  PARINDEX_EVIDENCE_MAX_FILE_MB: megabytes,
  PARINDEX_EVIDENCE_MAX_UNIT_MB: megabytes,
  PARINDEX_S3_BUCKET: text(),
  PARINDEX_S3_ENDPOINT: url(['http:', 'https:']),
  PARINDEX_S3_REGION: text(),
  PARINDEX_S3_PREFIX: text(),
  PARINDEX_S3_ACCESS_KEY_ID: text(true),
  PARINDEX_S3_SECRET_ACCESS_KEY: text(true),
  PARINDEX_S3_FORCE_PATH_STYLE: flag(['0', '1', 'true', 'false']),
  PARINDEX_METRICS_TOKEN: {
    schema: z.string().min(METRICS_TOKEN_MIN),
    expected: { kind: 'secret', min: METRICS_TOKEN_MIN },
    secret: true,
  },
  PARINDEX_SHUTDOWN_SECONDS: whole(1),
} satisfies Record<string, Rule>;

export type ConfigVariable = keyof typeof RULES;
export const CONFIG_VARIABLES = Object.keys(RULES) as ConfigVariable[];

/** Variables that mean something only together: [one, other] — both set or neither. */
const PAIRS: readonly [ConfigVariable, ConfigVariable][] = [
  ['PARINDEX_SMTP_URL', 'PARINDEX_MAIL_FROM'],
  ['PARINDEX_S3_ACCESS_KEY_ID', 'PARINDEX_S3_SECRET_ACCESS_KEY'],
];

const SCHEMA = z.object(
  Object.fromEntries(
    CONFIG_VARIABLES.map((name) => [
      name,
      // unset and empty are the same: the default
      z.preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
        RULES[name].schema.optional(),
      ),
    ]),
  ),
);

export type ConfigCheck = { ok: true; config: ServerConfig } | { ok: false; mistakes: string[] };

/**
 * The configuration, or one line per variable in error (Vietnamese; `lang` for the tests' English).
 * Reads nothing but `env`, opens nothing.
 */
export function checkServerConfig(env: NodeJS.ProcessEnv, lang: 'vi' | 'en' = 'vi'): ConfigCheck {
  const parsed = SCHEMA.safeParse(env);
  const wrong = new Map<ConfigVariable, ConfigExpectation>();
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const variable = String(issue.path[0]) as ConfigVariable;
    if (!wrong.has(variable)) wrong.set(variable, RULES[variable].expected);
  }
  // checked apart from the schema: zod skips an object's refinements once a field has failed
  const set = (name: ConfigVariable) => (env[name]?.trim() ?? '') !== '';
  const unpaired = new Set<ConfigVariable>();
  for (const [one, other] of PAIRS) {
    if (set(one) === set(other)) continue;
    const [missing, given] = set(one) ? [other, one] : [one, other];
    unpaired.add(missing);
    if (!wrong.has(missing)) wrong.set(missing, { kind: 'together', other: given });
  }
  if (!parsed.success || wrong.size > 0) {
    return {
      ok: false,
      mistakes: [...wrong].map(([variable, expected]) => {
        const rule: Rule = RULES[variable];
        // a variable missing from its pair has no value to show
        const shown = unpaired.has(variable) ? '' : rule.secret ? null : (env[variable]?.trim() ?? '');
        return render('config.mistake', { variable, shown, expected }, lang);
      }),
    };
  }
  const values = parsed.data as Partial<Record<ConfigVariable, unknown>>;
  return {
    ok: true,
    config: {
      databaseAddress: resolveDatabaseAddress(undefined, env),
      port: (values.PORT as number | undefined) ?? 3000,
      host: (values.HOST as string | undefined) ?? '127.0.0.1',
      logLevel: values.LOG === '1' ? 'info' : 'warn',
      trustProxy: values.TRUST_PROXY === '1',
      mail: mailConfigFromEnv(env),
      scheduler: schedulerConfigFromEnv(env),
      evidence: { limits: evidenceLimits(env), open: () => openEvidenceStore(env) },
      metricsToken: (values.PARINDEX_METRICS_TOKEN as string | undefined) ?? null,
      shutdownMs:
        ((values.PARINDEX_SHUTDOWN_SECONDS as number | undefined) ?? DEFAULT_SHUTDOWN_SECONDS) * 1000,
    },
  };
}

/**
 * `npm start`'s configuration: on a mistake, its lines on stderr (nothing else) and exit code 2 —
 * the code of the command line's refusals — before the database or a port is opened.
 */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const check = checkServerConfig(env);
  if (check.ok) return check.config;
  for (const line of check.mistakes) console.error(line);
  process.exit(2);
}
