/**
 * Archiving and deleting a plan, offered only to whom the server allows it (the plan's access
 * block). Deleting asks the administrator to type the plan's name; the server checks it again and
 * keeps the plan's content in the audit trail.
 */
import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { confirms, planConfirmName } from '@core/plan-name';
import type { PlanView } from '@shared/api';
import { api, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { planKey } from './usePlan';
import '../../i18n/plans';

export function PlanActions({ plan }: { plan: PlanView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);

  const toggleArchived = async () => {
    setBusy(true);
    try {
      const next = await api.archivePlan(plan.id, !plan.archived);
      qc.setQueryData(planKey(plan.id), next);
      void qc.invalidateQueries({ queryKey: ['plans'] });
      void message.success(t(next.archived ? 'planArchived' : 'planUnarchived'));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (!plan.access.archive && !plan.access.delete) return null;
  return (
    <Space wrap>
      {plan.access.archive && (
        <Button icon={<InboxOutlined />} loading={busy} onClick={() => void toggleArchived()}>
          {t(plan.archived ? 'unarchivePlan' : 'archivePlan')}
        </Button>
      )}
      {plan.access.delete && (
        <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)}>
          {t('deletePlan')}
        </Button>
      )}
      {deleting && <DeletePlanModal plan={plan} onClose={() => setDeleting(false)} />}
    </Space>
  );
}

function DeletePlanModal({ plan, onClose }: { plan: PlanView; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const expected = planConfirmName(plan.subject.name, plan.year);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deletePlan(plan.id, typed);
      qc.removeQueries({ queryKey: planKey(plan.id) });
      await qc.invalidateQueries({ queryKey: ['plans'] });
      void message.success(t('planDeleted', { name: expected }));
      void navigate('/');
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('deletePlanTitle', { name: expected })}
      okText={t('deletePlan')}
      okButtonProps={{ danger: true, disabled: !confirms(typed, expected), loading: busy }}
      cancelText={t('cancel')}
      onOk={() => void remove()}
      onCancel={onClose}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('deletePlanWarning')}</Typography.Paragraph>
        <Typography.Text>
          {t('deletePlanType')} <Typography.Text code>{expected}</Typography.Text>
        </Typography.Text>
        <Input
          autoFocus
          aria-label={t('deletePlanType')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onPressEnter={() => {
            if (confirms(typed, expected)) void remove();
          }}
        />
        {error && <Alert type="error" showIcon message={error} />}
      </Space>
    </Modal>
  );
}
