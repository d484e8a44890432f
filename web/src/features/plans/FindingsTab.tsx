/**
 * The findings of a plan, errors first. A stated value that disagrees with its children offers
 * "use the children's sum" (one row, or every open one of the plan) and "keep as written" (an
 * acknowledgement with a note, shown as such until the values change). Both are the server's
 * audited actions (modules/plan-findings.ts); only an officer who may edit the plan sees them.
 */
import { CheckCircleOutlined } from '@ant-design/icons';
import { findingMessage } from '@core/findings';
import { App, Button, Card, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Finding, PlanView } from '@shared/api';
import { useI18n } from '../../i18n/i18n';
import { SEVERITY_COLOR } from '../../ui/colors';
import { fmtDateTime } from '../../ui/format';
import type { PlanEdits } from './usePlan';
import '../../i18n/plans';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function FindingsTab({
  plan,
  edits,
  onOpen,
}: {
  plan: PlanView;
  edits: PlanEdits;
  onOpen: (code: string) => void;
}) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const [keeping, setKeeping] = useState<Finding | null>(null);
  const canAct = plan.access.editScores;
  // open first, then by severity; an acknowledged finding goes after the open ones
  const sorted = [...plan.findings].sort(
    (a, b) =>
      Number(Boolean(a.acknowledgement)) - Number(Boolean(b.acknowledgement)) ||
      ORDER[a.severity] - ORDER[b.severity],
  );
  const adoptable = plan.findings.filter((f) => f.adoptable && f.key && !f.acknowledgement);

  const adoptAll = () => {
    modal.confirm({
      title: t('findingUseSumAll'),
      content: t('findingUseSumConfirm', { n: adoptable.length }),
      okText: t('findingUseSum'),
      cancelText: t('close'),
      onOk: () => edits.adoptSums(null),
    });
  };

  return (
    <Card title={t('findingsTitle')} size="small">
      {/* in the body, not the card's title bar: on a phone the title and the button share 350 px */}
      {canAct && adoptable.length > 0 && (
        <Button size="small" onClick={adoptAll} disabled={edits.saving} data-testid="adopt-all">
          {t('findingUseSumAll')}
        </Button>
      )}
      <List
        dataSource={sorted}
        locale={{ emptyText: t('findingsNone') }}
        renderItem={(f) => {
          const actions = [];
          if (canAct && f.key && !f.acknowledgement) {
            if (f.adoptable)
              actions.push(
                <Button
                  key="adopt"
                  size="small"
                  type="primary"
                  ghost
                  disabled={edits.saving}
                  onClick={() => void edits.adoptSums(f.key!)}
                >
                  {t('findingUseSum')}
                </Button>,
              );
            actions.push(
              <Button key="keep" size="small" disabled={edits.saving} onClick={() => setKeeping(f)}>
                {t('findingKeep')}
              </Button>,
            );
          }
          if (f.code)
            actions.push(
              <Typography.Link key="go" onClick={() => onOpen(f.code!)}>
                {t('jumpToRow')} {f.code}
              </Typography.Link>,
            );
          return (
            <List.Item data-testid={`finding-${f.rule}-${f.code ?? 'total'}`}>
              <Space align="start" style={{ maxWidth: '100%' }}>
                {f.acknowledgement ? (
                  <Tag icon={<CheckCircleOutlined />} color="default">
                    {t('findingAcknowledged')}
                  </Tag>
                ) : (
                  <Tag color={SEVERITY_COLOR[f.severity]}>{t(`severity_${f.severity}`)}</Tag>
                )}
                <span>
                  {f.code && <Typography.Text strong>{f.code} </Typography.Text>}
                  <Typography.Text type={f.acknowledgement ? 'secondary' : undefined}>
                    {findingMessage(f, lang)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    [{f.rule}]
                  </Typography.Text>
                  {f.acknowledgement && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('findingAcknowledgedBy', {
                          by: f.acknowledgement.by,
                          at: fmtDateTime(f.acknowledgement.at, lang),
                          note: f.acknowledgement.note,
                        })}
                      </Typography.Text>
                    </div>
                  )}
                  {/* the actions under the message, wrapping, so a phone never scrolls sideways */}
                  {actions.length > 0 && (
                    <Space wrap size="small" style={{ display: 'flex', marginTop: 6 }}>
                      {actions}
                    </Space>
                  )}
                </span>
              </Space>
            </List.Item>
          );
        }}
      />
      {keeping && (
        <KeepDialog
          finding={keeping}
          onClose={() => setKeeping(null)}
          onKeep={async (note) => {
            if (await edits.acknowledge(keeping.key!, note)) setKeeping(null);
          }}
          saving={edits.saving}
        />
      )}
    </Card>
  );
}

function KeepDialog({
  finding,
  onClose,
  onKeep,
  saving,
}: {
  finding: Finding;
  onClose: () => void;
  onKeep: (note: string) => Promise<void>;
  saving: boolean;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  return (
    <Modal
      open
      title={t('findingKeepTitle')}
      okText={t('findingKeep')}
      cancelText={t('close')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(({ note }) => onKeep(note.trim()))}
    >
      <Typography.Paragraph>
        {finding.code && <Typography.Text strong>{finding.code} </Typography.Text>}
        {findingMessage(finding, lang)}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('findingKeepHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('findingKeepNote')}
          rules={[{ required: true, whitespace: true, message: t('findingNoteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} autoFocus data-testid="keep-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
