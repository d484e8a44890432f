/**
 * "Sửa tên và lịch": the round's name and six phases' dates changed by whoever manages the round,
 * before publication (PATCH /api/rounds/:id). The form keeps the version it was opened on: when
 * someone else changed the round meanwhile the server refuses (STALE_VERSION) and the form offers
 * the latest name and dates; the calendar's problems are shown beside their phases.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import type { RoundView } from '@shared/api';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { roundsApi } from './api';
import {
  calendarOfValues,
  PhaseFields,
  showCalendarProblems,
  valuesOfCalendar,
  type PhaseValues,
} from './PhaseFields';
import '../../i18n/rounds';

interface Values {
  name: string;
  phases: PhaseValues;
}

const valuesOf = (round: RoundView): Values => ({
  name: round.name,
  phases: valuesOfCalendar(round.calendar),
});

export function RoundEdit({ round, onClose }: { round: RoundView; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(round.version);
  const [error, setError] = useState<{ text: string; stale: boolean } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (v: Values) => {
    setError(null);
    setSaving(true);
    try {
      // publication has no end: its stored last day stays unless its first day moved (no change to audit)
      const calendar = calendarOfValues(v.phases).map((p) => {
        const was = round.calendar.find((x) => x.phase === p.phase);
        return p.phase === 'publication' && was?.opensOn === p.opensOn ? was : p;
      });
      const view = await roundsApi.update(round.id, { version, name: v.name, calendar });
      queryClient.setQueryData(['round', round.id, lang], view);
      void queryClient.invalidateQueries({ queryKey: ['round', round.id] });
      void queryClient.invalidateQueries({ queryKey: ['rounds'] });
      void message.success(t('roundEdited'));
      onClose();
    } catch (e) {
      if (showCalendarProblems(form, e, lang)) return;
      const stale = e instanceof ApiError && e.code === 'STALE_VERSION';
      setError({ text: errorMessage(e), stale });
    } finally {
      setSaving(false);
    }
  };

  /** The round as it is now: its name, dates and version in the form. */
  const takeLatest = async () => {
    const latest = await roundsApi.round(round.id);
    queryClient.setQueryData(['round', round.id, lang], latest);
    setVersion(latest.version);
    form.setFieldsValue(valuesOf(latest));
    setError(null);
  };

  return (
    <Modal
      open
      title={t('roundEditTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('roundEditSave')}
      confirmLoading={saving}
      okButtonProps={{ ...{ 'data-testid': 'round-edit-save' } }}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(round)}
        onFinish={(v) => void save(v)}
        data-testid="round-edit-form"
      >
        <Form.Item
          name="name"
          label={t('roundName')}
          rules={[{ required: true, whitespace: true, message: t('roundRequired') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <PhaseFields />
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text}
          data-testid="round-edit-error"
          action={
            error.stale ? (
              <Button size="small" onClick={() => void takeLatest()} data-testid="round-edit-latest">
                {t('roundEditLatest')}
              </Button>
            ) : undefined
          }
        />
      )}
    </Modal>
  );
}
