import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/login-page.tsx';
import { setCsrfToken } from './api/client.ts';
import { queryClient } from './api/query-client.ts';
import { RequireRole } from './auth/require-role.tsx';
import { homeFor, ME_KEY, markSessionExpired, useMe } from './auth/session.ts';
import { FullPageSpin } from './components/query-state.tsx';
import { CitizenShell } from './shells/citizen-shell.tsx';
import { NoWorkspace } from './shells/no-workspace.tsx';
import { NotFound } from './shells/not-found.tsx';
import { PublicShell } from './shells/public-shell.tsx';
import { StaffShell } from './shells/staff-shell.tsx';

// Each workspace's pages load on demand: a citizen on a phone never downloads the admin screens.
const CitizenHome = lazy(() =>
  import('../features/citizen/citizen-home.tsx').then((m) => ({ default: m.CitizenHome })),
);
const SearchPage = lazy(() =>
  import('../features/officer/search-page.tsx').then((m) => ({ default: m.SearchPage })),
);
const PersonDetailPage = lazy(() =>
  import('../features/officer/person-detail-page.tsx').then((m) => ({ default: m.PersonDetailPage })),
);
const VehicleDetailPage = lazy(() =>
  import('../features/officer/vehicle-detail-page.tsx').then((m) => ({ default: m.VehicleDetailPage })),
);
const LicenceDetailPage = lazy(() =>
  import('../features/officer/licence-detail-page.tsx').then((m) => ({ default: m.LicenceDetailPage })),
);
const ViolationsByPlatePage = lazy(() =>
  import('../features/officer/violations-by-plate-page.tsx').then((m) => ({
    default: m.ViolationsByPlatePage,
  })),
);
const AuditPage = lazy(() =>
  import('../features/supervisor/audit-page.tsx').then((m) => ({ default: m.AuditPage })),
);
const OfficesPage = lazy(() =>
  import('../features/admin/offices-page.tsx').then((m) => ({ default: m.OfficesPage })),
);
const StaffPage = lazy(() =>
  import('../features/admin/staff-page.tsx').then((m) => ({ default: m.StaffPage })),
);
const RolesPage = lazy(() =>
  import('../features/admin/roles-page.tsx').then((m) => ({ default: m.RolesPage })),
);
const TokensPage = lazy(() =>
  import('../features/admin/tokens-page.tsx').then((m) => ({ default: m.TokensPage })),
);
const GuideListPage = lazy(() =>
  import('../features/catalog/guide-list-page.tsx').then((m) => ({ default: m.GuideListPage })),
);
const GuidePage = lazy(() =>
  import('../features/catalog/guide-page.tsx').then((m) => ({ default: m.GuidePage })),
);
const ProgressPage = lazy(() =>
  import('../features/catalog/progress-page.tsx').then((m) => ({ default: m.ProgressPage })),
);
const ServicesPage = lazy(() =>
  import('../features/citizen/services-page.tsx').then((m) => ({ default: m.ServicesPage })),
);
const ApplyPage = lazy(() =>
  import('../features/citizen/apply-page.tsx').then((m) => ({ default: m.ApplyPage })),
);
const MyCasesPage = lazy(() =>
  import('../features/citizen/my-cases-page.tsx').then((m) => ({ default: m.MyCasesPage })),
);
const MyCasePage = lazy(() =>
  import('../features/citizen/my-case-page.tsx').then((m) => ({ default: m.MyCasePage })),
);
const WindowPage = lazy(() =>
  import('../features/officer/window-page.tsx').then((m) => ({ default: m.WindowPage })),
);
const HallStatsPage = lazy(() =>
  import('../features/hall/hall-stats-page.tsx').then((m) => ({ default: m.HallStatsPage })),
);
const OfficerHallPage = lazy(() =>
  import('../features/hall/officer-hall-page.tsx').then((m) => ({ default: m.OfficerHallPage })),
);
const CasesPage = lazy(() =>
  import('../features/cases/cases-page.tsx').then((m) => ({ default: m.CasesPage })),
);
const CaseDetailPage = lazy(() =>
  import('../features/cases/case-detail-page.tsx').then((m) => ({ default: m.CaseDetailPage })),
);
const CasePrintPage = lazy(() =>
  import('../features/cases/case-print-page.tsx').then((m) => ({ default: m.CasePrintPage })),
);
const CatalogAdminPage = lazy(() =>
  import('../features/admin/catalog-page.tsx').then((m) => ({ default: m.CatalogAdminPage })),
);
const CatalogItemPage = lazy(() =>
  import('../features/admin/catalog-item-page.tsx').then((m) => ({ default: m.CatalogItemPage })),
);
const AuditChainPage = lazy(() =>
  import('../features/admin/audit-chain-page.tsx').then((m) => ({ default: m.AuditChainPage })),
);

