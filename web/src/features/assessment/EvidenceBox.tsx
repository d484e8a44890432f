/**
 * A criterion's evidence files: the list (a preview in a new tab for PDF and images, the file's own
 * name shown as text), removal from the criterion, and an upload by drag and drop linked to it.
 * The files and their checks are the evidence feature's (POST …/evidence with criterionId).
 */
import { Button, List, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { assessmentApi, type EvidenceFile } from './api';
import '../../i18n/assessment';

const PREVIEWABLE = new Set(['pdf', 'jpeg', 'png']);

export function EvidenceBox(props: {
  testId: string;
  files: EvidenceFile[];
  enabled: boolean;
  editable: boolean;
  onUpload: (file: File) => Promise<void>;
  onUnlink: (file: EvidenceFile) => Promise<void>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      <Typography.Text type="secondary">
        {props.files.length > 0 ? t('saEvidence') : t('saEvidenceNone')}
      </Typography.Text>
      {props.files.length > 0 && (
        <List
          size="small"
          data-testid={`${props.testId}-files`}
          dataSource={props.files}
          renderItem={(f) => (
            <List.Item
              actions={[
                PREVIEWABLE.has(f.type) ? (
                  <a
                    key="view"
                    href={assessmentApi.previewUrl(f.id)}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {t('saEvidencePreview')}
                  </a>
                ) : null,
                props.editable ? (
                  <Button key="unlink" size="small" type="link" danger onClick={() => void props.onUnlink(f)}>
                    {t('saEvidenceUnlink')}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                {f.name}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {props.enabled && props.editable && (
        <Upload.Dragger
          data-testid={`${props.testId}-upload`}
          multiple
          showUploadList={false}
          disabled={busy}
          accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
          customRequest={(options) => {
            setBusy(true);
            void props
              .onUpload(options.file as File)
              .then(() => options.onSuccess?.({}))
              .catch((error: unknown) => options.onError?.(error as Error))
              .finally(() => setBusy(false));
          }}
          style={{ padding: 4 }}
        >
          <Typography.Text type="secondary">{t('saEvidenceDrop')}</Typography.Text>
        </Upload.Dragger>
      )}
    </Space>
  );
}
