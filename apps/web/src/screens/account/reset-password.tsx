import { accountApi } from '../../api/people';
import { Link } from '../../router';
import { NewPasswordFields } from './new-password';
import { usePasswordLink } from './password-link';
import { LinkRefused, PublicPage } from './public-page';

const ASK_AGAIN = (
  <>
    Reset links work once, for one hour. <Link to="/forgot-password">Ask for a new reset link</Link>: it comes by email within a few minutes.
  </>
);

/** The page a password reset email links to: a new password, then signed in; every older session ends. */
export function ResetPassword() {
  const { token, refused, choose: reset } = usePasswordLink(accountApi.confirmReset);

  if (!token) return <LinkRefused title="This reset link is incomplete" reason="The address has no reset code in it." next={ASK_AGAIN} />;
  if (refused) return <LinkRefused title="This reset link cannot be used" reason={refused} next={ASK_AGAIN} />;

  return (
    <PublicPage title="Choose a new password" lead="Once it is saved you are signed in here, and signed out everywhere else.">
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
