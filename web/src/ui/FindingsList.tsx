/**
 * The findings of a file read for an import, as every preview shows them: the severity's tag, the
 * criterion's code, the message in the reader's language and the place in the file (line, column,
 * page). Info findings are counted under the list rather than listed, unless `foldInfo` is off.
 */
import { findingMessage, formatLocation } from '@core/findings';
import { List, Space, Tag, Typography } from 'antd';
import type { Finding } from '@shared/api';
import { useI18n } from '../i18n/i18n';
import { SEVERITY_COLOR } from './colors';

export function FindingsList({
  findings,
  header = true,
  foldInfo = true,
  testId,
}: {
  findings: readonly Finding[];
  /** the list's own "Findings" header: off where a card's title or a tab already says it */
  header?: boolean;
  /** info findings counted in the footer instead of listed one by one */
  foldInfo?: boolean;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const shown = foldInfo ? findings.filter((f) => f.severity !== 'info') : [...findings];
  const infos = findings.length - shown.length;
  return (
    <List
      data-testid={testId}
      size="small"
      header={header ? <strong>{t('findingsTitle')}</strong> : undefined}
      dataSource={shown}
      locale={{ emptyText: t('findingsNone') }}
      renderItem={(f) => (
        <List.Item>
          <Space align="start">
            <Tag color={SEVERITY_COLOR[f.severity]}>{t(`severity_${f.severity}`)}</Tag>
            <span>
              {f.code && <strong>{f.code} </strong>}
              {findingMessage(f, lang)}
              {f.location && (
                <Typography.Text type="secondary"> ({formatLocation(f.location, lang)})</Typography.Text>
              )}
            </span>
          </Space>
        </List.Item>
      )}
      footer={
        infos > 0 ? (
          <Typography.Text type="secondary">
            + {infos} {t('severity_info').toLowerCase()}
          </Typography.Text>
        ) : undefined
      }
    />
  );
}
