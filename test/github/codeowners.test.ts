/**
 * CODEOWNERS matching against the examples of GitHub's documentation ("About code owners",
 * the example CODEOWNERS file and what each line is said to match).
 */
import { describe, expect, it } from 'vitest';
import { ownersOf, parseCodeowners } from '../../src/github/codeowners.js';

// GitHub's example file, in its order (comments shortened), e-mail owners included.
const EXAMPLE = `# These owners will be the default owners for everything
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
`;

describe('CODEOWNERS', () => {
  const rules = parseCodeowners(EXAMPLE);
  it.each([
    ['README.md', ['global-owner1', 'global-owner2']],
    ['src/a/b.js', ['js-owner']],
    ['main.go', []], // an e-mail owner only: no GitHub login
    ['notes/todo.txt', ['octo-org/octocats']],
    ['build/logs/today.log', ['octocat']], // /build/logs/ matches, but **/logs comes later: the last match wins
    ['x/build/logs/today.log', ['octocat']], // not /build/logs at the root; **/logs matches
    ['docs/getting-started.md', ['doctocat']], // docs/* then /docs/: the last match wins
    ['docs/build-app/troubleshooting.md', ['doctocat']],
    ['web/apps/index.html', ['octocat']], // apps/ anywhere
    ['apps/main.ts', ['octocat']],
    ['apps/github/main.ts', []], // /apps/github has no owners
    ['scripts/deploy.sh', ['doctocat', 'octocat']],
    ['deeply/nested/logs/x.txt', ['octocat']],
  ])('%s is owned by %j', (path, owners) => {
    expect(ownersOf(rules, path)).toEqual(owners);
  });

  it('docs/* does not reach into nested folders by itself', () => {
    const only = parseCodeowners('docs/* @writer\n');
    expect([ownersOf(only, 'docs/a.md'), ownersOf(only, 'docs/sub/a.md'), ownersOf(only, 'x/docs/a.md')]).toEqual([['writer'], [], []]);
  });
});
