import { useCallback, useEffect, useState } from 'react';
import type { MeResponse, MyButlerResponse } from '@qsgj/shared/contracts';
import { meApi } from '../../services/me.api';

/** 我的: the profile, and the assigned butler once the enterprise binding is approved. */
export function useMe(signedIn: boolean) {
  const [me, setMe] = useState<MeResponse>();
  const [butler, setButler] = useState<MyButlerResponse>();
  const [butlerError, setButlerError] = useState<Error | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(signedIn);

  const reload = useCallback(async () => {
    if (!signedIn) return;
    setLoading(true);
    setError(null);
    try {
      const profile = await meApi.get();
      setMe(profile);
      if (profile.role === 'enterprise' && profile.membership?.status === 'approved') {
        meApi.butler().then(
          (b) => {
            setButler(b);
            setButlerError(null);
          },
          (e: Error) => {
            setButler(undefined);
            setButlerError(e);
          },
        );
      }
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [signedIn]);

  useEffect(() => {
    if (!signedIn) {
      setMe(undefined);
      setButler(undefined);
    }
  }, [signedIn]);

  return { me, butler, butlerError, loading, error, reload };
}
