// Rewritten from RealityBending/TemplateOnlineExperiment, .netlify/functions/api.js @
// 019e71f389cf885208b69b275e1c6967945faff6. Changed: octokit.repos.createOrUpdateFileContents →
// octokit.rest.repos.createOrUpdateFileContents (@octokit/rest 22 keeps the endpoint methods under .rest); the author
// e-mail → an environment variable; a module-level Octokit made once and a module-level `users.getAuthenticated()`
// check were added below the original handler's own client (marked). @octokit/rest 22.0.1: new Octokit() only
// builds the request function; requests go through the global fetch (undici's keep-alive pool).
const { Octokit } = require('@octokit/rest');

// Commit info
const REPO_NAME = 'TemplateOnlineExperiment';
const REPO_OWNER = 'RealityBending';
const AUTHOR_EMAIL = process.env.AUTHOR_EMAIL || 'author@example.test';

// Added: a shared client and a token check at init.
const shared = new Octokit({ auth: process.env.GH_TOKEN, baseUrl: process.env.GITHUB_API_URL || 'http://github.internal' }); // expect: none (no request yet)
const whoami = shared.rest.users.getAuthenticated().catch(() => undefined); // expect: SR107 (a request started at init through the global fetch: its keep-alive socket is pooled at the snapshot)

exports.handler = async (event, context) => {
  // content should be a dictionary with two attributes: 'path' and 'data'
  const content = JSON.parse(event.body);
  console.log(content);
  // authenticating with Octokit
  const octokit = new Octokit({ // expect: none (made in the handler)
    auth: process.env.GH_TOKEN,
    baseUrl: process.env.GITHUB_API_URL || 'http://github.internal',
  });

  // send request to update file content
  const response = await octokit.rest.repos.createOrUpdateFileContents({ // expect: none (in the handler)
    owner: REPO_OWNER,
    repo: REPO_NAME,
    content: Buffer.from(content.data).toString('base64'),
    message: `Saving ${content.path}`,
    path: content.path,
    committer: { name: 'REBEL', email: AUTHOR_EMAIL },
    author: { name: 'REBEL', email: AUTHOR_EMAIL },
  });
  const me = await whoami;
  if (response.status == 200 || response.status == 201) {
    return { statusCode: 200, body: JSON.stringify({ result: 'File updated.', by: me && me.data.login }) };
  }
  return { statusCode: response.status, body: JSON.stringify({ result: 'Unable to update file.' }) };
};
