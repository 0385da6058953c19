import { useState } from 'react';
import { ApiError } from '../../api/client';
import { accountApi } from '../../api/people';
import { Link } from '../../router';
import { ErrorSummary } from '../../ui/feedback';
import { useAction } from '../../ui/use-action';
import { LinkRefused, PublicPage, tokenFromAddress } from './public-page';

const SIGN_UP_AGAIN = (
  <>
    Confirmation links work once, for 7 days. <Link to="/subscribe">Sign up again</Link> to get a fresh link.
  </>
);

/**
 * The page a sign-up confirmation links to. The person presses the button, so a mail scanner that
 * only opens links never subscribes anyone.
 */
export function ConfirmSubscription() {
  const [token] = useState(tokenFromAddress);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const { error, busy, run } = useAction();

  if (!token) return <LinkRefused title="This confirmation link is incomplete" reason="The address has no confirmation code in it." next={SIGN_UP_AGAIN} />;
  if (refused) return <LinkRefused title="This confirmation link cannot be used" reason={refused} next={SIGN_UP_AGAIN} />;
  if (confirmed)
    return (
      <PublicPage title="You are subscribed">
        <p className="status" role="status">
          {confirmed} will receive the coalition digest from the next one on. Every digest has a link to choose how often it comes, or to stop it.
        </p>
      </PublicPage>
    );

  const confirm = () =>
    run(async () => {
      try {
        setConfirmed((await accountApi.confirmSubscription(token)).email);
      } catch (error) {
        // The confirmation is refused only for its link (used, expired or not valid), always with a 400 saying which.
        if (error instanceof ApiError && error.status === 400) return setRefused(error.message);
        throw error;
      }
    });

  return (
    <PublicPage title="Confirm your subscription" lead="One step left: confirm that you want the coalition digest by email.">
      <ErrorSummary error={error} title="Your subscription is not confirmed yet" />
      <button type="button" className="button" disabled={busy} onClick={() => void confirm()}>
        {busy ? 'Confirming…' : 'Confirm my subscription'}
      </button>
    </PublicPage>
  );
}
