import { useState } from 'react';
import { accountApi } from '../../api/people';
import { useSession } from '../../session';
import { Status } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { NewPasswordFields } from './new-password';

/** A change needs the current password; the answer's token keeps this session, every other one ends. */
export function ChangePassword() {
  const { adopt } = useSession();
  const [current, setCurrent] = useState('');
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);

  const change = async (password: string) => {
    setStatus('');
    const { accessToken } = await accountApi.changePassword(current, password);
    await adopt(accessToken);
    setCurrent('');
    setVersion((v) => v + 1);
    setStatus('Your password is changed. You stay signed in here; everywhere else you are signed out.');
  };

  return (
    <>
      <p>You stay signed in on this device; every other device where you are signed in is signed out.</p>
      <NewPasswordFields
        key={version}
        id="new-password"
        apiField="newPassword"
        submitLabel="Change password"
        busyLabel="Changing…"
        errorTitle="Your password was not changed"
        choose={change}
        before={(errorsFor) => (
          <TextField
            id="current-password"
            type="password"
            label="Current password"
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
            errors={errorsFor('currentPassword', 'Current password')}
          />
        )}
      />
      <Status>{status}</Status>
    </>
  );
}
