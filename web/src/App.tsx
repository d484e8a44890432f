/** The shell: providers, the header (AppHeader.tsx) and lazily loaded pages. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Layout, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { createElement, lazy, Suspense, useLayoutEffect, useRef, useState, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, setApiLanguage } from './api/client';
import { I18nProvider, initialLang, useI18n } from './i18n/i18n';
import { AppHeader } from './AppHeader';
import { ChangePasswordForm, meQuery, SessionGate } from './features/auth/session';
import { prefetchPlanOfPath } from './features/plans/planQuery';
import { PLAN_PAGE_URL } from '@shared/plan-path';
import { RouteIds } from './ui/RouteIds';
import { NotFound } from './ui/States';

const PlansPage = lazy(() => import('./features/plans/PlansPage'));
const loadPlanPage = () => import('./features/plans/PlanPage');
const PlanPage = lazy(loadPlanPage);
const PrintPage = lazy(() => import('./features/plans/PrintPage'));
const LeadUnitPage = lazy(() => import('./features/units/LeadUnitPage'));
const ImportPage = lazy(() => import('./features/imports/ImportPage'));
const UsersPage = lazy(() => import('./features/admin/UsersPage'));
const UnitsPage = lazy(() => import('./features/admin/UnitsPage'));
const AuditPage = lazy(() => import('./features/admin/AuditPage'));
const BackupPage = lazy(() => import('./features/admin/BackupPage'));
const FrameworksPage = lazy(() => import('./features/frameworks/FrameworksPage'));
const FrameworkPage = lazy(() => import('./features/frameworks/FrameworkPage'));
const FrameworkImportPage = lazy(() => import('./features/frameworks/FrameworkImportPage'));
const AssessmentPage = lazy(() => import('./features/assessment/AssessmentPage'));
const SurveyImportPage = lazy(() => import('./features/survey/SurveyImportPage'));
const OverviewPage = lazy(() => import('./features/overview/OverviewPage'));
const AppraisalPage = lazy(() => import('./features/appraisal/AppraisalPage'));
const CouncilPage = lazy(() => import('./features/appraisal/CouncilPage'));
const RoundsPage = lazy(() => import('./features/rounds/RoundsPage'));
const RoundPage = lazy(() => import('./features/rounds/RoundPage'));
const ResultsImportPage = lazy(() => import('./features/results-import/ResultsImportPage'));
const NextPlanPage = lazy(() => import('./features/next-plan/NextPlanPage'));
const WhatIfPage = lazy(() => import('./features/what-if/WhatIfPage'));
const PoolsPage = lazy(() => import('./features/results-pools/PoolsPage'));
const ResultsPage = lazy(() => import('./features/results/ResultsPage'));
const RankingPage = lazy(() => import('./features/results/RankingPage'));
const UnitResultPage = lazy(() => import('./features/results/UnitResultPage'));
// the password dialog's Modal, loaded when first opened: no page's first load needs it for the shell
const Modal = lazy(() => import('antd/es/modal'));

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

// a cold load of a plan's address asks for the plan's JSON and the page's code now, in parallel with
// the session look-up, instead of one after the other once the shell has rendered
setApiLanguage(initialLang());
const planInPage = prefetchPlanOfPath(queryClient, window.location.pathname);
// the plan's page, not its print view ("/plans/7/print", "/plans/7/print/": the one pattern, shared/plan-path.ts)
const planPage = PLAN_PAGE_URL.test(window.location.pathname) ? loadPlanPage() : null;

/**
 * When the app may first render. A page the server sent with the plan's first screen in the root
 * (http/first-screen.ts) keeps it until the app can draw the plan's page in its first render: the
 * session known and the page's code here (React.lazy then takes the module without a fallback), so
 * the first screen is replaced by the page, not by a spinner. Any other page renders at once.
 */
export const firstRender: Promise<unknown> =
  planInPage && planPage
    ? Promise.all([
        planPage.then((module) => (planPageLoaded = module.default)).catch(() => undefined),
        queryClient.prefetchQuery(meQuery),
      ])
    : Promise.resolve();
/**
 * The plan page's component when the first render waited for it: drawn as it is, since React.lazy
 * would still show its fallback once (a spinner between the first screen and the page). Set before
 * the first render or never, so a page never switches from one to the other.
 */
let planPageLoaded: ComponentType | null = null;

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
  const asked = useRef(lang);
  // a layout effect: it runs before the pages' queries start, so they ask in the new language
  useLayoutEffect(() => {
    setApiLanguage(lang);
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = lang;
    // what was asked already (the plan fetched ahead) was asked in this language: only a change re-asks
    if (asked.current === lang) return;
    asked.current = lang;
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
            <Route element={<RouteIds />}>
              <Route
                path="/plans/:id/print"
                element={
                  <Suspense fallback={<Spin />}>
                    <PrintPage />
                  </Suspense>
                }
              />
            </Route>
            <Route path="*" element={<Shell />} />
          </Routes>
        </SessionGate>
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const [passwordOpen, setPasswordOpen] = useState(false);
  // once opened the dialog stays mounted, so it closes with its animation
  const [passwordLoaded, setPasswordLoaded] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader
        onChangePassword={() => {
          setPasswordLoaded(true);
          setPasswordOpen(true);
        }}
      />
      {passwordLoaded && (
        <Suspense fallback={null}>
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
        </Suspense>
      )}
      <Layout.Content className="page-content">
        <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
          <Routes>
            <Route path="/" element={<PlansPage />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/admin/users" element={<UsersPage />} />
            <Route path="/admin/units" element={<UnitsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/admin/backup" element={<BackupPage />} />
            <Route path="/frameworks" element={<FrameworksPage />} />
            <Route path="/results/pools" element={<PoolsPage />} />
            <Route path="/frameworks/import" element={<FrameworkImportPage />} />
            <Route path="/rounds" element={<RoundsPage />} />
            <Route path="/results/import" element={<ResultsImportPage />} />
            <Route path="/results" element={<ResultsPage />} />
            {/* the pages of an id: one that names no row is "not found" before the page asks for it */}
            <Route element={<RouteIds />}>
              <Route
                path="/plans/:id"
                element={planPageLoaded ? createElement(planPageLoaded) : <PlanPage />}
              />
              <Route path="/plans/:id/units/:unitId" element={<LeadUnitPage />} />
              <Route path="/frameworks/:id" element={<FrameworkPage />} />
              <Route path="/rounds/:id/units/:unitId" element={<AssessmentPage />} />
              <Route path="/rounds/:id/survey" element={<SurveyImportPage />} />
              <Route path="/results/:id/units/:unitId/next-plan" element={<NextPlanPage />} />
              <Route path="/rounds/:id/overview" element={<OverviewPage />} />
              <Route path="/rounds/:id/appraisal" element={<AppraisalPage />} />
              <Route path="/rounds/:id/council" element={<CouncilPage />} />
              <Route path="/rounds/:id" element={<RoundPage />} />
              <Route path="/results/:id/what-if" element={<WhatIfPage />} />
              <Route path="/results/:id" element={<RankingPage />} />
              <Route path="/results/:id/units/:unitId" element={<UnitResultPage />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
