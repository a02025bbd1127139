/** Every operation of the contract and the handler that answers it. */
import { createCheckRun, listCheckRunsForRef, updateCheckRun } from './checks.js';
import { listCommits } from './commits.js';
import { createComment, listComments, updateComment } from './comments.js';
import { getPull, listPullFiles, listPullReviews, listPullsForCommit } from './pulls.js';
import { getContent, getRepo } from './repos.js';
import { downloadArtifact, getTeamMembership, listRunArtifacts } from './teams-artifacts.js';
import type { Handler } from './types.js';

export const HANDLERS: Record<string, Handler> = {
  'actions/download-artifact': downloadArtifact,
  'actions/list-workflow-run-artifacts': listRunArtifacts,
  'checks/create': createCheckRun,
  'checks/list-for-ref': listCheckRunsForRef,
  'checks/update': updateCheckRun,
  'issues/create-comment': createComment,
  'issues/list-comments': listComments,
  'issues/update-comment': updateComment,
  'pulls/get': getPull,
  'pulls/list-files': listPullFiles,
  'pulls/list-reviews': listPullReviews,
  'repos/get': getRepo,
  'repos/get-content': getContent,
  'repos/list-commits': listCommits,
  'repos/list-pull-requests-associated-with-commit': listPullsForCommit,
  'teams/get-membership-for-user-in-org': getTeamMembership,
};

/** Formats (Accept) each operation serves besides JSON; any other asked-for format is refused. */
export const FORMATS: Record<string, string[]> = {
  'repos/get-content': ['raw', 'object'],
};

export type { Answer, Handler, HandlerContext } from './types.js';
