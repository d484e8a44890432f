/**
 * The six phases' dates in a round's form (creating a round, changing its calendar): a range per
 * phase (dd/mm/yyyy), publication a single first day; the values to and from the API's calendar;
 * and the server's calendar problems (ROUND_CALENDAR_INVALID's details) put beside their phases.
 */
import { DatePicker, Form, type FormInstance } from 'antd';
import { PHASES, type CalendarProblem, type Phase } from '@core/assessment';
import { calendarProblemText } from '@core/messages/rounds';
import type { PhaseDates } from '@shared/api';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { Lang } from '../../i18n/messages';
import { phaseKey } from './parts';
import '../../i18n/rounds';

export type PhaseValues = Partial<Record<Phase, [Dayjs, Dayjs] | Dayjs>>;

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The phases given, in order, as the API takes them. */
export function calendarOfValues(values: PhaseValues): PhaseDates[] {
  return PHASES.flatMap((phase) => {
    const value = values[phase];
    if (!value) return [];
    const [from, to] = Array.isArray(value) ? value : [value, value];
    return [{ phase, opensOn: day(from), closesOn: day(to) }];
  });
}

/** A calendar as the fields' values. */
export function valuesOfCalendar(calendar: readonly PhaseDates[]): PhaseValues {
  const values: PhaseValues = {};
  for (const p of calendar) {
    values[p.phase] = p.phase === 'publication' ? dayjs(p.opensOn) : [dayjs(p.opensOn), dayjs(p.closesOn)];
  }
  return values;
}

/**
 * The server's calendar problems shown under their phases' fields (`phases.<phase>`); false when the
 * error is not one (the caller shows its message).
 */
export function showCalendarProblems(form: FormInstance, error: unknown, lang: Lang): boolean {
  if (!(error instanceof ApiError) || error.code !== 'ROUND_CALENDAR_INVALID') return false;
  const problems = (error.details as { problems?: CalendarProblem[] } | undefined)?.problems ?? [];
  if (problems.length === 0) return false;
  form.setFields(
    PHASES.map((phase) => ({
      name: ['phases', phase],
      errors: problems
        .filter((p) => p.phase === phase)
        .map((p) => {
          const text = calendarProblemText(p, lang);
          return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
        }),
    })),
  );
  return true;
}

export function PhaseFields() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('roundRequired') }];
  return (
    <>
      <div style={{ marginBottom: 8, fontWeight: 500 }}>{t('roundCalendar')}</div>
      {PHASES.map((phase) => (
        <div key={phase} data-testid={`phase-${phase}`}>
          <Form.Item
            name={['phases', phase]}
            label={phase === 'publication' ? t('roundPublicationFrom') : t(phaseKey(phase))}
            rules={required}
            style={{ marginBottom: 12 }}
          >
            {phase === 'publication' ? (
              <DatePicker format="DD/MM/YYYY" />
            ) : (
              <DatePicker.RangePicker format="DD/MM/YYYY" />
            )}
          </Form.Item>
        </div>
      ))}
    </>
  );
}
