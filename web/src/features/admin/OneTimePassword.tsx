/**
 * A password the server generated: it keeps only the hash, so this is the one chance to pass it on.
 * The modal does not close on a stray click outside it.
 */
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import '../../i18n/admin';

export interface OneTimePassword {
  username: string;
  password: string;
}

export function OneTimePasswordModal({
  shown,
  onClose,
}: {
  shown: OneTimePassword | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={shown !== null}
      title={shown ? t('oneTimeTitle', { user: shown.username }) : undefined}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('oneTimeDone')}
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('oneTimeWarning')} style={{ marginBottom: 16 }} />
      {shown && (
        <Typography.Paragraph
          data-testid="one-time-password"
          code
          copyable={{
            text: shown.password,
            tooltips: false,
            icon: [
              <span key="copy">
                <CopyOutlined /> {t('copy')}
              </span>,
              <span key="copied">
                <CheckOutlined /> {t('copied')}
              </span>,
            ],
          }}
          style={{ fontSize: 20, textAlign: 'center', margin: 0 }}
        >
          {shown.password}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
