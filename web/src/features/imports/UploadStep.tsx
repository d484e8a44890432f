/**
 * The wizards' first step: choose a file (within the size limit), then its upload's progress; and
 * useStartUpload, the one way a wizard sends the chosen file for its preview.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Progress, Space, Spin, Typography, Upload } from 'antd';
import { MAX_FILE_BYTES, megabytes } from '@shared/limits';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import '../../i18n/imports';

export const LIMIT = megabytes(MAX_FILE_BYTES);

export type UploadPhase =
  { step: 'upload'; error: string | null } | { step: 'uploading'; percent: number; file: string };

/** `hint` and `sub`: what the drop zone says (a plan's appendix by default; a framework's document too). */
export function UploadStep({
  phase,
  start,
  hint,
  sub,
}: {
  phase: UploadPhase;
  start: (file: File) => void;
  hint?: string;
  sub?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      {phase.step === 'upload' && (
        <>
          {phase.error && <Alert type="error" showIcon message={phase.error} style={{ marginBottom: 16 }} />}
          <Upload.Dragger
            accept=".txt,.tsv,.csv,.xlsx,.docx"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              start(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{hint ?? t('uploadHint', { limit: LIMIT })}</p>
            <p className="ant-upload-hint">{sub ?? t('uploadSub')}</p>
          </Upload.Dragger>
        </>
      )}
      {phase.step === 'uploading' && (
        <Card style={{ maxWidth: 600 }}>
          <Typography.Paragraph>{phase.file}</Typography.Paragraph>
          <Progress percent={phase.percent} status="active" />
          {phase.percent >= 100 && (
            <Space style={{ marginTop: 12 }}>
              <Spin size="small" /> {t('reading')}
            </Space>
          )}
          {phase.percent < 100 && (
            <Typography.Text type="secondary">{t('uploading', { percent: phase.percent })}</Typography.Text>
          )}
        </Card>
      )}
    </>
  );
}

/**
 * What the wizard does with the chosen file: one over the limit is refused at once, without sending
 * it; otherwise the upload's progress is shown, then the preview goes to `onPreview` (a refusal back
 * to the upload step, in the server's words).
 */
export function useStartUpload<P>(
  upload: (file: File, progress: (percent: number) => void) => Promise<P>,
  setPhase: (phase: UploadPhase) => void,
  onPreview: (preview: P) => void,
): (file: File) => void {
  const { t } = useI18n();
  return (file) => {
    if (file.size > MAX_FILE_BYTES) {
      setPhase({ step: 'upload', error: t('fileTooLarge', { limit: LIMIT }) });
      return;
    }
    setPhase({ step: 'uploading', percent: 0, file: file.name });
    upload(file, (percent) => setPhase({ step: 'uploading', percent, file: file.name })).then(
      onPreview,
      (error: unknown) => setPhase({ step: 'upload', error: errorMessage(error) }),
    );
  };
}
