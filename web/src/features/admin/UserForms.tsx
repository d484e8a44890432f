/** The forms of the accounts page: a new account with its first roles, one more role for an account. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import type { AdminUser, UnitNode } from '@shared/api';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { passwordRules } from '../auth/passwordRules';
import type { OneTimePassword } from './OneTimePassword';
import { errorText, NO_UNIT, roleName, useRoles, USERS_KEY } from './shared';
import { UnitTreeSelect } from './UnitTreeSelect';
import '../../i18n/notifications';
import '../../i18n/admin';

interface GrantValues {
  role: string;
  unitId: number;
}

const toGrant = (g: GrantValues) => ({ role: g.role, unitId: g.unitId === NO_UNIT ? null : g.unitId });

/** Role and unit side by side; `prefix` is where they sit in the form (a list row or the top). */
function GrantFields({ prefix, units }: { prefix: (string | number)[]; units: readonly UnitNode[] }) {
  const { t, lang } = useI18n();
  const roles = useRoles();
  return (
    <div style={{ display: 'flex', gap: 8, flex: 1, minWidth: 0 }}>
      <Form.Item
        name={[...prefix, 'role']}
        rules={[{ required: true, message: t('chooseRole') }]}
        style={{ flex: '0 0 42%', marginBottom: 0 }}
      >
        <Select
          placeholder={t('chooseRole')}
          loading={roles.isLoading}
          options={(roles.data ?? []).map((r) => ({
            value: r.code,
            label: roleName(roles.data, r.code, lang),
          }))}
        />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'unitId']}
        rules={[{ required: true, message: t('chooseUnit') }]}
        style={{ flex: 1, minWidth: 0, marginBottom: 0 }}
      >
        <UnitTreeSelect units={units} placeholder={t('chooseUnit')} noUnitLabel={t('wholeInstallation')} />
      </Form.Item>
    </div>
  );
}

interface NewUserValues {
  username: string;
  displayName: string;
  email?: string;
  password?: string;
  grants: GrantValues[];
}

export function CreateUserModal({
  open,
  units,
  onClose,
  onPassword,
}: {
  open: boolean;
  units: readonly UnitNode[];
  onClose: () => void;
  onPassword: (shown: OneTimePassword) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewUserValues>();
  const create = useMutation({
    mutationFn: (v: NewUserValues) =>
      api.createUser({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        email: v.email?.trim() ? v.email.trim() : null,
        password: v.password ? v.password : undefined,
        grants: v.grants.map(toGrant),
      }),
    onSuccess: ({ user, password }) => {
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(t('userCreated', { user: user.username }));
      close();
      if (password) onPassword({ username: user.username, password });
    },
  });
  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('newUser')}
      okText={t('create')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      width={720}
      mask={{ closable: false }}
    >
      {create.error && (
        <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<NewUserValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ grants: [{}] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="username"
          label={t('username')}
          rules={[{ required: true, pattern: /^\s*[A-Za-z0-9._-]{3,50}\s*$/, message: t('usernameRule') }]}
          extra={t('usernameRule')}
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('displayName')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('email')}
          extra={t('emailHelp')}
          rules={[{ type: 'email', message: t('emailInvalid') }]}
        >
          <Input type="email" autoComplete="off" maxLength={254} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('passwordOptional')}
          extra={`${t('passwordPolicy')} ${t('passwordOptionalHelp')}`}
          dependencies={['username']}
          rules={passwordRules(t, () => form.getFieldValue('username') as string | undefined)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.List
          name="grants"
          rules={[
            {
              validator: (_rule, grants?: unknown[]) =>
                grants && grants.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('atLeastOneRole'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('rolesSection')} required>
              {fields.map((field) => (
                <div
                  key={field.key}
                  style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 8 }}
                >
                  <GrantFields prefix={[field.name]} units={units} />
                  <Button
                    type="text"
                    aria-label={t('removeRole')}
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                  />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('addRole')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function GrantModal({
  user,
  units,
  onClose,
}: {
  user: AdminUser | null;
  units: readonly UnitNode[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<GrantValues>();
  const grant = useMutation({
    mutationFn: (v: GrantValues & { userId: number }) => {
      const { role, unitId } = toGrant(v);
      return api.grant(v.userId, role, unitId);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(t('roleGranted'));
      close();
    },
  });
  const close = () => {
    grant.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={user !== null}
      title={user ? t('addRoleFor', { user: user.username }) : undefined}
      okText={t('addRole')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={grant.isPending}
      width={640}
    >
      {grant.error && (
        <Alert type="error" showIcon title={errorText(grant.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<GrantValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => user && grant.mutate({ ...v, userId: user.id })}
      >
        <Form.Item label={`${t('role')} @ ${t('unitOrAll')}`}>
          <GrantFields prefix={[]} units={units} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
