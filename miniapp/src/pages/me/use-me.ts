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
      setMe(await meApi.get());
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [signedIn]);

  // The butler card fills in after 我的 has rendered: the first render needs only the profile.
  const approved = me?.role === 'enterprise' && me.membership?.status === 'approved';
  useEffect(() => {
    if (!approved) return;
    const timer = setTimeout(() => {
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
    }, 0);
    return () => clearTimeout(timer);
  }, [approved, me?.id]);

  useEffect(() => {
    if (!signedIn) {
      setMe(undefined);
      setButler(undefined);
    }
  }, [signedIn]);

  return { me, butler, butlerError, loading, error, reload };
}
