import { accountApi } from '../../api/people';
import { Link } from '../../router';
import { Loading } from '../../ui/feedback';
import { NewPasswordFields } from './new-password';
import { usePasswordLink } from './password-link';
import { LinkRefused, PublicPage } from './public-page';

const ASK_AGAIN = (
  <>
    Reset links work once, for one hour. <Link to="/forgot-password">Ask for a new reset link</Link>: it comes by email within a few minutes.
  </>
);
const TITLE = 'Choose a new password';
const AFTER = 'Once it is saved you are signed in here, and signed out everywhere else.';

/** The page a password reset email links to: for which account, a new password, then signed in; every older session ends. */
export function ResetPassword() {
  const { token, checking, holder, refused, choose: reset } = usePasswordLink(accountApi.checkReset, accountApi.confirmReset);

  if (!token) return <LinkRefused title="This reset link is incomplete" reason="The address has no reset code in it." next={ASK_AGAIN} />;
  if (refused) return <LinkRefused title="This reset link cannot be used" reason={refused} next={ASK_AGAIN} />;
  if (checking)
    return (
      <PublicPage title={TITLE}>
        <Loading what="Checking your link" />
      </PublicPage>
    );

  return (
    <PublicPage title={TITLE} lead={holder ? `A new password for ${holder.email}. ${AFTER}` : AFTER}>
      <NewPasswordFields
        id="reset-password"
        submitLabel="Save the new password"
        busyLabel="Saving…"
        errorTitle="Your password was not changed"
        choose={reset}
      />
    </PublicPage>
  );
}
