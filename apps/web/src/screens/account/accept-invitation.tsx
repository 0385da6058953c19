import type { InvitationLinkCheck } from '@r2c/contracts';
import { accountApi } from '../../api/people';
import { roleName } from '../admin/people/role-change';
import { Loading } from '../../ui/feedback';
import { NewPasswordFields } from './new-password';
import { usePasswordLink } from './password-link';
import { LinkRefused, PublicPage } from './public-page';

const ASK_AGAIN = 'Ask the programme team for a new invitation: they can send one from the People page, and the new email has a fresh link.';
const TITLE = 'Accept your invitation';
const ABOUT = 'R2C Tracker is where the coalition’s libraries plan and record their Research to Change cycles.';

/** "You are invited as a coach, to join “Common Ground Nights” as its coach." */
function invitedAs({ role, initiativeTitle, memberRole }: InvitationLinkCheck): string {
  const joining = initiativeTitle && memberRole ? `, to join the initiative “${initiativeTitle}” as its ${memberRole}` : '';
  return `You are invited as ${roleName(role)}${joining}.`;
}

/** The page an invitation email links to: who it is for, then choose a password and be signed in with the account it made. */
export function AcceptInvitation() {
  const { token, checking, holder, refused, choose: accept } = usePasswordLink(accountApi.checkInvitation, accountApi.acceptInvitation);

  if (!token) return <LinkRefused title="This invitation link is incomplete" reason="The address has no invitation code in it." next={ASK_AGAIN} />;
  if (refused) return <LinkRefused title="This invitation cannot be used" reason={refused} next={ASK_AGAIN} />;
  if (checking)
    return (
      <PublicPage title={TITLE}>
        <Loading what="Checking your link" />
      </PublicPage>
    );

  return (
    <PublicPage
      title={TITLE}
      lead={
        holder
          ? `Welcome, ${holder.name} — choose a password for ${holder.email} to finish your account; you are then signed in.`
          : `You were invited to R2C Tracker. Choose a password to finish your account; you are then signed in.`
      }
    >
      <p>{holder ? `${invitedAs(holder)} ${ABOUT}` : ABOUT}</p>
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
