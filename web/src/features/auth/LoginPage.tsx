/** Sign-in and change of password. */
import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Me } from '@shared/api';
import { api, errorMessage } from '../../api/client';
import { passwordRules } from './passwordRules';
import { useI18n } from '../../i18n/i18n';
import { LanguageSwitch } from '../../ui/LanguageSwitch';

function Centered({ children }: { children: React.ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'center',
        alignItems: 'flex-start',
        padding: '80px 12px 24px',
        minHeight: '100vh',
        boxSizing: 'border-box',
        background: '#f5f5f5',
      }}
    >
      {children}
    </div>
  );
}

export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(values.username, values.password));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Centered>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('appName')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('signInTitle')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => void submit(v)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn')}
          </Button>
        </Form>
      </Card>
    </Centered>
  );
}

export function ChangePasswordForm({
  forced,
  onChanged,
  onSignOut,
}: {
  forced?: boolean;
  onChanged: () => void;
  /** the forced change offers a way out: another person may be at the keyboard */
  onSignOut?: () => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { current: string; next: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(values.current, values.next);
      setDone(true);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const form = (
    <Card
      style={{ width: '100%', maxWidth: 420 }}
      title={t('changePassword')}
      extra={forced ? <LanguageSwitch /> : undefined}
    >
      {forced && (
        <Alert type="info" showIcon message={t('mustChangePassword')} style={{ marginBottom: 16 }} />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {done && <Alert type="success" showIcon message={t('passwordChanged')} style={{ marginBottom: 16 }} />}
      <Form
        layout="vertical"
        onFinish={(v: { current: string; next: string }) => void submit(v)}
        requiredMark={false}
      >
        <Form.Item
          name="current"
          label={t('currentPassword')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="next"
          label={t('newPassword')}
          extra={t('passwordPolicy')}
          rules={[{ required: true, message: t('required') }, ...passwordRules(t)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('confirmPassword')}
          dependencies={['next']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                value === getFieldValue('next')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('changePassword')}
          </Button>
          {onSignOut && (
            <Button icon={<LogoutOutlined />} onClick={onSignOut}>
              {t('signOut')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
  return forced ? <Centered>{form}</Centered> : form;
}
