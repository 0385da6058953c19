import { accountApi } from '../../api/people';
import { NewPasswordFields } from './new-password';
import { usePasswordLink } from './password-link';
import { LinkRefused, PublicPage } from './public-page';

const ASK_AGAIN = 'Ask the programme team for a new invitation: they can send one from the People page, and the new email has a fresh link.';

/** The page an invitation email links to: choose a password, and be signed in with the account it made. */
export function AcceptInvitation() {
  const { token, refused, choose: accept } = usePasswordLink(accountApi.acceptInvitation);

  if (!token) return <LinkRefused title="This invitation link is incomplete" reason="The address has no invitation code in it." next={ASK_AGAIN} />;
  if (refused) return <LinkRefused title="This invitation cannot be used" reason={refused} next={ASK_AGAIN} />;

  return (
    <PublicPage
      title="Accept your invitation"
      lead="You were invited to R2C Tracker, where the coalition’s libraries plan and record their Research to Change cycles. Choose a password to finish your account; you are then signed in."
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
