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
  const invitations = useLoad(() => peopleApi.invitations(), []);
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
        <InviteForm initiatives={titles} onInvited={() => void invitations.reload()} />
      </Section>
      <Section title="Pending invitations" id="invitations">
        <PendingInvitations list={invitations} initiatives={titles} />
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
