import { Fragment, ReactNode, useEffect, useState } from 'react';
import { reviewLoop } from './api/review-loop';
import type { Role } from './api/types';
import { Link, match, navigate, usePath } from './router';
import { SessionProvider, useMe, useSession } from './session';
import { Page } from './ui/page';
import { ROLE_NAMES } from './ui/words';
import { AcceptInvitation } from './screens/account/accept-invitation';
import { ConfirmSubscription } from './screens/account/confirm-subscription';
import { ForgotPassword } from './screens/account/forgot-password';
import { ResetPassword } from './screens/account/reset-password';
import { Subscribe } from './screens/account/subscribe';
import { InitiativeAdmin, InitiativesAdmin } from './screens/admin/initiatives';
import { LibrariesAdmin } from './screens/admin/libraries';
import { OutboxAdmin } from './screens/admin/outbox';
import { PeopleAdmin } from './screens/admin/people';
import { DigestArchive, DigestPage } from './screens/digests';
import { Home } from './screens/home';
import { InitiativePage } from './screens/initiative-page';
import { InitiativesList } from './screens/initiatives-list';
import { ReviewScreen } from './screens/review-screen';
import { CyclePage } from './screens/cycle/cycle-page';
import { INBOX_CHANGED, NotificationsPage } from './screens/notifications';
import { Settings } from './screens/settings';
import { SignIn } from './screens/sign-in';
import { SummaryList, SummaryPage } from './screens/summaries';
import { SurveyPage } from './screens/survey/survey-page';
import { ProgrammeScreen } from './screens/programme';
import { EvidenceBaseScreen } from './screens/evidence-base';
import { StrategyTagsAdmin } from './screens/admin/strategy-tags';
import { AuditTrail } from './screens/audit-trail';

type Route = [pattern: string, render: (params: Record<string, string>) => ReactNode, roles?: Role[]];

const ROUTES: Route[] = [
  ['/', () => <Home />],
  ['/initiatives', () => <InitiativesList />, ['admin', 'coach', 'librarian']],
  ['/initiatives/:id', (p) => <InitiativePage key={p.id} id={p.id} />, ['admin', 'coach', 'librarian']],
  ['/initiatives/:id/survey', (p) => <SurveyPage key={p.id} id={p.id} />, ['admin', 'coach', 'librarian']],
  ['/cycles/:id', (p) => <CyclePage key={p.id} cycleId={p.id} />, ['admin', 'coach', 'librarian']],
  ['/cycles/:id/review', (p) => <ReviewScreen key={p.id} cycleId={p.id} />, ['admin', 'coach']],
  // A librarian given the coach's address reads the same reviews on the cycle's own page.
  ['/cycles/:id/review', (p) => <Redirect key={p.id} to={`/cycles/${p.id}`} />, ['librarian']],
  ['/cycles/:id/summary', (p) => <SummaryPage key={p.id} cycleId={p.id} />],
  ['/notifications', () => <NotificationsPage />],
  ['/summaries', () => <SummaryList />],
  ['/summaries/:id', (p) => <SummaryPage key={p.id} cycleId={p.id} />],
  ['/digests', () => <DigestArchive />],
  ['/digests/:id', (p) => <DigestPage key={p.id} id={p.id} />],
  ['/admin/libraries', () => <LibrariesAdmin />, ['admin']],
  ['/admin/initiatives', () => <InitiativesAdmin />, ['admin']],
  ['/admin/initiatives/:id', (p) => <InitiativeAdmin key={p.id} id={p.id} />, ['admin']],
  ['/admin/people', () => <PeopleAdmin />, ['admin']],
  ['/admin/outbox', () => <OutboxAdmin />, ['admin']],
  ['/settings', () => <Settings />],
  ['/programme', () => <ProgrammeScreen />, ['admin']],
  ['/evidence-base', () => <EvidenceBaseScreen />],
  ['/admin/strategy-tags', () => <StrategyTagsAdmin />, ['admin']],
  ['/audit', () => <AuditTrail />, ['admin', 'coach']],
];

