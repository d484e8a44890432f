/** Accounts: who may sign in, with which role in which unit; create, disable, grant, revoke, reset. */
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { unitLabels } from '@core/collate';
import { fold } from '@core/text';
import type { AdminUser } from '@shared/api';
import { lazy, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../ui/format';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { Forbidden } from './Forbidden';
import { WhenOpened } from '../lazy';
import type { OneTimePassword } from './OneTimePassword';
import { errorText, roleName, useRoles, useUnits, USERS_KEY } from './shared';
import '../../i18n/notifications';
import '../../i18n/admin';

// the forms load when first opened: the page shows the accounts first
const CreateUserModal = lazy(() => import('./UserForms').then((m) => ({ default: m.CreateUserModal })));
const GrantModal = lazy(() => import('./UserForms').then((m) => ({ default: m.GrantModal })));
const OneTimePasswordModal = lazy(() =>
  import('./OneTimePassword').then((m) => ({ default: m.OneTimePasswordModal })),
);

type Grant = AdminUser['grants'][number];

export default function UsersPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: api.users, enabled: me.can.adminUsers });
  const roles = useRoles();
  const units = useUnits(me.can.adminUnits);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [grantingTo, setGrantingTo] = useState<AdminUser | null>(null);
  const [oneTime, setOneTime] = useState<OneTimePassword | null>(null);

  const changed = () => void qc.invalidateQueries({ queryKey: USERS_KEY });
  const setDisabled = useMutation({
    mutationFn: (v: { user: AdminUser; disabled: boolean }) =>
      api.updateUser(v.user.id, { disabled: v.disabled }),
    onSettled: changed,
  });
  const setEmail = useMutation({
    mutationFn: (v: { user: AdminUser; email: string | null }) =>
      api.updateUser(v.user.id, { email: v.email }),
    onSuccess: (_r, v) => void message.success(t('emailSaved', { user: v.user.username })),
    onError: (error) => void message.error(errorText(error)),
    onSettled: changed,
  });
  const revoke = useMutation({
    mutationFn: (v: { user: AdminUser; grant: Grant }) => api.revoke(v.user.id, v.grant.id),
    onSettled: changed,
  });
  const reset = useMutation({
    mutationFn: (user: AdminUser) => api.resetPassword(user.id),
    onSettled: changed,
  });

  /** Asks first; the server's refusal (e.g. disabling yourself) comes back as a message. */
  const confirm = (content: string, okText: string, run: () => Promise<void>) => {
    modal.confirm({
      title: t('confirmTitle'),
      content,
      okText,
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await run();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });
  };

  // two units of one name are told apart by their parent
  const unitLabel = useMemo(() => unitLabels(units.data ?? []), [units.data]);
  const grantLabel = (g: Grant) =>
    `${roleName(roles.data, g.role, lang)} @ ${g.unitId === null ? t('wholeInstallation') : (unitLabel.get(g.unitId) ?? g.unitName ?? `#${g.unitId}`)}`;

  const askToggle = (user: AdminUser) => {
    const disabled = !user.disabled;
    confirm(
      t(disabled ? 'confirmDisable' : 'confirmEnable', { user: user.username }),
      t(disabled ? 'disableUser' : 'enableUser'),
      async () => {
        await setDisabled.mutateAsync({ user, disabled });
        void message.success(t(disabled ? 'userDisabled' : 'userEnabled', { user: user.username }));
      },
    );
  };
  const askRevoke = (user: AdminUser, grant: Grant) =>
    confirm(
      t('confirmRevoke', { grant: grantLabel(grant), user: user.username }),
      t('removeRole'),
      async () => {
        await revoke.mutateAsync({ user, grant });
        void message.success(t('roleRevoked'));
      },
    );
  const askReset = (user: AdminUser) =>
    confirm(t('confirmReset', { user: user.username }), t('resetPassword'), async () => {
      const { password } = await reset.mutateAsync(user);
      setOneTime({ username: user.username, password });
    });

  const shown = useMemo(() => {
    const needle = fold(search.trim());
    const all = users.data ?? [];
    if (!needle) return all;
    return all.filter((u) => fold(`${u.username} ${u.displayName}`).includes(needle));
  }, [users.data, search]);

  // one's own last administrator role cannot be removed (the server refuses it: SELF_LOCKOUT)
  const administers = (role: string) =>
    roles.data?.find((r) => r.code === role)?.permissions.includes('user.admin') ?? role === 'admin';
  const keepsOwnAdmin = (user: AdminUser, grant: Grant) =>
    user.id === me.user.id &&
    administers(grant.role) &&
    !user.grants.some((other) => other.id !== grant.id && administers(other.role));

  if (!me.can.adminUsers) return <Forbidden />;
  if (users.error) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('usersTitle')}
        </Typography.Title>
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('usersSearch')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 360 }}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('newUser')}
          </Button>
        </Space>
      </Space>
      <Table<AdminUser>
        rowKey="id"
        size="middle"
        loading={users.isLoading}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('usersEmpty') }}
        scroll={{ x: 1100 }}
        columns={[
          {
            title: t('username'),
            dataIndex: 'username',
            width: 160,
            render: (_v, u) => (
              <Space size={4} wrap>
                <Typography.Text strong>{u.username}</Typography.Text>
                {u.id === me.user.id && <Tag>{t('you')}</Tag>}
              </Space>
            ),
          },
          { title: t('displayName'), dataIndex: 'displayName', width: 200 },
          {
            title: t('email'),
            dataIndex: 'email',
            width: 220,
            render: (_v, u) => (
              <Typography.Text
                type={u.email ? undefined : 'secondary'}
                editable={{
                  text: u.email ?? '',
                  tooltip: t('emailEdit'),
                  triggerType: ['icon'],
                  onChange: (value) => {
                    const email = value.trim() === '' ? null : value.trim();
                    if (email !== u.email) setEmail.mutate({ user: u, email });
                  },
                }}
                style={{ wordBreak: 'break-all' }}
              >
                {u.email ?? t('emailNone')}
              </Typography.Text>
            ),
          },
          {
            title: t('colRolesInUnits'),
            render: (_v, u) => (
              <Space size={[4, 4]} wrap>
                {u.grants.length === 0 && <Typography.Text type="secondary">{t('noRoles')}</Typography.Text>}
                {u.grants.map((g) => (
                  <Tag
                    key={g.id}
                    color={g.role === 'admin' ? 'red' : 'blue'}
                    closable={keepsOwnAdmin(u, g) ? false : { 'aria-label': t('removeRole') }}
                    onClose={(e) => {
                      // the tag stays until the server has revoked the role
                      e.preventDefault();
                      askRevoke(u, g);
                    }}
                    style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
                  >
                    {grantLabel(g)}
                  </Tag>
                ))}
                <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setGrantingTo(u)}>
                  {t('addRole')}
                </Button>
              </Space>
            ),
          },
          {
            title: t('colAccount'),
            width: 140,
            render: (_v, u) =>
              u.disabled ? (
                <Tag color="red">{t('accountDisabled')}</Tag>
              ) : (
                <Tag color="green">{t('accountActive')}</Tag>
              ),
          },
          {
            title: t('colMustChange'),
            width: 120,
            align: 'center',
            render: (_v, u) => (u.mustChangePassword ? <Tag color="orange">{t('yes')}</Tag> : t('no')),
          },
          {
            title: t('colLastLogin'),
            width: 150,
            render: (_v, u) =>
              u.lastLoginAt ? (
                fmtDateTime(u.lastLoginAt, lang)
              ) : (
                <Typography.Text type="secondary">{t('neverSignedIn')}</Typography.Text>
              ),
          },
          {
            title: t('colActions'),
            width: 220,
            render: (_v, u) => (
              <Space size={4} wrap>
                {/* the server refuses to disable one's own account (SELF_LOCKOUT) */}
                {u.id !== me.user.id && (
                  <Button size="small" danger={!u.disabled} onClick={() => askToggle(u)}>
                    {t(u.disabled ? 'enableUser' : 'disableUser')}
                  </Button>
                )}
                <Button size="small" onClick={() => askReset(u)}>
                  {t('resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <WhenOpened open={creating}>
        <CreateUserModal
          open={creating}
          units={units.data ?? []}
          onClose={() => setCreating(false)}
          onPassword={setOneTime}
        />
      </WhenOpened>
      <WhenOpened open={grantingTo !== null}>
        <GrantModal user={grantingTo} units={units.data ?? []} onClose={() => setGrantingTo(null)} />
      </WhenOpened>
      <WhenOpened open={oneTime !== null}>
        <OneTimePasswordModal shown={oneTime} onClose={() => setOneTime(null)} />
      </WhenOpened>
    </>
  );
}
