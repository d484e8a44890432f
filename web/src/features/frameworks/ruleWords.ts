/** A rule in words for the page: its kind (core/rule-text.ts words the numbers once it is there). */
import type { ScoringRule } from '@core/framework';
import { ruleKindLabel } from './model';

export function ruleWords(rule: ScoringRule, lang: 'vi' | 'en'): string {
  return ruleKindLabel(rule.kind, lang);
}
