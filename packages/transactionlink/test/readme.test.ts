/** The README's authMiddleware() example runs as a user's project would, against the built packages and a real sandbox. */
import { runReadmeExample } from '@tokens/testkit';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('runs the authMiddleware() example: the call, then one refresh and one repeat after the sandbox revoked the access token', async () => {
  const stdout = await runReadmeExample({
    packageDir: fileURLToPath(new URL('..', import.meta.url)),
    marker: 'tl.authMiddleware()',
    imports: ['@tokens/sandbox', 'openapi-fetch'],
  });
  expect(stdout).toBe("200 { recordId: 'r-1' }\n200 2\n");
});
