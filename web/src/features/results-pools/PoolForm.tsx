/** A ranking pool created or edited (PoolsPage.tsx), in its drawer: name, description, tie-break order. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Select } from 'antd';
import type { Pool } from '@shared/api/results';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { COMPONENTS, poolsApi, POOLS_KEY } from './api';
import '../../i18n/results-pools';

export function PoolDrawer({
  editing,
  partLabel,
  onClose,
  onSaved,
}: {
  /** the pool edited, 'new' for a new one, null when closed */
  editing: Pool | 'new' | null;
  partLabel: (code: string) => string;
  onClose: () => void;
  onSaved: (pool: Pool) => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={editing !== null}
      title={t(editing === 'new' ? 'poolFormNew' : 'poolFormEdit')}
      width={520}
      onClose={onClose}
      destroyOnHidden
    >
      {editing !== null && (
        <PoolForm pool={editing === 'new' ? null : editing} partLabel={partLabel} onSaved={onSaved} />
      )}
    </Drawer>
  );
}

interface PoolValues {
  name: string;
  description: string;
  tieBreak: string[];
}

function PoolForm({
  pool,
  partLabel,
  onSaved,
}: {
  pool: Pool | null;
  partLabel: (code: string) => string;
  onSaved: (pool: Pool) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PoolValues>();
  const save = useMutation({
    mutationFn: (v: PoolValues) =>
      pool
        ? poolsApi.update(pool.id, { version: pool.version, ...v })
        : poolsApi.create({ name: v.name, description: v.description, tieBreak: v.tieBreak }),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: POOLS_KEY });
      void message.success(t('poolSaved'));
      onSaved(saved);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Form<PoolValues>
      form={form}
      layout="vertical"
      initialValues={{
        name: pool?.name ?? '',
        description: pool?.description ?? '',
        tieBreak: pool?.tieBreak ?? [],
      }}
      onFinish={(v) => save.mutate({ ...v, name: v.name.trim() })}
    >
      <Form.Item
        name="name"
        label={t('poolName')}
        rules={[{ required: true, whitespace: true, message: t('poolRequired') }]}
      >
        <Input placeholder={t('poolNamePlaceholder')} maxLength={200} data-testid="pool-name" />
      </Form.Item>
      <Form.Item name="description" label={t('poolDescription')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="tieBreak" label={t('poolTieBreak')} extra={t('poolTieBreakHelp')}>
        <Select
          mode="tags"
          data-testid="pool-tie-break"
          options={COMPONENTS.map((code) => ({ value: code, label: partLabel(code) }))}
          maxCount={10}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="pool-save">
        {t('save')}
      </Button>
    </Form>
  );
}
