import { useState } from 'react';
import { accountApi } from '../../api/people';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { linkRefusal } from './link-refusal';
import { NewPasswordFields } from './new-password';
import { LinkRefused, PublicPage, tokenFromAddress } from './public-page';

const ASK_AGAIN = 'Ask the programme team for a new invitation: they can send one from the People page, and the new email has a fresh link.';

/** The page an invitation email links to: choose a password, and be signed in with the account it made. */
export function AcceptInvitation() {
  const { adopt } = useSession();
  const [token] = useState(tokenFromAddress);
  const [refused, setRefused] = useState<string | null>(null);

  if (!token) return <LinkRefused title="This invitation link is incomplete" reason="The address has no invitation code in it." next={ASK_AGAIN} />;
  if (refused) return <LinkRefused title="This invitation cannot be used" reason={refused} next={ASK_AGAIN} />;

  const accept = async (password: string) => {
    try {
      const { accessToken } = await accountApi.acceptInvitation(token, password);
      await adopt(accessToken);
      navigate('/', { replace: true });
    } catch (error) {
      const reason = linkRefusal(error);
      if (!reason) throw error;
      setRefused(reason);
    }
  };

  return (
    <PublicPage
      title="Accept your invitation"
      lead="You were invited to R2C Tracker, where the coalition’s libraries plan and record their Reflect-to-Change cycles. Choose a password to finish your account; you are then signed in."
    >
      <NewPasswordFields
        id="invitation-password"
        label="Choose a password"
        submitLabel="Set password and sign in"
        busyLabel="Setting up your account…"
        errorTitle="Your account is not ready yet"
        choose={accept}
      />
    </PublicPage>
  );
}
