/**
 * The round page's dialogs about more time (RoundPage.tsx): a unit asks for it (phase and reason), the
 * office grants it until a day or refuses it with a note. Loaded when one first opens.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Extension, ExtensionDecision, RoundUnit, RoundView } from '@shared/api';
import { type Dayjs } from 'dayjs';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { roundsApi } from './api';
import { datesText, phaseKey } from './parts';
import '../../i18n/rounds';

export function AskExtension({
  round,
  unit,
  onClose,
}: {
  round: RoundView;
  unit: RoundUnit;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ phase: 'self' | 'explanation'; reason: string }>();
  const ask = useMutation({
    mutationFn: (v: { phase: 'self' | 'explanation'; reason: string }) =>
      roundsApi.askExtension(round.id, unit.unitId, v),
    onSuccess: () => {
      void message.success(t('extensionAsked'));
      void queryClient.invalidateQueries({ queryKey: ['round', round.id] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={t('extensionAskTitle', { unit: unit.unitName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={ask.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ phase: 'self' }} onFinish={(v) => ask.mutate(v)}>
        <Form.Item name="phase" label={t('extensionAskPhase')}>
          <Radio.Group
            options={(['self', 'explanation'] as const).map((p) => ({ value: p, label: t(phaseKey(p)) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('extensionAskReason')}
          rules={[{ required: true, message: t('roundRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function Decide({
  round,
  extension,
  decision,
  onClose,
}: {
  round: RoundView;
  extension: Extension;
  decision: 'grant' | 'refuse';
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ until?: Dayjs; note?: string }>();
  const decide = useMutation({
    mutationFn: (body: ExtensionDecision) => roundsApi.decideExtension(round.id, extension.id, body),
    onSuccess: (view) => {
      void message.success(t('extensionDecided'));
      queryClient.setQueryData(['round', round.id], view);
      void queryClient.invalidateQueries({ queryKey: ['round', round.id] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const phase = round.calendar.find((p) => p.phase === extension.phase);
  return (
    <Modal
      open
      title={t(decision === 'grant' ? 'extensionGrantTitle' : 'extensionRefuseTitle', {
        unit: extension.unitName,
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      okText={t(decision === 'grant' ? 'extensionGrant' : 'extensionRefuse')}
      okButtonProps={{ danger: decision === 'refuse', ...{ 'data-testid': 'decide-ok' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(phaseKey(extension.phase))}
        {phase ? `: ${datesText(phase, t)}` : ''} — {extension.reason}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decide.mutate({
            decision,
            ...(v.until ? { until: v.until.format('YYYY-MM-DD') } : {}),
            ...(v.note ? { note: v.note } : {}),
          })
        }
      >
        {decision === 'grant' && (
          <Form.Item
            name="until"
            label={t('extensionGrantUntil')}
            rules={[{ required: true, message: t('roundRequired') }]}
          >
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('extensionNote')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
