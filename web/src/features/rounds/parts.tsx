/** What the rounds pages share: a phase in words with its tag, a unit's state tag, a phase's dates. */
import { Tag } from 'antd';
import type { PhaseDates, RoundPhaseNow, RoundView } from '@shared/api';
import type { MessageKey, Translate } from '../../i18n/i18n';
import { fmtDate } from '../../ui/format';
import '../../i18n/rounds';

export const phaseKey = (phase: RoundPhaseNow): MessageKey => `roundPhase_${phase}`;

const PHASE_COLOR: Record<RoundPhaseNow, string> = {
  before: 'default',
  between: 'default',
  self: 'blue',
  appraisal1: 'purple',
  explanation: 'orange',
  appraisal2: 'purple',
  council: 'magenta',
  publication: 'green',
};

export function PhaseTag({ phase, t }: { phase: RoundPhaseNow; t: Translate }) {
  return (
    <Tag color={PHASE_COLOR[phase]} data-testid="phase-tag">
      {t(phaseKey(phase))}
    </Tag>
  );
}

const STATE_COLOR: Record<RoundView['units'][number]['state'], string> = {
  'not-started': 'default',
  'in-progress': 'blue',
  submitted: 'cyan',
  returned: 'orange',
  appraised: 'purple',
  final: 'green',
};

export function UnitStateTag({ state, t }: { state: RoundView['units'][number]['state']; t: Translate }) {
  return <Tag color={STATE_COLOR[state]}>{t(`unitState_${state}`)}</Tag>;
}

/** "01/12/2026 – 20/12/2026", or "từ 26/12/2026" for publication, which has no end. */
export function datesText(p: PhaseDates, t: Translate): string {
  return p.phase === 'publication'
    ? t('roundFrom', { from: fmtDate(p.opensOn) })
    : t('roundDates', { from: fmtDate(p.opensOn), to: fmtDate(p.closesOn) });
}

/** Open now, closed, or upcoming, on the server's Vietnam day. */
export function phaseStatus(p: PhaseDates, today: string): 'open' | 'closed' | 'upcoming' {
  if (today < p.opensOn) return 'upcoming';
  if (p.phase !== 'publication' && today > p.closesOn) return 'closed';
  return 'open';
}