const PayOrderPage = lazy(() =>
  import('../features/payments/pay-order-page.tsx').then((m) => ({ default: m.PayOrderPage })),
);
const AppointmentsPage = lazy(() =>
  import('../features/appointments/appointments-page.tsx').then((m) => ({ default: m.AppointmentsPage })),
);
const MyPaymentsPage = lazy(() =>
  import('../features/payments/my-payments-page.tsx').then((m) => ({ default: m.MyPaymentsPage })),
);
const ReconciliationPage = lazy(() =>
  import('../features/payments/reconciliation-page.tsx').then((m) => ({ default: m.ReconciliationPage })),
);
const MessagesPage = lazy(() =>
  import('../features/notifications/messages-page.tsx').then((m) => ({ default: m.MessagesPage })),
);
const ELicencePage = lazy(() =>
  import('../features/credentials/e-licence-page.tsx').then((m) => ({ default: m.ELicencePage })),
);
const VerifyLicencePage = lazy(() =>
  import('../features/credentials/verify-licence-page.tsx').then((m) => ({ default: m.VerifyLicencePage })),
);
const ShareCheckPage = lazy(() =>
  import('../features/credentials/share-check-page.tsx').then((m) => ({ default: m.ShareCheckPage })),
);
const VerifyDocumentPage = lazy(() =>
  import('../features/issuance/verify-document-page.tsx').then((m) => ({ default: m.VerifyDocumentPage })),
);
const BoardPage = lazy(() =>
  import('../features/board/board-page.tsx').then((m) => ({ default: m.BoardPage })),
);
const TicketPage = lazy(() =>
  import('../features/board/ticket-page.tsx').then((m) => ({ default: m.TicketPage })),
);

function RootRedirect() {
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (!me.data) return <Navigate to="/login" replace />;
  const home = homeFor(me.data.role);
  return home ? <Navigate to={home} replace /> : <NoWorkspace />;
}

const registryRoutes = [
  { path: 'violations', element: <ViolationsByPlatePage /> },
  { path: 'persons/:id', element: <PersonDetailPage /> },
  { path: 'vehicles/:id', element: <VehicleDetailPage /> },
  { path: 'licences/:id', element: <LicenceDetailPage /> },
];

const caseRoutes = [
  { path: 'cases/:id', element: <CaseDetailPage /> },
  { path: 'cases/:id/print', element: <CasePrintPage /> },
];

export const router = createBrowserRouter([
  { path: '/', element: <RootRedirect /> },
  { path: '/login', element: <LoginPage /> },
  // The hall's display board: full screen, no shell.
  {
    path: '/board/:officeId',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <BoardPage />
      </Suspense>
    ),
  },
  {
    // Public: the service guide and the progress look-up need no sign-in.
    element: <PublicShell />,
    children: [
      { path: '/guide', element: <GuideListPage /> },
      { path: '/guide/:code', element: <GuidePage /> },
      { path: '/progress', element: <ProgressPage /> },
      // Anyone holding a receipt, a decision or a licence QR, and an employer with a share code.
      { path: '/verify/licence', element: <VerifyLicencePage /> },
      { path: '/verify/:id', element: <VerifyDocumentPage /> },
      { path: '/check', element: <ShareCheckPage /> },
      // The citizen's queue ticket on the phone, live (by its unguessable id).
      { path: '/ticket/:id', element: <TicketPage /> },
    ],
  },
  {
    path: '/citizen',
    element: (
      <RequireRole roles={['citizen']}>
        <CitizenShell />
      </RequireRole>
    ),
    children: [
      { index: true, element: <CitizenHome /> },
      { path: 'services', element: <ServicesPage /> },
      { path: 'services/:code', element: <ApplyPage /> },
      { path: 'cases', element: <MyCasesPage /> },
      { path: 'cases/:id', element: <MyCasePage /> },
      { path: 'payments', element: <MyPaymentsPage /> },
      { path: 'appointments', element: <AppointmentsPage /> },
      { path: 'payments/:id', element: <PayOrderPage /> },
      { path: 'messages', element: <MessagesPage /> },
      { path: 'licence', element: <ELicencePage /> },
    ],
  },
  {
    path: '/officer',
    element: (
      <RequireRole roles={['officer']}>
        <StaffShell workspace="officer" />
      </RequireRole>
    ),
    children: [
      { index: true, element: <SearchPage /> },
      { path: 'window', element: <WindowPage /> },
      { path: 'hall', element: <OfficerHallPage /> },
      { path: 'cases', element: <CasesPage /> },
      ...caseRoutes,
      ...registryRoutes,
    ],
  },
  {
    path: '/supervisor',
    element: (
      <RequireRole roles={['supervisor']}>
        <StaffShell workspace="supervisor" />
      </RequireRole>
    ),
    children: [
      { index: true, element: <AuditPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'cases', element: <CasesPage defaultTab="escalated" /> },
      { path: 'payments', element: <ReconciliationPage /> },
      { path: 'hall', element: <HallStatsPage /> },
      ...caseRoutes,
      ...registryRoutes,
    ],
  },
  {
    path: '/admin',
    element: (
      <RequireRole roles={['admin']}>
        <StaffShell workspace="admin" />
      </RequireRole>
    ),
    children: [
      { index: true, element: <OfficesPage /> },
      { path: 'staff', element: <StaffPage /> },
      { path: 'roles', element: <RolesPage /> },
      { path: 'tokens', element: <TokensPage /> },
      { path: 'audit', element: <AuditChainPage /> },
      { path: 'catalog', element: <CatalogAdminPage /> },
      { path: 'catalog/new', element: <CatalogItemPage creating /> },
      { path: 'catalog/:code', element: <CatalogItemPage /> },
    ],
  },
  { path: '*', element: <NotFound /> },
]);

/** Any 401 from a query (an expired or revoked session) lands on /login, remembering where the user was. */
export function installSessionGuard() {
  let redirecting = false;
  return (): void => {
    const { pathname, search } = router.state.location;
    if (redirecting || pathname === '/login') return;
    redirecting = true;
    markSessionExpired();
    setCsrfToken(null);
    queryClient.setQueryData(ME_KEY, null);
    void router
      .navigate('/login', { replace: true, state: { from: pathname + search, expired: true } })
      .finally(() => {
        redirecting = false;
      });
  };
}
