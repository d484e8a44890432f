/** The shell: providers, the header with navigation and the language switch, and lazily loaded pages. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Layout, Menu, Segmented, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';
import { setApiLanguage } from './api/client';
import { I18nProvider, useI18n, type Lang } from './i18n/i18n';
import { NotFound } from './ui/States';

const PlansPage = lazy(() => import('./features/plans/PlansPage'));
const PlanPage = lazy(() => import('./features/plans/PlanPage'));
const PrintPage = lazy(() => import('./features/plans/PrintPage'));
const LeadUnitPage = lazy(() => import('./features/units/LeadUnitPage'));
const ImportPage = lazy(() => import('./features/imports/ImportPage'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } },
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
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const selected = location.pathname.startsWith('/import') ? 'import' : 'plans';
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
          items={[
            { key: 'plans', label: <Link to="/">{t('navPlans')}</Link> },
            { key: 'import', label: <Link to="/import">{t('navImport')}</Link> },
            {
              key: 'api',
              label: (
                <a href="/api/docs" target="_blank" rel="noreferrer">
                  {t('navApi')}
                </a>
              ),
            },
          ]}
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
      </Layout.Header>
      <Layout.Content style={{ padding: '20px 24px', maxWidth: 1600, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
          <Routes>
            <Route path="/" element={<PlansPage />} />
            <Route path="/plans/:id" element={<PlanPage />} />
            <Route path="/plans/:id/units/:unitId" element={<LeadUnitPage />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
