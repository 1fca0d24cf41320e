/** The Worker workerd runs: the sandbox's config comes as the request body, the results go back as JSON. */
import { runChecks, type SandboxConfig } from './checks.ts';

export default {
  async fetch(request: Request): Promise<Response> {
    const config = (await request.json()) as SandboxConfig;
    return Response.json(await runChecks(config));
  },
};
