/**
 * "Tạo đợt đánh giá": a name and year, a framework published or in use, the units (a group — the
 * units of some kinds under a parent — or picked from the tree), and the six phases' dates
 * (dd/mm/yyyy; publication a single first day). The server checks the calendar and the frameworks'
 * follow-up units and says what is wrong in words; the form shows the calendar's problems beside
 * their phases (PhaseFields.tsx) and any other refusal as it is.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Radio, Select, TreeSelect } from 'antd';
import { unitLabels } from '@core/collate';
import type { RoundCreate } from '@shared/api';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { labelMatches, unitForest, type UnitTreeNode } from '../admin/shared';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { roundsApi } from './api';
import { calendarOfValues, PhaseFields, showCalendarProblems, type PhaseValues } from './PhaseFields';
import '../../i18n/frameworks';
import '../../i18n/rounds';

const KINDS = ['commune', 'ward', 'township', 'district', 'town', 'city', 'department', 'office'] as const;

interface Values {
  name: string;
  year: number;
  frameworkId: number;
  mode: 'group' | 'picked';
  parentId?: number;
  kinds?: string[];
  unitIds?: number[];
  phases: PhaseValues;
}

interface TreeOption {
  value: number;
  title: string;
  children?: TreeOption[];
}

function toOptions(nodes: readonly UnitTreeNode[], labels: ReadonlyMap<number, string>): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: labels.get(n.id) ?? n.name,
    children: n.children ? toOptions(n.children, labels) : undefined,
  }));
}

/** The form in its drawer, as the rounds page opens it (loaded when first opened). */
export function RoundCreateDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer open={open} onClose={onClose} title={t('roundCreateTitle')} size={720} destroyOnHidden>
      <RoundCreateForm onCreated={onCreated} />
    </Drawer>
  );
}

function RoundCreateForm({ onCreated }: { onCreated: (id: number) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'group';
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const frameworks = useQuery({ queryKey: ['frameworks', lang, 'usable'], queryFn: () => api.frameworks() });
  const units = useQuery({ queryKey: ['units'], queryFn: api.units });
  const usable = (frameworks.data ?? []).filter((f) => f.state !== 'draft');
  const live = useMemo(() => (units.data ?? []).filter((u) => !u.archived), [units.data]);
  const treeData = useMemo(() => toOptions(unitForest(live), unitLabels(live)), [live]);

  const submit = async (v: Values) => {
    setError(null);
    const calendar = calendarOfValues(v.phases);
    const input: RoundCreate = {
      name: v.name,
      year: v.year,
      frameworkId: v.frameworkId,
      calendar,
      ...(v.mode === 'group'
        ? { unitGroup: { parentId: v.parentId!, kinds: v.kinds ?? [] } }
        : { unitIds: v.unitIds ?? [] }),
    };
    setSaving(true);
    try {
      const round = await roundsApi.create(input);
      void message.success(t('roundCreated'));
      onCreated(round.id);
    } catch (e) {
      // calendar problems beside their phases; any other refusal above the button
      if (!showCalendarProblems(form, e, lang)) setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('roundRequired') }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ mode: 'group', year: dayjs().year(), kinds: ['commune', 'ward'] }}
      onFinish={(v) => void submit(v)}
      data-testid="round-form"
    >
      <Form.Item name="name" label={t('roundName')} rules={required}>
        <Input placeholder={t('roundNamePlaceholder')} maxLength={300} />
      </Form.Item>
      <Form.Item name="year" label={t('roundYear')} rules={required}>
        <InputNumber min={2000} max={2100} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="frameworkId" label={t('roundFramework')} rules={required}>
        <Select
          loading={frameworks.isLoading}
          showSearch={{ filterOption: (input, option) => labelMatches(input, option?.label) }}
          options={usable.map((f) => ({ value: f.id, label: `${f.name} (${t(`state_${f.state}`)})` }))}
          data-testid="round-framework"
        />
      </Form.Item>
      <Form.Item name="mode" label={t('roundUnits')}>
        <Radio.Group
          options={[
            { value: 'group', label: t('roundUnitsByGroup') },
            { value: 'picked', label: t('roundUnitsPicked') },
          ]}
        />
      </Form.Item>
      {mode === 'group' ? (
        <>
          <Form.Item name="parentId" label={t('roundGroupParent')} rules={required}>
            <UnitTreeSelect units={live} loading={units.isLoading} aria-label={t('roundGroupParent')} />
          </Form.Item>
          <Form.Item name="kinds" label={t('roundGroupKinds')} rules={required}>
            <Select
              mode="multiple"
              options={KINDS.map((k) => ({ value: k, label: t(`kind_${k}` as MessageKey) }))}
            />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="unitIds" label={t('roundPickUnits')} rules={required}>
          <TreeSelect<number[]>
            treeData={treeData}
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_CHILD}
            treeDefaultExpandAll
            showSearch={{ filterTreeNode: (input, node) => labelMatches(input, node.title) }}
            loading={units.isLoading}
          />
        </Form.Item>
      )}
      <PhaseFields />
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="round-error" />
      )}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="round-submit">
        {t('roundsCreate')}
      </Button>
    </Form>
  );
}
