/**
 * A unit's form: name, kind and parent. Its lineage is not edited here: a merger, split, renaming or
 * dissolution is recorded as an event ("Ghi nhận sắp xếp đơn vị", UnitEventForm.tsx).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { SameNameUnit, UnitNode, UnitPatch } from '@shared/api';
import { kindFitsParent } from '@core/unit-kinds';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { useDebounced } from '../../ui/useDebounced';
import { useI18n } from '../../i18n/i18n';
import { errorText, KNOWN_KINDS, kindLabel, NO_UNIT, subtreeIds, UNITS_KEY } from './shared';
import { UnitTreeSelect } from './UnitTreeSelect';
import '../../i18n/admin';

interface Values {
  name: string;
  kind: string;
  parentId: number;
}

function initialValues(unit: UnitNode | null): Partial<Values> {
  if (!unit) return {};
  return { name: unit.name, kind: unit.kind, parentId: unit.parentId ?? NO_UNIT };
}

/** Only what changed: the server checks each field it receives (a parent it must reach, say). */
function patchOf(unit: UnitNode, v: Values): UnitPatch {
  const next: UnitPatch = {
    name: v.name.trim(),
    kind: v.kind,
    parentId: v.parentId === NO_UNIT ? null : v.parentId,
  };
  const patch: UnitPatch = {};
  for (const key of Object.keys(next) as (keyof UnitPatch)[]) {
    if (next[key] !== unit[key]) Object.assign(patch, { [key]: next[key] });
  }
  return patch;
}

export function UnitFormModal({
  unit,
  units,
  onClose,
}: {
  /** null: a new unit */
  unit: UnitNode | null;
  units: readonly UnitNode[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const parentId = Form.useWatch('parentId', form);
  const sameName = useSameName(Form.useWatch('name', form), unit?.id ?? null);
  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (unit) {
        const patch = patchOf(unit, v);
        return Object.keys(patch).length === 0 ? unit : api.updateUnit(unit.id, patch);
      }
      return api.createUnit({
        name: v.name.trim(),
        kind: v.kind,
        parentId: v.parentId === NO_UNIT ? null : v.parentId,
      });
    },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: UNITS_KEY });
      void message.success(unit ? t('savedChanges') : t('unitCreated', { name: saved.name }));
      onClose();
    },
  });
  const notParents = useMemo(() => (unit ? subtreeIds(units, unit.id) : undefined), [units, unit]);
  const kinds = unit && !KNOWN_KINDS.includes(unit.kind) ? [...KNOWN_KINDS, unit.kind] : KNOWN_KINDS;
  // the server refuses a kind that does not fit the parent (core/unit-kinds.ts): the form says so first
  const parentKind =
    parentId === undefined || parentId === NO_UNIT
      ? null
      : (units.find((u) => u.id === parentId)?.kind ?? null);
  const kindOptions = kinds.map((k) => {
    const fits = kindFitsParent(k, parentKind);
    return {
      value: k,
      label: fits ? kindLabel(k, t) : `${kindLabel(k, t)} — ${t('kindNotUnderParent')}`,
      disabled: !fits && k !== unit?.kind,
    };
  });
  return (
    <Modal
      open
      title={unit ? t('editUnit') : t('newUnit')}
      okText={unit ? t('save') : t('create')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={640}
      mask={{ closable: false }}
    >
      {save.error && (
        <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues(unit)}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('unitName')}
          rules={[{ required: true, whitespace: true, min: 2, max: 300, message: t('unitNameRule') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        {sameName.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('sameNameWarning')}
            description={
              <>
                <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                  {sameName.map((u) => (
                    <li key={u.id}>{u.path.join(' › ')}</li>
                  ))}
                </ul>
                {t('sameNameHelp')}
              </>
            }
          />
        )}
        <Form.Item name="kind" label={t('unitKind')} rules={[{ required: true, message: t('required') }]}>
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item
          name="parentId"
          label={t('unitParent')}
          rules={[{ required: true, message: t('chooseUnit') }]}
        >
          <UnitTreeSelect
            units={units}
            noUnitLabel={t('noParent')}
            disabledIds={notParents}
            placeholder={t('chooseUnit')}
          />
        </Form.Item>
        {unit && <Alert type="info" showIcon title={t('unitLineageByEvent', { event: t('eventRecord') })} />}
      </Form>
    </Modal>
  );
}

/** Units elsewhere of the name being typed, asked once the typing pauses. */
function useSameName(typed: string | undefined, except: number | null): SameNameUnit[] {
  const name = useDebounced((typed ?? '').trim(), 300);
  const query = useQuery({
    queryKey: ['admin', 'same-name', name, except],
    queryFn: () => api.sameNameUnits(name, except),
    enabled: name.length >= 2,
    staleTime: 30_000,
  });
  return name.length >= 2 ? (query.data ?? []) : [];
}
