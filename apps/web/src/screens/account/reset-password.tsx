import { useState } from 'react';
import { accountApi } from '../../api/people';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { linkRefusal } from './link-refusal';
import { NewPasswordFields } from './new-password';
import { LinkRefused, PublicPage, tokenFromAddress } from './public-page';

const ASK_AGAIN = (
  <>
    Reset links work once, for one hour. <Link to="/forgot-password">Ask for a new reset link</Link>: it comes by email within a few minutes.
  </>
);

/** The page a password reset email links to: a new password, then signed in; every older session ends. */
export function ResetPassword() {
  const { adopt } = useSession();
  const [token] = useState(tokenFromAddress);
  const [refused, setRefused] = useState<string | null>(null);

  if (!token) return <LinkRefused title="This reset link is incomplete" reason="The address has no reset code in it." next={ASK_AGAIN} />;
  if (refused) return <LinkRefused title="This reset link cannot be used" reason={refused} next={ASK_AGAIN} />;

  const reset = async (password: string) => {
    try {
      const { accessToken } = await accountApi.confirmReset(token, password);
      await adopt(accessToken);
      navigate('/', { replace: true });
    } catch (error) {
      const reason = linkRefusal(error);
      if (!reason) throw error;
      setRefused(reason);
    }
  };

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
