/** The wizard's last step: what became of each plan, with a link to it. */
import { Button, List, Result } from 'antd';
import type { ImportResult } from '@shared/api';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import '../../i18n/imports';

export function DoneStep({ result, onAnother }: { result: ImportResult; onAnother: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t('importDone')}
      subTitle={
        <List
          dataSource={result.plans}
          renderItem={(p) => (
            <List.Item>
              <Link to={`/plans/${p.id}`}>{`${p.subject} ${p.year}`}</Link> — {t(`outcome_${p.outcome}`)}
            </List.Item>
          )}
        />
      }
      extra={<Button onClick={onAnother}>{t('importAnother')}</Button>}
    />
  );
}
