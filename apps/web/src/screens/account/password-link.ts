import { useState } from 'react';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { linkRefusal } from './link-refusal';
import { tokenFromAddress } from './public-page';

/**
 * A page behind an emailed link that sets a password (an invitation, a reset): the link's token, why
 * the API refused the link if it did, and `choose`, which spends the link and signs the person in.
 */
export function usePasswordLink(spend: (token: string, password: string) => Promise<{ accessToken: string }>) {
  const { adopt } = useSession();
  const [token] = useState(tokenFromAddress);
  const [refused, setRefused] = useState<string | null>(null);

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

  return { token, refused, choose };
}
