/**
 * The audit trail's filters: who, which unit, which plan, which days (inclusive, as yyyy-mm-dd).
 * Loaded after the page (its pickers: the unit tree, the date range); the filter's shape and its
 * query are in shared.ts.
 */
import { ClearOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../auth/session';
import { filterParams, labelMatches, useUnits, USERS_KEY, type AuditFilter } from './shared';
import { UnitTreeSelect } from './UnitTreeSelect';
import '../../i18n/admin';

const DAY = 'YYYY-MM-DD';

export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilter;
  onChange: (next: AuditFilter) => void;
}) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  // the lists behind the pickers need rights a reader of the trail may lack: then the picker is left out
  const units = useUnits(me.can.adminUnits);
  const users = useQuery({ queryKey: USERS_KEY, queryFn: api.users, enabled: me.can.adminUsers });
  const plans = useQuery({ queryKey: ['plans', lang], queryFn: api.plans });
  // typing a user name filters once the typing pauses, not at every key; the draft is the
  // box's own, and only "clear filters" changes the user filter from outside
  const [user, setUser] = useState(value.user ?? '');
  useEffect(() => {
    const next = user.trim() || undefined;
    if (next === value.user) return;
    const timer = setTimeout(() => onChange({ ...value, user: next }), 400);
    return () => clearTimeout(timer);
  }, [user, value, onChange]);

  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] = [
    value.from ? dayjs(value.from) : null,
    value.to ? dayjs(value.to) : null,
  ];
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
      <AutoComplete
        value={user}
        onChange={(v: string) => setUser(v)}
        allowClear
        placeholder={t('auditUser')}
        aria-label={t('auditUser')}
        style={{ width: 200 }}
        options={(users.data ?? []).map((u) => ({
          value: u.username,
          label: `${u.username} — ${u.displayName}`,
        }))}
        showSearch={{
          filterOption: (input, option) => labelMatches(input, option?.label),
        }}
      />
      {me.can.adminUnits && (
        <UnitTreeSelect
          units={units.data ?? []}
          loading={units.isLoading}
          value={value.unit}
          onChange={(unit) => onChange({ ...value, unit })}
          placeholder={t('auditUnit')}
          aria-label={t('auditUnit')}
          allowClear
          style={{ width: 280 }}
        />
      )}
      <Select<number>
        value={value.plan}
        onChange={(plan) => onChange({ ...value, plan })}
        allowClear
        loading={plans.isLoading}
        placeholder={t('auditPlan')}
        aria-label={t('auditPlan')}
        style={{ width: 280 }}
        options={(plans.data ?? []).map((p) => ({ value: p.id, label: `${p.subject} — ${p.year}` }))}
        showSearch={{
          filterOption: (input, option) => labelMatches(input, option?.label),
        }}
      />
      <DatePicker.RangePicker
        format="DD/MM/YYYY"
        value={range}
        allowEmpty={[true, true]}
        placeholder={[t('auditFrom'), t('auditTo')]}
        onChange={(dates) =>
          onChange({
            ...value,
            from: dates?.[0]?.format(DAY) ?? undefined,
            to: dates?.[1]?.format(DAY) ?? undefined,
          })
        }
      />
      <Button
        icon={<ClearOutlined />}
        onClick={() => {
          setUser('');
          onChange({});
        }}
        disabled={filterParams(value).size === 0}
      >
        {t('auditClear')}
      </Button>
    </div>
  );
}
