/**
 * The header: on a wide screen the navigation, the language switch and the account menu in one bar;
 * on a phone (below antd's `md`, 768 px) a menu button opens a drawer holding all three, so nothing
 * sits off-screen.
 */
import { LogoutOutlined, MenuOutlined, KeyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Grid, Layout, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from './i18n/i18n';
import { useSession } from './features/auth/session';
import { AccountMenu, HeaderNav, type NavLink } from './ui/HeaderNav';
import { LanguageSwitch } from './ui/LanguageSwitch';
import { NotificationBell } from './features/notifications/NotificationBell';

// the phone's drawer, loaded when the menu button is first pressed
const AppMenuDrawer = lazy(() => import('./AppMenuDrawer'));

export function AppHeader({ onChangePassword }: { onChangePassword: () => void }) {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const screens = Grid.useBreakpoint();
  // before the first measure antd reports nothing: assume the wide layout only when md is known
  const narrow = screens.md !== true;
  const [open, setOpen] = useState(false);
  // once opened the drawer stays mounted, so it closes with its animation
  const [drawerLoaded, setDrawerLoaded] = useState(false);
  const location = useLocation();
  const selected =
    ['import', 'frameworks', 'rounds', 'results', 'admin/users', 'admin/units', 'audit', 'admin/backup'].find(
      (p) => location.pathname.startsWith(`/${p}`),
    ) ?? 'plans';
  const close = () => setOpen(false);
  const links: NavLink[] = [
    { key: 'plans', label: t('navPlans'), to: '/' },
    me.can.import && { key: 'import', label: t('navImport'), to: '/import' },
    { key: 'frameworks', label: t('navFrameworks'), to: '/frameworks' },
    { key: 'rounds', label: t('navRounds'), to: '/rounds', testId: 'nav-rounds' },
    { key: 'results', label: t('navResults'), to: '/results', testId: 'nav-results' },
    me.can.adminUsers && { key: 'admin/users', label: t('navUsers'), to: '/admin/users' },
    me.can.adminUnits && { key: 'admin/units', label: t('navUnits'), to: '/admin/units' },
    me.can.readAudit && { key: 'audit', label: t('navAudit'), to: '/audit' },
    me.can.backup && { key: 'admin/backup', label: t('navBackup'), to: '/admin/backup' },
    { key: 'api', label: t('navApi'), href: '/api/docs' },
  ].filter((item) => item !== false);

  const brand = (
    <Link
      to="/"
      style={{
        color: '#fff',
        display: 'flex',
        alignItems: 'baseline',
        gap: 8,
        whiteSpace: 'nowrap',
        minWidth: 0,
        overflow: 'hidden',
      }}
    >
      <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
        {t('appName')}
      </Typography.Text>
      <Typography.Text style={{ color: '#f3d9d6' }} ellipsis>
        {t('appTagline')}
      </Typography.Text>
    </Link>
  );

  if (narrow) {
    return (
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          background: '#8e1f18',
          paddingInline: 12,
        }}
      >
        <Button
          type="text"
          icon={<MenuOutlined />}
          style={{ color: '#fff' }}
          aria-label={t('menu')}
          data-testid="menu-button"
          onClick={() => {
            setDrawerLoaded(true);
            setOpen(true);
          }}
        />
        {brand}
        <div style={{ marginInlineStart: 'auto' }}>
          <NotificationBell />
        </div>
        {drawerLoaded && (
          <Suspense fallback={null}>
            <AppMenuDrawer open={open} onClose={close} title={t('appName')} links={links} selected={selected}>
              <Space
                direction="vertical"
                size="middle"
                style={{ width: '100%', paddingInline: 16, boxSizing: 'border-box' }}
              >
                <Space>
                  <Typography.Text type="secondary">{t('language')}</Typography.Text>
                  <LanguageSwitch />
                </Space>
                <Typography.Text strong>
                  <UserOutlined /> <span data-testid="user-menu">{me.user.displayName}</span>
                </Typography.Text>
                <Button
                  block
                  icon={<KeyOutlined />}
                  onClick={() => {
                    close();
                    onChangePassword();
                  }}
                >
                  {t('changePassword')}
                </Button>
                <Button block danger icon={<LogoutOutlined />} onClick={() => void signOut()}>
                  {t('signOut')}
                </Button>
              </Space>
            </AppMenuDrawer>
          </Suspense>
        )}
      </Layout.Header>
    );
  }

  return (
    <Layout.Header
      style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#8e1f18', paddingInline: 24 }}
    >
      {brand}
      <HeaderNav links={links} selected={selected} label={t('menu')} />
      <NotificationBell />
      <LanguageSwitch />
      <AccountMenu
        actions={[
          { key: 'password', label: t('changePassword'), onClick: onChangePassword },
          { key: 'signout', label: t('signOut'), onClick: () => void signOut() },
        ]}
      >
        <Button type="text" icon={<UserOutlined />} style={{ color: '#fff' }} data-testid="user-menu">
          {me.user.displayName}
        </Button>
      </AccountMenu>
    </Layout.Header>
  );
}
