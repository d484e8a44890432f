/**
 * The names a file wrote that no unit answers to, each mapped to a unit with a searchable Select (the
 * server's suggestion chosen at first; an unmapped name marked): the survey's and the results'
 * wizards alike.
 */
import { Card, Select, Space, Typography } from 'antd';

export function NameMapping({
  title,
  help,
  placeholder,
  testId,
  names,
  options,
  mapping,
  setMapping,
}: {
  title: string;
  help: string;
  placeholder: string;
  testId: string;
  /** each name as written, and what to say after it (its rows) */
  names: readonly { name: string; note?: string }[];
  options: readonly { value: number; label: string }[];
  mapping: Record<string, number>;
  setMapping: (mapping: Record<string, number>) => void;
}) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {names.map((u) => (
          <Space key={u.name} wrap>
            <Typography.Text strong style={{ display: 'inline-block', minWidth: 220 }}>
              {u.name}
              {u.note && <Typography.Text type="secondary"> ({u.note})</Typography.Text>}
            </Typography.Text>
            <span aria-hidden>→</span>
            <Select
              aria-label={u.name}
              showSearch
              optionFilterProp="label"
              placeholder={placeholder}
              style={{ width: 300, maxWidth: '100%' }}
              status={mapping[u.name] === undefined ? 'warning' : undefined}
              value={mapping[u.name]}
              onChange={(id: number) => setMapping({ ...mapping, [u.name]: id })}
              options={[...options]}
            />
          </Space>
        ))}
      </Space>
    </Card>
  );
}
