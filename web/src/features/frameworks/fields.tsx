/**
 * The rule editor's number fields: a score ("0,25"), a percentage ("90", "12,5") and a count. Each
 * keeps what is typed, hands the value up only when it reads, and tells the editor when it does not
 * (the editor's Save waits until every field reads), in the catalog's words.
 */
import { Input } from 'antd';
import { parseScore, sameScore, type Score } from '@core/score';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { formatPercent, parseCount, parsePercent } from './model';
import '../../i18n/frameworks';

/** Fields report here whether what they hold reads; the editor counts those that do not. */
export const FieldValidity = createContext<(id: string, ok: boolean) => void>(() => undefined);

/** The set of fields that do not read, for the editor that holds them. */
export function useFieldValidity(): {
  invalid: number;
  report: (id: string, ok: boolean) => void;
  reset: () => void;
} {
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const report = useCallback(
    (id: string, ok: boolean) =>
      setBad((all) => {
        if (all.has(id) === !ok) return all;
        const next = new Set(all);
        if (ok) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  return { invalid: bad.size, report, reset: () => setBad(new Set()) };
}

/** A text field over a value: typing hands up what reads; a change from outside rewrites the text. */
function useTypedValue<V>(
  value: V,
  same: (a: V, b: V) => boolean,
  show: (v: V) => string,
  read: (text: string) => { ok: true; value: V } | { ok: false },
  onChange: (v: V) => void,
) {
  const id = useId();
  const report = useContext(FieldValidity);
  const [text, setText] = useState(() => show(value));
  const [bad, setBad] = useState(false);
  const emitted = useRef(value);
  // a value set from outside (another kind, a reset, the reloaded framework): show it
  useEffect(() => {
    if (!same(emitted.current, value)) {
      emitted.current = value;
      setText(show(value));
      setBad(false);
    }
  }, [value, same, show]);
  useEffect(() => report(id, !bad), [id, bad, report]);
  useEffect(() => () => report(id, true), [id, report]);
  return {
    text,
    bad,
    change: (next: string) => {
      setText(next);
      const r = read(next);
      setBad(!r.ok);
      if (r.ok && !same(r.value, emitted.current)) {
        emitted.current = r.value;
        onChange(r.value);
      }
    },
  };
}

const sameNumber = (a: number | null, b: number | null) => a === b;
const NUMBER_WIDTH: CSSProperties = { width: 96, textAlign: 'right' };

export function ScoreField(props: {
  value: Score;
  onChange: (v: Score) => void;
  label: string;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const f = useTypedValue<Score>(
    props.value,
    sameScoreOrBoth,
    (v) => fmt(v, 'vi'),
    (text) => {
      const p = parseScore(text);
      return p.ok && p.score !== null && p.score.units >= 0 ? { ok: true, value: p.score } : { ok: false };
    },
    props.onChange,
  );
  return (
    <Input
      aria-label={props.label}
      title={f.bad ? t('fieldNotAScore') : props.label}
      data-testid={props.testId}
      value={f.text}
      disabled={props.disabled}
      status={f.bad ? 'error' : undefined}
      style={NUMBER_WIDTH}
      onChange={(e) => f.change(e.target.value)}
    />
  );
}

function sameScoreOrBoth(a: Score, b: Score): boolean {
  return sameScore(a, b);
}

/** A percentage in hundredths; `nullable` lets it be left empty (the last band: "the rest"). */
export function PercentField(props: {
  value: number | null;
  onChange: (v: number | null) => void;
  label: string;
  nullable?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const f = useTypedValue<number | null>(
    props.value,
    sameNumber,
    (v) => (v === null ? '' : formatPercent(v, 'vi')),
    (text) => {
      if (text.trim() === '') return props.nullable ? { ok: true, value: null } : { ok: false };
      const p = parsePercent(text);
      return p.ok ? { ok: true, value: p.value } : { ok: false };
    },
    props.onChange,
  );
  return (
    <Input
      aria-label={props.label}
      title={f.bad ? t('fieldNotAPercent') : props.label}
      data-testid={props.testId}
      value={f.text}
      disabled={props.disabled}
      status={f.bad ? 'error' : undefined}
      placeholder={props.nullable ? t('bandRest') : undefined}
      suffix="%"
      style={{ width: lang === 'vi' ? 110 : 100 }}
      onChange={(e) => f.change(e.target.value)}
    />
  );
}

/** A whole number; `nullable` lets it be left empty ("more": the last count band). */
export function CountField(props: {
  value: number | null;
  onChange: (v: number | null) => void;
  label: string;
  nullable?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const f = useTypedValue<number | null>(
    props.value,
    sameNumber,
    (v) => (v === null ? '' : String(v)),
    (text) => {
      if (text.trim() === '') return props.nullable ? { ok: true, value: null } : { ok: false };
      const n = parseCount(text);
      return n === null ? { ok: false } : { ok: true, value: n };
    },
    props.onChange,
  );
  return (
    <Input
      aria-label={props.label}
      title={f.bad ? t('fieldNotACount') : props.label}
      data-testid={props.testId}
      value={f.text}
      disabled={props.disabled}
      status={f.bad ? 'error' : undefined}
      placeholder={props.nullable ? t('countMore') : undefined}
      style={NUMBER_WIDTH}
      onChange={(e) => f.change(e.target.value)}
    />
  );
}