/** Pages opened from an emailed link or the sign-in page: they open signed in or not. */
const PUBLIC_PAGES: Record<string, () => ReactNode> = {
  '/accept-invitation': () => <AcceptInvitation />,
  '/reset-password': () => <ResetPassword />,
  '/forgot-password': () => <ForgotPassword />,
  '/subscribe': () => <Subscribe />,
  '/confirm-subscription': () => <ConfirmSubscription />,
};

const NAV: Record<Role, [string, string][]> = {
  librarian: [
    ['/', 'My initiatives'],
    ['/summaries', 'Summaries'],
    ['/evidence-base', 'Evidence base'],
    ['/digests', 'Digests'],
  ],
  coach: [
    ['/', 'Review queue'],
    ['/initiatives', 'Initiatives'],
    ['/summaries', 'Summaries'],
    ['/evidence-base', 'Evidence base'],
    ['/digests', 'Digests'],
    ['/audit', 'Audit trail'],
  ],
  admin: [
    ['/', 'Review queue'],
    ['/programme', 'Programme'],
    ['/admin/initiatives', 'Initiatives'],
    ['/admin/libraries', 'Libraries'],
    ['/admin/people', 'People'],
    ['/admin/outbox', 'Outbox'],
    ['/admin/strategy-tags', 'Strategy tags'],
    ['/summaries', 'Summaries'],
    ['/evidence-base', 'Evidence base'],
    ['/digests', 'Digests'],
    ['/audit', 'Audit trail'],
  ],
  subscriber: [
    ['/', 'Digests'],
    ['/summaries', 'Summaries'],
    ['/evidence-base', 'Evidence base'],
  ],
};

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Screen({ path }: { path: string }) {
  const me = useMe();
  for (const [pattern, render, roles] of ROUTES) {
    const params = match(pattern, path);
    if (!params) continue;
    if (roles && !roles.includes(me.role)) continue;
    return <>{render(params)}</>;
  }
  return (
    <Page title="Page not found">
      <p>
        There is no such page, or your account cannot open it. <Link to="/">Go to your start page</Link>.
      </p>
    </Page>
  );
}

/** The number of unread notifications, asked again on every page and whenever the inbox changes; null until known. */
function useUnread(path: string): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const changed = () => setChanges((n) => n + 1);
    window.addEventListener(INBOX_CHANGED, changed);
    return () => window.removeEventListener(INBOX_CHANGED, changed);
  }, []);
  useEffect(() => {
    let current = true;
    reviewLoop.inbox(1).then(
      (inbox) => current && setUnread(inbox.unread),
      () => current && setUnread(null),
    );
    return () => {
      current = false;
    };
  }, [path, changes]);
  return unread;
}

function Header({ path }: { path: string }) {
  const me = useMe();
  const { signOut } = useSession();
  const unread = useUnread(path);
  const current = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          R2C Tracker
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV[me.role].map(([to, label]) => (
              <li key={to}>
                <Link to={to} aria-current={current(to) ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {me.name}
            {!me.name.toLowerCase().includes(ROLE_NAMES[me.role].toLowerCase()) && <span className="role"> ({ROLE_NAMES[me.role]})</span>}
          </span>
          <Link to="/notifications" aria-current={current('/notifications') ? 'page' : undefined}>
            Notifications
            {unread ? (
              <span className="unread-count">
                {' '}
                {unread}
                <span className="visually-hidden"> unread</span>
              </span>
            ) : null}
          </Link>
          <Link to="/settings" aria-current={current('/settings') ? 'page' : undefined}>
            Settings
          </Link>
          <button type="button" className="button link on-dark" onClick={signOut}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}

function Shell() {
  const { session } = useSession();
  const path = usePath();
  const publicPage = PUBLIC_PAGES[path];
  if (publicPage) return <Fragment key={path}>{publicPage()}</Fragment>;
  if (!session) return <SignIn />;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <Header path={path} />
      <main id="main" tabIndex={-1}>
        <Screen key={path} path={path} />
      </main>
    </>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}
