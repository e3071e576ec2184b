import serverGlobalSetup from '../../../server/test/global-setup';
import weappGlobalSetup from '../weapp/global-setup';

/**
 * The weapp journeys run the real weapp build against a real server: build dist/weapp once if it
 * is missing (CI builds it before the tests), and prepare the database template the server tests use.
 */
export default async function globalSetup(): Promise<void> {
  await weappGlobalSetup();
  await serverGlobalSetup();
}
