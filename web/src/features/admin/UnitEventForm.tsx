/**
 * "Ghi nhận sắp xếp đơn vị": a reorganisation from the form (merged A, B, C → D, split, renamed,
 * moved, dissolved), the new unit made in the same step if asked; and a list of them imported from
 * a file, previewed with its findings (row and column) before anything is written.
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Modal, Select, Table, Tag, Typography, Upload } from 'antd';
import { findingMessage, formatLocation } from '@core/findings';
import type { LineageListResult, UnitNode } from '@shared/api';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, uploadUnitEvents } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText, KNOWN_KINDS, kindLabel, UNITS_KEY } from './shared';
import '../../i18n/admin';

const KINDS = ['merged', 'split', 'renamed', 'moved', 'dissolved'] as const;
type Kind = (typeof KINDS)[number];

interface Values {
  kind: Kind;
  date: Dayjs;
  decision?: string;
  note?: string;
  from: number[];
  to?: number[];
  makeNew?: boolean;
  newName?: string;
  newKind?: string;
  newParent?: number;
}

function useUnitOptions(units: readonly UnitNode[]) {
  return useMemo(
    () =>
      units
        .filter((u) => !u.archived)
        .map((u) => ({ value: u.id, label: u.name }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [units],
  );
}

export function UnitEventModal({ units, onClose }: { units: readonly UnitNode[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'merged';
  const makeNew = Form.useWatch('makeNew', form) ?? false;
  const options = useUnitOptions(units);
  const submit = async (v: Values) => {
    setSaving(true);
    try {
      await api.recordUnitEvent({
        kind: v.kind,
        date: v.date.format('YYYY-MM-DD'),
        decision: v.decision ?? '',
        note: v.note ?? '',
        from: v.from,
        to: v.to ?? [],
        newUnit:
          v.makeNew && v.newName && v.newKind
            ? { name: v.newName, kind: v.newKind, parentId: v.newParent ?? null }
            : null,
      });
      await qc.invalidateQueries({ queryKey: UNITS_KEY });
      await qc.invalidateQueries({ queryKey: ['admin', 'lineage'] });
      void message.success(t('eventRecorded'));
      onClose();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };
  const canMake = kind === 'merged' || kind === 'split' || kind === 'renamed';
  return (
    <Modal
      open
      title={t('eventRecord')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'merged' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="kind" label={t('eventKind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`eventKind_${k}`) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('eventDate')} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="decision" label={t('eventDecision')}>
          <Input maxLength={300} placeholder="202/2025/QH15" />
        </Form.Item>
        <Form.Item name="from" label={t('eventFrom')} rules={[{ required: true }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={options} />
        </Form.Item>
        {kind !== 'dissolved' && (
          <Form.Item name="to" label={kind === 'moved' ? t('eventToParent') : t('eventTo')}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={options}
              disabled={makeNew && kind !== 'split'}
            />
          </Form.Item>
        )}
        {canMake && (
          <Form.Item name="makeNew" valuePropName="checked">
            <Checkbox>{t('eventNewUnit')}</Checkbox>
          </Form.Item>
        )}
        {canMake && makeNew && (
          <>
            <Form.Item name="newName" label={t('eventNewName')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="newKind" label={t('eventNewKind')} rules={[{ required: true }]}>
              <Select options={KNOWN_KINDS.map((k) => ({ value: k, label: kindLabel(k, t) }))} />
            </Form.Item>
            <Form.Item name="newParent" label={t('eventNewParent')}>
              <Select allowClear showSearch optionFilterProp="label" options={options} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('eventNote')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A list of reorganisations: upload → preview (events, findings with row and column) → record all. */
export function UnitEventImport({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<LineageListResult | null>(null);
  const [busy, setBusy] = useState(false);
  const read = async (f: File, confirm: boolean) => {
    setBusy(true);
    try {
      const result = await uploadUnitEvents(f, confirm);
      setPreview(result);
      if (result.written) {
        await qc.invalidateQueries({ queryKey: UNITS_KEY });
        void message.success(t('eventImportDone', { n: result.events.length }));
        onClose();
      }
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const blocked = preview !== null && !preview.canConfirm;
  return (
    <Modal
      open
      width={820}
      title={preview ? t('eventImportPreview') : t('eventImport')}
      onCancel={onClose}
      cancelText={t('close')}
      okText={t('eventImportConfirm')}
      okButtonProps={{ disabled: !preview || blocked || !file, loading: busy }}
      onOk={() => file && void read(file, true)}
    >
      <Upload.Dragger
        accept=".csv,.xlsx,.txt"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          setFile(f);
          void read(f, false);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? file.name : t('eventImportHint')}</p>
      </Upload.Dragger>
      {preview && (
        <>
          {blocked && (
            <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
              {t('eventImportBlocked')}
            </Typography.Paragraph>
          )}
          {preview.findings.length > 0 && (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              pagination={false}
              rowKey={(_f, i) => String(i)}
              dataSource={preview.findings}
              columns={[
                {
                  title: t('eventFindingAt'),
                  width: 200,
                  render: (_v, f) => formatLocation(f.location, lang),
                },
                {
                  title: t('eventFinding'),
                  render: (_v, f) => (
                    <Typography.Text type={f.severity === 'error' ? 'danger' : 'secondary'}>
                      {findingMessage(f, lang)}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          )}
          <Table
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            rowKey={(_e, i) => String(i)}
            dataSource={preview.events}
            columns={[
              { title: t('eventKind'), width: 150, render: (_v, e) => <Tag>{t(`eventKind_${e.kind}`)}</Tag> },
              {
                title: t('eventDate'),
                width: 110,
                render: (_v, e) => e.date?.split('-').reverse().join('/'),
              },
              { title: t('eventFrom'), render: (_v, e) => e.from.map((u) => u.name).join(', ') },
              { title: t('eventTo'), render: (_v, e) => e.to.map((u) => u.name).join(', ') },
              { title: t('eventDecision'), width: 140, dataIndex: 'decision' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
