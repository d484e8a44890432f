/**
 * Backup for the administrator of the whole installation: download a consistent copy (SQLite) or
 * the command for PostgreSQL, how to restore, and the audit anchor to keep outside the database.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { api, downloadBackup, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { Forbidden } from './Forbidden';
import '../../i18n/admin';

function Command({ text }: { text: string }) {
  return (
    <Typography.Paragraph copyable={{ text }} code style={{ wordBreak: 'break-all', marginBottom: 0 }}>
      {text}
    </Typography.Paragraph>
  );
}

export default function BackupPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const info = useQuery({ queryKey: ['backup', lang], queryFn: api.backupInfo, enabled: me.can.backup });
  const download = useMutation({
    mutationFn: downloadBackup,
    onSuccess: ({ blob, fileName }) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      void message.success(t('backupDone', { file: fileName }));
      void info.refetch();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  if (!me.can.backup) return <Forbidden />;
  if (info.error) return <LoadError error={info.error} onRetry={() => void info.refetch()} />;
  const data = info.data;
  const n = (v: number) => v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('backupTitle')}
      </Typography.Title>
      <Card loading={!data}>
        <Typography.Paragraph>{t('backupIntro')}</Typography.Paragraph>
        {data && !data.download ? (
          <>
            <Alert type="info" showIcon message={t('backupPostgres')} style={{ marginBottom: 12 }} />
            <Command text="npx parindex backup parindex-$(date +%F).dump" />
          </>
        ) : (
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={download.isPending}
            onClick={() => download.mutate()}
            data-testid="backup-download"
          >
            {t('backupDownload')}
          </Button>
        )}
      </Card>
      <Card title={t('backupRestoreTitle')} loading={!data}>
        <Typography.Paragraph>{t('backupRestoreHint')}</Typography.Paragraph>
        <Command
          text={`npx parindex restore ${data?.engine === 'postgres' ? 'parindex-2026-01-31.dump' : 'parindex-20260131-170000.sqlite'} --force`}
        />
      </Card>
      <Card title={t('backupAnchorTitle')} loading={!data}>
        {data && (
          <>
            <Typography.Paragraph>{t('backupAnchorHint')}</Typography.Paragraph>
            <Typography.Paragraph strong>
              {t('backupAnchorEntries', { id: data.head.id, n: n(data.head.entries) })}
            </Typography.Paragraph>
            <Typography.Paragraph
              copyable
              code
              data-testid="backup-anchor"
              style={{ wordBreak: 'break-all' }}
            >
              {data.head.anchor}
            </Typography.Paragraph>
            <Command text={`npx parindex audit verify --anchor ${data.head.anchor}`} />
          </>
        )}
      </Card>
    </Space>
  );
}
