import { useState } from 'react';
import { api } from '../../api/client';
import { peopleApi } from '../../api/people';
import { Page, Section } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { AddPerson } from './people/add-person';
import { ImportSubscribers } from './people/import-subscribers';
import { InviteForm } from './people/invite-form';
import { PeopleList } from './people/people-list';
import { PendingInvitations } from './people/pending-invitations';

/** Everyone with an account, the invitations not yet accepted, and the ways in: invitation, import, or a first password. */
export function PeopleAdmin() {
  const [invitationsOffset, setInvitationsOffset] = useState(0);
  const invitations = useLoad(() => peopleApi.invitations(invitationsOffset), [invitationsOffset]);
  // A new invitation is the newest: show the first page, where it is.
  const invited = () => (invitationsOffset === 0 ? void invitations.reload() : setInvitationsOffset(0));
  const initiatives = useLoad(() => api.initiatives(), []);
  const [version, setVersion] = useState(0);
  const accountsChanged = () => setVersion((v) => v + 1);
  const titles = initiatives.data?.items ?? [];

  return (
    <Page title="People">
      <Section title="Accounts" id="accounts">
        <PeopleList version={version} />
      </Section>
      <Section title="Invite someone" id="invite">
        <InviteForm initiatives={titles} onInvited={invited} />
      </Section>
      <Section title="Pending invitations" id="invitations">
        <PendingInvitations list={invitations} initiatives={titles} offset={invitationsOffset} onTurn={setInvitationsOffset} />
      </Section>
      <Section title="Import subscribers" id="import">
        <ImportSubscribers onImported={accountsChanged} />
      </Section>
      <Section title="Add a person yourself" id="add-person">
        <p>For someone who cannot receive the invitation email: give them the password in person or by phone.</p>
        <AddPerson onAdded={async () => accountsChanged()} />
      </Section>
    </Page>
  );
}
