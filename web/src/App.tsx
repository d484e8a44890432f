/** The shell: providers, the header with navigation and the language switch, and lazily loaded pages. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { UserOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  ConfigProvider,
  Dropdown,
  Layout,
  Menu,
  Modal,
  Segmented,
  Spin,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';
import { ApiError, setApiLanguage } from './api/client';
import { I18nProvider, useI18n, type Lang } from './i18n/i18n';
import { ChangePasswordForm, SessionGate, useSession } from './features/auth/session';
import { NotFound } from './ui/States';

const PlansPage = lazy(() => import('./features/plans/PlansPage'));
const PlanPage = lazy(() => import('./features/plans/PlanPage'));
const PrintPage = lazy(() => import('./features/plans/PrintPage'));
const LeadUnitPage = lazy(() => import('./features/units/LeadUnitPage'));
const ImportPage = lazy(() => import('./features/imports/ImportPage'));
const UsersPage = lazy(() => import('./features/admin/UsersPage'));
const UnitsPage = lazy(() => import('./features/admin/UnitsPage'));
const AuditPage = lazy(() => import('./features/admin/AuditPage'));
const BackupPage = lazy(() => import('./features/admin/BackupPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a refusal or a missing page answers the same the second time: only other failures are retried
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Localised />
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}

function Localised() {
  const { lang } = useI18n();
  useEffect(() => {
    setApiLanguage(lang);
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = lang;
    void queryClient.invalidateQueries();
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      theme={{ token: { colorPrimary: '#b8322a', borderRadius: 4, fontSize: 14 } }}
    >
      <AntApp>
        <SessionGate>
          <Routes>
            <Route
              path="/plans/:id/print"
              element={
                <Suspense fallback={<Spin />}>
                  <PrintPage />
                </Suspense>
              }
            />
            <Route path="*" element={<Shell />} />
          </Routes>
        </SessionGate>
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const { t, lang, setLang } = useI18n();
  const { me, signOut } = useSession();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const location = useLocation();
  const selected =
    ['import', 'admin/users', 'admin/units', 'audit', 'admin/backup'].find((p) =>
      location.pathname.startsWith(`/${p}`),
    ) ?? 'plans';
  const nav = [
    { key: 'plans', label: <Link to="/">{t('navPlans')}</Link> },
    me.can.import && { key: 'import', label: <Link to="/import">{t('navImport')}</Link> },
    me.can.adminUsers && { key: 'admin/users', label: <Link to="/admin/users">{t('navUsers')}</Link> },
    me.can.adminUnits && { key: 'admin/units', label: <Link to="/admin/units">{t('navUnits')}</Link> },
    me.can.readAudit && { key: 'audit', label: <Link to="/audit">{t('navAudit')}</Link> },
    me.can.backup && { key: 'admin/backup', label: <Link to="/admin/backup">{t('navBackup')}</Link> },
    {
      key: 'api',
      label: (
        <a href="/api/docs" target="_blank" rel="noreferrer">
          {t('navApi')}
        </a>
      ),
    },
  ].filter((item) => item !== false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#8e1f18', paddingInline: 24 }}
      >
        <Link
          to="/"
          style={{ color: '#fff', display: 'flex', alignItems: 'baseline', gap: 8, whiteSpace: 'nowrap' }}
        >
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
            {t('appName')}
          </Typography.Text>
          <Typography.Text style={{ color: '#f3d9d6' }}>{t('appTagline')}</Typography.Text>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ flex: 1, background: 'transparent', minWidth: 0 }}
          items={nav}
        />
        <Segmented<Lang>
          aria-label={t('language')}
          value={lang}
          onChange={(v) => setLang(v)}
          options={[
            { label: 'VI', value: 'vi' },
            { label: 'EN', value: 'en' },
          ]}
        />
        <Dropdown
          menu={{
            items: [
              { key: 'password', label: t('changePassword'), onClick: () => setPasswordOpen(true) },
              { key: 'signout', label: t('signOut'), onClick: () => void signOut() },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />} style={{ color: '#fff' }} data-testid="user-menu">
            {me.user.displayName}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Modal
        open={passwordOpen}
        footer={null}
        onCancel={() => setPasswordOpen(false)}
        destroyOnHidden
        width={480}
      >
        <Suspense fallback={<Spin />}>
          <ChangePasswordForm onChanged={() => setPasswordOpen(false)} />
        </Suspense>
      </Modal>
      <Layout.Content style={{ padding: '20px 24px', maxWidth: 1600, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
          <Routes>
            <Route path="/" element={<PlansPage />} />
            <Route path="/plans/:id" element={<PlanPage />} />
            <Route path="/plans/:id/units/:unitId" element={<LeadUnitPage />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/admin/users" element={<UsersPage />} />
            <Route path="/admin/units" element={<UnitsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/admin/backup" element={<BackupPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
