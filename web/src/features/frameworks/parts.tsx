/**
 * Small pieces the frameworks pages share: the state tag, a rule kind's label, the decision, the
 * years. Nothing here reaches model.ts (the checker, scoring): the list page shows these alone.
 */
import { Tag, Typography } from 'antd';
import type { RuleKind } from '@core/framework';
import { RULE_KIND_WORDS } from '@core/messages/scoring';
import type { FrameworkState } from '@shared/api';
import type { Translate } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';
import { fmtDate } from '../../ui/format';
import '../../i18n/frameworks';

/** A rule kind in the catalog's words (core/messages/scoring.ts), as a label: "Theo số lần". */
export function ruleKindLabel(kind: RuleKind, lang: 'vi' | 'en'): string {
  const words = RULE_KIND_WORDS[kind][lang];
  return words.charAt(0).toLocaleUpperCase(lang) + words.slice(1);
}

const STATE_COLOR: Record<FrameworkState, string> = {
  draft: 'default',
  published: 'green',
  'in-use': 'blue',
};

export function StateTag({ state }: { state: FrameworkState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="framework-state" data-state={state}>
      {t(`state_${state}`)}
    </Tag>
  );
}

/** A rule's kind as a tag; scored by hand (what the reader did not recognise, often) stands out. */
export function RuleKindTag({ kind }: { kind: RuleKind }) {
  const { lang } = useI18n();
  return (
    <Tag color={kind === 'manual' ? 'orange' : 'geekblue'} data-kind={kind}>
      {ruleKindLabel(kind, lang)}
    </Tag>
  );
}

export function DecisionText({ number, date }: { number: string | null; date: string | null }) {
  const { t } = useI18n();
  if (number === null) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  return (
    <span>{date ? t('decisionOfDated', { number, date: fmtDate(date) }) : t('decisionOf', { number })}</span>
  );
}

export function yearsText(f: { year: number; yearTo: number | null }, t: Translate): string {
  return f.yearTo === null || f.yearTo === f.year
    ? String(f.year)
    : t('yearsSpan', { from: f.year, to: f.yearTo });
}
