import { useEffect, useState } from 'react';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { linkRefusal } from './link-refusal';
import { tokenFromAddress } from './public-page';

/**
 * A page behind an emailed link that sets a password (an invitation, a reset). On opening it asks
 * the API who the link is for (`check`, which does not spend it), so a spent link is told at once,
 * before anything is typed. It answers the link's token, `checking` while the check runs, `holder`
 * (who the link is for; null when the check could not say), why the API refused the link if it did,
 * and `choose`, which spends the link and signs the person in. A link that lapses between the check
 * and the choice is refused on choosing, the same way.
 */
export function usePasswordLink<Holder>(
  check: (token: string) => Promise<Holder>,
  spend: (token: string, password: string) => Promise<{ accessToken: string }>,
) {
  const { adopt } = useSession();
  const [token] = useState(tokenFromAddress);
  const [checking, setChecking] = useState(token !== null);
  const [holder, setHolder] = useState<Holder | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    let open = true;
    check(token)
      .then(
        (found) => open && setHolder(found),
        // Any other failure (the network, too many checks) leaves the form without a greeting: choosing still tells.
        (error: unknown) => open && setRefused(linkRefusal(error)),
      )
      .finally(() => open && setChecking(false));
    return () => {
      open = false;
    };
  }, [token, check]);

  const choose = async (password: string) => {
    try {
      const { accessToken } = await spend(token!, password);
      await adopt(accessToken);
      navigate('/', { replace: true });
    } catch (error) {
      const reason = linkRefusal(error);
      if (!reason) throw error;
      setRefused(reason);
    }
  };

  return { token, checking, holder, refused, choose };
}
